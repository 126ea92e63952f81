//! Questions as the lesson file writes them, and their validation.

use serde::Deserialize;
use std::collections::BTreeSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    Recall,
    Interview,
    Shapes,
    Bugs,
    Models,
    Numeric,
}

impl Topic {
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Topic::Recall => "recall",
            Topic::Interview => "interview",
            Topic::Shapes => "shapes",
            Topic::Bugs => "bugs",
            Topic::Models => "models",
            Topic::Numeric => "numeric",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Choice,
    Free,
    Numeric,
}

/// The engine-backed generators of numeric questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Generator {
    KeyEntry,
    Score,
    LargerWeight,
    QShape,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionSpec {
    pub text: String,
    #[serde(default)]
    pub correct: bool,
    /// The lesson's common wrong answer: choosing it explains why it is wrong.
    #[serde(default)]
    pub common_wrong: bool,
    #[serde(default)]
    pub why: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionSpec {
    /// Stable: progress is keyed by it, so rewording a question keeps its history.
    pub id: String,
    pub topic: Topic,
    pub kind: Kind,
    pub prompt: String,
    #[serde(default)]
    pub answer: Option<String>,
    #[serde(default)]
    pub options: Vec<OptionSpec>,
    pub hints: Vec<String>,
    #[serde(default)]
    pub generator: Option<Generator>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChallengeSpec {
    pub id: String,
    pub goal: String,
}

type Problem = (String, String);

/// Checks the bank: unique ids, and each kind with the fields it needs.
///
/// # Errors
/// The first question at fault, as `questions[i].field` and what is wrong.
pub fn validate_questions(questions: &[QuestionSpec]) -> Result<(), Problem> {
    let mut seen = BTreeSet::new();
    for (i, q) in questions.iter().enumerate() {
        let at = |field: &str| format!("questions[{i}].{field}");
        if q.id.is_empty() || !q.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
            return Err((
                at("id"),
                format!("\"{}\" must be lower-case letters, digits and -", crate::sanitize::escape(&q.id)),
            ));
        }
        if !seen.insert(q.id.as_str()) {
            return Err((at("id"), format!("\"{}\" is used twice; ids must be unique", q.id)));
        }
        check_kind(q).map_err(|(field, message)| (at(&field), message))?;
    }
    Ok(())
}

fn check_kind(q: &QuestionSpec) -> Result<(), Problem> {
    match q.kind {
        Kind::Choice => {
            if q.options.len() < 2 {
                return Err(("options".into(), "a choice question needs at least two options".into()));
            }
            if q.options.iter().filter(|o| o.correct).count() != 1 {
                return Err(("options".into(), "exactly one option must be correct".into()));
            }
            if q.options.iter().filter(|o| o.common_wrong && !o.correct).count() != 1 {
                return Err(("options".into(), "exactly one wrong option must be marked common_wrong".into()));
            }
            require_answer_and_hints(q, 3)
        }
        Kind::Free => require_answer_and_hints(q, 3),
        Kind::Numeric => {
            if q.generator.is_none() {
                return Err(("generator".into(), "a numeric question needs a generator".into()));
            }
            if q.hints.len() != 1 {
                return Err((
                    "hints".into(),
                    "a numeric question has exactly one nudge; the engine adds the rest".into(),
                ));
            }
            Ok(())
        }
    }
}

fn require_answer_and_hints(q: &QuestionSpec, hints: usize) -> Result<(), Problem> {
    if q.answer.as_deref().is_none_or(str::is_empty) {
        return Err(("answer".into(), "is missing: every question shows a model answer".into()));
    }
    if q.hints.len() != hints {
        return Err(("hints".into(), format!("needs {hints} hints: a nudge, a step, the worked line")));
    }
    Ok(())
}
