//! The one owner of the lesson's state: the numbers being studied (stored once, inside the
//! computed attention), the token being followed, the baseline that was opened, and the undo
//! history. Every screen reads the same document, so no screen can follow a different token
//! or compare against a different starting point than the others.

mod change;
mod edit;

pub use change::Change;
pub use edit::{Edit, EditError, InputMatrix};

use crate::engine::{Attention, AttentionInput, EngineError};
use crate::scenario::{Labels, Scenario};

const HISTORY_LIMIT: usize = 200;

/// One undoable state: the numbers and the token followed with them.
#[derive(Debug, Clone, PartialEq)]
struct Snapshot {
    input: AttentionInput,
    query: usize,
    labels: Labels,
}

#[derive(Debug, Clone)]
pub struct Document {
    attention: Attention,
    /// The followed token, counted from 0; always a valid row.
    query: usize,
    description: Option<String>,
    /// Names for tokens, dimensions and columns; they follow the numbers through undo.
    labels: Labels,
    /// Whatever was opened last: "edited" marks and reset compare against it.
    baseline: Scenario,
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
    edits: u32,
    /// Bumped on every change, so views can cache what they derive from the numbers.
    version: u64,
    /// What changed since the app last asked ([`Document::take_change`]).
    pending: Change,
}

impl Document {
    /// Opens a scenario as both the current numbers and the baseline.
    ///
    /// # Errors
    /// When the scenario's shapes do not fit (a validated scenario always fits).
    pub fn new(scenario: Scenario) -> Result<Self, EngineError> {
        let attention = Attention::compute(scenario.input.clone())?;
        Ok(Self {
            query: scenario.query_index(),
            description: scenario.description.clone(),
            labels: scenario.labels.clone(),
            attention,
            baseline: scenario,
            undo: Vec::new(),
            redo: Vec::new(),
            edits: 0,
            version: 0,
            pending: Change::default(),
        })
    }

    #[must_use]
    pub fn attention(&self) -> &Attention {
        &self.attention
    }

    /// The followed token, counted from 0.
    #[must_use]
    pub fn query(&self) -> usize {
        self.query
    }

    #[must_use]
    pub fn baseline(&self) -> &Scenario {
        &self.baseline
    }

    /// The token the opened scenario itself follows (presenter mode uses it, whatever the
    /// learner chose since), kept inside the current numbers.
    #[must_use]
    pub fn baseline_query(&self) -> usize {
        self.baseline.query_index().min(self.attention.tokens().saturating_sub(1))
    }

    /// The scenario's position table while it still fits the tokens (T×D).
    #[must_use]
    pub fn positions(&self) -> Option<&crate::engine::Matrix> {
        self.baseline.positions.as_ref().filter(|p| p.shape() == self.attention.input.x.shape())
    }

    /// The current numbers as a scenario, for saving and for edits.
    #[must_use]
    pub fn scenario(&self) -> Scenario {
        Scenario {
            input: self.attention.input.clone(),
            query: Some(self.query),
            description: self.description.clone(),
            labels: self.labels.clone(),
            // Edits that change D leave the second sequence behind: it no longer fits W_K.
            encoder: self.baseline.encoder.clone().filter(|e| e.tokens.ncols() == self.attention.model_width()),
            // Likewise a position table once the tokens or D change.
            positions: self.positions().cloned(),
        }
    }

    /// The names of the tokens, dimensions and columns, kept in step with the numbers.
    #[must_use]
    pub fn labels(&self) -> &Labels {
        &self.labels
    }

    #[must_use]
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Follows another token; false when it is already followed or does not exist.
    pub fn set_query(&mut self, query: usize) -> bool {
        if query >= self.attention.tokens() || query == self.query {
            return false;
        }
        self.query = query;
        self.version += 1;
        self.pending.followed_token = true;
        true
    }

    /// What changed since the last call: the app's status line and the challenge check
    /// react to this record, never to a status's words.
    pub fn take_change(&mut self) -> Change {
        std::mem::take(&mut self.pending)
    }

    /// Opens a scenario: it becomes the baseline and its own token is followed. Undo goes
    /// back to what was there before. On failure nothing changes.
    ///
    /// # Errors
    /// When the scenario's shapes do not fit.
    pub fn open(&mut self, scenario: Scenario) -> Result<(), EngineError> {
        let labels = scenario.labels.clone();
        self.set(Snapshot { input: scenario.input.clone(), query: scenario.query_index(), labels })?;
        self.description.clone_from(&scenario.description);
        self.baseline = scenario;
        self.pending.baseline = true;
        Ok(())
    }

