//! The headless walkthrough: the whole hand calculation as plain text or JSON, printed from
//! the engine's derivations so that every number is computed, never typed.

mod diagram;
pub mod lab;
mod markdown;
mod text;

pub use diagram::diagram_lines;
pub use markdown::{escape as escape_markdown, walk_markdown};
pub use text::walk_text;

use crate::engine::Attention;
use crate::scenario::matrix_json;
use serde_json::json;

/// The machine-readable result: the fixtures' fields plus the shapes and switches.
#[must_use]
pub fn walk_json(attention: &Attention, query: usize) -> String {
    let value = json!({
        "tokens": attention.tokens(),
        "model_width": attention.model_width(),
        "key_width": attention.key_width(),
        "value_width": attention.value_width(),
        "scale": attention.input.scale,
        "causal": attention.input.causal,
        "query": query + 1,
        "q": matrix_json(&attention.q),
        "k": matrix_json(&attention.k),
        "v": matrix_json(&attention.v),
        "scores": matrix_json(&attention.scores),
        "weights": matrix_json(&attention.weights),
        "context": matrix_json(&attention.context),
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}
