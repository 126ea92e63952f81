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

/// Read-only options plus the few counters that every connection updates.
pub(super) struct Shared {
    pub options: Options,
    pub limiter: Mutex<Limiter>,
    pub sessions: AtomicUsize,
    pub connections: AtomicUsize,
    pub next_id: AtomicU64,
    /// Login names whose progress folder a live session is using (`--keep-progress`).
    pub names: Mutex<HashSet<String>>,
    pub stop: watch::Receiver<bool>,
}

impl Shared {
    pub(super) fn new(options: Options, stop: watch::Receiver<bool>) -> Self {
        let limits = options.limits;
        Self {
            options,
            limiter: Mutex::new(Limiter::new(limits.max_failures, limits.failure_window)),
            sessions: AtomicUsize::new(0),
            connections: AtomicUsize::new(0),
            next_id: AtomicU64::new(1),
            names: Mutex::new(HashSet::new()),
            stop,
        }
    }
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
