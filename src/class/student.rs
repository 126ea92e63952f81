//! What one student receives from the room: the open question, whether it is revealed, the
//! class's counts once it is, and their own latest answer. It is built per student, so a
//! student who rejoins (or whose screen met the slide again) still finds their answer.

use super::{ClassQuestion, Round, Tally, tally_of};
use crate::quiz::Verdict;
use std::collections::BTreeMap;

/// A student's own latest answer to a round, as the room counts it.
#[derive(Debug, Clone, PartialEq)]
pub struct Mine {
    pub text: String,
    /// Right or wrong, only once the round is revealed: before that the student's screen
    /// has nothing to hint with.
    pub verdict: Option<Verdict>,
}

/// What one student's screen shows: the question, whether it is revealed, the tally once
/// it is, and the answer of theirs that counts.
#[derive(Debug, Clone, PartialEq)]
pub struct StudentView {
    pub question: ClassQuestion,
    pub revealed: bool,
    pub tally: Option<Tally>,
    pub mine: Option<Mine>,
}

/// The key a student's answers are kept under: their class name, or their session when
/// they have none.
pub(super) fn who(session: u64, name: Option<&str>) -> String {
    name.map_or_else(|| format!("session-{session}"), str::to_owned)
}

/// The view of `round` for the student `who`: never another student's name.
pub(super) fn view_of(round: &Round, seats: &BTreeMap<String, bool>, who: &str) -> StudentView {
    let tally = round.revealed.then(|| tally_of(round, seats).anonymous());
    let mine = round
        .answers
        .get(who)
        .map(|answer| Mine { text: answer.text.clone(), verdict: round.revealed.then(|| answer.verdict.clone()) });
    StudentView { question: round.question.clone(), revealed: round.revealed, tally, mine }
}
