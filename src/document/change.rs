//! The record of what one update did to the document, so the app reacts to what changed
//! (say the followed token, re-check a challenge) rather than to what a status says.

/// What changed in the document since it was last asked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[allow(clippy::struct_excessive_bools, reason = "three independent facts about one change")]
pub struct Change {
    /// Another token is followed.
    pub followed_token: bool,
    /// The numbers (or their shapes or labels) changed: an edit, undo, redo, a load, a reset.
    pub numbers: bool,
    /// A scenario was opened, so "edited" and reset compare against something new.
    pub baseline: bool,
}

impl Change {
    #[must_use]
    pub fn is_empty(self) -> bool {
        self == Self::default()
    }
}

#[cfg(test)]
mod tests {
    use super::Change;
    use crate::document::{Document, Edit, InputMatrix};
    use crate::engine::Projection;
    use crate::scenario::Scenario;

    #[test]
    fn each_kind_of_change_is_recorded_once_and_then_taken() {
        let mut doc = Document::new(Scenario::lesson()).expect("fits");
        assert!(doc.take_change().is_empty(), "opening is not a change to react to");
        assert!(doc.set_query(0));
        assert_eq!(doc.take_change(), Change { followed_token: true, ..Change::default() });
        assert!(doc.take_change().is_empty(), "taken means gone");
        let edit = Edit::SetCell { matrix: InputMatrix::Weight(Projection::Value), row: 0, col: 0, value: 7.0 };
        doc.apply(edit).expect("in limits");
        assert_eq!(doc.take_change(), Change { numbers: true, ..Change::default() }, "an edit keeps the token");
        doc.open(Scenario::lesson()).expect("fits");
        let opened = doc.take_change();
        assert!(opened.baseline && opened.numbers, "{opened:?}");
        assert!(opened.followed_token, "the lesson follows token 2, and token 1 was followed");
        assert!(doc.undo());
        assert!(doc.take_change().numbers);
    }
}