    /// Back to the baseline's numbers and token, as one undoable step.
    ///
    /// # Errors
    /// Never for a baseline that was opened; kept for the engine's shape check.
    pub fn reset(&mut self) -> Result<(), EngineError> {
        let baseline = &self.baseline;
        self.set(Snapshot {
            input: baseline.input.clone(),
            query: baseline.query_index(),
            labels: baseline.labels.clone(),
        })
    }

    /// Applies one edit as a new undoable state.
    ///
    /// # Errors
    /// When the edit is out of the scenario's limits; nothing changes then.
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        let mut next = edit.apply(&self.scenario())?;
        next.labels.fit(&next.input);
        self.set(Snapshot { query: next.query_index(), input: next.input, labels: next.labels })
            .map_err(EditError::Engine)?;
        self.edits = self.edits.saturating_add(1);
        Ok(())
    }

    fn set(&mut self, next: Snapshot) -> Result<(), EngineError> {
        let attention = Attention::compute(next.input)?;
        let labels = std::mem::replace(&mut self.labels, next.labels);
        let old =
            Snapshot { input: std::mem::replace(&mut self.attention, attention).input, query: self.query, labels };
        self.follow_after_change(next.query);
        self.undo.push(old);
        if self.undo.len() > HISTORY_LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
        self.version += 1;
        Ok(())
    }

    /// Steps back one change; false when there is nothing to undo.
    pub fn undo(&mut self) -> bool {
        self.step_history(true)
    }

    /// Steps forward one undone change; false when there is nothing to redo.
    pub fn redo(&mut self) -> bool {
        self.step_history(false)
    }

    fn step_history(&mut self, back: bool) -> bool {
        let (from, to) = if back { (&mut self.undo, &mut self.redo) } else { (&mut self.redo, &mut self.undo) };
        let Some(target) = from.pop() else {
            return false;
        };
        let Ok(attention) = Attention::compute(target.input) else {
            return false;
        };
        let labels = std::mem::replace(&mut self.labels, target.labels);
        let old =
            Snapshot { input: std::mem::replace(&mut self.attention, attention).input, query: self.query, labels };
        to.push(old);
        self.follow_after_change(target.query);
        self.version += 1;
        true
    }

    /// After the numbers changed: follow `query` (kept inside the tokens) and record both.
    fn follow_after_change(&mut self, query: usize) {
        let query = query.min(self.attention.tokens().saturating_sub(1));
        self.pending.numbers = true;
        self.pending.followed_token |= query != self.query;
        self.query = query;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn lesson() -> Document {
        Document::new(Scenario::lesson()).expect("the lesson fits")
    }

    #[test]
    fn reset_restores_the_baselines_token_and_numbers() {
        let mut doc = lesson();
        let own = doc.query();
        assert!(doc.set_query(0));
        let edit = Edit::SetCell { matrix: InputMatrix::Tokens, row: 0, col: 0, value: 9.0 };
        doc.apply(edit).expect("in limits");
        doc.reset().expect("fits");
        assert_eq!(doc.query(), own);
        assert_eq!(doc.attention().input, doc.baseline().input);
    }

    #[test]
    fn open_follows_the_scenarios_own_token_and_becomes_the_baseline() {
        let mut doc = lesson();
        let mut other = Scenario::lesson();
        other.query = Some(0);
        other.input.x[(0, 0)] = 5.0;
        doc.open(other.clone()).expect("fits");
        assert_eq!(doc.query(), 0);
        assert_eq!(doc.baseline(), &other);
        assert!(doc.undo());
        assert_eq!(doc.query(), 1, "undo brings back the token followed before");
    }

    #[test]
    fn labels_follow_edits_and_undo() {
        let mut scenario = Scenario::lesson();
        scenario.labels.tokens = vec!["the".into(), "cat".into()];
        let mut doc = Document::new(scenario).expect("fits");
        doc.apply(Edit::AddToken).expect("in limits");
        assert_eq!(doc.labels().tokens, ["the", "cat", "x3"]);
        assert!(doc.undo());
        assert_eq!(doc.labels().tokens, ["the", "cat"]);
        doc.apply(Edit::RemoveToken).expect("in limits");
        assert_eq!(doc.scenario().labels.tokens, ["the"], "a save carries what is left");
    }

    #[test]
    fn saving_carries_the_followed_token() {
        let mut doc = lesson();
        doc.set_query(0);
        assert_eq!(doc.scenario().query, Some(0));
    }
}
