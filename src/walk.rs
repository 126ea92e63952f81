//! The headless walkthrough: the whole hand calculation as plain text or JSON, printed from
//! the engine's derivations so that every number is computed, never typed.

mod cross;
mod diagram;
pub mod experiment;
mod explain;
pub mod lab;
mod markdown;
pub mod models;
mod text;

pub use cross::{cross_walk, walk_cross_text};
pub use diagram::diagram_lines;
pub use explain::{output_lines, output_weight_rows, reason_line, top_line, vector_name};
pub use markdown::{
    cross_section, escape as escape_markdown, walk_markdown, walk_markdown_across, walk_markdown_labeled,
};
pub use text::walk_text;

use crate::engine::{Attention, residual};
use crate::scenario::{Labels, matrix_json};
use serde_json::json;

/// The machine-readable result: the fixtures' fields plus the shapes and switches, the
/// labels when the scenario has them, and the residual step (`x + context · W_O`).
#[must_use]
pub fn walk_json(attention: &Attention, query: usize, labels: &Labels) -> String {
    let mut value = json!({
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
        "best_keys": crate::engine::top_keys(attention, query).iter().map(|b| b + 1).collect::<Vec<_>>(),
    });
    if let (Some(object), Some(r)) = (value.as_object_mut(), residual(attention, query)) {
        let row = |v: &[f64]| matrix_json(&crate::engine::Matrix::from_row_slice(1, v.len(), v))[0].clone();
        let output = json!({"w_o": matrix_json(&r.w_o), "projected": row(&r.projected), "result": row(&r.result)});
        object.insert("output".into(), output);
    }
    if let (Some(object), Some(encoder)) = (value.as_object_mut(), &attention.encoder) {
        // Cross-attention: k and v above are the encoder's; the scores are [T_q, T_kv].
        object.insert("cross".into(), true.into());
        object.insert("encoder_tokens".into(), matrix_json(encoder));
    }
    if let Some(object) = value.as_object_mut() {
        for (name, list) in label_lists(labels) {
            if !list.is_empty() {
                object.insert(name.into(), list.to_vec().into());
            }
        }
    }
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// The three label lists with the names scenario files and `walk --json` give them.
fn label_lists(labels: &Labels) -> [(&'static str, &[String]); 3] {
    [("token_labels", &labels.tokens), ("dim_labels", &labels.dims), ("head_labels", &labels.heads)]
}
