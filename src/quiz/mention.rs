//! Whether a typed free-recall answer names the ideas it must name. Free recall is graded by
//! the learner; this only points out what the answer left out, word by word, so "queries",
//! "Q" and "query" all count for the query.

use super::spec::Mention;

/// The concepts of `required` that `typed` does not name, in the order they were listed.
#[must_use]
pub fn missing_mentions(required: &[Mention], typed: &str) -> Vec<String> {
    let words: Vec<String> =
        typed.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    required
        .iter()
        .filter(|m| !std::iter::once(&m.concept).chain(&m.accept).any(|form| words.iter().any(|w| names(w, form))))
        .map(|m| m.concept.clone())
        .collect()
}

/// The line to show beside a typed free-recall answer, naming what it left out; `None` for a
/// question that requires no words.
#[must_use]
pub fn mention_note(question: &super::Question, typed: &str) -> Option<String> {
    let super::Form::Free { must_mention, .. } = &question.form else { return None };
    if must_mention.is_empty() {
        return None;
    }
    let missing = missing_mentions(must_mention, typed);
    let all: Vec<&str> = must_mention.iter().map(|m| m.concept.as_str()).collect();
    Some(if missing.is_empty() {
        format!("Your answer names each of: {}.", all.join(", "))
    } else {
        format!("Your answer leaves out: {}.", missing.join(", "))
    })
}

/// `word` is `form` itself or its plural (`keys`, `queries`).
fn names(word: &str, form: &str) -> bool {
    let form = form.to_lowercase();
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
        assert!(mention_note(&question, "q, k and v").is_some_and(|n| n.contains("names each of: query, key, value")));
        let choice = crate::lesson::Lesson::embedded().questions.into_iter().find(|q| q.id == "interview-simplest");
        assert_eq!(mention_note(&crate::quiz::resolve(&choice.expect("present"), 0), "anything"), None);
    }

    #[test]
    fn a_word_inside_another_word_does_not_count() {
        // "keyboard" and "evaluate" hold "key" and "value" but name neither.
        assert_eq!(missing_mentions(&roles(), "a keyboard to evaluate the query"), ["key", "value"]);
    }
}
