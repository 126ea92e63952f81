//! A server in this process on an ephemeral loopback port, and students driven by russh's
//! own client, their screens kept by vt100. Every wait is bounded in time.
#![allow(dead_code, reason = "each test binary uses a different subset")]

use qkv_tutor::lesson::Lesson;
use qkv_tutor::serve::{Access, Limits, Options, Server};
use russh::client::{self, AuthResult, Handle};
use russh::keys::ssh_key::private::{Ed25519Keypair, KeypairData};
use russh::keys::{PrivateKey, PublicKeyOrCertificate};
use russh::{Channel, ChannelMsg};
use std::net::SocketAddr;
use std::num::NonZeroU16;
use std::sync::Arc;
use std::time::Duration;
use tokio::time::Instant;

/// Long enough for a loaded CI machine; a passing test never waits this long.
pub const TIMEOUT: Duration = Duration::from_secs(30);

pub fn key(seed: u8) -> PrivateKey {
    PrivateKey::new(KeypairData::Ed25519(Ed25519Keypair::from_seed(&[seed; 32])), "test").expect("key")
}

pub fn options(access: Access) -> Options {
    Options {
        listen: "127.0.0.1:0".parse().expect("address"),
        access,
        authorized_keys: Vec::new(),
        max_sessions: 64,
        keep_progress: None,
        host_key: key(1),
        lesson: Arc::new(Lesson::embedded()),
        classroom: None,
        log_file: None,
        limits: Limits { auth_rejection: Duration::from_millis(10), ..Limits::default() },
    }
}

pub async fn start(options: Options) -> Server {
    Server::start(options).await.expect("server starts")
}

/// Trusts any host key: the tests check the server, not the client's known-hosts logic.
pub struct Trusting;

impl client::Handler for Trusting {
    type Error = russh::Error;
    async fn check_server_key(&mut self, _key: &PublicKeyOrCertificate) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

/// Like OpenSSH for interactive sessions: no Nagle delay on small packets.
pub fn client_config() -> client::Config {
    client::Config { nodelay: true, ..client::Config::default() }
}

pub async fn connect(addr: SocketAddr) -> Handle<Trusting> {
    let config = Arc::new(client_config());
    tokio::time::timeout(TIMEOUT, client::connect(config, addr, Trusting))
        .await
        .expect("connects in time")
        .expect("connects")
}

/// Logs in with a password; true when accepted.
pub async fn login(handle: &mut Handle<Trusting>, code: &str) -> bool {
    let result = tokio::time::timeout(TIMEOUT, handle.authenticate_password("student", code)).await;
    matches!(result.expect("answered in time").expect("auth exchange"), AuthResult::Success)
}

/// One student's terminal.
pub struct Student {
    pub handle: Handle<Trusting>,
    pub channel: Channel<client::Msg>,
    pub screen: vt100::Parser,
    pub closed: bool,
}

impl Student {
    /// Connects, logs in with `code`, asks for a `cols`×`rows` pty and a shell.
    pub async fn join(addr: SocketAddr, code: &str, cols: u16, rows: u16) -> Self {
        Self::join_as(addr, "student", code, cols, rows).await
    }

    /// Like [`Student::join`], logging in under `user`.
    pub async fn join_as(addr: SocketAddr, user: &str, code: &str, cols: u16, rows: u16) -> Self {
        Self::try_join_as(addr, user, code, cols, rows).await.expect("joins")
    }

    /// Like [`Student::join_as`], `None` when any step is refused (the server is full, say).
    pub async fn try_join_as(addr: SocketAddr, user: &str, code: &str, cols: u16, rows: u16) -> Option<Self> {
        let config = Arc::new(client_config());
        let mut handle = tokio::time::timeout(TIMEOUT, client::connect(config, addr, Trusting)).await.ok()?.ok()?;
        let result = tokio::time::timeout(TIMEOUT, handle.authenticate_password(user, code)).await.ok()?.ok()?;
        if !matches!(result, AuthResult::Success) {
            return None;
        }
        let channel = handle.channel_open_session().await.ok()?;
        channel.request_pty(true, "xterm-256color", cols.into(), rows.into(), 0, 0, &[]).await.ok()?;
        channel.request_shell(true).await.ok()?;
        let size = |n: u16| NonZeroU16::new(n).expect("non-zero");
        Some(Self { handle, channel, screen: vt100::Parser::new(size(rows), size(cols), 0), closed: false })
    }

    pub fn text(&self) -> String {
        self.screen.screen().contents()
    }

    pub async fn send(&self, bytes: &[u8]) {
        self.channel.data(bytes).await.expect("sent");
    }

