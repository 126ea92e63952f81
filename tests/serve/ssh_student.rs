//! A student on the system's own `ssh` client, in a pseudo-terminal whose screen vt100
//! keeps. Every wait is bounded and polls without blocking the test's runtime.
#![allow(dead_code, reason = "each test binary uses a different subset")]

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(30);

pub struct SshStudent {
    screen: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
}

/// Whether the system `ssh` is installed; says so when it is not.
pub fn have_ssh() -> bool {
    let found = Command::new("ssh").arg("-V").stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok();
    if !found {
        println!("note: no `ssh` client installed; the real-client part is skipped");
    }
    found
}

impl SshStudent {
    /// `ssh -tt -p PORT USER@127.0.0.1` with the code typed at the password prompt.
    pub async fn join(port: u16, user: &str, code: &str, cols: u16, rows: u16) -> Self {
        let pty = native_pty_system().openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("pty");
        let mut command = CommandBuilder::new("ssh");
        let port = port.to_string();
        let target = format!("{user}@127.0.0.1");
        command.args(["-tt", "-p", &port, "-F", "/dev/null", "-o", "UserKnownHostsFile=/dev/null"]);
        command.args(["-o", "StrictHostKeyChecking=no", "-o", "PreferredAuthentications=password"]);
        command.args(["-o", "LogLevel=ERROR", &target]);
        command.env("TERM", "xterm-256color");
        let child = pty.slave.spawn_command(command).expect("ssh starts");
        drop(pty.slave);
        let size = |n: u16| NonZeroU16::new(n).expect("non-zero");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(size(rows), size(cols), 0)));
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let feed = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => feed.lock().expect("screen").process(&buf[..n]),
                }
            }
        });
        let writer = pty.master.take_writer().expect("writer");
        let mut student = Self { screen, writer, child };
        student.wait_for("the password prompt", |s| s.contains("password:")).await;
        student.send(&format!("{code}\r"));
        student
    }

    pub fn text(&self) -> String {
        self.screen.lock().expect("screen").screen().contents()
    }

    pub async fn wait_for(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let text = self.text();
            if done(&text) {
                return text;
            }
            assert!(start.elapsed() < TIMEOUT, "no {what}; the screen:\n{text}");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    pub fn send(&mut self, text: &str) {
        self.writer.write_all(text.as_bytes()).and_then(|()| self.writer.flush()).expect("typed");
    }
}

impl Drop for SshStudent {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
