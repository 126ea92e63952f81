//! `walk --models`: real models' attention sizes, every figure from the engine's
//! [`ModelConfig::figures`], every configuration named by the file it comes from.

use crate::engine::models::{Bias, MODELS, MemoryChoice, ModelConfig, Smaller, Storage, Tokens};
use serde_json::json;
use std::fmt::Write;

fn shapes(model: ModelConfig) -> String {
    let order = match model.storage {
        Storage::FusedInOut => "[in, out], a Conv1D; nn.Linear loaders transpose it",
        Storage::SeparateOutIn(_) => "[out, in], nn.Linear",
    };
    let list: Vec<String> = model.stored_shapes().iter().map(|(n, [r, c])| format!("{n} [{r}, {c}]")).collect();
    let bias = match model.bias {
        Bias::All => "each with a bias",
        Bias::None => "no bias",
        Bias::QueryAndValue => "biases on q_proj and v_proj, none on k_proj",
    };
    format!("{} stored {order}; {bias}", list.join(", "))
}

fn tokens_line(model: ModelConfig) -> String {
    let count = model.figures().tokens_per_input.unwrap_or(0);
    match model.tokens {
        Tokens::CausalText => "text tokens, causal mask; the KV cache grows by one token per generated token".into(),
        Tokens::BidirectionalText => {
            "text tokens in both directions, only padding masked; an encoder keeps no KV cache".into()
        }
        Tokens::Patches { image, patch } => format!(
            "{patch}×{patch} patches of a {image}×{image} image: ({image}/{patch})² + 1 class token = {count} tokens; an encoder keeps no KV cache"
        ),
        Tokens::Audio { mel_bins, frames } => format!(
            "{frames} frames of {mel_bins} mel bins through two 1-D convolutions (the second with stride 2) = {count} audio tokens for the encoder; blocks: encoder self, decoder self and decoder cross attention; the cache counts the decoder's self-attention"
        ),
    }
}

fn cache_line(model: ModelConfig) -> String {
    let f = model.figures();
    if model.cached_layers == 0 {
        return "KV cache: none (an encoder reads its whole input at once)".into();
    }
    let layers = model.cached_layers;
    let mut line = format!(
        "KV cache at fp16: 2 × {layers} layers × {} KV heads × {} × 2 bytes = {} bytes per token",
        model.kv_heads, model.head_dim, f.kv_bytes_per_token
    );
    if f.gqa_factor > 1 {
        let _ = write!(
            line,
            "; grouped-query attention ({} query heads share {} KV heads) makes it {}× smaller than {} bytes",
            model.query_heads, model.kv_heads, f.gqa_factor, f.kv_bytes_without_gqa
        );
    } else {
        line.push_str("; one KV head per query head: grouped-query attention would be the saving");
    }
    line
}

/// The KV cache against keeping X, told from the numbers: which takes less memory per token
/// and layer (or that they are equal), and what keeping X costs in recomputation. `x_terms`
/// and `kv_terms` show how each count was reached, e.g. `D = 4`, `d_k + d_v = 2 + 2 = 4`.
#[must_use]
pub fn memory_sentence(choice: MemoryChoice, x_terms: &str, kv_terms: &str) -> String {
    let size = match choice.smaller() {
        Smaller::Equal => format!(
            "keeping X ({x_terms}) takes the same memory as K and V ({kv_terms}), so the cache costs nothing extra"
        ),
        Smaller::X => format!("keeping X ({x_terms}) would take less memory than K and V ({kv_terms})"),
        Smaller::KeysAndValues => format!("K and V ({kv_terms}) take less memory than X would ({x_terms})"),
    };
    let time = match choice.smaller() {
        Smaller::X => "but every step would redo X·W_K and X·W_V for all the earlier tokens",
        Smaller::Equal | Smaller::KeysAndValues => {
            "and keeping X would also mean redoing X·W_K and X·W_V for all the earlier tokens at every step"
        }
    };
    format!("Per token and layer, {size}, {time}.")
}

/// [`memory_sentence`] for a model: D against 2 × KV heads × d_head.
fn memory_line(model: ModelConfig) -> String {
    let choice = model.memory_choice();
    let x = format!("D = {}", choice.x);
    let kv = format!("2 × {} KV heads × {} = {}", model.kv_heads, model.head_dim, choice.keys_and_values);
    let sentence = memory_sentence(choice, &x, &kv);
    if model.cached_layers == 0 { format!("{sentence} (An encoder keeps neither.)") } else { sentence }
}

/// The models table as plain text.
#[must_use]
pub fn models_text() -> String {
    let mut out = String::from("Attention in real models (figures computed from each configuration)\n");
    for model in MODELS {
        let f = model.figures();
        let [q, k, v] = model.widths();
        let _ = writeln!(out, "\n{}  ({})", model.name, model.source);
        let _ = writeln!(
            out,
            "  D = {}, {} query heads and {} KV heads of {}; W_Q, W_K, W_V widths {q}, {k}, {v}",
            model.model_width, model.query_heads, model.kv_heads, model.head_dim
        );
        let _ = writeln!(out, "  {}", shapes(model));
        let _ = writeln!(
            out,
            "  projection parameters: {} per attention block × {} blocks = {}",
            f.parameters_per_block, model.attention_blocks, f.parameters_total
        );
        let _ = writeln!(out, "  {}", cache_line(model));
        let _ = writeln!(out, "  {}", memory_line(model));
        let _ = writeln!(out, "  {}", tokens_line(model));
    }
    out
}

/// The models table as one JSON object.
#[must_use]
pub fn models_json() -> String {
    let rows: Vec<serde_json::Value> = MODELS
        .iter()
        .map(|m| {
            let f = m.figures();
            json!({
                "name": m.name,
                "config": m.source,
                "model_width": m.model_width,
                "query_heads": m.query_heads,
                "kv_heads": m.kv_heads,
                "head_dim": m.head_dim,
                "attention_blocks": m.attention_blocks,
                "stored_weights": m.stored_shapes().iter().map(|(n, s)| json!({"name": n, "shape": s})).collect::<Vec<_>>(),
                "projection_parameters_per_block": f.parameters_per_block,
                "projection_parameters_total": f.parameters_total,
                "kv_cache_bytes_per_token_fp16": f.kv_bytes_per_token,
                "kv_cache_bytes_per_token_fp16_without_gqa": f.kv_bytes_without_gqa,
                "gqa_factor": f.gqa_factor,
                "x_numbers_per_token_layer": m.memory_choice().x,
                "kv_numbers_per_token_layer": m.memory_choice().keys_and_values,
                "tokens_per_input": f.tokens_per_input,
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&json!({ "models": rows })).unwrap_or_default();
    text.push('\n');
    text
}
