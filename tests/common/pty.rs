//! A real pseudo-terminal running the real binary: a vt100 parser follows the screen, and
//! every wait is on screen contents, never on a fixed sleep.

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub struct Session {
    pub parser: Arc<Mutex<vt100::Parser>>,
    pub raw: Arc<Mutex<Vec<u8>>>,
    pub writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    pub master: Box<dyn MasterPty + Send>,
    /// Progress goes here, never into the real home folder.
    pub _data: tempfile::TempDir,
}

pub const TIMEOUT: Duration = Duration::from_secs(20);

impl Session {
    pub fn start(envs: &[(&str, &str)]) -> Self {
        Self::start_with(envs, &[])
    }

    pub fn start_with(envs: &[(&str, &str)], args: &[&str]) -> Self {
        let pty =
            native_pty_system().openpty(PtySize { rows: 30, cols: 100, pixel_width: 0, pixel_height: 0 }).expect("pty");
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_qkv-tutor"));
        let data = tempfile::tempdir().expect("temp");
        command.env("TERM", "xterm-256color");
        command.env("QKV_TUTOR_DATA_DIR", data.path());
        command.env("QKV_TUTOR_RUNTIME_DIR", data.path());
        // Settings stay out of the real ~/.config: beside the progress, where nothing moves.
        command.env("QKV_TUTOR_CONFIG_DIR", data.path());
        command.env("LANG", "C.UTF-8");
        command.env_remove("LC_ALL");
        command.env_remove("LC_CTYPE");
        command.args(args);
        for (k, v) in envs {
            command.env(k, v);
        }
        let child = pty.slave.spawn_command(command).expect("spawn");
        drop(pty.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(30).expect("rows"),
            NonZeroU16::new(100).expect("cols"),
            0,
        )));
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let feed = Arc::clone(&parser);
        let raw = Arc::new(Mutex::new(Vec::new()));
        let raw_feed = Arc::clone(&raw);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                feed.lock().expect("parser").process(&buf[..n]);
                raw_feed.lock().expect("raw").extend_from_slice(&buf[..n]);
            }
        });
        let writer = pty.master.take_writer().expect("writer");
        Self { parser, raw, writer, child, master: pty.master, _data: data }
    }

    pub fn screen(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
    }

    pub fn wait_for(&self, what: &str, ready: impl Fn(&vt100::Screen) -> bool) {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if ready(self.parser.lock().expect("parser").screen()) {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!("timed out waiting for {what}; screen:\n{}", self.screen());
    }

    pub fn wait_for_text(&self, text: &str) {
        self.wait_for(text, |s| s.contents().contains(text));
    }

    pub fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).expect("write");
        self.writer.flush().expect("flush");
    }

    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status.exit_code();
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!("the tutor did not exit; screen:\n{}", self.screen());
    }

    pub fn signal(&self, name: &str) {
        let pid = self.child.process_id().expect("pid").to_string();
        let status = std::process::Command::new("kill").args([name, &pid]).status().expect("kill runs");
        assert!(status.success());
    }
}

impl Session {
    /// The pty's line discipline as `stty -a` prints it: raw mode shows `-icanon -echo`.
    pub fn stty(&self) -> String {
        let tty = self.master.tty_name().expect("the pty has a name");
        let out = std::process::Command::new("stty").arg("-F").arg(&tty).arg("-a").output().expect("stty runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn assert_cooked(&self) {
        let modes = self.stty();
        assert!(modes.contains(" icanon") && modes.contains(" echo "), "raw mode is off again: {modes}");
    }

    pub fn assert_raw(&self) {
        let modes = self.stty();
        assert!(modes.contains("-icanon") && modes.contains("-echo "), "raw mode is on: {modes}");
    }
}

/// Raw mode and the alternate screen are gone and the cursor is shown.
pub fn restored(screen: &vt100::Screen) -> bool {
    !screen.alternate_screen() && !screen.hide_cursor()
}
