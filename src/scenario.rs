//! The scenario file: the tokens, the three weight matrices and the switches, as JSON.
//!
//! Loading is strict, because a learner who mistypes a matrix should be told exactly where,
//! and saving is atomic, because a half-written file would lose their work.

mod file;
mod labels;
mod validate;

use crate::engine::{AttentionInput, Matrix};
pub use file::{load, matrix_json, parse, save, to_json};
pub use labels::{Labels, MAX_LABEL_CHARS};
use std::path::Path;
use thiserror::Error;

/// At most this many tokens, so every score matrix fits on a screen.
pub const MAX_TOKENS: usize = 16;
/// The largest D, d_k or d_v.
pub const MAX_DIM: usize = 64;
/// Entries beyond ±this are refused: they teach nothing and would crowd every column.
pub const MAX_ABS: f64 = 1e6;
/// Larger files are refused before they are parsed.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// The lesson's own scenario, compiled in so the tutor runs from any folder.
pub const LESSON_JSON: &str = include_str!("../assets/scenarios/lesson.json");
/// The lesson's "Apply now" exercise.
pub const EXERCISE_JSON: &str = include_str!("../assets/scenarios/exercise.json");

/// The scenarios shipped in assets/scenarios/, compiled in: (name, file text).
pub const LIBRARY: [(&str, &str); 9] = [
    ("lesson", LESSON_JSON),
    ("exercise", EXERCISE_JSON),
    ("shared-matrix", include_str!("../assets/scenarios/shared-matrix.json")),
    ("transpose-trap", include_str!("../assets/scenarios/transpose-trap.json")),
    ("saturated-softmax", include_str!("../assets/scenarios/saturated-softmax.json")),
    ("four-tokens-causal", include_str!("../assets/scenarios/four-tokens-causal.json")),
    ("decimals-scaled", include_str!("../assets/scenarios/decimals-scaled.json")),
    ("meaning", include_str!("../assets/scenarios/meaning.json")),
    ("translation", TRANSLATION_JSON),
];

/// The two-sequence scenario cross-attention falls back on when the current one has one.
pub const TRANSLATION_JSON: &str = include_str!("../assets/scenarios/translation.json");

/// A shipped scenario by name (`lesson` or `lesson.json`).
///
/// # Errors
/// When a shipped file does not validate (a unit test proves they all do).
#[must_use]
pub fn shipped(name: &str) -> Option<Result<Scenario, ScenarioError>> {
    let name = name.strip_suffix(".json").unwrap_or(name);
    LIBRARY.iter().find(|(n, _)| *n == name).map(|(n, text)| parse(text, n))
}

/// A validated scenario: shapes fit, every number is finite and within the limits.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    pub input: AttentionInput,
    /// The token the walkthrough follows, counted from 0; `None` means the last one.
    pub query: Option<usize>,
    /// A one-line description shown beside the scenario's name.
    pub description: Option<String>,
    /// Names for the tokens, the embedding dimensions and the query/key columns.
    pub labels: Labels,
    /// A second sequence for cross-attention, when the file has one.
    pub encoder: Option<Encoder>,
    /// A position table (T×D) for the shuffle experiment, when the file has one; without it
    /// the experiment uses the sinusoidal formula.
    pub positions: Option<Matrix>,
}

/// The optional second sequence: the encoder's tokens, which give cross-attention its keys
/// and values while the first sequence (the decoder's) gives the queries.
#[derive(Debug, Clone, PartialEq)]
pub struct Encoder {
    /// T_kv×D.
    pub tokens: Matrix,
    /// One name per encoder token, or none.
    pub labels: Vec<String>,
}

impl Scenario {
    /// The lesson's two tokens and three matrices.
    ///
    /// # Panics
    /// Never in a released build: a unit test proves the embedded file valid.
    #[must_use]
    pub fn lesson() -> Self {
        #[allow(clippy::expect_used, reason = "the embedded lesson is checked by a unit test")]
        parse(LESSON_JSON, "built-in lesson").expect("the embedded lesson scenario is valid")
    }

    /// The query token, counted from 0.
    #[must_use]
    pub fn query_index(&self) -> usize {
        let last = self.input.x.nrows().saturating_sub(1);
        self.query.map_or(last, |q| q.min(last))
    }
}

/// What went wrong with a scenario, always naming the source and, where it helps, the field.
#[derive(Debug, Error)]
pub enum ScenarioError {
    #[error("{source_name}: cannot read the file: {reason}")]
    Read { source_name: String, reason: String },
    #[error("{source_name}: the file is {size} bytes; scenarios may be at most {MAX_FILE_BYTES} bytes")]
    TooLarge { source_name: String, size: u64 },
    #[error("{source_name}:{line}:{column}: {field}{message}")]
    Syntax { source_name: String, field: String, line: usize, column: usize, message: String },
    #[error("{source_name}: {field}: {message}")]
    Invalid { source_name: String, field: String, message: String },
    #[error("{source_name}: cannot save: {reason}")]
    Write { source_name: String, reason: String },
}

/// The name of a file as it may be shown: control characters made visible.
#[must_use]
pub fn display_name(path: &Path) -> String {
    crate::sanitize::escape(&path.display().to_string())
}

pub(crate) fn matrix_from_rows(rows: &[Vec<f64>]) -> Matrix {
    let cols = rows.first().map_or(0, Vec::len);
    Matrix::from_fn(rows.len(), cols, |r, c| rows[r][c])
}
