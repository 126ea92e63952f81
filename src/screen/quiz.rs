//! The Quiz screen's state: a menu of modes, a running session of questions, its summary,
//! the challenges and the lesson's "Apply now" exercise.

mod apply;
mod view;

pub use apply::{ApplyState, apply_report};
pub use view::QuizView;

use crate::quiz::Question;

/// The menu's entries, in order.
pub const MODES: [&str; 4] = ["Practice", "Interview drill", "Challenges", "Apply now"];
/// Questions in one practice session at most.
pub const PRACTICE_SIZE: usize = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Menu,
    Question,
    Summary,
    Challenges,
    Apply,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionKind {
    Practice,
    /// A timed round; the clock advances with ticks, so tests can drive it.
    Drill {
        limit_ms: u64,
        elapsed_ms: u64,
    },
    /// Practising the questions missed in the last session.
    Review,
}

/// Where the current question stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    Asking,
    /// A free-recall answer has been revealed; the learner grades themselves.
    Grading,
    /// Scored (or solution shown); `lines` explain the outcome.
    Answered {
        right: bool,
        lines: Vec<String>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub selected: usize,
    /// The answer being typed, when the field is open.
    pub input: Option<String>,
    pub hints: usize,
    pub solution_shown: bool,
    pub phase: Phase,
    /// A free-recall answer as typed, shown beside the model answer.
    pub typed: Option<String>,
}

impl Run {
    #[must_use]
    pub fn new(question: &Question) -> Self {
        let input = matches!(question.form, crate::quiz::Form::Numeric(_)).then(String::new);
        Self { selected: 0, input, hints: 0, solution_shown: false, phase: Phase::Asking, typed: None }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub id: String,
    pub prompt: String,
    pub right: bool,
    pub hints: u32,
    /// False when the solution was shown: it counts as seen, not as right or wrong.
    pub scored: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub kind: SessionKind,
    pub queue: Vec<Question>,
    pub index: usize,
    pub run: Run,
    pub outcomes: Vec<Outcome>,
}

impl Session {
    #[must_use]
    pub fn new(kind: SessionKind, queue: Vec<Question>) -> Self {
        let run = queue.first().map_or_else(
            || Run { selected: 0, input: None, hints: 0, solution_shown: false, phase: Phase::Asking, typed: None },
            Run::new,
        );
        Self { kind, queue, index: 0, run, outcomes: Vec::new() }
    }

    #[must_use]
    pub fn current(&self) -> Option<&Question> {
        self.queue.get(self.index)
    }

    #[must_use]
    pub fn remaining_ms(&self) -> Option<u64> {
        match self.kind {
            SessionKind::Drill { limit_ms, elapsed_ms } => Some(limit_ms.saturating_sub(elapsed_ms)),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub title: String,
    pub outcomes: Vec<Outcome>,
}

impl Summary {
    #[must_use]
    pub fn misses(&self) -> Vec<&Outcome> {
        self.outcomes.iter().filter(|o| o.scored && !o.right).collect()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct QuizState {
    pub page: Page,
    pub menu: usize,
    pub session: Option<Session>,
    pub summary: Option<Summary>,
    pub challenge: usize,
    pub apply: ApplyState,
    /// Minutes in an interview drill.
    pub drill_minutes: u64,
}

impl Default for QuizState {
    fn default() -> Self {
        Self {
            page: Page::Menu,
            menu: 0,
            session: None,
            summary: None,
            challenge: 0,
            apply: ApplyState::default(),
            drill_minutes: 5,
        }
    }
}

/// A challenge being attempted in the playground.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActiveChallenge {
    pub id: String,
    pub goal: String,
    pub start_edits: u32,
}
