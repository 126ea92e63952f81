//! The playground's intents: moving, editing, reshaping, undo, save and load.

use super::{App, StatusKind};
use crate::document::Edit;
use crate::message::{Direction, InputMsg, PlayMsg};
use crate::number::{MAX_CELL_CHARS, parse_cell};
use crate::scenario;
use crate::screen::playground::{GridId, Prompt, PromptKind};
use std::path::PathBuf;

impl App {
    pub(super) fn play(&mut self, message: PlayMsg) {
        if self.playground.library.is_some() {
            self.library(message);
            return;
        }
        match message {
            PlayMsg::OpenLibrary => self.playground.library = Some(0),
            PlayMsg::Move(direction) => self.move_selection(direction),
            PlayMsg::NextGrid => self.select_grid(self.playground.grid.offset(1)),
            PlayMsg::PrevGrid => self.select_grid(self.playground.grid.offset(-1)),
            PlayMsg::Select { grid, row, col } => {
                self.playground.select(grid, row, col);
                self.playground.edit = None;
                self.after_query_change();
            }
            PlayMsg::BeginEdit(c) => self.begin_edit(Some(c)),
            PlayMsg::Activate => self.activate(),
            PlayMsg::Undo => self.history(true),
            PlayMsg::Redo => self.history(false),
            PlayMsg::Reset => {
                self.replace_scenario(self.document.baseline.clone(), "reset to the lesson's numbers (u undoes)");
            }
            PlayMsg::AskSave => {
                self.playground.prompt = Some(Prompt { kind: PromptKind::Save, text: "scenario.json".into() });
            }
            PlayMsg::AskLoad => {
                self.playground.prompt = Some(Prompt { kind: PromptKind::Load, text: String::new() });
            }
            PlayMsg::Reshape(edit) => self.reshape(edit),
        }
    }

    /// Keys while the scenario library is open: choose, load, or (Esc) close.
    fn library(&mut self, message: PlayMsg) {
        let count = crate::scenario::LIBRARY.len();
        let Some(selected) = self.playground.library else { return };
        match message {
            PlayMsg::Move(Direction::Up) => self.playground.library = Some((selected + count - 1) % count),
            PlayMsg::Move(Direction::Down) => self.playground.library = Some((selected + 1) % count),
            PlayMsg::Activate => {
                self.playground.library = None;
                let (name, _) = crate::scenario::LIBRARY[selected];
                match crate::scenario::shipped(name) {
                    Some(Ok(loaded)) => {
                        self.replace_scenario(loaded, &format!("loaded the shipped scenario {name} (u undoes)"));
                    }
                    Some(Err(error)) => self.set_status(StatusKind::Error, error.to_string()),
                    None => {}
                }
            }
            PlayMsg::OpenLibrary => self.playground.library = None,
            _ => {}
        }
    }

    fn reshape(&mut self, edit: Edit) {
        match self.document.apply(edit) {
            Ok(()) => {
                self.after_document_change();
                let a = &self.document.attention;
                let text = format!(
                    "T = {}, D = {}, d_k = {}, d_v = {}",
                    a.tokens(),
                    a.model_width(),
                    a.key_width(),
                    a.value_width()
                );
                self.set_status(StatusKind::Info, text);
            }
            Err(error) => self.set_status(StatusKind::Error, error.to_string()),
        }
    }

    fn move_selection(&mut self, direction: Direction) {
        let state = &self.playground;
        let matrix = state.grid.matrix(&self.document.attention);
        let (rows, cols) = (matrix.nrows(), matrix.ncols());
        let (grid, row, col) = match direction {
            Direction::Up => (state.grid, state.row.saturating_sub(1), state.col),
            Direction::Down => (state.grid, (state.row + 1).min(rows.saturating_sub(1)), state.col),
            Direction::Left if state.col == 0 => {
                let grid = state.grid.offset(-1);
                (grid, state.row, grid.matrix(&self.document.attention).ncols().saturating_sub(1))
            }
            Direction::Left => (state.grid, state.row, state.col - 1),
            Direction::Right if state.col + 1 >= cols => (state.grid.offset(1), state.row, 0),
            Direction::Right => (state.grid, state.row, state.col + 1),
        };
        self.playground.select(grid, row, col);
        self.playground.clamp(&self.document.attention);
        self.after_query_change();
    }

    fn select_grid(&mut self, grid: GridId) {
        self.playground.select(grid, self.playground.row, self.playground.col);
        self.playground.clamp(&self.document.attention);
        self.after_query_change();
    }

