mod commands;

use anyhow::{Result, anyhow};
use commands::failure::{Failure, usage};
use qkv_tutor::app::App;
use qkv_tutor::cli::{Cli, Command};
use qkv_tutor::progress;
use qkv_tutor::runner::Runner;
use qkv_tutor::screen::{Status, StatusKind};
use qkv_tutor::settings;
use qkv_tutor::terminal;
use qkv_tutor::theme::Theme;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse_checked();
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // Not eprintln!: after a hangup stderr is gone, and eprintln! would panic.
            let message = qkv_tutor::sanitize::escape(&format!("{error:#}"));
            let _ = writeln!(std::io::stderr(), "qkv-tutor: {message}");
            ExitCode::from(Failure::of(&error).status())
        }
    }
}

fn run(cli: &Cli) -> Result<()> {
    match &cli.command {
        Some(Command::Walk(args)) => {
            write_stdout(&commands::walk(&cli.scenario, args, cli.lesson.as_deref())?).map(drop)
        }
        Some(Command::Check { file, lesson }) => {
            write_stdout(&commands::check(file.as_deref(), lesson.as_deref())?).map(drop)
        }
        Some(Command::Progress(args)) => {
            let lesson = commands::load_lesson(cli.lesson.as_deref())?;
            let dir = progress::data_dir(cli.data_dir.as_deref())
                .ok_or_else(|| Failure::Usage.mark(anyhow!("no data folder: set --data-dir or HOME")))?;
            write_stdout(&commands::progress(args, &dir, &lesson, now())?).map(drop)
        }
        Some(Command::Notes { once }) => follow_notes(*once),
        Some(Command::Serve(args)) => match commands::serve::run(cli, args)? {
            0 => Ok(()),
            status => std::process::exit(i32::from(status)),
        },
        Some(Command::Completions { shell }) => write_stdout(&commands::completions(*shell)).map(drop),
        Some(Command::Man) => write_stdout(&commands::man()?).map(drop),
        None => interactive(cli),
    }
}

fn interactive(cli: &Cli) -> Result<()> {
    use std::io::IsTerminal;
    let scenario = commands::load_scenario(&cli.scenario)?;
    let lesson = commands::load_lesson(cli.lesson.as_deref())?;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        usage!("the interactive tutor needs a terminal; for plain text run `qkv-tutor walk`");
    }
    let (theme, settings_notices) = theme(cli);
    let now = now();
    let mut app = App::new(scenario, lesson, theme)?.with_time(now, now).with_drill_minutes(cli.minutes);
    let data_dir = progress::data_dir(cli.data_dir.as_deref());
    let handout_dir = std::env::current_dir().ok();
    let config_dir = settings::config_dir(cli.config_dir.as_deref());
    let runner =
        Runner { data_dir: data_dir.clone(), config_dir, handout_dir, publish_notes: true, ..Runner::default() };
    if cli.present {
        let effects = app.start_presenting();
        runner.settle(&mut app, effects);
    }
    let mut opened = None;
    let status = terminal::run_then(&mut app, &runner, |app| {
        let mut notices = settings_notices;
        notices.extend(move_old_settings(cli));
        let lock = open_progress(app, data_dir.as_deref(), notices);
        opened = Some((lock, app.progress().clone()));
    });
    let (lock, loaded) = opened.unwrap_or_default();
    let lost = final_save(&mut app, &runner, &loaded);
    if app.present().is_some() {
        let _ = runner.perform(qkv_tutor::effect::Effect::PublishNotes(Box::default()));
    }
    qkv_tutor::notes::withdraw();
    drop(lock);
    quit(status?, lost, runner.data_dir.as_deref());
    Ok(())
}

/// Says on stderr what the screen said and is now gone (unsaved progress, a read-only
/// run), and exits 1 when progress was lost.
fn quit(status: u8, lost: Option<String>, data_dir: Option<&std::path::Path>) {
    if let (None, Some(reason)) = (&lost, data_dir.and_then(progress::saving_disabled)) {
        let _ = writeln!(std::io::stderr(), "qkv-tutor: read-only: {}", qkv_tutor::sanitize::escape(&reason));
    }
    if let Some(lost) = lost {
        let _ = writeln!(std::io::stderr(), "qkv-tutor: {}", qkv_tutor::sanitize::escape(&lost));
        std::process::exit(if status == 0 { 1 } else { i32::from(status) });
    }
    if status != 0 {
        std::process::exit(i32::from(status));
    }
}

fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// One more try at progress not yet on disk; what was lost, and why, when that fails too.
fn final_save(app: &mut App, runner: &Runner, loaded: &progress::Progress) -> Option<String> {
    let save = app.pending_save()?;
    let reason = match (&runner.data_dir, runner.perform(save)) {
        (None, _) => "there is no data folder (set --data-dir or HOME)".to_string(),
        (Some(_), Some(qkv_tutor::effect::Done::ProgressSaved(Err(error)))) => error.to_string(),
        (Some(_), _) => return None,
    };
    let progress = app.progress();
    let answered = progress.cards.iter().filter(|(id, card)| loaded.cards.get(*id) != Some(card)).count();
    let drills = progress.drills.len().saturating_sub(loaded.drills.len());
    Some(format!("this session's progress was NOT saved ({answered} questions changed, {drills} drills): {reason}"))
}

