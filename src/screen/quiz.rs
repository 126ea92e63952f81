//! The Quiz screen's state: a menu of modes, a running session of questions, its summary,
//! the challenges and the lesson's "Apply now" exercise.

mod apply;
mod exercise;
pub use exercise::check_challenge;
mod keys;
mod session;
mod tasks;
mod tasks_view;
mod update;
mod view;

pub use apply::{ApplyState, apply_report};
pub use keys::KEYS;
pub use tasks::{BLANKS, BoundaryTask, DiagramTask, PIPELINE, SCORE_BLANK};
pub use update::QuizMsg;
pub use view::QuizView;

use crate::quiz::Question;
use crate::widget::{AnswerBox, TextField};

/// The menu's entries, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuizMode {
    Practice,
    Drill,
    Challenges,
    Apply,
}

impl QuizMode {
    pub const ALL: [QuizMode; 4] = [QuizMode::Practice, QuizMode::Drill, QuizMode::Challenges, QuizMode::Apply];

    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            QuizMode::Practice => "Practice",
            QuizMode::Drill => "Interview drill",
            QuizMode::Challenges => "Challenges",
            QuizMode::Apply => "Apply now",
        }
    }

    #[must_use]
    pub fn offset(self, delta: isize) -> Self {
        let index = Self::ALL.iter().position(|m| *m == self).unwrap_or(0).cast_signed();
        Self::ALL[(index + delta).rem_euclid(4).cast_unsigned()]
    }
}

/// The longest typed quiz answer.
const ANSWER_CAP: usize = 400;
/// Questions in one practice session at most.
pub const PRACTICE_SIZE: usize = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Menu,
    Question,
    Summary,
    Challenges,
    Apply,
    /// Apply now, task 2: the three-branch picture from memory.
    Diagram,
    /// Apply now, task 3: where the projection ends and the scoring begins.
    Boundary,
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
    /// A free-recall answer being typed, when its field is open.
    pub input: Option<TextField>,
    /// Whether the free-recall field has the keyboard (Esc leaves it, Enter returns).
    pub focused: bool,
    /// A numeric question's answer: the one component predict mode and Apply now use too.
    /// Its misses decide the score: only a first try counts as right.
    pub answer: Option<AnswerBox>,
    pub hints: usize,
    pub solution_shown: bool,
    pub phase: Phase,
    /// A free-recall answer as typed, shown beside the model answer.
    pub typed: Option<String>,
}

impl Run {
    #[must_use]
    pub fn new(question: &Question) -> Self {
        let answer = match &question.form {
            crate::quiz::Form::Numeric(asked) => Some(AnswerBox::new(asked.clone(), ANSWER_CAP)),
            _ => None,
        };
        Self {
            selected: 0,
            input: None,
            focused: false,
            answer,
            hints: 0,
            solution_shown: false,
            phase: Phase::Asking,
            typed: None,
        }
    }

    fn empty() -> Self {
        Self {
            selected: 0,
            input: None,
            focused: false,
            answer: None,
            hints: 0,
            solution_shown: false,
            phase: Phase::Asking,
            typed: None,
        }
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
        let run = queue.first().map_or_else(Run::empty, Run::new);
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
    pub menu: QuizMode,
    pub session: Option<Session>,
    pub summary: Option<Summary>,
    pub challenge: usize,
    pub apply: ApplyState,
    pub diagram: DiagramTask,
    pub boundary: BoundaryTask,
}

impl Default for QuizState {
    fn default() -> Self {
        Self {
            page: Page::Menu,
            menu: QuizMode::Practice,
            session: None,
            summary: None,
            challenge: 0,
            apply: ApplyState::default(),
            diagram: DiagramTask::default(),
            boundary: BoundaryTask::default(),
        }
    }
}

impl QuizState {
    /// The text field with the keyboard, if any.
    #[must_use]
    pub fn focused_field(&self) -> Option<&TextField> {
        match self.page {
            Page::Apply => self.apply.edit.as_ref(),
            Page::Diagram => self.diagram.edit.as_ref(),
            Page::Question => self.session.as_ref().map(|s| &s.run).and_then(|r| {
                r.answer
                    .as_ref()
                    .filter(|a| a.focused())
                    .map(AnswerBox::field)
                    .or_else(|| r.input.as_ref().filter(|_| r.focused))
            }),
            _ => None,
        }
    }
}
