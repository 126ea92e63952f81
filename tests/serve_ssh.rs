//! `qkv-tutor serve` as the teacher runs it: the real binary, its banner, its host key, its
//! exit on a signal, and a student using the system's own `ssh` client in a pseudo-terminal.
#![cfg(unix)]

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};
use std::io::{BufRead, BufReader, Read, Write};
use std::num::NonZeroU16;
use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(30);
const CODE: &str = "tulip-42";

/// The server process, with its stdout lines arriving on a channel.
struct Teacher {
    child: std::process::Child,
    lines: mpsc::Receiver<String>,
    port: u16,
    banner: Vec<String>,
}

impl Teacher {
    fn start(data: &std::path::Path, extra: &[&str]) -> Self {
        Self::start_in(data, data, extra)
    }

    /// Starts in the folder `cwd`, with HOME there too, so that anything written lands in view.
    fn start_in(data: &std::path::Path, cwd: &std::path::Path, extra: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_qkv-tutor"))
            .current_dir(cwd)
            .env("HOME", cwd)
            .env_remove("XDG_DATA_HOME")
            .env_remove("QKV_TUTOR_DATA_DIR")
            .arg("--data-dir")
            .arg(data)
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the server starts");
        let (send, lines) = mpsc::channel();
        let stdout = child.stdout.take().expect("stdout");
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = send.send(line);
            }
        });
        let mut banner = Vec::new();
        let port = loop {
            let line = lines.recv_timeout(TIMEOUT).expect("the banner arrives");
            banner.push(line.clone());
            if let Some(rest) = line.strip_prefix("students type: ssh -p ") {
                let port = rest.split_whitespace().next().and_then(|p| p.parse().ok()).expect("a port");
                assert!(rest.ends_with("student@127.0.0.1"), "{line}");
                break port;
            }
        };
        Self { child, lines, port, banner }
    }

    fn fingerprint(&self) -> String {
        let line = self.banner.iter().find(|l| l.starts_with("host key: SHA256:")).expect("a fingerprint line");
        line.split_whitespace().nth(2).expect("the fingerprint").to_owned()
    }

    /// Sends `signal` and returns the exit code and everything the server logged.
    fn stop(mut self, signal: &str) -> (Option<i32>, String) {
        let pid = self.child.id().to_string();
        assert!(Command::new("kill").args([signal, &pid]).status().expect("kill runs").success());
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                break status;
            }
            assert!(start.elapsed() < TIMEOUT, "the server did not stop on {signal}");
            std::thread::sleep(Duration::from_millis(20));
        };
        let mut log = String::new();
        let _ = self.child.stderr.take().expect("stderr").read_to_string(&mut log);
        let _ = self.lines.try_recv();
        (status.code(), log)
    }
}

/// A test that fails part way must not leave its server running (it would hold the port
/// and anything the test harness passed it).
impl Drop for Teacher {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn the_banner_gives_the_port_and_fingerprint_the_key_persists_and_a_signal_exits_128_plus_n() {
    let data = tempfile::tempdir().expect("temp");
    let first = Teacher::start(data.path(), &["--code", CODE]);
    assert!(first.port > 0);
    assert!(first.banner.iter().any(|l| l == &format!("class code: {CODE}")), "{:?}", first.banner);
    let key = data.path().join("ssh_host_ed25519_key");
    let mode = std::fs::metadata(&key).expect("the host key exists").permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "the host key is private");
    let fingerprint = first.fingerprint();
    let (status, _) = first.stop("-TERM");
    assert_eq!(status, Some(128 + 15));
    let second = Teacher::start(data.path(), &["--code", CODE]);
    assert_eq!(second.fingerprint(), fingerprint, "the host key changed between runs");
    let (status, _) = second.stop("-INT");
    assert_eq!(status, Some(128 + 2));
}

#[test]
fn open_warns_and_flags_that_cannot_apply_are_usage_errors() {
    let data = tempfile::tempdir().expect("temp");
    let teacher = Teacher::start(data.path(), &["--open"]);
    let taken = format!("127.0.0.1:{}", teacher.port);
    let second = Command::new(env!("CARGO_BIN_EXE_qkv-tutor"))
        .arg("--data-dir")
        .arg(data.path())
        .args(["serve", "--open", "--listen", &taken])
        .output()
        .expect("runs");
    assert_eq!(second.status.code(), Some(1), "a port in use is a runtime failure");
    assert!(String::from_utf8_lossy(&second.stderr).contains(&format!("cannot listen on {taken}")));
    let (_, log) = teacher.stop("-TERM");
    assert!(log.contains("warning: --open lets in anyone"), "{log}");
    let both = Command::new(env!("CARGO_BIN_EXE_qkv-tutor"))
        .arg("--data-dir")
        .arg(data.path())
        .args(["serve", "--open", "--code", "x"])
        .output()
        .expect("runs");
    assert_eq!(both.status.code(), Some(2), "--open with --code must be refused");
    let numbers = Command::new(env!("CARGO_BIN_EXE_qkv-tutor"))
        .arg("--data-dir")
        .arg(data.path())
        .args(["serve", "--scale"])
        .output()
        .expect("runs");
    assert_eq!(numbers.status.code(), Some(2), "a flag serve would ignore must be refused");
    assert!(String::from_utf8_lossy(&numbers.stderr).contains("lesson's own numbers"));
}

