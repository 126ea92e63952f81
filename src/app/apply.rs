//! "Apply now" and the challenges: the Quiz screen's hands-on modes.

use super::{App, StatusKind};
use crate::message::{InputMsg, QuizMsg};
use crate::number::parse_cell;
use crate::screen::quiz::{ActiveChallenge, Page, apply_report};

impl App {
    pub(super) fn quiz_apply(&mut self, message: QuizMsg) {
        let apply = &mut self.quiz.apply;
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
            QuizMsg::Char(c) => apply.edit = Some(c.to_string()),
            QuizMsg::Enter => apply.edit = Some(String::new()),
            QuizMsg::Check => {
                apply.report = apply_report(apply);
                let wrong = apply.report.iter().filter(|(ok, _)| !ok).count();
                let text = if wrong == 0 {
                    "✓ every entry is right".to_string()
                } else {
                    format!("{wrong} of 6 entries need another look")
                };
                self.set_status(if wrong == 0 { StatusKind::Success } else { StatusKind::Error }, text);
            }
            QuizMsg::Back => self.quiz.page = Page::Menu,
            _ => {}
        }
        let apply = &mut self.quiz.apply;
        let rows = apply.grids[apply.grid].nrows();
        apply.row = apply.row.min(rows - 1);
    }

    pub(super) fn apply_input(&mut self, input: InputMsg) {
        let apply = &mut self.quiz.apply;
        let Some(text) = apply.edit.as_mut() else { return };
        match input {
            InputMsg::Char(c) if text.chars().count() < 40 => text.push(c),
            InputMsg::Paste(paste) => text.extend(paste.chars().filter(|c| !c.is_control()).take(40)),
            InputMsg::Backspace => {
                text.pop();
            }
            InputMsg::Cancel => apply.edit = None,
            InputMsg::Submit => match parse_cell(text) {
                Ok(value) => {
                    apply.grids[apply.grid][(apply.row, apply.col)] = value;
                    apply.edit = None;
                }
                Err(e) => self.set_status(StatusKind::Error, format!("not changed: {e}")),
            },
            InputMsg::Char(_) => {}
        }
    }

    pub(super) fn quiz_challenges(&mut self, message: QuizMsg) {
        let count = self.lesson.challenges.len().max(1);
        match message {
            QuizMsg::Up => self.quiz.challenge = (self.quiz.challenge + count - 1) % count,
            QuizMsg::Down => self.quiz.challenge = (self.quiz.challenge + 1) % count,
            QuizMsg::Enter => self.start_challenge(),
            QuizMsg::Back => self.quiz.page = Page::Menu,
            _ => {}
        }
    }

    fn start_challenge(&mut self) {
        let Some(spec) = self.lesson.challenges.get(self.quiz.challenge).cloned() else { return };
        if self.document.replace(self.document.baseline.clone()).is_err() {
            return;
        }
        self.playground.clamp(&self.document.attention);
        self.challenge =
            Some(ActiveChallenge { id: spec.id, goal: spec.goal.clone(), start_edits: self.document.edits() });
        self.screen = crate::message::ScreenId::Playground;
        self.set_status(StatusKind::Info, format!("Challenge: {}", spec.goal));
    }

    /// After every change: has the active challenge's goal been reached?
    pub(super) fn check_challenge(&mut self) {
        let Some(active) = self.challenge.clone() else { return };
        let Some(met) = crate::quiz::challenge_met(
            &active.id,
            &self.document.scenario,
            &self.document.baseline,
            &self.document.attention,
        ) else {
            return;
        };
        if !met {
            return;
        }
        let edits = self.document.edits().saturating_sub(active.start_edits);
        let best = self.progress.record_challenge(&active.id, edits);
        self.save_progress();
        self.challenge = None;
        let record = if best { " (a new best)" } else { "" };
        self.set_status(StatusKind::Success, format!("Challenge met in {edits} edits{record}: {}", active.goal));
    }
}
