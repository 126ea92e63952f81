//! A session's state: the questions, the one being asked and how each went.

use super::ANSWER_CAP;
use crate::quiz::{Form, Question};
use crate::widget::{AnswerBox, TextField};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionKind {
    Practice,
    /// A timed round; the clock advances with ticks, so tests can drive it.
    Drill {
        limit_ms: u64,
        elapsed_ms: u64,
    },
    /// Practising the questions missed (or shown) in the last session, drawn afresh.
    Review,
}

impl SessionKind {
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            SessionKind::Practice => "Practice",
            SessionKind::Drill { .. } => "Interview drill",
            SessionKind::Review => "Practising the missed ones",
        }
    }
}

/// How one question went. Only an answer found without being given it is right or missed;
/// a solution shown, or an answer typed after the hint that gave it away, is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Right,
    Missed,
    Shown,
}

/// Where the current question stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    Asking,
    /// A free-recall answer has been revealed; the learner grades themselves.
    Grading,
    /// Done with; `lines` explain the outcome.
    Answered {
        mark: Mark,
        lines: Vec<String>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub(super) selected: usize,
    /// A free-recall answer being typed, when its field is open.
    pub(super) input: Option<TextField>,
    /// Whether the free-recall field has the keyboard (Esc leaves it, Enter returns).
    pub(super) focused: bool,
    /// A numeric question's answer: the one component predict mode and Apply now use too.
    /// Its misses decide the score: only a first try counts as right.
    pub(super) answer: Option<AnswerBox>,
    pub(super) hints: usize,
    pub(super) solution_shown: bool,
    pub(super) phase: Phase,
    /// A free-recall answer as typed, shown beside the model answer.
    pub(super) typed: Option<String>,
}

impl Run {
    #[must_use]
    pub fn new(question: Option<&Question>) -> Self {
        let answer = match question.map(|q| &q.form) {
            Some(Form::Numeric(asked)) => Some(AnswerBox::new(asked.clone(), ANSWER_CAP)),
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

    #[must_use]
    pub fn phase(&self) -> &Phase {
        &self.phase
    }

    /// Hints shown so far.
    #[must_use]
    pub fn hints(&self) -> usize {
        self.hints
    }

    /// A numeric question's answer box.
    #[must_use]
    pub fn answer(&self) -> Option<&AnswerBox> {
        self.answer.as_ref()
    }

    /// Whether the hints shown include the last, which gives the answer away.
    #[must_use]
    pub fn given_away(&self, question: &Question) -> bool {
        !question.hints.is_empty() && self.hints >= question.hints.len()
    }
}

/// One question's result, kept for the summary.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// As it was asked, so a review can draw it differently.
    pub(super) question: Question,
    pub(super) mark: Mark,
    pub(super) hints: u32,
}

impl Outcome {
    #[must_use]
    pub fn id(&self) -> &str {
        &self.question.id
    }

    #[must_use]
    pub fn prompt(&self) -> &str {
        &self.question.prompt
    }

    #[must_use]
    pub fn mark(&self) -> Mark {
        self.mark
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub(super) kind: SessionKind,
    pub(super) queue: Vec<Question>,
    pub(super) index: usize,
    pub(super) run: Run,
    pub(super) outcomes: Vec<Outcome>,
    /// Esc in a drill asks first: leaving early keeps the last drill record.
    pub(super) leaving: bool,
}

impl Session {
    #[must_use]
    pub fn new(kind: SessionKind, queue: Vec<Question>) -> Self {
        let run = Run::new(queue.first());
        Self { kind, queue, index: 0, run, outcomes: Vec::new(), leaving: false }
    }

    #[must_use]
    pub fn current(&self) -> Option<&Question> {
        self.queue.get(self.index)
    }

    #[must_use]
    pub fn kind(&self) -> SessionKind {
        self.kind
    }

    #[must_use]
    pub fn queue(&self) -> &[Question] {
        &self.queue
    }

    /// The current question's place in the queue, from 0.
    #[must_use]
    pub fn index(&self) -> usize {
        self.index
    }

    #[must_use]
    pub fn run(&self) -> &Run {
        &self.run
    }

    #[must_use]
    pub fn outcomes(&self) -> &[Outcome] {
        &self.outcomes
    }

    /// Whether Esc has asked "leave the drill?" and waits for y or n.
    #[must_use]
    pub fn leaving(&self) -> bool {
        self.leaving
    }

    #[must_use]
    pub fn remaining_ms(&self) -> Option<u64> {
        match self.kind {
            SessionKind::Drill { limit_ms, elapsed_ms } => Some(limit_ms.saturating_sub(elapsed_ms)),
            _ => None,
        }
    }
}