/// A student's terminal: the system `ssh` in a pseudo-terminal.
struct SshStudent {
    screen: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
}

impl SshStudent {
    fn start(port: u16, method: &str) -> Self {
        let pty =
            native_pty_system().openpty(PtySize { rows: 30, cols: 100, pixel_width: 0, pixel_height: 0 }).expect("pty");
        let mut command = CommandBuilder::new("ssh");
        let port = port.to_string();
        let prefer = format!("PreferredAuthentications={method}");
        command.args(["-tt", "-p", &port, "-F", "/dev/null", "-o", "UserKnownHostsFile=/dev/null"]);
        command.args(["-o", "StrictHostKeyChecking=no", "-o", &prefer, "-o", "LogLevel=ERROR", "student@127.0.0.1"]);
        command.env("TERM", "xterm-256color");
        let child = pty.slave.spawn_command(command).expect("ssh starts");
        drop(pty.slave);
        let size = |n: u16| NonZeroU16::new(n).expect("non-zero");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(size(30), size(100), 0)));
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let feed = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                feed.lock().expect("screen").process(&buf[..n]);
            }
        });
        let writer = pty.master.take_writer().expect("writer");
        Self { screen, writer, child }
    }

    fn text(&self) -> String {
        self.screen.lock().expect("screen").screen().contents()
    }

    fn wait_for(&self, what: &str, done: impl Fn(&str) -> bool) {
        let start = Instant::now();
        while !done(&self.text()) {
            assert!(start.elapsed() < TIMEOUT, "no {what}; the screen:\n{}", self.text());
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn send(&mut self, text: &str) {
        self.writer.write_all(text.as_bytes()).and_then(|()| self.writer.flush()).expect("typed");
    }

    fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status.exit_code();
            }
            assert!(start.elapsed() < TIMEOUT, "ssh did not exit; the screen:\n{}", self.text());
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

fn have_ssh() -> bool {
    let found = Command::new("ssh").arg("-V").stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok();
    if !found {
        println!("note: no `ssh` client installed; the real-client test is skipped");
    }
    found
}

fn q2_scores(screen: &str) -> bool {
    screen.lines().any(|line| {
        let cells: Vec<&str> = line.split(|c: char| c == '│' || c.is_whitespace()).filter(|s| !s.is_empty()).collect();
        cells.windows(3).any(|w| w == ["q2", "15", "12"])
    })
}

#[test]
fn a_student_with_the_system_ssh_client_types_the_code_and_gets_the_tutor() {
    if !have_ssh() {
        return;
    }
    let data = tempfile::tempdir().expect("temp");
    let home = tempfile::tempdir().expect("temp");
    let teacher = Teacher::start_in(data.path(), home.path(), &["--code", CODE]);
    for (method, prompt) in [("password", "password:"), ("keyboard-interactive", "Class code:")] {
        let mut student = SshStudent::start(teacher.port, method);
        student.wait_for(prompt, |s| s.contains(prompt));
        student.send(&format!("{CODE}\r"));
        student.wait_for("the first frame", |s| s.contains("Walkthrough") && s.contains("Step 1 of"));
        student.send("2");
        student.wait_for("the playground's 15 and 12", q2_scores);
        // An answered question: a local tutor would save it; a remote one keeps it in memory.
        student.send("\u{1b}OS");
        student.wait_for("the quiz", |s| s.contains("seen 0"));
        student.send("\r");
        student.wait_for("the first question", |s| s.contains("Why does each token get three"));
        student.send("\r");
        student.wait_for("the answer field", |s| s.contains("Your answer:"));
        student.send("separate jobs\r");
        student.wait_for("the model answer", |s| s.contains("Model answer:"));
        student.send("g");
        student.wait_for("the grade", |s| s.contains("right"));
        student.send("H");
        student.wait_for("the handout refused", |s| s.contains("not available over SSH"));
        student.send("q");
        assert_eq!(student.wait_exit(), 0, "ssh's exit status after q");
        assert!(student.text().contains("Goodbye from qkv-tutor"), "{}", student.text());
    }
    let (_, log) = teacher.stop("-TERM");
    let names = |dir: &std::path::Path| -> Vec<String> {
        std::fs::read_dir(dir)
            .expect("listed")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect()
    };
    assert_eq!(names(data.path()), ["ssh_host_ed25519_key"], "only the host key is on the teacher's disk");
    assert!(names(home.path()).is_empty(), "nothing in the server's folder or home: {:?}", names(home.path()));
    assert_eq!(log.matches("joined 127.0.0.1").count(), 2, "{log}");
    assert_eq!(log.matches(": quit after").count(), 2, "{log}");
}
