//! `qkv-tutor serve`: from the command line to a running server, and what the teacher reads.

use super::failure::Failure;
use anyhow::{Result, anyhow};
use qkv_tutor::cli::{Cli, ServeArgs};
use qkv_tutor::serve::{self, Access, Limits, Options, Server, hostkey};
use russh::keys::PublicKey;
use russh::keys::ssh_key::AuthorizedKeys;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

/// Runs the server until a signal; returns the exit status (1 when it could not listen).
pub fn run(cli: &Cli, args: &ServeArgs) -> Result<u8> {
    // --scenario, --scale and --causal are refused before this (see `Cli::parse_checked`).
    let lesson = Arc::new(super::load_lesson(cli.lesson.as_deref())?);
    let data_dir = qkv_tutor::progress::data_dir(cli.data_dir.as_deref())
        .ok_or_else(|| Failure::Usage.mark(anyhow!("no data folder for the host key: set --data-dir or HOME")))?;
    let (host_key, created) = hostkey::load_or_create(&data_dir)?;
    let authorized_keys = match &args.authorized_keys {
        Some(path) => read_authorized_keys(path)?,
        None => Vec::new(),
    };
    let access = access(args, !authorized_keys.is_empty())?;
    let limits = Limits { idle: Duration::from_secs(args.idle_timeout), ..Limits::default() };
    let options = Options {
        listen: args.listen,
        access: access.clone(),
        authorized_keys,
        max_sessions: usize::from(args.max_sessions),
        keep_progress: args.keep_progress.clone(),
        host_key,
        lesson,
        limits,
        classroom: None,
        log_file: None,
    };
    let key_path = hostkey::path(&data_dir);
    let result = if args.class {
        class(cli, options, &access, &key_path, created, &data_dir)?
    } else {
        serve::run(options, |server| {
            banner(server, &access, &key_path, created, None);
        })
    };
    match result {
        Ok(status) => Ok(status),
        Err(error @ (serve::ServeError::Listen { .. } | serve::ServeError::Io(_))) => {
            let _ = writeln!(std::io::stderr(), "qkv-tutor: {}", qkv_tutor::sanitize::escape(&error.to_string()));
            Ok(1)
        }
        Err(error) => Err(error.into()),
    }
}

/// Class mode: the server in the background, the projector in this terminal; at the end,
/// the class report in the data folder.
fn class(
    cli: &Cli,
    mut options: Options,
    access: &Access,
    key_path: &Path,
    created: bool,
    data_dir: &Path,
) -> Result<Result<u8, serve::ServeError>> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Failure::Usage.mark(anyhow!("serve --class shows the projector in this terminal, so it needs one")));
    }
    let room = Arc::new(qkv_tutor::class::Classroom::default());
    options.classroom = Some(Arc::clone(&room));
    let log_path = data_dir.join("class.log");
    options.log_file = Some(log_path.clone());
    let lesson = Arc::clone(&options.lesson);
    let theme = qkv_tutor::theme::Theme::resolve(cli.theme, cli.ascii || !qkv_tutor::theme::Theme::locale_is_utf8());
    let ready = |server: &Server| {
        banner(server, access, key_path, created, Some(&log_path));
        join_line(server, access)
    };
    let report_room = Arc::clone(&room);
    let projector = move |join: String| -> u8 {
        let runner = qkv_tutor::runner::Runner {
            handout_dir: std::env::current_dir().ok(),
            publish_notes: true,
            classroom: Some(room),
            ..qkv_tutor::runner::Runner::default()
        };
        let Ok(app) = qkv_tutor::app::App::new(qkv_tutor::scenario::Scenario::lesson(), lesson, theme) else {
            return 1;
        };
        let mut app = app.with_class(join);
        let effects = app.start_presenting();
        runner.settle(&mut app, effects);
        let status = qkv_tutor::terminal::run(&mut app, &runner);
        // Before the server stops: then every student leaves, and the report would count
        // them all as having left before the end.
        write_report(&report_room, data_dir);
        let _ = runner.perform(qkv_tutor::effect::Effect::PublishNotes(Box::default()));
        // Ctrl-C is a key in raw mode: the projector ends as interrupted, as `serve` does.
        if app.class_interrupted() { 130 } else { status.unwrap_or(1) }
    };
    Ok(serve::run_class(options, ready, projector))
}

/// The class report, named by the time the class ended; its path goes to stdout.
fn write_report(room: &qkv_tutor::class::Classroom, data_dir: &Path) {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let path = data_dir.join(format!("class-report-{now}.md"));
    let shown = qkv_tutor::sanitize::escape(&path.display().to_string());
    match qkv_tutor::atomic::write_private(&path, room.report(false).as_bytes()) {
        Ok(()) => println!("class report: {shown}"),
        Err(e) => eprintln!("qkv-tutor: cannot write the class report {shown}: {e}"),
    }
}

/// The line students type, with the class code when there is one, for the projector.
fn join_line(server: &Server, access: &Access) -> String {
    let addr = server.local_addr();
    let host = if addr.ip().is_unspecified() { "THIS-COMPUTER".to_owned() } else { addr.ip().to_string() };
    let line = format!("ssh -p {} student@{host}", addr.port());
    let line = match access {
        Access::Code(code) => format!("{line} · class code {code}"),
        _ => line,
    };
    format!("{line} · host key {}", server.fingerprint())
}

