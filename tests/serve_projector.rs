//! The class projector as a teacher runs it: the real binary in a pseudo-terminal. Ctrl-C
//! ends the class as an interrupt (130) and leaves the class report and the class log in
//! the data folder, counting as here the students still connected when it ends; a class
//! code too short to be a lock is refused.
#![cfg(unix)]

#[path = "serve/client.rs"]
mod client;

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(30);

#[test]
fn ctrl_c_on_the_projector_exits_130_and_writes_the_report() {
    let data = tempfile::tempdir().expect("temp dir");
    let pty =
        native_pty_system().openpty(PtySize { rows: 24, cols: 80, pixel_width: 0, pixel_height: 0 }).expect("pty");
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_qkv-tutor"));
    command.arg("--data-dir");
    command.arg(data.path());
    command.args(["serve", "--class", "--listen", "127.0.0.1:0", "--code", "tulip-42"]);
    command.env("TERM", "xterm-256color");
    let mut child = pty.slave.spawn_command(command).expect("starts");
    drop(pty.slave);
    let screen = Arc::new(Mutex::new(vt100::Parser::new(
        NonZeroU16::new(24).expect("rows"),
        NonZeroU16::new(80).expect("cols"),
        0,
    )));
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
    let text = || screen.lock().expect("screen").screen().contents();
    let start = Instant::now();
    while !text().contains("join the class") {
        assert!(start.elapsed() < TIMEOUT, "no projector; the screen:\n{}", text());
        std::thread::sleep(Duration::from_millis(20));
    }
    let projector = text();
    assert!(projector.contains("class code tulip-42"), "{projector}");
    // The whole fingerprint, wrapped or not: 43 characters of base64 after `SHA256:`.
    let joined: String = projector.lines().map(str::trim).collect();
    let after = joined.split("SHA256:").nth(1).unwrap_or_default();
    let fingerprint: String =
        after.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '+' || *c == '/').collect();
    assert!(fingerprint.len() >= 43, "the whole fingerprint at 80×24: {projector}");
    let mut writer = pty.master.take_writer().expect("writer");
    // To slide 3 (q1 entry 1 = 2), where ada answers and stays connected.
    let port: u16 = joined
        .split("ssh -p ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|p| p.parse().ok())
        .expect("the join line's port");
    writer.write_all(b"\x1b[C\x1b[C\x1b[C\x1b[C").and_then(|()| writer.flush()).expect("→ typed");
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let ada = runtime.block_on(async {
        let mut ada = client::Student::join_as(([127, 0, 0, 1], port).into(), "ada", "tulip-42", 100, 30).await;
        ada.wait_for("the class question", |s| s.contains("What is q1 entry 1?")).await;
        ada.send(b"2\r").await;
        ada.wait_for("the answer was sent", |s| s.contains("waiting for the reveal")).await;
        ada
    });
    writer.write_all(b"\x03").and_then(|()| writer.flush()).expect("Ctrl-C typed");
    let status = loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            break status;
        }
        assert!(start.elapsed() < TIMEOUT, "the projector did not exit; the screen:\n{}", text());
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.exit_code(), 130, "Ctrl-C is an interrupt");
    let names: Vec<String> = std::fs::read_dir(data.path())
        .expect("data dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let report = names.iter().find(|n| n.starts_with("class-report-")).expect("a class report");
    let text = std::fs::read_to_string(data.path().join(report)).expect("report");
    assert!(text.starts_with("# Class report"), "{text}");
    assert!(text.contains("- answered: 1 (0 left before the end)") && text.contains("- right: 1"), "{text}");
    drop(ada);
    assert!(names.iter().any(|n| n == "class.log"), "{names:?}");
}

#[test]
fn a_class_code_needs_four_visible_characters() {
    let data = tempfile::tempdir().expect("temp dir");
    for code in ["x", "   ", " ab "] {
        let out = Command::new(env!("CARGO_BIN_EXE_qkv-tutor"))
            .arg("--data-dir")
            .arg(data.path())
            .args(["serve", "--listen", "127.0.0.1:0", "--code", code])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2), "--code {code:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("at least 4 of them visible"), "{code:?}");
    }
}
