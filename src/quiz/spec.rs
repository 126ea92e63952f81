//! Questions as the lesson file writes them, and their validation.

use serde::Deserialize;
use std::collections::BTreeSet;
use strum::EnumIter;

/// What a question is about (never its form). The names are the lesson file's `topic` ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize, EnumIter)]
#[serde(rename_all = "kebab-case")]
pub enum Topic {
    Roles,
    Shapes,
    Projection,
    Scores,
    Softmax,
    Scaling,
    CausalMask,
    ContextWindow,
    Heads,
    KvCache,
    Fused,
    Bugs,
    Models,
    Code,
}

impl Topic {
    /// The id as the lesson file and the progress file write it.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Topic::Roles => "roles",
            Topic::Shapes => "shapes",
            Topic::Projection => "projection",
            Topic::Scores => "scores",
            Topic::Softmax => "softmax",
            Topic::Scaling => "scaling",
            Topic::CausalMask => "causal-mask",
            Topic::ContextWindow => "context-window",
            Topic::Heads => "heads",
            Topic::KvCache => "kv-cache",
            Topic::Fused => "fused",
            Topic::Bugs => "bugs",
            Topic::Models => "models",
            Topic::Code => "code",
        }
    }
}

/// Where in the source lesson a question comes from, for the questions it asked itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SeedPart {
    /// "Pause and recall".
    Recall,
    /// "Interview Q&A".
    Interview,
}

/// A word a free-recall answer must contain, with the other spellings that count.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mention {
    /// Shown when it is missing, e.g. "value".
    pub concept: String,
    /// Other words that count as naming it ("values", "v"); plurals in -s are accepted anyway.
    #[serde(default)]
    pub accept: Vec<String>,
}

/// The three roles a rubric can ask an answer to pair with their jobs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, EnumIter)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Query,
    Key,
    Value,
}

impl Role {
    /// The word a note uses for it.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Role::Query => "query",
            Role::Key => "key",
            Role::Value => "value",
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, EnumIter)]
#[serde(rename_all = "snake_case")]
pub enum Generator {
    QueryEntry,
    KeyEntry,
    ValueEntry,
    Score,
    ScaledScore,
    SoftmaxWeight,
    ContextEntry,
    MaskedWeight,
    LargerWeight,
    QShape,
    BatchShape,
    FusedShape,
    HeadWidth,
    WindowOldest,
    KvCacheBytes,
    ProjectionParams,
    CacheSaving,
    /// `sqrt-dk`: the spread of q·k before scaling.
    RawSpread,
    /// `shared-qk`: a score when the keys reuse W_Q.
    SharedScore,
    /// `shuffle`: a context entry after the tokens move, without positions.
    ShuffledContext,
    /// `cross`: the shape of cross-attention's scores or context.
    CrossShape,
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
    /// Set on the questions the source lesson itself asks.
    #[serde(default)]
    pub seed: Option<SeedPart>,
    /// Free recall only: words the typed answer should contain (checked, never graded).
    #[serde(default)]
    pub must_mention: Vec<Mention>,
    /// Free recall only: roles the answer must pair with their own jobs, so that a sentence
    /// naming all three roles with the jobs swapped is caught.
    #[serde(default)]
    pub pairs: Vec<Role>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChallengeSpec {
    pub id: String,
    pub goal: String,
}

type Problem = (String, String);

/// Every multiple-choice question offers this many options.
pub const CHOICE_OPTIONS: usize = 4;

fn mention_is_usable(m: &Mention) -> bool {
    let word = |w: &String| !w.is_empty() && w.chars().all(|c| c.is_alphanumeric() || c == '_');
    word(&m.concept) && m.accept.iter().all(word)
}

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
        _ if !q.must_mention.is_empty() && q.kind != Kind::Free => {
            Err(("must_mention".into(), "only a free-recall question can require words".into()))
        }
        _ if !q.pairs.is_empty() && q.kind != Kind::Free => {
            Err(("pairs".into(), "only a free-recall question can pair roles with jobs".into()))
        }
        Kind::Choice => {
            if q.options.len() != CHOICE_OPTIONS {
                let options = crate::format::plural(q.options.len(), "option");
                let message = format!("has {options}; a choice question has exactly {CHOICE_OPTIONS}");
                return Err(("options".into(), message));
            }
            if q.options.iter().filter(|o| o.correct).count() != 1 {
                return Err(("options".into(), "exactly one option must be correct".into()));
            }
            if q.options.iter().filter(|o| o.common_wrong && !o.correct).count() != 1 {
                return Err(("options".into(), "exactly one wrong option must be marked common_wrong".into()));
            }
            require_answer_and_hints(q, 3)
        }
        Kind::Free => {
            if let Some(i) = q.must_mention.iter().position(|m| !mention_is_usable(m)) {
                let message = "needs a concept and accepted spellings that are single words".to_string();
                return Err((format!("must_mention[{i}]"), message));
            }
            if let Some(i) = (1..q.pairs.len()).find(|i| q.pairs[..*i].contains(&q.pairs[*i])) {
                return Err((format!("pairs[{i}]"), "lists a role twice".into()));
            }
            require_answer_and_hints(q, 3)
        }
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
