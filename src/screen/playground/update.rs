//! The playground's intents: moving, editing, reshaping, undo, save and open.

use super::{GridId, PlaygroundState, Prompt, PromptKind};
use crate::document::{Document, Edit};
use crate::effect::{Done, Effect, SaveRefusal};
use crate::engine::EngineError;
use crate::message::{Direction, FieldMsg};
use crate::scenario::{self, display_name};
use crate::screen::{Reply, Shared};
use crate::widget::{CellInput, TextField};
use std::path::PathBuf;

/// The longest path a prompt takes.
const PATH_CAP: usize = 4096;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PlayMsg {
    Move(Direction),
    NextGrid,
    PrevGrid,
    Select {
        grid: GridId,
        row: usize,
        col: usize,
    },
    BeginEdit(char),
    /// Enter: edit an input cell or explain a result cell.
    Activate,
    /// Enter in the library: load the chosen scenario (its own message, so the footer says
    /// "load" there and "edit/explain" elsewhere).
    LoadChosen,
    /// Esc: close the explanation or the library.
    Close,
    /// Change the scenario's shape or switches: tokens, D, d_k, d_v, scaling, the mask.
    Reshape(Edit),
    Undo,
    Redo,
    Reset,
    AskSave,
    AskLoad,
    OpenLibrary,
    /// The answer to "replace the existing file?".
    Confirm(bool),
}

impl PlaygroundState {
    pub fn update(&mut self, message: PlayMsg, shared: &mut Shared) -> Reply {
        if self.library.is_some() {
            return self.library_key(message, &mut shared.document);
        }
        let doc = &mut shared.document;
        match message {
            PlayMsg::OpenLibrary => self.library = Some(0),
            PlayMsg::Move(direction) => return self.move_selection(direction, doc),
            PlayMsg::NextGrid => return self.select(self.grid().offset(1), self.row(), self.col(), doc),
            PlayMsg::PrevGrid => return self.select(self.grid().offset(-1), self.row(), self.col(), doc),
            PlayMsg::Select { grid, row, col } => return self.select(grid, row, col, doc),
            PlayMsg::BeginEdit(c) => return self.begin_edit(Some(c), doc),
            PlayMsg::Activate => return self.activate(doc),
            PlayMsg::LoadChosen => {}
            PlayMsg::Close => self.explain = None,
            PlayMsg::Undo => return history(doc, true),
            PlayMsg::Redo => return history(doc, false),
            PlayMsg::Reset => return replaced(doc.reset(), "reset to the opened scenario"),
            PlayMsg::AskSave => self.ask(PromptKind::Save),
            PlayMsg::AskLoad => self.ask(PromptKind::Load),
            PlayMsg::Reshape(edit) => return reshape(doc, edit),
            PlayMsg::Confirm(yes) => return self.confirm(yes, doc),
        }
        Reply::default()
    }

    fn ask(&mut self, kind: PromptKind) {
        let field = match kind {
            PromptKind::Save => TextField::with_default("scenario.json", PATH_CAP),
            PromptKind::Load => TextField::new(PATH_CAP),
        };
        self.prompt = Some(Prompt { kind, field });
    }

    /// Keys while the scenario library is open: choose, load, or close.
    fn library_key(&mut self, message: PlayMsg, doc: &mut Document) -> Reply {
        let count = scenario::LIBRARY.len();
        let Some(selected) = self.library else { return Reply::default() };
        match message {
            PlayMsg::Move(Direction::Up) => self.library = Some((selected + count - 1) % count),
            PlayMsg::Move(Direction::Down) => self.library = Some((selected + 1) % count),
            PlayMsg::LoadChosen | PlayMsg::Activate => {
                self.library = None;
                let (name, _) = scenario::LIBRARY[selected % count];
                return match scenario::shipped(name) {
                    Some(Ok(loaded)) => opened(doc, loaded, name),
                    Some(Err(error)) => Reply::error(error.to_string()),
                    None => Reply::default(),
                };
            }
            PlayMsg::OpenLibrary | PlayMsg::Close => self.library = None,
            _ => {}
        }
        Reply::default()
    }

    fn move_selection(&mut self, direction: Direction, doc: &mut Document) -> Reply {
        let attention = doc.attention();
        let (grid, row, col) = self.editor.target(direction, |g| g.matrix(attention).shape());
        self.select(grid, row, col, doc)
    }

    /// Selects a cell; in a grid of tokens the row is the followed token, and a change of
    /// token is said aloud.
    fn select(&mut self, grid: GridId, row: usize, col: usize, doc: &mut Document) -> Reply {
        self.editor.select(grid, row, col);
        self.clamp(doc.attention());
        // The app says when this follows another token, from the document's change record.
        if grid.rows_are_tokens() {
            doc.set_query(self.row());
        }
        Reply::default()
    }

    fn begin_edit(&mut self, first: Option<char>, doc: &Document) -> Reply {
        if self.grid().input().is_none() {
            return Reply::error("results are computed, not typed: edit X or a W instead (Enter explains)");
        }
        let value = self.grid().matrix(doc.attention())[(self.row(), self.col())];
        self.editor.begin(first, value);
        self.explain = None;
        Reply::default()
    }

