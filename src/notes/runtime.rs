//! The private runtime folder and the presenters' files in it. The folder is
//! `$QKV_TUTOR_RUNTIME_DIR`, else the user's runtime folder (`$XDG_RUNTIME_DIR`) with a
//! `qkv-tutor` folder, else a `runtime` folder in the user's own cache folder
//! (`$XDG_CACHE_HOME/qkv-tutor`, else `~/.cache/qkv-tutor`; never a guessable name in the
//! shared /tmp). It must be a real
//! folder (not a link), owned by this user; it is created 0700 and tightened to 0700.

use super::Notes;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// A presenter whose heartbeat is older than this has stopped.
pub const STALE_AFTER_MS: u64 = 3000;
/// A notes file holds one slide's words; anything larger is not ours.
pub const MAX_FILE_BYTES: u64 = 64 * 1024;
const PREFIX: &str = "presenter-";

/// What one presenter's file holds.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Envelope {
    pub pid: u32,
    /// Unix milliseconds of the last heartbeat.
    pub heartbeat_ms: u64,
    /// Unix milliseconds of the last change of slide.
    pub changed_ms: u64,
    pub notes: Notes,
}

/// What the follower finds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Presenter {
    /// The most recently changed live presenter's notes.
    Live(Notes),
    /// No presenter, or none presenting.
    Waiting,
    /// The last presenter's heartbeat stopped (killed, suspended) or its process is gone.
    Stopped { pid: u32, seconds: u64 },
    /// The runtime folder cannot be used safely.
    Unavailable(String),
}

pub(super) fn now_ms() -> u64 {
    let since = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
    since.map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// The folder, and whether it is ours to tighten: a folder named by
/// `$QKV_TUTOR_RUNTIME_DIR` belongs to the user's own arrangement and is never chmod-ed.
fn configured() -> Option<(PathBuf, bool)> {
    use etcetera::BaseStrategy;
    if let Some(dir) = std::env::var_os("QKV_TUTOR_RUNTIME_DIR").filter(|v| !v.is_empty()) {
        return Some((PathBuf::from(dir), false));
    }
    let base = etcetera::choose_base_strategy().ok()?;
    let ours = match base.runtime_dir() {
        Some(runtime) => runtime.join("qkv-tutor"),
        None => base.cache_dir().join("qkv-tutor").join("runtime"),
    };
    // An empty HOME would make the folder relative to wherever the tutor was started.
    Some((ours, true)).filter(|(dir, _)| dir.is_absolute())
}

/// Why the runtime folder cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum RuntimeDirError {
    #[error("no runtime folder: set XDG_RUNTIME_DIR or HOME")]
    Unset,
    /// `dir` is the folder's name, escaped for printing.
    #[error("{dir}: {reason}")]
    NotPrivate { dir: String, reason: NotPrivate },
}

