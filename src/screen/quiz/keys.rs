//! The Quiz screen's keys. Options are picked with letters (digits switch screens here as
//! everywhere but the playground); a free answer is graded with a, h, g or e.

use super::{Page, Phase, QuizMsg, QuizState, Session};
use crate::keymap::{Binding, bind, code, plain};
use crate::progress::Grade;
use crate::quiz::Form;
use ratatui::crossterm::event::KeyCode;

pub const KEYS: &[Binding<QuizMsg>] = &[
    // First, so that while "leave the drill?" waits, n and Esc answer it.
    bind(
        &[plain('y')],
        "y/n",
        "leave?",
        "leave the drill early (its record stays), or keep going",
        QuizMsg::Leave(true),
    ),
    bind(&[plain('n'), code(KeyCode::Esc)], "", "", "", QuizMsg::Leave(false)),
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
    bind(&[plain('s')], "s", "solution", "show the solution (not scored; it comes back soon)", QuizMsg::Solution),
    bind(&[plain('f')], "f", "flag", "flag a question that seems wrong", QuizMsg::Flag),
    bind(&[plain('n')], "n", "next", "next question", QuizMsg::Next),
    bind(&[plain('m')], "m", "missed", "practise the missed and shown ones again", QuizMsg::Missed),
    bind(&[plain('c')], "c", "check", "check every entry (Apply now)", QuizMsg::Check),
    bind(&[code(KeyCode::Esc)], "Esc", "back", "end the session, back to the menu", QuizMsg::Back),
];

impl QuizState {
    /// Whether a grid cell has the focus, so digits type into it rather than switch screens.
    #[must_use]
    pub fn grid_focused(&self) -> bool {
        match &self.page {
            Page::Apply(apply) => apply.editor().field().is_none(),
            Page::Diagram(task) => task.score_selected(),
            _ => false,
        }
    }

    /// Whether a message does anything on the page, and in the phase, shown now.
    #[must_use]
    pub fn acts(&self, message: QuizMsg) -> bool {
        use QuizMsg::{Back, BeginEdit, Check, Down, Enter, Left, Missed, Next, Pick, Right, Up};
        match &self.page {
            Page::Menu => matches!(message, Up | Down | Enter),
            Page::Challenges(_) => matches!(message, Up | Down | Enter | Back),
            Page::Summary(summary) => {
                matches!(message, Enter | Back) || (message == Missed && !summary.to_practise().is_empty())
            }
            Page::Apply(_) => {
                matches!(message, Up | Down | Left | Right | Enter | Check | Next | Back | BeginEdit(_))
            }
            Page::Diagram(task) => {
                matches!(message, Up | Down | Enter | Check | Next | Back)
                    || (matches!(message, BeginEdit(_)) && task.score_selected())
            }
            Page::Boundary(_) => match message {
                Pick(i) => i < super::PIPELINE.len(),
                // The last task: Esc goes back to the menu, there is no next.
                m => matches!(m, Up | Down | Enter | Back),
            },
            Page::Session(session) => question_acts(session, message),
        }
    }
}

fn question_acts(session: &Session, message: QuizMsg) -> bool {
    if session.leaving() {
        return matches!(message, QuizMsg::Leave(_));
    }
    let Some(question) = session.current() else { return false };
    let run = session.run();
    let choices = match &question.form {
        Form::Choice { options } => options.len(),
        _ => 0,
    };
    match (run.phase(), message) {
        (_, QuizMsg::Leave(_)) => false,
        (_, QuizMsg::Back | QuizMsg::Flag) | (Phase::Asking, QuizMsg::Solution | QuizMsg::Enter) => true,
        (Phase::Answered { .. }, m) => matches!(m, QuizMsg::Enter | QuizMsg::Next),
        (Phase::Grading, m) => matches!(m, QuizMsg::Grade(_)),
        (Phase::Asking, QuizMsg::Pick(i)) => i < choices,
        (Phase::Asking, QuizMsg::Up | QuizMsg::Down) => choices > 0,
        (Phase::Asking, QuizMsg::Hint) => run.hints() < question.hints.len(),
        (Phase::Asking, _) => false,
    }
}
