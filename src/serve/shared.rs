//! What every module of `serve` reads: the options, the counters each connection updates,
//! and the log. It lives apart from the modules that use it, so that none of them has to
//! import another (and so round in a circle) to reach it.

use super::rate::Limiter;
use crate::lesson::Lesson;
use russh::keys::{PrivateKey, PublicKey};
use std::collections::HashSet;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::watch;

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
    /// A connection that has not logged in within this time is closed (OpenSSH's
    /// `LoginGraceTime`).
    pub login: Duration,
    /// A logged-in connection that has not asked for a terminal and a shell within this
    /// time is closed (so `ssh -N` cannot hold a connection).
    pub shell: Duration,
    /// Connections still logging in, at most; they take no seat, and beyond this pool new
    /// connections are refused until one logs in or times out (OpenSSH's `MaxStartups`).
    pub login_pool: usize,
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
            login: Duration::from_secs(10),
            shell: Duration::from_secs(10),
            login_pool: 128,
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
    /// Where joins, leaves, refusals and lockouts are appended (class mode's log).
    pub log_file: Option<PathBuf>,
}

/// How far along a connection is: timers close one that stalls at a stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Stage {
    Connected,
    LoggedIn,
    Tutor,
}

/// Read-only options plus the few counters that every connection updates.
pub(super) struct Shared {
    pub options: Options,
    pub limiter: Mutex<Limiter>,
    pub sessions: AtomicUsize,
    pub connections: AtomicUsize,
    /// Connections that have not logged in yet (bounded by [`Limits::login_pool`]).
    pub pending: AtomicUsize,
    pub next_id: AtomicU64,
    /// Login names whose progress folder a live session is using (`--keep-progress`).
    pub names: Mutex<HashSet<String>>,
    pub stop: watch::Receiver<bool>,
    log_file: Option<Mutex<std::fs::File>>,
}

impl Shared {
    pub(super) fn new(options: Options, stop: watch::Receiver<bool>) -> Self {
        let limits = options.limits;
        let log_file = options.log_file.as_deref().and_then(|path| open_log(path).ok()).map(Mutex::new);
        Self {
            log_file,
            options,
            limiter: Mutex::new(Limiter::new(limits.max_failures, limits.failure_window)),
            sessions: AtomicUsize::new(0),
            connections: AtomicUsize::new(0),
            pending: AtomicUsize::new(0),
            next_id: AtomicU64::new(1),
            names: Mutex::new(HashSet::new()),
            stop,
        }
    }
}

impl Shared {
    /// One line for the teacher: on stderr (unless the projector owns the terminal), in the
    /// log file, and in the room's log the projector can show.
    pub(super) fn log(&self, line: &str) {
        log(line);
        let shown = crate::sanitize::escape(line);
        if let Some(file) = &self.log_file {
            use std::io::Write;
            let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
            let mut file = file.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            let _ = writeln!(file, "{now} {shown}");
        }
        if let Some(room) = &self.options.classroom {
            room.log(&shown);
        }
    }
}

/// The class log, appended to, readable by the teacher only.
fn open_log(path: &std::path::Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// Set while the projector owns this terminal: a log line would tear the slide.
static QUIET: AtomicBool = AtomicBool::new(false);

/// One line on stderr: a join, a leave or a refusal. Anything the client chose (its user
/// name) is escaped first, so no client can write control sequences to the teacher's terminal.
pub(super) fn log(line: &str) {
    use std::io::Write;
    if QUIET.load(Ordering::Relaxed) {
        return;
    }
    let _ = writeln!(std::io::stderr(), "qkv-tutor serve: {}", crate::sanitize::escape(line));
}

/// A user name as a client sent it, made printable and short.
pub(super) fn shown_user(user: &str) -> String {
    let clean: String = user.chars().filter(|c| !c.is_control()).take(32).collect();
    crate::sanitize::escape(&clean)
}

/// Class mode: the projector owns the terminal while `quiet` is set.
pub(super) fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}
