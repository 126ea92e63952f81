//! The lesson's question bank, parsed on first use: it is nine tenths of the built-in
//! lesson's text, and the first frame needs none of it.

use crate::quiz::QuestionSpec;
use serde::{Deserialize, Deserializer};
use std::fmt;
use std::ops::Deref;
use std::sync::OnceLock;

/// The questions, read like a slice; the built-in lesson's are parsed the first time any
/// question is asked for.
#[derive(Clone, Default)]
pub struct Bank {
    parsed: OnceLock<Vec<QuestionSpec>>,
    /// The built-in lesson's text, when the questions have not been parsed from it yet.
    deferred: Option<&'static str>,
}

impl Bank {
    /// The questions of a lesson text already known to be valid (the built-in lesson, whose
    /// validity a unit test proves), parsed when first needed.
    #[must_use]
    pub(super) fn deferred(text: &'static str) -> Self {
        Self { parsed: OnceLock::new(), deferred: Some(text) }
    }

    /// Whether the questions have been parsed yet (the first frame should not need them).
    #[must_use]
    pub fn is_parsed(&self) -> bool {
        self.parsed.get().is_some()
    }

    fn questions(&self) -> &[QuestionSpec] {
        self.parsed.get_or_init(|| self.deferred.map(parse_checked).unwrap_or_default())
    }
}

/// Only the `questions` field of a lesson; serde skips the rest without building it.
#[derive(Deserialize)]
struct QuestionsOnly {
    questions: Vec<QuestionSpec>,
}

fn parse_checked(text: &str) -> Vec<QuestionSpec> {
    #[allow(clippy::expect_used, reason = "only the embedded lesson is deferred, and a unit test checks it")]
    serde_json::from_str::<QuestionsOnly>(text).expect("the embedded lesson's questions are valid").questions
}

impl From<Vec<QuestionSpec>> for Bank {
    fn from(questions: Vec<QuestionSpec>) -> Self {
        Self { parsed: OnceLock::from(questions), deferred: None }
    }
}

impl Deref for Bank {
    type Target = [QuestionSpec];

    fn deref(&self) -> &[QuestionSpec] {
        self.questions()
    }
}

impl IntoIterator for Bank {
    type Item = QuestionSpec;
    type IntoIter = std::vec::IntoIter<QuestionSpec>;

    fn into_iter(self) -> Self::IntoIter {
        self.questions().to_vec().into_iter()
    }
}

impl<'de> Deserialize<'de> for Bank {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::deserialize(deserializer).map(Self::from)
    }
}

impl PartialEq for Bank {
    fn eq(&self, other: &Self) -> bool {
        self.questions() == other.questions()
    }
}

impl Eq for Bank {}

impl fmt::Debug for Bank {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.questions()).finish()
    }
}
