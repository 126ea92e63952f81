//! `qkv-tutor serve`: the whole tutor over SSH, one tutor per student.
//!
//! One task per connection runs russh's session; after a pty and a shell request a session
//! task owns that student's `App` and terminal, fed by a bounded queue of input bytes, and a
//! pump task writes its frames to the channel within the client's SSH window. A client that
//! stops reading fills only its own queue: its frames are dropped (the next one repaints
//! everything), and after [`Limits::stall`] it is disconnected. Nothing is shared between
//! sessions except read-only data (the lesson), the session counter and the login limiter.

mod auth;
mod handler;
pub mod hostkey;
pub mod input;
mod listen;
mod rate;
mod screen;
mod session;
mod stream;
pub mod tutor;

use crate::lesson::Lesson;
use russh::keys::{PrivateKey, PublicKey};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

pub use listen::Server;

/// Who may log in.
#[derive(Debug, Clone)]
pub enum Access {
    /// A password or keyboard-interactive login with this class code (or an authorized key).
    Code(String),
    /// Anyone at all.
    Open,
    /// Only the authorized keys.
    KeysOnly,
}

/// Per-session limits, so that one slow or hostile client cannot stall the others.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// A session with no input for this long is closed.
    pub idle: Duration,
    /// A client that has not read its output for this long is disconnected.
    pub stall: Duration,
    /// A connection that has not logged in within this time is dropped.
    pub login: Duration,
    /// How long a refused login waits before it is answered (russh makes it constant).
    pub auth_rejection: Duration,
    /// Input bytes a session may send in a burst, and per second after it.
    pub input_burst: usize,
    pub input_per_second: usize,
    /// Wrong codes from one address within [`Self::failure_window`] before it is refused.
    pub max_failures: usize,
    pub failure_window: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            idle: Duration::from_secs(30 * 60),
            stall: Duration::from_secs(20),
            login: Duration::from_secs(60),
            auth_rejection: Duration::from_secs(1),
            input_burst: 64 * 1024,
            input_per_second: 16 * 1024,
            max_failures: 5,
            failure_window: Duration::from_secs(60),
        }
    }
}

/// Everything `serve` needs, already read and checked.
#[derive(Debug, Clone)]
pub struct Options {
    pub listen: SocketAddr,
    pub access: Access,
    pub authorized_keys: Vec<PublicKey>,
    pub max_sessions: usize,
    /// Where each student's progress is kept; `None` keeps it in memory only.
    pub keep_progress: Option<PathBuf>,
    pub host_key: PrivateKey,
    pub lesson: Arc<Lesson>,
    pub limits: Limits,
    /// Class mode: the room the teacher's presenter asks; `None` serves the tutor alone.
    pub classroom: Option<Arc<crate::class::Classroom>>,
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on {addr}: {source}")]
    Listen { addr: SocketAddr, source: std::io::Error },
    #[error("host key {path}: {reason}")]
    HostKey { path: String, reason: String },
    #[error("authorized keys {path}, line {line}: {reason}")]
    AuthorizedKeys { path: String, line: usize, reason: String },
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Set while the projector owns this terminal: a log line would tear the slide.
static QUIET: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// One line on stderr: a join, a leave or a refusal. Anything the client chose (its user
/// name) is escaped first, so no client can write control sequences to the teacher's terminal.
pub(crate) fn log(line: &str) {
    use std::io::Write;
    if QUIET.load(std::sync::atomic::Ordering::Relaxed) {
        return;
    }
    let _ = writeln!(std::io::stderr(), "qkv-tutor serve: {}", crate::sanitize::escape(line));
}

/// A user name as a client sent it, made printable and short.
pub(crate) fn shown_user(user: &str) -> String {
    let clean: String = user.chars().filter(|c| !c.is_control()).take(32).collect();
    crate::sanitize::escape(&clean)
}

/// Class mode: serves students in the background while `projector` runs the presenter in
/// this terminal; the class ends when the presenter quits (or a signal ends it). `ready`
/// prints the banner and returns the line students type, which the projector shows.
///
/// # Errors
/// When the runtime cannot start or the address cannot be bound.
pub fn run_class(
    options: Options,
    ready: impl FnOnce(&Server) -> String,
    projector: impl FnOnce(String) -> u8,
) -> Result<u8, ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    let server = runtime.block_on(Server::start(options))?;
    let join = ready(&server);
    QUIET.store(true, std::sync::atomic::Ordering::Relaxed);
    let status = projector(join);
    QUIET.store(false, std::sync::atomic::Ordering::Relaxed);
    log(&format!("the presenter quit: closing {} sessions", server.sessions()));
    runtime.block_on(server.stop());
    Ok(status)
}

/// Runs the server until SIGINT, SIGTERM or SIGHUP; `ready` is called once it listens (to
/// print the address and fingerprint). Returns the exit status: 128 + the signal's number.
///
/// # Errors
/// When the runtime cannot start, the address cannot be bound or signals cannot be caught.
pub fn run(options: Options, ready: impl FnOnce(&Server)) -> Result<u8, ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    let (caught, on_signal) = tokio::sync::oneshot::channel::<i32>();
    let _waiting = catch_signals(caught)?;
    runtime.block_on(async move {
        let server = Server::start(options).await?;
        ready(&server);
        let signal = on_signal.await.unwrap_or(SIGTERM);
        log(&format!("stopping on signal {signal}: closing {} sessions", server.sessions()));
        server.stop().await;
        Ok(128 + u8::try_from(signal).unwrap_or(0))
    })
}

/// SIGTERM's number, the status when the signal channel closes without a signal.
const SIGTERM: i32 = 15;

/// Sends the first SIGINT, SIGTERM or SIGHUP down `caught`.
#[cfg(unix)]
fn catch_signals(
    caught: tokio::sync::oneshot::Sender<i32>,
) -> Result<Option<tokio::sync::oneshot::Sender<i32>>, ServeError> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let _ = caught.send(signal);
        }
    });
    Ok(None)
}

/// Without Unix signals the server runs until its process is ended: the sender is kept
/// (returned) so the channel never closes.
#[cfg(not(unix))]
#[allow(clippy::unnecessary_wraps, reason = "the same signature as the Unix one")]
fn catch_signals(
    caught: tokio::sync::oneshot::Sender<i32>,
) -> Result<Option<tokio::sync::oneshot::Sender<i32>>, ServeError> {
    Ok(Some(caught))
}
