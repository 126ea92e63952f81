//! Whether a typed free-recall answer holds the question's rubric: the words it must name
//! (symbols count for the words they stand for, so QKᵀ and q·k name the query and the key),
//! and for answers that pair roles with jobs, each role with its own job. Free recall is
//! graded by the learner; this says what is missing or swapped, and approves only an answer
//! that holds the whole rubric.

mod jobs;

pub use jobs::{Blank, Job, Pairing, blank_fits, pairing};

use super::spec::{Mention, Role};

/// Symbols that stand for more than one role's word.
fn expand(word: &str) -> &'static [&'static str] {
    match word {
        "qk" | "qkt" | "qkᵀ" => &["query", "key"],
        "qkv" => &["query", "key", "value"],
        _ => &[],
    }
}

/// The concepts of `required` that `typed` does not name, in the order they were listed.
#[must_use]
pub fn missing_mentions(required: &[Mention], typed: &str) -> Vec<String> {
    let mut words = jobs::words(typed);
    let expanded: Vec<String> = words.iter().flat_map(|w| expand(w).iter().map(|e| (*e).to_string())).collect();
    words.extend(expanded);
    required
        .iter()
        .filter(|m| !std::iter::once(&m.concept).chain(&m.accept).any(|form| words.iter().any(|w| names(w, form))))
        .map(|m| m.concept.clone())
        .collect()
}

/// What the rubric found in one answer.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RubricCheck {
    /// Required concepts the answer does not name.
    pub missing: Vec<String>,
    /// Roles given only another role's job, with that job.
    pub swapped: Vec<(Role, Job)>,
    /// Roles given no job at all.
    pub unpaired: Vec<Role>,
}

impl RubricCheck {
    /// Whether the answer holds the whole rubric.
    #[must_use]
    pub fn holds(&self) -> bool {
        self.missing.is_empty() && self.swapped.is_empty() && self.unpaired.is_empty()
    }
}

/// Checks `typed` against a rubric: the words, then each role of `pairs` against its job.
#[must_use]
pub fn check_rubric(must_mention: &[Mention], pairs: &[Role], typed: &str) -> RubricCheck {
    let mut check = RubricCheck { missing: missing_mentions(must_mention, typed), ..RubricCheck::default() };
    // A role left out altogether is reported once, as missing, not again as unpaired.
    let named: Vec<Role> = pairs.iter().copied().filter(|r| !check.missing.iter().any(|m| m == r.name())).collect();
    for role in named {
        match pairing(role, typed) {
            Pairing::Right => {}
            Pairing::Swapped(job) => check.swapped.push((role, job)),
            Pairing::NoJob => check.unpaired.push(role),
        }
    }
    check
}

/// The line to show beside a typed free-recall answer: approving only when the rubric holds,
/// otherwise naming what is missing, swapped or unpaired; `None` for a question with no
/// rubric.
#[must_use]
pub fn mention_note(question: &super::Question, typed: &str) -> Option<String> {
    let super::Form::Free { must_mention, pairs, .. } = &question.form else { return None };
    if must_mention.is_empty() && pairs.is_empty() {
        return None;
    }
    let check = check_rubric(must_mention, pairs, typed);
    if check.holds() {
        let all: Vec<&str> = must_mention.iter().map(|m| m.concept.as_str()).collect();
        let jobs = if pairs.is_empty() { "" } else { ", each with its own job" };
        return Some(format!("Your answer names each of: {}{jobs}.", all.join(", ")));
    }
    let mut parts = Vec::new();
    if !check.missing.is_empty() {
        parts.push(format!("Your answer leaves out: {}.", check.missing.join(", ")));
    }
    for (role, job) in &check.swapped {
        parts.push(format!("Swapped: it gives the {} {}.", role.name(), job.described()));
    }
    if !check.unpaired.is_empty() {
        let roles: Vec<String> = check.unpaired.iter().map(|r| format!("the {}", r.name())).collect();
        let verb = if roles.len() == 1 { "does" } else { "do" };
        parts.push(format!("It does not say what {} {verb}.", jobs::and_list(&roles)));
    }
    Some(parts.join(" "))
}