    fn activate(&mut self, doc: &Document) -> Reply {
        if self.grid().input().is_some() {
            return self.begin_edit(None, doc);
        }
        let target = (self.grid(), self.row(), self.col());
        self.explain = if self.explain == Some(target) { None } else { Some(target) };
        Reply::default()
    }

    /// Keys typed into the cell being edited or the path prompt.
    pub fn field(&mut self, message: FieldMsg, shared: &mut Shared) -> Reply {
        if let Some(prompt) = self.prompt.as_mut() {
            return match message {
                FieldMsg::Submit => self.submit_prompt(&shared.document),
                FieldMsg::Cancel => {
                    self.prompt = None;
                    Reply::info("cancelled")
                }
                other => {
                    prompt.field.edit(&other);
                    Reply::default()
                }
            };
        }
        match self.editor.type_key(&message) {
            CellInput::Commit(value) => self.commit_edit(value, &mut shared.document),
            CellInput::Typing | CellInput::Cancelled => Reply::default(),
        }
    }

    fn commit_edit(&mut self, value: f64, doc: &mut Document) -> Reply {
        let Some(matrix) = self.grid().input() else { return Reply::default() };
        let (row, col) = (self.row(), self.col());
        let old = self.grid().matrix(doc.attention())[(row, col)];
        if let Err(error) = doc.apply(Edit::SetCell { matrix, row, col, value }) {
            self.editor.refuse(&error);
            return Reply::default();
        }
        self.editor.close();
        self.clamp(doc.attention());
        let (old, new) = (crate::format::number(old), crate::format::number(value));
        let name = self.grid().name();
        Reply::success(format!("{name} row {}, column {}: {old} → {new}; everything recomputed", row + 1, col + 1))
    }

    fn submit_prompt(&mut self, doc: &Document) -> Reply {
        let Some(prompt) = self.prompt.take() else { return Reply::default() };
        let path = PathBuf::from(prompt.field.text().trim());
        if path.as_os_str().is_empty() {
            self.prompt = Some(prompt);
            return Reply::error("type a file name first");
        }
        Reply::effect(match prompt.kind {
            PromptKind::Save => Effect::SaveScenario { path, scenario: Box::new(doc.scenario()), overwrite: false },
            PromptKind::Load => Effect::OpenScenario(path),
        })
    }

    fn confirm(&mut self, yes: bool, doc: &Document) -> Reply {
        let Some(path) = self.confirm.take() else { return Reply::default() };
        if !yes {
            return Reply::info(format!("not saved: {} was left as it was", display_name(&path)));
        }
        Reply::effect(Effect::SaveScenario { path, scenario: Box::new(doc.scenario()), overwrite: true })
    }

    /// The result of a save or an open this screen asked for.
    pub fn done(&mut self, done: Done, doc: &mut Document) -> Reply {
        match done {
            Done::ScenarioSaved { path, result: Ok(()) } => Reply::success(format!("saved to {}", display_name(&path))),
            Done::ScenarioSaved { path, result: Err(SaveRefusal::Exists) } => {
                let reply = Reply::info(format!("{} exists: replace it? y/n", display_name(&path)));
                self.confirm = Some(path);
                reply
            }
            Done::ScenarioOpened { path, result: Ok(loaded) } => opened(doc, *loaded, &display_name(&path)),
            Done::ScenarioSaved { result: Err(SaveRefusal::Failed(reason)), .. }
            | Done::ScenarioOpened { result: Err(reason), .. } => Reply::error(reason.to_string()),
            _ => Reply::default(),
        }
    }
}

fn opened(doc: &mut Document, loaded: scenario::Scenario, name: &str) -> Reply {
    replaced(doc.open(loaded), &format!("opened {name}"))
}

fn replaced(result: Result<(), EngineError>, what: &str) -> Reply {
    match result {
        Ok(()) => Reply::success(format!("{what} (u undoes)")),
        Err(error) => Reply::error(error.to_string()),
    }
}

fn reshape(doc: &mut Document, edit: Edit) -> Reply {
    if let Err(error) = doc.apply(edit) {
        return Reply::error(error.to_string());
    }
    let a = doc.attention();
    let switches = format!(
        "scale {}, mask {}",
        if a.input.scale { "on" } else { "off" },
        if a.input.causal { "on" } else { "off" }
    );
    Reply::info(format!(
        "T = {}, D = {}, d_k = {}, d_v = {}; {switches}",
        a.tokens(),
        a.model_width(),
        a.key_width(),
        a.value_width()
    ))
}

fn history(doc: &mut Document, back: bool) -> Reply {
    let changed = if back { doc.undo() } else { doc.redo() };
    match (changed, back) {
        (true, true) => Reply::info("undone"),
        (true, false) => Reply::info("redone"),
        (false, true) => Reply::info("nothing to undo"),
        (false, false) => Reply::info("nothing to redo"),
    }
}
