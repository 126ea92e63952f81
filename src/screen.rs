//! One folder per screen: its state, its messages, its update, its key table and its view.
//! Screens read and change the lesson's state only through [`Shared`], and ask for I/O only
//! by returning effects in a [`Reply`].

pub mod class;
pub mod diagram;
pub mod help;
pub mod lab;
pub mod playground;
pub mod present;
pub mod quiz;
pub mod walkthrough;

use crate::document::Document;
use crate::effect::Effect;
use crate::lesson::Lesson;
use crate::message::ScreenId;
use crate::progress::Progress;
use crate::quiz::ActiveChallenge;

/// The state every screen shares: one document, one lesson, one learner's progress.
#[derive(Debug, Clone)]
pub struct Shared {
    pub(crate) document: Document,
    pub(crate) lesson: std::sync::Arc<Lesson>,
    pub(crate) progress: Progress,
    /// Unix seconds, as of the last tick.
    pub(crate) now: u64,
    /// Varies the generated numeric questions from one run to the next.
    pub(crate) seed: u64,
    pub(crate) challenge: Option<ActiveChallenge>,
    /// Minutes in an interview drill.
    pub(crate) drill_minutes: u64,
    /// This tutor does not save (another one owns the data folder, or its lock cannot be taken).
    pub(crate) read_only: bool,
}

impl Shared {
    /// The effect that saves progress as it now is.
    #[must_use]
    pub fn save_progress(&self) -> Effect {
        Effect::SaveProgress(Box::new(self.progress.clone()))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    Info,
    Success,
    Error,
}

/// The one-line message under the screen: what just happened, or what went wrong. The mark
/// (✓ or ✗) comes from the kind, so the text carries none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub kind: StatusKind,
}

impl Status {
    #[must_use]
    pub fn new(kind: StatusKind, text: impl Into<String>) -> Self {
        Self { text: crate::sanitize::strip(&text.into()), kind }
    }
}

/// What a screen's update hands back to the app.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reply {
    pub status: Option<Status>,
    pub effects: Vec<Effect>,
    /// Switch to another screen (a challenge starts in the playground, say).
    pub show: Option<ScreenId>,
}

impl Reply {
    #[must_use]
    pub fn status(kind: StatusKind, text: impl Into<String>) -> Self {
        Self { status: Some(Status::new(kind, text)), ..Self::default() }
    }

    #[must_use]
    pub fn info(text: impl Into<String>) -> Self {
        Self::status(StatusKind::Info, text)
    }

    #[must_use]
    pub fn success(text: impl Into<String>) -> Self {
        Self::status(StatusKind::Success, text)
    }

    #[must_use]
    pub fn error(text: impl Into<String>) -> Self {
        Self::status(StatusKind::Error, text)
    }

    #[must_use]
    pub fn effect(effect: Effect) -> Self {
        Self { effects: vec![effect], ..Self::default() }
    }

    #[must_use]
    pub fn with_effect(mut self, effect: Effect) -> Self {
        self.effects.push(effect);
        self
    }

    /// Adds another reply's status (if this has none) and effects.
    pub fn merge(&mut self, other: Reply) {
        if other.status.is_some() {
            self.status = other.status;
        }
        self.effects.extend(other.effects);
        self.show = other.show.or(self.show);
    }
}
