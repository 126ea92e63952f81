//! The Quiz screen's keys. Options are picked with letters (digits switch screens here as
//! everywhere but the playground); a free answer is graded with a, h, g or e.

use super::{Page, Phase, QuizMsg, QuizState};
use crate::keymap::{Binding, bind, code, plain};
use crate::progress::Grade;
use crate::quiz::Form;
use ratatui::crossterm::event::KeyCode;

pub const KEYS: &[Binding<QuizMsg>] = &[
    bind(&[code(KeyCode::Up), plain('k')], "↑/↓", "choose", "choose", QuizMsg::Up),
    bind(&[code(KeyCode::Down), plain('j')], "", "", "", QuizMsg::Down),
    bind(&[code(KeyCode::Left)], "←/→", "move", "move between cells (Apply now)", QuizMsg::Left),
    bind(&[code(KeyCode::Right)], "", "", "", QuizMsg::Right),
    bind(&[plain('a')], "a/h/g/e", "grade", "grade your answer: again, hard, good, easy", QuizMsg::Grade(Grade::Again)),
    bind(&[plain('h')], "", "", "", QuizMsg::Grade(Grade::Hard)),
    bind(&[plain('g')], "", "", "", QuizMsg::Grade(Grade::Good)),
    bind(&[plain('e')], "", "", "", QuizMsg::Grade(Grade::Easy)),
    bind(&[plain('a')], "a b c…", "pick", "pick an option by its letter", QuizMsg::Pick(0)),
    bind(&[plain('b')], "", "", "", QuizMsg::Pick(1)),
    bind(&[plain('c')], "", "", "", QuizMsg::Pick(2)),
    bind(&[plain('d')], "", "", "", QuizMsg::Pick(3)),
    bind(&[plain('e')], "", "", "", QuizMsg::Pick(4)),
    bind(&[code(KeyCode::Enter)], "Enter", "go", "start, answer, edit a cell, next", QuizMsg::Enter),
    bind(&[plain('h')], "h", "hint", "next hint (a nudge first, the answer last)", QuizMsg::Hint),
    bind(&[plain('s')], "s", "solution", "show the solution (not scored)", QuizMsg::Solution),
    bind(&[plain('f')], "f", "flag", "flag a question that seems wrong", QuizMsg::Flag),
    bind(&[plain('n')], "n", "next", "next question", QuizMsg::Next),
    bind(&[plain('m')], "m", "missed", "practise the missed ones", QuizMsg::Missed),
    bind(&[plain('c')], "c", "check", "check every entry (Apply now)", QuizMsg::Check),
    bind(&[code(KeyCode::Esc)], "Esc", "back", "end the session, back to the menu", QuizMsg::Back),
];

impl QuizState {
    /// Whether a grid cell has the focus, so digits type into it rather than switch screens.
    #[must_use]
    pub fn grid_focused(&self) -> bool {
        self.page == Page::Apply && self.apply.edit.is_none()
    }

    /// Whether a message does anything on the page, and in the phase, shown now.
    #[must_use]
    pub fn acts(&self, message: QuizMsg) -> bool {
        match self.page {
            Page::Menu => matches!(message, QuizMsg::Up | QuizMsg::Down | QuizMsg::Enter),
            Page::Challenges => matches!(message, QuizMsg::Up | QuizMsg::Down | QuizMsg::Enter | QuizMsg::Back),
            Page::Summary => {
                let missed = self.summary.as_ref().is_some_and(|s| !s.misses().is_empty());
                matches!(message, QuizMsg::Enter | QuizMsg::Back) || (message == QuizMsg::Missed && missed)
            }
            Page::Apply => matches!(
                message,
                QuizMsg::Up
                    | QuizMsg::Down
                    | QuizMsg::Left
                    | QuizMsg::Right
                    | QuizMsg::Enter
                    | QuizMsg::Check
                    | QuizMsg::Next
                    | QuizMsg::Back
                    | QuizMsg::BeginEdit(_)
            ),
            Page::Diagram => matches!(
                message,
                QuizMsg::Up | QuizMsg::Down | QuizMsg::Enter | QuizMsg::Check | QuizMsg::Next | QuizMsg::Back
            ),
            Page::Boundary => match message {
                QuizMsg::Pick(i) => i < super::PIPELINE.len(),
                m => matches!(m, QuizMsg::Up | QuizMsg::Down | QuizMsg::Enter | QuizMsg::Next | QuizMsg::Back),
            },
            Page::Question => self.question_acts(message),
        }
    }

    fn question_acts(&self, message: QuizMsg) -> bool {
        let Some(session) = self.session.as_ref() else { return false };
        let Some(question) = session.current() else { return false };
        let run = &session.run;
        let choices = match &question.form {
            Form::Choice { options } => options.len(),
            _ => 0,
        };
        match (&run.phase, message) {
            (_, QuizMsg::Back | QuizMsg::Flag) | (Phase::Asking, QuizMsg::Solution | QuizMsg::Enter) => true,
            (Phase::Answered { .. }, m) => matches!(m, QuizMsg::Enter | QuizMsg::Next),
            (Phase::Grading, m) => matches!(m, QuizMsg::Grade(_)),
            (Phase::Asking, QuizMsg::Pick(i)) => i < choices,
            (Phase::Asking, QuizMsg::Up | QuizMsg::Down) => choices > 0,
            (Phase::Asking, QuizMsg::Hint) => run.hints < question.hints.len(),
            (Phase::Asking, _) => false,
        }
    }
}
