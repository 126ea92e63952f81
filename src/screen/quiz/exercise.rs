//! Apply now's grids and the challenges: the Quiz screen's hands-on modes. The grids are
//! typed with the playground's own editor.

use super::{ApplyGrid, ApplyState, DiagramTask, Page, QuizMsg, Step};
use crate::message::{Direction, FieldMsg, ScreenId};
use crate::quiz::ActiveChallenge;
use crate::screen::{Reply, Shared};
use crate::widget::CellInput;

impl ApplyState {
    /// Keys on Apply now's first task.
    pub(super) fn key(&mut self, message: QuizMsg) -> Step {
        let direction = match message {
            QuizMsg::Up => Direction::Up,
            QuizMsg::Down => Direction::Down,
            QuizMsg::Left => Direction::Left,
            QuizMsg::Right => Direction::Right,
            QuizMsg::Enter => return self.begin(None),
            QuizMsg::BeginEdit(c) => return self.begin(Some(c)),
            QuizMsg::Check => return self.check_reply().into(),
            QuizMsg::Next => {
                let task = DiagramTask::new(self.learner_attention());
                return Step::go(Page::Diagram(task), Reply::default());
            }
            QuizMsg::Back => return Step::go(Page::Menu, Reply::default()),
            _ => return Step::stay(Reply::default()),
        };
        let shape = |grid: ApplyGrid| self.matrix(grid).shape();
        let (grid, row, col) = self.editor().target(direction, shape);
        let shape = self.matrix(grid).shape();
        let editor = self.editor_mut();
        editor.select(grid, row, col);
        editor.clamp(shape);
        Step::stay(Reply::default())
    }

    fn begin(&mut self, first: Option<char>) -> Step {
        let (row, col) = self.editor().cell();
        let current = self.matrix(self.editor().grid())[(row, col)];
        self.editor_mut().begin(first, current);
        Step::stay(Reply::default())
    }

    fn check_reply(&mut self) -> Reply {
        let wrong = self.check();
        if wrong == 0 {
            Reply::success("every entry is right")
        } else {
            Reply::error(format!("{wrong} of {} checks need another look", self.report().len()))
        }
    }

    /// Keys typed into the open cell.
    pub(super) fn field(&mut self, message: &FieldMsg) -> Reply {
        if let CellInput::Commit(value) = self.editor_mut().type_key(message) {
            let grid = self.editor().grid();
            let cell = self.editor().cell();
            self.matrix_mut(grid)[cell] = value;
            self.editor_mut().close();
        }
        Reply::default()
    }
}

/// Keys on the challenge list.
pub(super) fn challenges_key(selected: &mut usize, message: QuizMsg, shared: &mut Shared) -> Step {
    let count = shared.lesson.challenges.len().max(1);
    match message {
        QuizMsg::Up => *selected = (*selected + count - 1) % count,
        QuizMsg::Down => *selected = (*selected + 1) % count,
        QuizMsg::Enter => return start_challenge(*selected, shared).into(),
        QuizMsg::Back => return Step::go(Page::Menu, Reply::default()),
        _ => {}
    }
    Step::stay(Reply::default())
}

/// Starts a challenge from the opened scenario's numbers, in the playground.
fn start_challenge(index: usize, shared: &mut Shared) -> Reply {
    let Some(spec) = shared.lesson.challenges.get(index).cloned() else { return Reply::default() };
    if let Err(error) = shared.document.reset() {
        return Reply::error(error.to_string());
    }
    shared.challenge =
        Some(ActiveChallenge { id: spec.id, goal: spec.goal.clone(), start_edits: shared.document.edits() });
    Reply { show: Some(ScreenId::Playground), ..Reply::info(format!("Challenge: {}", spec.goal)) }
}

/// After every change: has the active challenge's goal been reached?
#[must_use]
pub fn check_challenge(shared: &mut Shared) -> Reply {
    let Some(active) = shared.challenge.clone() else { return Reply::default() };
    let doc = &shared.document;
    let met = crate::quiz::challenge_met(&active.id, &doc.scenario(), doc.baseline(), doc.attention());
    if met != Some(true) {
        return Reply::default();
    }
    let edits = doc.edits().saturating_sub(active.start_edits);
    let best = shared.progress.record_challenge(&active.id, edits);
    shared.challenge = None;
    let record = if best { " (a new best)" } else { "" };
    Reply::success(format!("Challenge met in {}{record}: {}", crate::format::plural(edits, "edit"), active.goal))
        .with_effect(shared.save_progress())
}