    fn begin_edit(&mut self, first: Option<char>) {
        if self.playground.grid.input().is_none() {
            self.set_status(
                StatusKind::Error,
                "results are computed, not typed: edit X or a W instead (Enter explains)",
            );
            return;
        }
        let text = match first {
            Some(c) => c.to_string(),
            None => crate::format::number(
                self.playground.grid.matrix(&self.document.attention)[(self.playground.row, self.playground.col)],
            ),
        };
        self.playground.edit = Some(text);
        self.playground.explain = None;
    }

    fn activate(&mut self) {
        let state = &mut self.playground;
        if state.grid.input().is_some() {
            self.begin_edit(None);
            return;
        }
        let target = (state.grid, state.row, state.col);
        state.explain = if state.explain == Some(target) { None } else { Some(target) };
    }

    pub(super) fn play_input(&mut self, input: InputMsg) {
        if self.playground.prompt.is_some() {
            self.prompt_input(input);
            return;
        }
        let Some(text) = self.playground.edit.as_mut() else {
            return;
        };
        match input {
            InputMsg::Char(c) if text.chars().count() < MAX_CELL_CHARS + 8 => text.push(c),
            InputMsg::Paste(paste) => text.extend(paste.chars().filter(|c| !c.is_control()).take(MAX_CELL_CHARS + 8)),
            InputMsg::Backspace => {
                text.pop();
            }
            InputMsg::Cancel => self.playground.edit = None,
            InputMsg::Submit => self.commit_edit(),
            InputMsg::Char(_) => {}
        }
    }

    fn commit_edit(&mut self) {
        let state = &self.playground;
        let (Some(text), Some(matrix)) = (state.edit.as_deref(), state.grid.input()) else {
            return;
        };
        let value = match parse_cell(text) {
            Ok(value) => value,
            Err(error) => {
                return self.set_status(StatusKind::Error, format!("not changed: {error}"));
            }
        };
        let (row, col) = (state.row, state.col);
        let old = state.grid.matrix(&self.document.attention)[(row, col)];
        match self.document.apply(Edit::SetCell { matrix, row, col, value }) {
            Ok(()) => {
                self.playground.edit = None;
                self.after_document_change();
                let name = self.playground.grid.name();
                let text = format!(
                    "{name} row {}, column {}: {} → {}; everything recomputed",
                    row + 1,
                    col + 1,
                    crate::format::number(old),
                    crate::format::number(value)
                );
                self.set_status(StatusKind::Success, text);
            }
            Err(error) => self.set_status(StatusKind::Error, format!("not changed: {error}")),
        }
    }

    fn prompt_input(&mut self, input: InputMsg) {
        let Some(prompt) = self.playground.prompt.as_mut() else {
            return;
        };
        match input {
            InputMsg::Char(c) if prompt.text.chars().count() < 4096 => prompt.text.push(c),
            InputMsg::Paste(paste) => prompt.text.extend(paste.chars().filter(|c| !c.is_control()).take(4096)),
            InputMsg::Backspace => {
                prompt.text.pop();
            }
            InputMsg::Cancel => self.playground.prompt = None,
            InputMsg::Submit => self.submit_prompt(),
            InputMsg::Char(_) => {}
        }
    }

    fn submit_prompt(&mut self) {
        let Some(prompt) = self.playground.prompt.take() else {
            return;
        };
        let path = PathBuf::from(prompt.text.trim());
        match prompt.kind {
            PromptKind::Save => match scenario::save(&path, &self.document.scenario) {
                Ok(()) => self.set_status(StatusKind::Success, format!("saved to {}", scenario::display_name(&path))),
                Err(error) => self.set_status(StatusKind::Error, error.to_string()),
            },
            PromptKind::Load => match scenario::load(&path) {
                Ok(loaded) => {
                    self.replace_scenario(loaded, &format!("loaded {} (u undoes)", scenario::display_name(&path)));
                }
                Err(error) => self.set_status(StatusKind::Error, error.to_string()),
            },
        }
    }

    fn replace_scenario(&mut self, next: crate::scenario::Scenario, message: &str) {
        match self.document.replace(next) {
            Ok(()) => {
                self.after_document_change();
                self.set_status(StatusKind::Success, message);
            }
            Err(error) => self.set_status(StatusKind::Error, error.to_string()),
        }
    }

    fn history(&mut self, back: bool) {
        let changed = if back { self.document.undo() } else { self.document.redo() };
        if changed {
            self.after_document_change();
            self.set_status(StatusKind::Info, if back { "undone" } else { "redone" });
        } else {
            self.set_status(StatusKind::Info, if back { "nothing to undo" } else { "nothing to redo" });
        }
    }

    fn after_document_change(&mut self) {
        self.playground.clamp(&self.document.attention);
        self.after_query_change();
    }

    fn after_query_change(&mut self) {
        let count = self.step_count();
        self.walkthrough.go_to(self.walkthrough.step, count);
    }
}
