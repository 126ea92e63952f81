//! Wrong answers grouped by what they mean, not how they were typed: `3*2+3*3` and
//! `3·2 + 3·3` are one mistake. Answers join a group when their values agree within the
//! question's tolerance, or when both were typed as terms and go wrong at the same term.

use crate::quiz::{Diagnosis, TOLERANCE};

/// One common mistake on the projector: how many made it, and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub count: usize,
    /// One of its answers as typed (the first by name), for the report.
    pub example: String,
    /// What is wrong, as predict mode says it ("term 2 should be 3·2").
    pub why: String,
}

/// A group as it is being built: its first answer's value and wrong term decide who joins.
struct Building {
    value: f64,
    term: Option<usize>,
    group: Group,
}

fn same_value(a: f64, b: f64) -> bool {
    (a - b).abs() <= TOLERANCE * b.abs().max(1.0) || (a.is_nan() && b.is_nan())
}

/// Groups wrong answers (`text`, value, diagnosis, typed as terms), most common first; ties
/// keep the order of the first answer in each.
#[must_use]
pub fn group_wrong(answers: &[(&str, f64, &Diagnosis, bool)]) -> Vec<Group> {
    let mut groups: Vec<Building> = Vec::new();
    for &(text, value, diagnosis, terms) in answers {
        let term = diagnosis.term().filter(|_| terms);
        let found = groups.iter_mut().find(|g| same_value(g.value, value) || (term.is_some() && g.term == term));
        match found {
            Some(g) => g.group.count += 1,
            None => groups.push(Building {
                value,
                term,
                group: Group { count: 1, example: text.to_owned(), why: diagnosis.to_string() },
            }),
        }
    }
    let mut groups: Vec<Group> = groups.into_iter().map(|b| b.group).collect();
    groups.sort_by_key(|g| std::cmp::Reverse(g.count));
    groups
}