fn access(args: &ServeArgs, have_keys: bool) -> Result<Access> {
    if args.open {
        return Ok(Access::Open);
    }
    match &args.code {
        Some(code) if !code_fits(code) => {
            Err(Failure::Usage
                .mark(anyhow!("--code must be 4 to 128 printable characters, at least 4 of them visible")))
        }
        Some(code) => Ok(Access::Code(code.clone())),
        None if have_keys => Ok(Access::KeysOnly),
        None => Ok(Access::Code(random_code()?)),
    }
}

/// A class code a student can read off the board: printable, at most 128 characters, at
/// least 4 of them visible (a code of spaces or one letter is no lock at all).
fn code_fits(code: &str) -> bool {
    let visible = code.chars().filter(|c| !c.is_whitespace()).count();
    visible >= 4 && code.len() <= 128 && !code.chars().any(char::is_control)
}

/// Eight digits, easy to read out and to type: `4821-0937`.
fn random_code() -> Result<String> {
    let mut bytes = [0u8; 4];
    getrandom::fill(&mut bytes).map_err(|e| anyhow!("no randomness for a class code: {e}"))?;
    let n = u32::from_le_bytes(bytes) % 100_000_000;
    Ok(format!("{:04}-{:04}", n / 10_000, n % 10_000))
}

/// The most an authorized keys file may hold: thousands of keys, never a whole disk.
pub const MAX_AUTHORIZED_KEYS_BYTES: u64 = 1024 * 1024;

fn read_authorized_keys(path: &Path) -> Result<Vec<PublicKey>> {
    let shown = qkv_tutor::sanitize::escape(&path.display().to_string());
    let refuse = |reason: &dyn std::fmt::Display| Failure::BadInput.mark(anyhow!("cannot read {shown}: {reason}"));
    let bytes = qkv_tutor::fsread::read(path, MAX_AUTHORIZED_KEYS_BYTES).map_err(|e| refuse(&e))?;
    let text = std::str::from_utf8(&bytes).map_err(|_| refuse(&"not a list of keys: it is not UTF-8 text"))?;
    let mut keys = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match AuthorizedKeys::new(line).next() {
            Some(Ok(entry)) => keys.push(entry.public_key().clone()),
            Some(Err(e)) => {
                return Err(Failure::BadInput.mark(anyhow!("{shown}, line {}: not a public key ({e})", n + 1)));
            }
            None => {}
        }
    }
    if keys.is_empty() {
        return Err(Failure::BadInput.mark(anyhow!("{shown} lists no public keys")));
    }
    Ok(keys)
}

/// What the teacher needs, on stdout: where, the fingerprint, the code and the student's command.
/// In class mode (`log` is the class log) it says the projector is this terminal.
fn banner(server: &Server, access: &Access, key_path: &Path, created: bool, log: Option<&Path>) {
    let addr = server.local_addr();
    let host = match addr.ip() {
        ip if ip.is_unspecified() => "THIS-COMPUTER".to_owned(),
        ip if ip.is_ipv6() => format!("[{ip}]"),
        ip => ip.to_string(),
    };
    let key = qkv_tutor::sanitize::escape(&key_path.display().to_string());
    let made = if created { "new, " } else { "" };
    let mut lines = vec![
        format!("qkv-tutor serve: listening on {addr}"),
        format!("host key: {} ({made}{key})", server.fingerprint()),
    ];
    match access {
        Access::Code(code) => lines.push(format!("class code: {code}")),
        Access::KeysOnly => lines.push("login: authorized keys only".to_owned()),
        Access::Open => {}
    }
    lines.push(format!("students type: ssh -p {} student@{host}", addr.port()));
    if addr.ip().is_unspecified() {
        lines.push("  (THIS-COMPUTER: this computer's address on the class network)".to_owned());
    } else if addr.ip().is_loopback() {
        lines.push("  (127.0.0.1 lets in this computer only; --listen 0.0.0.0:PORT lets the class in)".to_owned());
    }
    match log {
        Some(log) => {
            let log = qkv_tutor::sanitize::escape(&log.display().to_string());
            lines.push(
                "class mode: this terminal becomes the projector; each slide's question goes to every student."
                    .to_owned(),
            );
            lines.push(format!("class log: {log} (joins, leaves, refusals, lockouts)"));
            lines.push("Ctrl-C ends the class and writes the class report to the data folder.".to_owned());
        }
        None => {
            lines.push("projector: run `qkv-tutor --present` in your own terminal. Ctrl-C ends the class.".to_owned());
        }
    }
    let mut out = std::io::stdout().lock();
    let _ = out.write_all((lines.join("\n") + "\n").as_bytes()).and_then(|()| out.flush());
    if matches!(access, Access::Open) {
        let warning = format!(
            "qkv-tutor serve: warning: --open lets in anyone who can reach {addr}, with no code; \
             use it only on a network you trust\n"
        );
        let _ = std::io::stderr().write_all(warning.as_bytes());
    }
}
