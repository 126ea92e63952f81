//! Apply now and the challenges: the Quiz screen's hands-on modes.

use super::{Page, QuizMsg, QuizState, apply_report};
use crate::message::{FieldMsg, ScreenId};
use crate::number::parse_cell;
use crate::quiz::ActiveChallenge;
use crate::screen::{Reply, Shared};
use crate::widget::TextField;

/// The longest entry an Apply now cell takes.
const CELL_CAP: usize = 40;

impl QuizState {
    pub(super) fn apply_key(&mut self, message: QuizMsg) -> Reply {
        let apply = &mut self.apply;
        let (rows, cols) = apply.grids[apply.grid].shape();
        match message {
            QuizMsg::Up => apply.row = apply.row.saturating_sub(1),
            QuizMsg::Down => apply.row = (apply.row + 1).min(rows - 1),
            QuizMsg::Left if apply.col == 0 => {
                apply.grid = (apply.grid + 3) % 4;
                apply.col = 1;
            }
            QuizMsg::Left => apply.col -= 1,
            QuizMsg::Right if apply.col + 1 >= cols => {
                apply.grid = (apply.grid + 1) % 4;
                apply.col = 0;
            }
            QuizMsg::Right => apply.col += 1,
            QuizMsg::Enter => {
                let value = apply.grids[apply.grid][(apply.row, apply.col)];
                let shown = if value.is_nan() { String::new() } else { crate::format::number(value) };
                apply.edit = Some(TextField::with_default(&shown, CELL_CAP));
            }
            QuizMsg::BeginEdit(c) => apply.edit = Some(TextField::starting_with(c, CELL_CAP)),
            QuizMsg::Check => return self.check_apply(),
            QuizMsg::Next => self.page = Page::Diagram,
            QuizMsg::Back => self.page = Page::Menu,
            _ => {}
        }
        let apply = &mut self.apply;
        apply.row = apply.row.min(apply.grids[apply.grid].nrows() - 1);
        Reply::default()
    }

    fn check_apply(&mut self) -> Reply {
        let apply = &mut self.apply;
        apply.report = apply_report(apply);
        let wrong = apply.report.iter().filter(|(ok, _)| !ok).count();
        if wrong == 0 {
            Reply::success("every entry is right")
        } else {
            Reply::error(format!("{wrong} of {} checks need another look", apply.report.len()))
        }
    }

    pub(super) fn apply_field(&mut self, message: FieldMsg) -> Reply {
        let apply = &mut self.apply;
        let Some(field) = apply.edit.as_mut() else { return Reply::default() };
        match message {
            FieldMsg::Cancel => apply.edit = None,
            FieldMsg::Submit if field.text().trim().is_empty() => {
                apply.grids[apply.grid][(apply.row, apply.col)] = f64::NAN;
                apply.edit = None;
            }
            FieldMsg::Submit => match parse_cell(field.text()) {
                Ok(value) => {
                    apply.grids[apply.grid][(apply.row, apply.col)] = value;
                    apply.edit = None;
                }
                Err(e) => field.set_note(format!("not changed: {e}")),
            },
            other => field.edit(&other),
        }
        Reply::default()
    }

    pub(super) fn challenges_key(&mut self, message: QuizMsg, shared: &mut Shared) -> Reply {
        let count = shared.lesson.challenges.len().max(1);
        match message {
            QuizMsg::Up => self.challenge = (self.challenge + count - 1) % count,
            QuizMsg::Down => self.challenge = (self.challenge + 1) % count,
            QuizMsg::Enter => return start_challenge(self.challenge, shared),
            QuizMsg::Back => self.page = Page::Menu,
            _ => {}
        }
        Reply::default()
    }
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
    Reply::success(format!("Challenge met in {edits} edits{record}: {}", active.goal))
        .with_effect(shared.save_progress())
}
