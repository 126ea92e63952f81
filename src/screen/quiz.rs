//! The Quiz screen's state: a menu of modes, a running session of questions, its summary,
//! the challenges and the lesson's "Apply now" exercise. Each page keeps its own state in
//! its variant of [`Page`], so nothing of a page outlives it.

mod apply;
mod exercise;
pub use exercise::check_challenge;
mod keys;
mod run;
mod session;
mod summary;
mod summary_view;
mod tasks;
mod tasks_view;
mod update;
mod view;

pub use apply::{ApplyGrid, ApplyState, apply_report};
pub use keys::KEYS;
pub use run::{Mark, Outcome, Phase, Run, Session, SessionKind};
pub use summary::{Ending, Summary};
pub use tasks::{BLANKS, BoundaryTask, DiagramTask, PIPELINE, SCORE_BLANK};
pub use update::QuizMsg;
pub use view::QuizView;

use crate::screen::Reply;
use crate::widget::{AnswerBox, TextField};
use strum::EnumIter;

/// The menu's entries, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter)]
pub enum QuizMode {
    Practice,
    Drill,
    Challenges,
    Apply,
}

impl QuizMode {
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
        crate::message::cycle(self, delta)
    }
}

/// The longest typed quiz answer.
const ANSWER_CAP: usize = 400;
/// Questions in one practice session at most.
pub const PRACTICE_SIZE: usize = 10;

/// The page on show, holding that page's state and nothing else's.
#[derive(Debug, Clone, PartialEq)]
pub enum Page {
    Menu,
    /// Practice, a drill or a review of the missed ones: see [`SessionKind`].
    Session(Session),
    Summary(Summary),
    /// The challenge list, with the selected entry.
    Challenges(usize),
    /// Apply now, task 1: the learner's own W_Q, W_K, W_V and their q, k and v.
    Apply(ApplyState),
    /// Apply now, task 2: the three-branch picture from memory.
    Diagram(DiagramTask),
    /// Apply now, task 3: where the projection ends and the scoring begins.
    Boundary(BoundaryTask),
}

/// What a page's key did: its reply, and the page to show next when it leaves.
pub(super) struct Step {
    reply: Reply,
    to: Option<Page>,
}

impl Step {
    fn stay(reply: Reply) -> Self {
        Self { reply, to: None }
    }

    fn go(page: Page, reply: Reply) -> Self {
        Self { reply, to: Some(page) }
    }
}

impl From<Reply> for Step {
    fn from(reply: Reply) -> Self {
        Self::stay(reply)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct QuizState {
    page: Page,
    /// The menu's cursor, kept so the menu opens where the learner left it.
    menu: QuizMode,
    /// Reviews started so far: each draws its own numbers and option orders.
    reviews: u64,
}

impl Default for QuizState {
    fn default() -> Self {
        Self { page: Page::Menu, menu: QuizMode::Practice, reviews: 0 }
    }
}

impl QuizState {
    #[must_use]
    pub fn page(&self) -> &Page {
        &self.page
    }

    /// The menu entry under the cursor.
    #[must_use]
    pub fn menu(&self) -> QuizMode {
        self.menu
    }

    /// The running session, if a question page is on show.
    #[must_use]
    pub fn session(&self) -> Option<&Session> {
        match &self.page {
            Page::Session(session) => Some(session),
            _ => None,
        }
    }

    #[must_use]
    pub fn summary(&self) -> Option<&Summary> {
        match &self.page {
            Page::Summary(summary) => Some(summary),
            _ => None,
        }
    }

    #[must_use]
    pub fn apply(&self) -> Option<&ApplyState> {
        match &self.page {
            Page::Apply(apply) => Some(apply),
            _ => None,
        }
    }

    #[must_use]
    pub fn diagram(&self) -> Option<&DiagramTask> {
        match &self.page {
            Page::Diagram(task) => Some(task),
            _ => None,
        }
    }

    #[must_use]
    pub fn boundary(&self) -> Option<&BoundaryTask> {
        match &self.page {
            Page::Boundary(task) => Some(task),
            _ => None,
        }
    }

    /// The text field with the keyboard, if any.
    #[must_use]
    pub fn focused_field(&self) -> Option<&TextField> {
        match &self.page {
            Page::Apply(apply) => apply.editor().field(),
            Page::Diagram(task) => task.edit.as_ref(),
            Page::Session(session) => {
                let run = session.run();
                run.answer()
                    .filter(|a| a.focused())
                    .map(AnswerBox::field)
                    .or_else(|| run.input.as_ref().filter(|_| run.focused))
            }
            _ => None,
        }
    }
}
