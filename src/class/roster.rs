//! The roster the projector can show: every class name, whether that student is here, and
//! whether they answered the open question.

use super::Answer;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterRow {
    pub name: String,
    pub here: bool,
    pub answered: bool,
}

pub(super) fn rows(seats: &BTreeMap<String, bool>, answers: Option<&BTreeMap<String, Answer>>) -> Vec<RosterRow> {
    seats
        .iter()
        .map(|(name, here)| RosterRow {
            name: name.clone(),
            here: *here,
            answered: answers.is_some_and(|a| a.contains_key(name)),
        })
        .collect()
}
