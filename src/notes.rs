//! Speaker notes: the presenter writes what is on the projector to a small file in the user's
//! runtime folder; `qkv-tutor notes`, in a second terminal, follows it. Either side may start
//! first, and a stopped presenter leaves the notes waiting rather than broken.

use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// What the notes window shows for the current slide.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Notes {
    pub presenting: bool,
    pub slide: usize,
    pub slides: usize,
    pub title: String,
    pub say: String,
    pub ask: String,
    pub answer: String,
    pub revealed: bool,
}

/// `$QKV_TUTOR_RUNTIME_DIR`, else `$XDG_RUNTIME_DIR/qkv-tutor`, else a per-user folder in the
/// system's temporary directory.
#[must_use]
pub fn path() -> PathBuf {
    let env = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    let dir = env("QKV_TUTOR_RUNTIME_DIR")
        .or_else(|| env("XDG_RUNTIME_DIR").map(|d| d.join("qkv-tutor")))
        .unwrap_or_else(|| {
            let user = std::env::var("USER").unwrap_or_else(|_| "user".into());
            std::env::temp_dir().join(format!("qkv-tutor-{user}"))
        });
    dir.join("presenter.json")
}

/// Publishes the notes atomically, so the follower never reads half a file.
///
/// # Errors
/// When the runtime folder cannot be written.
pub fn publish(notes: &Notes) -> std::io::Result<()> {
    let path = path();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let text = serde_json::to_string(notes).map_err(std::io::Error::other)?;
    crate::atomic::write(&path, text.as_bytes())
}

/// The current notes; `None` when no presenter has written any (or the file is unreadable).
#[must_use]
pub fn read() -> Option<Notes> {
    let bytes = std::fs::read(path()).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// The notes as the follower prints them, every field stripped of control characters.
#[must_use]
pub fn render(notes: Option<&Notes>) -> String {
    use crate::sanitize::strip;
    match notes {
        Some(n) if n.presenting => format!(
            "Slide {} of {}: {}\n\nSay: {}\n\nAsk: {}\n\nAnswer: {}{}\n",
            n.slide,
            n.slides,
            strip(&n.title),
            strip(&n.say),
            strip(&n.ask),
            strip(&n.answer),
            if n.revealed { "  (revealed on the projector)" } else { "  (still hidden on the projector)" }
        ),
        _ => "Waiting for the presenter: start `qkv-tutor --present` (or press Ctrl-P in the tutor).\n".into(),
    }
}
