//! Speaker notes: the presenter writes what is on the projector to a small file in the user's
//! private runtime folder; `qkv-tutor notes`, in a second terminal, follows it. Either side
//! may start first. Each presenter writes its own `presenter-<pid>.json` with a heartbeat
//! every second, so the notes follow the most recent live presenter and say when it stopped,
//! even when it was killed without a word.

mod heartbeat;
mod runtime;
mod wrap;

pub use heartbeat::{heartbeat, withdraw};
pub use runtime::{NotPrivate, Presenter, RuntimeDirError, STALE_AFTER_MS, current, runtime_dir};
pub use wrap::wrap;

use serde::{Deserialize, Serialize};

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

/// Publishes the notes for this presenter, atomically and readable by the user only; a
/// background heartbeat keeps them marked live until [`withdraw`] or the process ends.
///
/// # Errors
/// When the runtime folder is unsafe (not ours, a link, not a folder) or cannot be written.
pub fn publish(notes: &Notes) -> std::io::Result<()> {
    heartbeat::publish(notes)
}

/// The live presenter's notes, if there is one.
#[must_use]
pub fn read() -> Option<Notes> {
    match current() {
        Presenter::Live(notes) => Some(notes),
        _ => None,
    }
}

const WAITING: &str = "Waiting for the presenter: start `qkv-tutor --present` (or press Ctrl-P in the tutor).\n";

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
        _ => WAITING.into(),
    }
}

/// What the follower prints for any state of the presenters.
#[must_use]
pub fn render_state(state: &Presenter) -> String {
    match state {
        Presenter::Live(notes) => render(Some(notes)),
        Presenter::Waiting => WAITING.into(),
        Presenter::Stopped { pid, seconds } => {
            format!("The presenter stopped (process {pid}, last heard from {seconds} s ago).\n{WAITING}")
        }
        Presenter::Unavailable(reason) => {
            format!("Speaker notes are unavailable: {}\n", crate::sanitize::escape(reason))
        }
    }
}