/// `word` is `form` itself or its plural (`keys`, `queries`); subscripts are read without
/// their underscore, as [`jobs::words`] reads the answer.
fn names(word: &str, form: &str) -> bool {
    let form = form.to_lowercase().replace('_', "");
    if word == form || word.strip_suffix('s').is_some_and(|w| w == form || w.strip_suffix('e') == Some(&form)) {
        return true;
    }
    form.strip_suffix('y').is_some_and(|stem| word.strip_suffix("ies") == Some(stem))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles() -> Vec<Mention> {
        ["query", "key", "value"]
            .iter()
            .map(|c| Mention { concept: (*c).into(), accept: vec![c[..1].into()] })
            .collect()
    }

    #[test]
    fn plurals_letters_and_case_all_count() {
        assert!(missing_mentions(&roles(), "Keys and queries decide who talks; VALUES what is said").is_empty());
        assert!(missing_mentions(&roles(), "q and k pick the partner, v is the payload").is_empty());
        assert!(missing_mentions(&roles(), "Q/K/V").is_empty());
    }

    #[test]
    fn the_missing_roles_are_named_in_order() {
        assert_eq!(missing_mentions(&roles(), "the keys decide"), ["query", "value"]);
        assert_eq!(missing_mentions(&roles(), ""), ["query", "key", "value"]);
    }

    #[test]
    fn the_note_names_what_is_missing() {
        let spec = crate::lesson::Lesson::embedded().questions.into_iter().find(|q| q.id == "interview-sentence");
        let question = crate::quiz::resolve(&spec.expect("present"), 0);
        let note = mention_note(&question, "keys and queries pick partners").expect("a note");
        assert_eq!(note, "Your answer leaves out: value.");
        let right = "queries and keys decide who talks to whom; values decide what gets said";
        assert!(mention_note(&question, right).is_some_and(|n| n.contains("names each of: query, key, value")));
        let note = mention_note(&question, "q, k and v").expect("a note");
        assert!(!note.contains("names each of"), "naming the roles without their jobs is not approved: {note}");
        let choice = crate::lesson::Lesson::embedded().questions.into_iter().find(|q| q.id == "interview-simplest");
        assert_eq!(mention_note(&crate::quiz::resolve(&choice.expect("present"), 0), "anything"), None);
    }

    #[test]
    fn a_word_inside_another_word_does_not_count() {
        // "keyboard" and "evaluate" hold "key" and "value" but name neither.
        assert_eq!(missing_mentions(&roles(), "a keyboard to evaluate the query"), ["key", "value"]);
    }
}

#[cfg(test)]
mod rubric_tests {
    use super::*;

    fn roles() -> Vec<Mention> {
        ["query", "key", "value"]
            .iter()
            .map(|c| Mention { concept: (*c).into(), accept: vec![c[..1].into()] })
            .collect()
    }

    const ALL: [Role; 3] = [Role::Query, Role::Key, Role::Value];

    #[test]
    fn the_swapped_interview_sentence_is_caught_as_swapped() {
        let swapped = "values decide who talks to whom; queries and keys decide what gets said";
        let check = check_rubric(&roles(), &ALL, swapped);
        assert!(check.missing.is_empty(), "every role is named: {check:?}");
        let roles_swapped: Vec<Role> = check.swapped.iter().map(|(r, _)| *r).collect();
        assert_eq!(roles_swapped, ALL, "{check:?}");
        assert!(!check.holds());
        let right = "queries and keys decide who talks to whom; values decide what gets said";
        assert!(check_rubric(&roles(), &ALL, right).holds());
    }

    #[test]
    fn symbols_name_the_query_and_the_key() {
        for typed in [
            "QKᵀ decides who talks to whom; V carries what is said",
            "q·k picks the partner, v carries the content",
            "Q·K^T scores who matches; values carry content",
        ] {
            let check = check_rubric(&roles(), &ALL, typed);
            assert!(check.holds(), "{typed}: {check:?}");
        }
    }

    #[test]
    fn a_negated_clause_pairs_nothing() {
        let typed = "queries ask, keys advertise, values carry content; values do not decide who talks to whom";
        assert!(check_rubric(&roles(), &ALL, typed).holds());
    }

    #[test]
    fn blanks_are_read_as_whole_words_and_phrases() {
        assert!(blank_fits(Blank::JobOf(Role::Query), "asks what it looks for"));
        assert!(!blank_fits(Blank::JobOf(Role::Query), "what it is looked up by"), "passive: the key's job");
        assert!(blank_fits(Blank::JobOf(Role::Key), "what it is looked up by"));
        assert!(!blank_fits(Blank::JobOf(Role::Key), "carries content"));
        assert!(blank_fits(Blank::Names(Role::Query), "Query"));
        assert!(!blank_fits(Blank::Names(Role::Query), "quick"), "a q inside a word is not the letter q");
        assert!(!blank_fits(Blank::JobOf(Role::Value), "it does not carry anything"));
    }
}
