//! The presenter's side: the last published notes, rewritten with a fresh heartbeat every
//! second by a background thread, so a follower can tell a live presenter from a dead one.

use super::Notes;
use super::runtime::{Envelope, file_for, now_ms, runtime_dir};
use std::sync::Mutex;
use std::time::Duration;

const BEAT: Duration = Duration::from_secs(1);

struct Published {
    notes: Notes,
    changed_ms: u64,
}

/// `None` until the first publish, and again after [`withdraw`].
static STATE: Mutex<Option<Published>> = Mutex::new(None);
static STARTED: std::sync::Once = std::sync::Once::new();

fn state() -> std::sync::MutexGuard<'static, Option<Published>> {
    STATE.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn write(published: &Published) -> std::io::Result<()> {
    let dir = runtime_dir().map_err(std::io::Error::other)?;
    let envelope = Envelope {
        pid: std::process::id(),
        heartbeat_ms: now_ms(),
        changed_ms: published.changed_ms,
        notes: published.notes.clone(),
    };
    let text = serde_json::to_string(&envelope).map_err(std::io::Error::other)?;
    crate::atomic::write_private(&file_for(&dir, envelope.pid), text.as_bytes())
}

pub(super) fn publish(notes: &Notes) -> std::io::Result<()> {
    let mut guard = state();
    let changed = guard.as_ref().is_none_or(|p| p.notes != *notes);
    let changed_ms = if changed { now_ms() } else { guard.as_ref().map_or(0, |p| p.changed_ms) };
    let published = Published { notes: notes.clone(), changed_ms };
    let result = write(&published);
    *guard = Some(published);
    drop(guard);
    STARTED.call_once(|| {
        remove_dead_presenters();
        std::thread::spawn(|| {
            loop {
                std::thread::sleep(BEAT);
                let _ = heartbeat();
            }
        });
    });
    result
}

/// Rewrites the published notes with a fresh heartbeat; nothing when none are published.
///
/// # Errors
/// When the file cannot be written.
pub fn heartbeat() -> std::io::Result<()> {
    let guard = state();
    match guard.as_ref() {
        Some(published) => write(published),
        None => Ok(()),
    }
}

/// Removes this presenter's notes (on the way out), so followers move on at once.
pub fn withdraw() {
    let mut guard = state();
    if guard.take().is_some()
        && let Ok(dir) = runtime_dir()
    {
        let _ = std::fs::remove_file(file_for(&dir, std::process::id()));
    }
}

/// Files of presenters that were killed; the folder is this user's own, so they are ours.
fn remove_dead_presenters() {
    let Ok(dir) = runtime_dir() else { return };
    for envelope in super::runtime::envelopes(&dir) {
        if !crate::pid::alive(envelope.pid) {
            let _ = std::fs::remove_file(file_for(&dir, envelope.pid));
        }
    }
}
