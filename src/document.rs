//! The scenario being studied, its computed attention, and the undo history of edits.

mod edit;

pub use edit::{Edit, EditError, InputMatrix};

use crate::engine::{Attention, EngineError};
use crate::scenario::Scenario;

const HISTORY_LIMIT: usize = 200;

#[derive(Debug, Clone)]
pub struct Document {
    pub scenario: Scenario,
    pub attention: Attention,
    /// The scenario that "changed" marks and reset compare against.
    pub baseline: Scenario,
    undo: Vec<Scenario>,
    redo: Vec<Scenario>,
    edits: u32,
}

impl Document {
    /// # Errors
    /// When the scenario's shapes do not fit (a validated scenario always fits).
    pub fn new(scenario: Scenario) -> Result<Self, EngineError> {
        let attention = Attention::compute(scenario.input.clone())?;
        Ok(Self { baseline: Scenario::lesson(), scenario, attention, undo: Vec::new(), redo: Vec::new(), edits: 0 })
    }

    /// Replaces the scenario, recomputing everything; the old one goes on the undo stack.
    /// On failure nothing changes.
    ///
    /// # Errors
    /// When the new scenario's shapes do not fit.
    pub fn replace(&mut self, scenario: Scenario) -> Result<(), EngineError> {
        let attention = Attention::compute(scenario.input.clone())?;
        let old = std::mem::replace(&mut self.scenario, scenario);
        self.attention = attention;
        self.undo.push(old);
        if self.undo.len() > HISTORY_LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
        Ok(())
    }

    /// Applies one edit as a new undoable state.
    ///
    /// # Errors
    /// When the edit is out of the scenario's limits; nothing changes then.
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        let next = edit.apply(&self.scenario)?;
        self.replace(next).map_err(EditError::Engine)?;
        self.edits = self.edits.saturating_add(1);
        Ok(())
    }

    /// Steps back one edit; false when there is nothing to undo.
    pub fn undo(&mut self) -> bool {
        self.step_history(true)
    }

    /// Steps forward one undone edit; false when there is nothing to redo.
    pub fn redo(&mut self) -> bool {
        self.step_history(false)
    }

    fn step_history(&mut self, back: bool) -> bool {
        let (from, to) = if back { (&mut self.undo, &mut self.redo) } else { (&mut self.redo, &mut self.undo) };
        let Some(target) = from.pop() else {
            return false;
        };
        let Ok(attention) = Attention::compute(target.input.clone()) else {
            return false;
        };
        to.push(std::mem::replace(&mut self.scenario, target));
        self.attention = attention;
        true
    }

    /// How many edits have been applied since the document was opened (undo does not count
    /// back: an edit made is an edit made).
    #[must_use]
    pub fn edits(&self) -> u32 {
        self.edits
    }

    #[must_use]
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    #[must_use]
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}
