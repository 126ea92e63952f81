mod commands;

use anyhow::{Result, anyhow, bail};
use clap::Parser;
use qkv_tutor::app::{App, Clock, StatusKind};
use qkv_tutor::cli::{Cli, Command};
use qkv_tutor::progress;
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
            write_stdout(&commands::progress(args, &dir, &lesson, Clock::System.now())?)
        }
        Some(Command::Notes { once }) => follow_notes(*once),
        Some(Command::Serve(args)) => match commands::serve::run(cli, args)? {
            0 => Ok(()),
            status => std::process::exit(i32::from(status)),
        },
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
    let mut app = App::new(scenario, lesson, theme(cli))?;
    app.clock = Clock::System;
    app.seed = app.now();
    app.quiz.drill_minutes = cli.minutes;
    open_progress(&mut app, cli);
    app.publish_notes = true;
    if cli.present {
        app.present = Some(false);
        app.publish_notes();
    }
    let status = terminal::run(&mut app);
    app.save_if_unsaved();
    if app.present.take().is_some() {
        app.publish_notes();
    }
    let status = status?;
    if status != 0 {
        std::process::exit(i32::from(status));
    }
    Ok(())
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

/// Loads saved progress; whatever had to be repaired is said in the status line.
fn open_progress(app: &mut App, cli: &Cli) {
    let Some(dir) = progress::data_dir(cli.data_dir.as_deref()) else {
        app.status =
            Some(status_line(StatusKind::Error, "no data folder (set --data-dir or HOME): progress will not be saved"));
        return;
    };
    let report = progress::load(&dir);
    app.progress = report.progress;
    app.data_dir = Some(dir);
    if !report.notices.is_empty() {
        app.status = Some(status_line(StatusKind::Info, &report.notices.join("; ")));
    }
}

fn status_line(kind: StatusKind, text: &str) -> qkv_tutor::app::Status {
    qkv_tutor::app::Status { text: qkv_tutor::sanitize::strip(text), kind }
}

/// Writes to stdout, treating a closed pipe (`| head`) as a normal end, not an error.
fn write_stdout(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}