    /// The quiz's first recall question, answered and graded "good" (F4 opens the quiz).
    pub async fn answer_first_question(&mut self) {
        self.send(b"\x1bOS").await;
        self.wait_for("the quiz", |s| s.contains("seen 0")).await;
        self.send(b"\r").await;
        self.wait_for("the first question", |s| s.contains("Why does each token get three")).await;
        self.send(b"\r").await;
        self.wait_for("the answer field", |s| s.contains("Your answer:")).await;
        self.send(b"separate jobs\r").await;
        self.wait_for("the model answer", |s| s.contains("Model answer:")).await;
        self.send(b"g").await;
        self.wait_for("the grade", |s| s.contains("right")).await;
    }

    pub async fn resize(&mut self, cols: u16, rows: u16) {
        self.channel.window_change(cols.into(), rows.into(), 0, 0).await.expect("window change");
        let size = |n: u16| NonZeroU16::new(n).expect("non-zero");
        self.screen.set_size(size(rows), size(cols));
    }

    /// Reads output until the screen satisfies `done`, the channel closes, or [`TIMEOUT`].
    pub async fn wait_for(&mut self, what: &str, done: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + TIMEOUT;
        while !done(&self.text()) {
            assert!(!self.closed, "closed before the screen showed {what}:\n{}", self.text());
            assert!(Instant::now() < deadline, "no {what} within {TIMEOUT:?}; the screen:\n{}", self.text());
            self.read_once(deadline).await;
        }
        self.text()
    }

    /// Reads whatever output arrives for `time`.
    pub async fn read_for(&mut self, time: Duration) {
        let deadline = Instant::now() + time;
        while !self.closed && Instant::now() < deadline {
            self.read_once(deadline).await;
        }
    }

    /// Reads until the server closes the channel; false if it did not within [`TIMEOUT`].
    pub async fn wait_closed(&mut self) -> bool {
        let deadline = Instant::now() + TIMEOUT;
        while !self.closed && Instant::now() < deadline {
            self.read_once(deadline).await;
        }
        self.closed
    }

    async fn read_once(&mut self, deadline: Instant) {
        match tokio::time::timeout_at(deadline, self.channel.wait()).await {
            Ok(Some(ChannelMsg::Data { data })) => self.screen.process(&data),
            Ok(Some(ChannelMsg::Close | ChannelMsg::Eof) | None) => self.closed = true,
            Ok(Some(_)) | Err(_) => {}
        }
    }
}

/// A TCP relay between a student and the server whose server-to-student direction can be
/// paused: the student's SSH client keeps sending keys but receives nothing, as a client
/// that stopped reading would.
pub struct Relay {
    pub addr: SocketAddr,
    pub paused: Arc<std::sync::atomic::AtomicBool>,
}

pub async fn relay(server: SocketAddr) -> Relay {
    use std::sync::atomic::{AtomicBool, Ordering};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("relay binds");
    let addr = listener.local_addr().expect("relay address");
    let paused = Arc::new(AtomicBool::new(false));
    let pause = Arc::clone(&paused);
    tokio::spawn(async move {
        let Ok((student, _)) = listener.accept().await else { return };
        let Ok(upstream) = tokio::net::TcpStream::connect(server).await else { return };
        let (mut from_student, mut to_student) = student.into_split();
        let (mut from_server, mut to_server) = upstream.into_split();
        tokio::spawn(async move { tokio::io::copy(&mut from_student, &mut to_server).await });
        let deadline = Instant::now() + TIMEOUT * 2;
        let mut buf = vec![0u8; 16 * 1024];
        while Instant::now() < deadline {
            if pause.load(Ordering::SeqCst) {
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
            match tokio::time::timeout(Duration::from_millis(100), from_server.read(&mut buf)).await {
                Ok(Ok(0) | Err(_)) => return,
                Ok(Ok(n)) => {
                    if to_student.write_all(&buf[..n]).await.is_err() {
                        return;
                    }
                }
                Err(_) => {}
            }
        }
    });
    Relay { addr, paused }
}

impl Student {
    /// Joins with a small receive window, so that a paused relay exhausts it quickly.
    pub async fn join_small_window(addr: SocketAddr, code: &str, cols: u16, rows: u16) -> Self {
        let config = Arc::new(client::Config { window_size: 64 * 1024, ..client_config() });
        let mut handle = tokio::time::timeout(TIMEOUT, client::connect(config, addr, Trusting))
            .await
            .expect("connects in time")
            .expect("connects");
        assert!(login(&mut handle, code).await, "the code was refused");
        let channel = handle.channel_open_session().await.expect("session channel");
        channel.request_pty(true, "xterm-256color", cols.into(), rows.into(), 0, 0, &[]).await.expect("pty");
        channel.request_shell(true).await.expect("shell");
        let size = |n: u16| NonZeroU16::new(n).expect("non-zero");
        Self { handle, channel, screen: vt100::Parser::new(size(rows), size(cols), 0), closed: false }
    }
}