/// Follows the presenter's notes file, reprinting whenever it changes; waits when there is
/// no presenter (yet, or any more), and ends when its reader does (`notes | head -1`).
fn follow_notes(once: bool) -> Result<()> {
    use std::io::IsTerminal;
    let clear = std::io::stdout().is_terminal();
    let mut shown = String::new();
    loop {
        let state = qkv_tutor::notes::current();
        let text = qkv_tutor::notes::render_state(&state);
        // On a terminal the notes wrap at spaces to its width (read each time: it may change).
        let text = match ratatui::crossterm::terminal::size() {
            Ok((columns, _)) if clear => qkv_tutor::notes::wrap(&text, usize::from(columns)),
            _ => text,
        };
        if text != shown {
            if !write_stdout(&format!("{}{text}", if clear { "\u{1b}[2J\u{1b}[H" } else { "" }))? {
                return Ok(());
            }
            shown = text;
        }
        if once && !matches!(state, qkv_tutor::notes::Presenter::Live(_)) {
            return Err(anyhow!("there are no notes to show: no presenter is live"));
        }
        if once || qkv_tutor::pipe::stdout_closed_within(std::time::Duration::from_millis(200)) {
            return Ok(());
        }
    }
}

/// `--theme` wins (and is remembered), then the saved setting; NO_COLOR forces monochrome.
/// Settings an older version left in the data folder are read where they are for the first
/// frame and moved after it ([`move_old_settings`]); with `--theme` they are moved first, so
/// the new choice replaces them. What went wrong is returned to be said.
fn theme(cli: &Cli) -> (Theme, Vec<String>) {
    let dir = settings::config_dir(cli.config_dir.as_deref());
    let mut notices = Vec::new();
    if let (Some(palette), Some(dir)) = (cli.theme, dir.as_deref()) {
        notices.extend(move_old_settings(cli));
        if let Err(error) = settings::save(dir, &settings::Settings { theme: palette }) {
            notices.push(format!("the theme was not remembered: {error}"));
        }
    }
    let saved = match dir.as_deref().map(settings::load) {
        Some(Ok(None)) => progress::data_dir(cli.data_dir.as_deref())
            .and_then(|data| settings::load(&data).ok().flatten())
            .map(|s| s.theme),
        Some(Ok(saved)) => saved.map(|s| s.theme),
        Some(Err(error)) => {
            if cli.theme.is_none() {
                notices.push(error.to_string());
            }
            None
        }
        None => None,
    };
    (Theme::resolve(cli.theme.or(saved), cli.ascii || !Theme::locale_is_utf8()), notices)
}

/// Moves settings left in the data folder by an older version to the configuration folder;
/// what happened, to be said. Nothing at all when there is nothing to move.
fn move_old_settings(cli: &Cli) -> Option<String> {
    let data = progress::data_dir(cli.data_dir.as_deref())?;
    let config = settings::config_dir(cli.config_dir.as_deref())?;
    settings::migrate(&data, &config).map(|migration| migration.to_string())
}

/// Takes the data folder's lock and loads saved progress; whatever had to be repaired, and
/// whether this tutor saves at all, is said in the status line. Returns the lock held for
/// this run.
fn open_progress(app: &mut App, dir: Option<&std::path::Path>, mut notices: Vec<String>) -> Option<progress::DataLock> {
    let Some(dir) = dir else {
        notices.insert(0, "no data folder (set --data-dir or HOME): progress will not be saved".into());
        app.notify(Status::new(StatusKind::Error, notices.join("; ")));
        return None;
    };
    let lock = match progress::lock(dir) {
        Ok(lock) => Some(lock),
        Err(error) => {
            let reason = error.read_only_reason();
            progress::disable_saving(dir, &reason);
            app.set_read_only();
            notices.push(reason);
            None
        }
    };
    if lock.is_some() {
        qkv_tutor::atomic::clean_stale_temps(dir);
    }
    let report = progress::load(dir);
    app.load_progress(report.progress);
    notices.extend(report.notices);
    if !notices.is_empty() {
        let kind = if progress::saving_disabled(dir).is_some() { StatusKind::Error } else { StatusKind::Info };
        app.notify(Status::new(kind, notices.join("; ")));
    }
    lock
}

/// Writes to stdout, treating a closed pipe (`| head`) as a normal end, not an error;
/// false when the reader has gone.
fn write_stdout(text: &str) -> Result<bool> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
        Err(e) => Err(e.into()),
        Ok(()) => Ok(true),
    }
}
