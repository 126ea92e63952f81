mod commands;

use anyhow::{Result, anyhow, bail};
use clap::Parser;
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
    let cli = Cli::parse();
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // Not eprintln!: after a hangup stderr is gone, and eprintln! would panic.
            let message = qkv_tutor::sanitize::escape(&format!("{error:#}"));
            let _ = writeln!(std::io::stderr(), "qkv-tutor: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: &Cli) -> Result<()> {
    match &cli.command {
        Some(Command::Walk(args)) => {
            let lesson = commands::load_lesson(cli.lesson.as_deref())?;
            write_stdout(&commands::walk(&cli.scenario, args, &lesson)?)
        }
        Some(Command::Check { file, lesson }) => write_stdout(&commands::check(file.as_deref(), lesson.as_deref())?),
        Some(Command::Progress(args)) => {
            let lesson = commands::load_lesson(cli.lesson.as_deref())?;
            let dir = progress::data_dir(cli.data_dir.as_deref())
                .ok_or_else(|| anyhow!("no data folder: set --data-dir or HOME"))?;
            write_stdout(&commands::progress(args, &dir, &lesson, now())?)
        }
        Some(Command::Notes { once }) => follow_notes(*once),
        None => interactive(cli),
    }
}

fn interactive(cli: &Cli) -> Result<()> {
    use std::io::IsTerminal;
    let scenario = commands::load_scenario(&cli.scenario)?;
    let lesson = commands::load_lesson(cli.lesson.as_deref())?;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!("the interactive tutor needs a terminal; for plain text run `qkv-tutor walk`");
    }
    let now = now();
    let mut app = App::new(scenario, lesson, theme(cli))?.with_time(now, now).with_drill_minutes(cli.minutes);
    let data_dir = open_progress(&mut app, cli);
    let handout_dir = std::env::current_dir().ok();
    let runner = Runner { data_dir, handout_dir, publish_notes: true };
    if cli.present {
        let effect = app.start_presenting();
        runner.settle(&mut app, vec![effect]);
    }
    let status = terminal::run(&mut app, &runner);
    let last_save = app.pending_save().into_iter().collect();
    runner.settle(&mut app, last_save);
    if app.present().is_some() {
        let _ = runner.perform(qkv_tutor::effect::Effect::PublishNotes(Box::default()));
    }
    let status = status?;
    if status != 0 {
        std::process::exit(i32::from(status));
    }
    Ok(())
}

fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// Follows the presenter's notes file, reprinting whenever it changes; waits when there is
/// no presenter (yet, or any more). Ctrl-C ends it.
fn follow_notes(once: bool) -> Result<()> {
    use std::io::IsTerminal;
    let clear = std::io::stdout().is_terminal();
    let mut shown = String::new();
    loop {
        let text = qkv_tutor::notes::render(qkv_tutor::notes::read().as_ref());
        if text != shown {
            write_stdout(&format!("{}{text}", if clear { "\u{1b}[2J\u{1b}[H" } else { "" }))?;
            shown = text;
        }
        if once {
            return Ok(());
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
}

/// `--theme` wins (and is remembered), then the saved setting; NO_COLOR forces monochrome.
fn theme(cli: &Cli) -> Theme {
    let dir = progress::data_dir(cli.data_dir.as_deref());
    if let (Some(palette), Some(dir)) = (cli.theme, dir.as_deref()) {
        let _ = settings::save(dir, &settings::Settings { theme: palette });
    }
    let saved = dir.as_deref().and_then(settings::load).map(|s| s.theme);
    Theme::resolve(cli.theme.or(saved), cli.ascii || !Theme::locale_is_utf8())
}

/// Loads saved progress and returns where it is kept; whatever had to be repaired is said in
/// the status line.
fn open_progress(app: &mut App, cli: &Cli) -> Option<std::path::PathBuf> {
    let Some(dir) = progress::data_dir(cli.data_dir.as_deref()) else {
        app.notify(Status::new(
            StatusKind::Error,
            "no data folder (set --data-dir or HOME): progress will not be saved",
        ));
        return None;
    };
    let report = progress::load(&dir);
    app.load_progress(report.progress);
    if !report.notices.is_empty() {
        app.notify(Status::new(StatusKind::Info, report.notices.join("; ")));
    }
    Some(dir)
}

/// Writes to stdout, treating a closed pipe (`| head`) as a normal end, not an error.
fn write_stdout(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}
