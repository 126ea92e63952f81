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
    fn a_word_inside_another_word_does_not_count() {
        // "keyboard" and "evaluate" hold "key" and "value" but name neither.
        assert_eq!(missing_mentions(&roles(), "a keyboard to evaluate the query"), ["key", "value"]);
    }
}