/// What makes a folder unsafe for the presenters' files.
#[derive(Debug, thiserror::Error)]
pub enum NotPrivate {
    #[error("it is {0}, not a folder of this user's; it is not used")]
    Kind(&'static str),
    #[error("it is not a folder")]
    NotAFolder,
    #[error("it belongs to another user (uid {0}); it is not used")]
    OtherUser(u32),
    #[error("other users can write in it (mode {0:o}); make it 0700 or name a private folder")]
    Writable(u32),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// The runtime folder, created if needed and checked to be private.
///
/// # Errors
/// Why it is not safe to use.
pub fn runtime_dir() -> Result<PathBuf, RuntimeDirError> {
    let (dir, ours) = configured().ok_or(RuntimeDirError::Unset)?;
    make_private(&dir, ours)
        .map_err(|reason| RuntimeDirError::NotPrivate { dir: crate::scenario::display_name(&dir), reason })?;
    Ok(dir)
}

#[cfg(unix)]
fn make_private(dir: &Path, tighten: bool) -> Result<(), NotPrivate> {
    use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
    if std::fs::symlink_metadata(dir).is_err() {
        std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)?;
    }
    let meta = std::fs::symlink_metadata(dir)?;
    if let Some(kind) = crate::fsread::Kind::of(&meta).filter(|k| *k != crate::fsread::Kind::Directory) {
        return Err(NotPrivate::Kind(kind.describe()));
    }
    if !meta.is_dir() {
        return Err(NotPrivate::NotAFolder);
    }
    let me = rustix::process::geteuid().as_raw();
    if meta.uid() != me {
        return Err(NotPrivate::OtherUser(meta.uid()));
    }
    if meta.mode() & 0o022 != 0 && !tighten {
        return Err(NotPrivate::Writable(meta.mode() & 0o777));
    }
    if meta.mode() & 0o077 != 0 && tighten {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn make_private(dir: &Path, _tighten: bool) -> Result<(), NotPrivate> {
    Ok(std::fs::create_dir_all(dir)?)
}

/// This presenter's file in `dir`.
pub(super) fn file_for(dir: &Path, pid: u32) -> PathBuf {
    dir.join(format!("{PREFIX}{pid}.json"))
}

fn pid_of(name: &str) -> Option<u32> {
    name.strip_prefix(PREFIX)?.strip_suffix(".json")?.parse().ok()
}

/// Every presenter file in `dir` that parses, links and other files skipped.
pub(super) fn envelopes(dir: &Path) -> Vec<Envelope> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    entries
        .flatten()
        .filter(|entry| entry.file_name().to_str().and_then(pid_of).is_some())
        .filter_map(|entry| crate::fsread::read_no_follow(&entry.path(), MAX_FILE_BYTES).ok())
        .filter_map(|bytes| serde_json::from_slice::<Envelope>(&bytes).ok())
        .filter(plausible)
        .collect()
}

/// A presenter shows slide 1 to `slides` of a lesson: anything else was not written by one.
fn plausible(envelope: &Envelope) -> bool {
    let notes = &envelope.notes;
    !notes.presenting || (1..=notes.slides).contains(&notes.slide)
}

/// Whether the envelope's presenter is running and its heartbeat is fresh at `now`.
pub(super) fn live(envelope: &Envelope, now: u64) -> bool {
    // A heartbeat from the future is planted (or a clock jumped): it would count as live forever.
    envelope.heartbeat_ms.abs_diff(now) <= STALE_AFTER_MS && crate::pid::alive(envelope.pid)
}

/// The presenter the notes should follow right now.
#[must_use]
pub fn current() -> Presenter {
    match runtime_dir() {
        Ok(dir) => choose(&envelopes(&dir), now_ms()),
        Err(reason) => Presenter::Unavailable(reason.to_string()),
    }
}

fn choose(found: &[Envelope], now: u64) -> Presenter {
    let presenting = found.iter().filter(|e| e.notes.presenting);
    if let Some(latest) = presenting.clone().filter(|e| live(e, now)).max_by_key(|e| e.changed_ms) {
        return Presenter::Live(latest.notes.clone());
    }
    if found.iter().any(|e| live(e, now)) {
        return Presenter::Waiting;
    }
    match presenting.max_by_key(|e| e.heartbeat_ms) {
        Some(last) => Presenter::Stopped { pid: last.pid, seconds: now.saturating_sub(last.heartbeat_ms) / 1000 },
        None => Presenter::Waiting,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn envelope(pid: u32, heartbeat_ms: u64, changed_ms: u64, slide: usize) -> Envelope {
        let notes = Notes { presenting: true, slide, slides: 20, ..Notes::default() };
        Envelope { pid, heartbeat_ms, changed_ms, notes }
    }

    #[test]
    fn the_most_recently_changed_live_presenter_wins() {
        let me = std::process::id();
        let now = 100_000;
        let found = [envelope(me, now, 10, 1), envelope(me, now - 500, 20, 2)];
        assert!(matches!(choose(&found, now), Presenter::Live(n) if n.slide == 2));
    }

    #[test]
    fn a_stale_heartbeat_or_a_dead_process_means_stopped() {
        let me = std::process::id();
        let now = 100_000;
        let stale = [envelope(me, now - STALE_AFTER_MS - 1, 10, 1)];
        assert_eq!(choose(&stale, now), Presenter::Stopped { pid: me, seconds: 3 });
        let mut child = std::process::Command::new("true").spawn().expect("spawn");
        let dead = child.id();
        child.wait().expect("wait");
        let gone = [envelope(dead, now, 10, 1)];
        assert!(matches!(choose(&gone, now), Presenter::Stopped { pid, .. } if pid == dead));
        let mixed = [envelope(dead, now, 30, 1), envelope(me, now, 10, 5)];
        assert!(matches!(choose(&mixed, now), Presenter::Live(n) if n.slide == 5), "a live one is followed");
        assert_eq!(choose(&[], now), Presenter::Waiting);
    }

    #[test]
    fn a_heartbeat_from_the_future_or_an_impossible_slide_is_not_a_live_presenter() {
        let me = std::process::id();
        let now = 100_000;
        let planted = [envelope(me, u64::MAX, 10, 1)];
        assert!(!matches!(choose(&planted, now), Presenter::Live(_)));
        assert!(!plausible(&envelope(me, now, 10, 21)), "slide 21 of 20");
        assert!(!plausible(&envelope(me, now, 10, 0)), "slides count from 1");
        assert!(plausible(&envelope(me, now, 10, 20)));
    }

    #[test]
    #[cfg(unix)]
    fn the_folder_is_made_private_and_links_are_refused() {
        use std::os::unix::fs::PermissionsExt;
        let base = tempfile::tempdir().expect("temp");
        let dir = base.path().join("a").join("rt");
        make_private(&dir, true).expect("created");
        let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode(&dir), 0o700);
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        make_private(&dir, false).expect("readable by others is the user's choice");
        assert_eq!(mode(&dir), 0o755, "a folder the user named is never chmod-ed");
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777)).expect("chmod");
        let error = make_private(&dir, false).expect_err("writable by others");
        assert!(matches!(error, NotPrivate::Writable(0o777)), "{error:?}");
        assert!(error.to_string().contains("other users can write"), "{error}");
        assert_eq!(mode(&dir), 0o777);
        make_private(&dir, true).expect("tightened");
        assert_eq!(mode(&dir), 0o700);
        let link = base.path().join("link");
        std::os::unix::fs::symlink(&dir, &link).expect("link");
        assert!(make_private(&link, true).expect_err("a link").to_string().contains("symbolic link"));
    }

    #[test]
    #[cfg(unix)]
    fn a_folder_of_another_user_is_refused() {
        if rustix::process::geteuid().as_raw() != 0 {
            return; // only root can hand a folder to another user; CI runs as root
        }
        let base = tempfile::tempdir().expect("temp");
        let dir = base.path().join("theirs");
        std::fs::create_dir(&dir).expect("mkdir");
        std::os::unix::fs::chown(&dir, Some(65534), Some(65534)).expect("chown");
        assert!(make_private(&dir, true).expect_err("not ours").to_string().contains("another user"));
    }
}
