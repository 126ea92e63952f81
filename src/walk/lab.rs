//! `walk --heads`, `--fused`, `--decode` and `--bug`: the Lab's ideas as plain text and JSON.

mod bug;

pub use bug::{bug, transpose_tail};

use crate::engine::{Attention, EngineError, Fused, MultiHead, decode};
use crate::format;
use crate::scenario::matrix_json;
use serde_json::{Value, json};
use std::fmt::Write;

fn rows_text(out: &mut String, name: &str, matrix: &crate::engine::Matrix) {
    let _ = writeln!(out, "  {name} [{}×{}]", matrix.nrows(), matrix.ncols());
    for row in matrix.row_iter() {
        let _ = writeln!(out, "    {}", format::vector(row.iter().copied()));
    }
}

/// Heads: each head's scores, weights and context for the query, and the concatenation.
///
/// # Errors
/// When the head count does not divide d_k and d_v.
pub fn heads(attention: &Attention, query: usize, count: usize, json: bool) -> Result<String, EngineError> {
    let split = MultiHead::split(attention, count)?;
    if json {
        let heads: Vec<Value> = split
            .heads
            .iter()
            .map(|h| json!({"q": matrix_json(&h.q), "k": matrix_json(&h.k), "v": matrix_json(&h.v),
                "scores": matrix_json(&h.scores), "weights": matrix_json(&h.weights), "context": matrix_json(&h.context)}))
            .collect();
        return Ok(pretty(&json!({"heads": heads, "concatenated": matrix_json(&split.concatenated)})));
    }
    let n = query + 1;
    let mut out = format!(
        "{}, each with d_k = {} and d_v = {}.\n",
        format::plural(count, "head"),
        attention.key_width() / count,
        attention.value_width() / count
    );
    if attention.input.scale {
        let head = attention.key_width() / count;
        let root = format::number(f64::from(u32::try_from(head).unwrap_or(1)).sqrt());
        let _ = writeln!(
            out,
            "Scaling: each head divides its scores by sqrt(d_head) = sqrt({head}) = {root}, the width of its own queries and keys."
        );
    }
    for (i, head) in split.heads.iter().enumerate() {
        let _ = writeln!(out, "\nHead {}", i + 1);
        let _ = writeln!(out, "  q{n} = {}", format::vector(head.q.row(query).iter().copied()));
        let _ = writeln!(out, "  scores = {}", format::vector(head.scores.row(query).iter().copied()));
        let _ = writeln!(out, "  weights = {}", format::vector(head.weights.row(query).iter().copied()));
        let _ = writeln!(out, "  context = {}", format::vector(head.context.row(query).iter().copied()));
    }
    let _ = writeln!(
        out,
        "\nConcatenated context for token {n}: {}",
        format::vector(split.concatenated.row(query).iter().copied())
    );
    let same = split.concatenated == attention.context;
    let _ = writeln!(
        out,
        "Equal to one head over the full width: {}",
        if same { "yes" } else { "no: each head has its own softmax" }
    );
    Ok(out)
}

/// GPT-2's fused projection against three separate ones.
#[must_use]
pub fn fused(attention: &Attention, json: bool) -> String {
    let f = Fused::compute(&attention.input);
    let equal = f.matches(attention);
    if json {
        return pretty(&json!({"fused_weight": matrix_json(&f.weight), "product": matrix_json(&f.product),
            "q": matrix_json(&f.q), "k": matrix_json(&f.k), "v": matrix_json(&f.v), "equals_separate": equal}));
    }
    let (dk, dv) = (attention.key_width(), attention.value_width());
    let mut out = format!("One matrix [W_Q | W_K | W_V], D×(2·d_k+d_v) = {}×{}:\n", f.weight.nrows(), f.weight.ncols());
    rows_text(&mut out, "W_qkv", &f.weight);
    out.push_str("\nOne multiply, X·W_qkv:\n");
    rows_text(&mut out, "QKV", &f.product);
    let _ = writeln!(
        out,
        "\nSplit: columns 1-{dk} are Q, {}-{} are K, {}-{} are V:",
        dk + 1,
        2 * dk,
        2 * dk + 1,
        2 * dk + dv
    );
    rows_text(&mut out, "Q", &f.q);
    rows_text(&mut out, "K", &f.k);
    rows_text(&mut out, "V", &f.v);
    let verdict = if equal { "yes (within rounding)" } else { "no" };
    let _ = writeln!(out, "\nEqual to the three separate projections: {verdict}");
    out
}

/// The KV-cache decode, one token at a time.
#[must_use]
pub fn decode_steps(attention: &Attention, json: bool) -> String {
    let steps = decode(&attention.input);
    if json {
        let list: Vec<Value> = steps
            .iter()
            .map(|s| {
                json!({"token": s.token + 1, "q": s.q, "k": s.k, "v": s.v, "cached_keys": s.cached_k.nrows(),
                "scores": s.scores, "weights": s.weights, "context": s.context,
                "multiply_adds_with_cache": s.cost.with_cache, "multiply_adds_without_cache": s.cost.without_cache})
            })
            .collect();
        let (d, kv) = (attention.model_width(), attention.key_width() + attention.value_width());
        return pretty(&json!({"steps": list, "x_numbers_per_token": d, "kv_numbers_per_token": kv}));
    }
    let mut out = String::from("Decoding one token at a time; the cache keeps every past k and v.\n");
    for s in &steps {
        let n = s.token + 1;
        let _ = writeln!(out, "\nStep {n}: only x{n} is projected");
        let _ = writeln!(
            out,
            "  q{n} = {}, k{n} = {}, v{n} = {}",
            format::vector(s.q.clone()),
            format::vector(s.k.clone()),
            format::vector(s.v.clone())
        );
        let rows = format::plural(s.cached_k.nrows(), "row");
        let _ = writeln!(out, "  the cache now holds k1..k{n} and v1..v{n} ({rows} each)");
        let _ = writeln!(
            out,
            "  scores {} -> weights {}",
            format::vector(s.scores.clone()),
            format::vector(s.weights.clone())
        );
        let _ = writeln!(out, "  context c{n} = {}", format::vector(s.context.clone()));
        let _ = writeln!(
            out,
            "  multiply-adds: {} with the cache, {} re-projecting every token, {} saved",
            s.cost.with_cache,
            s.cost.without_cache,
            s.cost.saved()
        );
    }
    let _ = writeln!(
        out,
        "\nThe trade-off: the cache keeps every past key and value so that no earlier token is projected again. {}",
        lesson_memory_sentence(attention)
    );
    out
}

/// [`super::models::memory_sentence`] on the scenario's own widths: D against d_k + d_v.
#[must_use]
pub fn lesson_memory_sentence(attention: &Attention) -> String {
    let width = |n: usize| u64::try_from(n).unwrap_or(u64::MAX);
    let (d, dk, dv) = (attention.model_width(), attention.key_width(), attention.value_width());
    let choice = crate::engine::models::MemoryChoice::for_widths(width(d), width(dk), width(dv));
    let kv = format!("d_k + d_v = {dk} + {dv} = {}", dk + dv);
    super::models::memory_sentence(choice, &format!("D = {d}"), &kv)
}

fn pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}
