//! Names for the rows and columns of a scenario: what each token is, what each embedding
//! dimension means, and (optionally) what each query/key column measures. A scenario without
//! them shows the lesson's own names (x1, x2, ...), so labels only ever add meaning.

use super::validate::Problem;
use crate::engine::AttentionInput;

/// The longest label, so a name fits a grid's row header.
pub const MAX_LABEL_CHARS: usize = 16;
/// The most bytes a label may take: room for sixteen emoji families (25 bytes each), not for a stack of
/// thousands of combining marks on one letter.
pub const MAX_LABEL_BYTES: usize = 512;

/// Each list is empty (no labels) or exactly one per row or column.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Labels {
    /// One per token (T).
    pub tokens: Vec<String>,
    /// One per embedding dimension (D).
    pub dims: Vec<String>,
    /// One per query/key column (d_k).
    pub heads: Vec<String>,
}

impl Labels {
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty() && self.dims.is_empty() && self.heads.is_empty()
    }

    /// Token `t`'s label, when the scenario names its tokens.
    #[must_use]
    pub fn token(&self, t: usize) -> Option<&str> {
        self.tokens.get(t).map(String::as_str)
    }

    #[must_use]
    pub fn dim(&self, i: usize) -> Option<&str> {
        self.dims.get(i).map(String::as_str)
    }

    #[must_use]
    pub fn head(&self, j: usize) -> Option<&str> {
        self.heads.get(j).map(String::as_str)
    }

    /// `x3 "cat"` when token 3 has a label, else `x3`: the lesson's name always comes first,
    /// so a label adds to it and never replaces what the learner is taught to write.
    #[must_use]
    pub fn token_name(&self, t: usize) -> String {
        match self.token(t) {
            Some(label) => format!("x{} \"{label}\"", t + 1),
            None => format!("x{}", t + 1),
        }
    }

    /// Makes the labels match the input's shape after an edit. A list that was given keeps
    /// its labels where they still fit: a new token, dimension or column gets a default label
    /// (`x5`, `dim 5`, `col 3`) and a removed one takes its label with it. A list that was
    /// not given stays empty.
    pub fn fit(&mut self, input: &AttentionInput) {
        resize(&mut self.tokens, input.x.nrows(), |n| format!("x{n}"));
        resize(&mut self.dims, input.x.ncols(), |n| format!("dim {n}"));
        resize(&mut self.heads, input.w_k.ncols(), |n| format!("col {n}"));
    }
}

fn resize(list: &mut Vec<String>, len: usize, default: impl Fn(usize) -> String) {
    if list.is_empty() {
        return;
    }
    list.truncate(len);
    while list.len() < len {
        let n = list.len() + 1;
        list.push(default(n));
    }
}

/// Checks one optional list: the right count, each label non-empty, at most
/// [`MAX_LABEL_CHARS`] characters, and free of control, escape and direction characters.
pub(super) fn check(name: &str, labels: Option<&[String]>, expected: usize, what: &str) -> Result<(), Problem> {
    let Some(labels) = labels else {
        return Ok(());
    };
    if labels.len() != expected {
        let message = format!("has {} labels but there are {expected} {what}: give one label each", labels.len());
        return Err((name.into(), message));
    }
    for (i, label) in labels.iter().enumerate() {
        if let Some(problem) = problem(label) {
            return Err((format!("{name}[{i}]"), problem));
        }
    }
    Ok(())
}

/// What is wrong with one label. Lengths count grapheme clusters (what a reader sees as
/// one character: an emoji family, a letter with its accents), so a label is never judged,
/// or cut, in the middle of one.
fn problem(label: &str) -> Option<String> {
    use crate::sanitize::{code_point, escape, invisible, is_dangerous};
    use unicode_segmentation::UnicodeSegmentation;
    use unicode_width::UnicodeWidthStr;
    if let Some(c) = label.chars().find(|c| is_dangerous(*c)) {
        let (shown, code) = (escape(&c.to_string()), code_point(c));
        return Some(format!("holds the control or direction character {shown} ({code}): labels are plain text"));
    }
    if let Some((c, kind)) = label.chars().find_map(|c| invisible(c).map(|kind| (c, kind))) {
        return Some(format!("holds {kind} {}, which shows nothing: labels are plain text", code_point(c)));
    }
    if !label.graphemes(true).any(|g| !g.trim().is_empty() && g.width() > 0) {
        return Some("is empty: a label needs at least one visible character".into());
    }
    let count = label.graphemes(true).count();
    if count > MAX_LABEL_CHARS {
        return Some(format!("has {count} characters; a label may have at most {MAX_LABEL_CHARS}"));
    }
    if label.len() > MAX_LABEL_BYTES {
        return Some(format!("is {} bytes long; a label may have at most {MAX_LABEL_BYTES}", label.len()));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Scenario;

    #[test]
    fn fit_keeps_given_labels_and_leaves_absent_ones_absent() {
        let mut s = Scenario::lesson();
        let mut labels = Labels { tokens: vec!["the".into(), "cat".into()], ..Labels::default() };
        s.input.x = s.input.x.clone().insert_row(2, 0.0);
        labels.fit(&s.input);
        assert_eq!(labels.tokens, ["the", "cat", "x3"]);
        assert!(labels.dims.is_empty() && labels.heads.is_empty());
        s.input.x = s.input.x.clone().remove_row(2).remove_row(1);
        labels.fit(&s.input);
        assert_eq!(labels.tokens, ["the"]);
    }

    #[test]
    fn names_put_the_lessons_name_first() {
        let labels = Labels { tokens: vec!["cat".into()], ..Labels::default() };
        assert_eq!(labels.token_name(0), "x1 \"cat\"");
        assert_eq!(labels.token_name(1), "x2");
    }
}
