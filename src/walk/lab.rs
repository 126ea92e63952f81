//! `walk --heads`, `--fused`, `--decode` and `--bug`: the Lab's ideas as plain text and JSON.

use crate::engine::bugs::{self, Bug, Outcome};
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

/// One bug switched on beside the correct computation.
#[must_use]
pub fn bug(attention: &Attention, bug: Bug, json: bool) -> String {
    let report = bug_report(attention, bug);
    if json {
        return pretty(&report);
    }
    let mut out = format!("Bug: {}\n", bug.title());
    if let Some(error) = report.get("error").and_then(Value::as_str) {
        let _ = writeln!(out, "  the multiply fails: {error}");
    }
    for (key, label) in [
        ("wrong_scores", "scores with the bug"),
        ("wrong_weights", "weights with the bug"),
        ("wrong_context", "context with the bug"),
        ("correct_scores", "correct scores"),
        ("correct_weights", "correct weights"),
        ("correct_context", "correct context"),
    ] {
        if let Some(rows) = report.get(key) {
            let _ = writeln!(out, "  {label}: {}", rows_inline(rows));
        }
    }
    if let Some(note) = report.get("note").and_then(Value::as_str) {
        let _ = writeln!(out, "  {note}");
    }
    out
}

fn rows_inline(rows: &Value) -> String {
    let parts: Vec<String> = rows
        .as_array()
        .map(|r| {
            r.iter().map(|row| format::vector(row.as_array().into_iter().flatten().filter_map(Value::as_f64))).collect()
        })
        .unwrap_or_default();
    parts.join(" ")
}

fn bug_report(a: &Attention, bug: Bug) -> Value {
    let correct = json!({"bug": bug.cli_name(), "correct_scores": matrix_json(&a.scores), "correct_weights": matrix_json(&a.weights), "correct_context": matrix_json(&a.context)});
    let mut report = correct;
    let extra = match bug {
        Bug::Shapes => shapes_report(a),
        Bug::NoTranspose => transpose_report(a),
        Bug::SharedWeights => match bugs::shared_weights(&a.input) {
            Ok(s) => {
                json!({"wrong_scores": matrix_json(&s.scores), "wrong_weights": matrix_json(&s.weights), "wrong_context": matrix_json(&s.context),
                "note": "With W_Q used three times, q = k = v for every token: asking, advertising and carrying collapse into one vector."})
            }
            Err(e) => json!({"error": e.to_string()}),
        },
        Bug::HeadsBeforeProjection => heads_first_report(a),
        Bug::ValuesMatch => values_report(a),
    };
    if let (Some(target), Value::Object(extra)) = (report.as_object_mut(), extra) {
        target.extend(extra);
    }
    report
}

/// The D/d_head bug's note. With one head, d_head is d_k, so the mix-up shows when D ≠ d_k.
fn shapes_report(a: &Attention) -> Value {
    let (d, dk) = (a.model_width(), a.key_width());
    match bugs::mixed_dimensions_outcome(a) {
        Outcome::Refused(e) => json!({"error": e.to_string(), "silent": false,
            "note": format!("D = {d} differs from d_head = {dk} (one head, so d_head is d_k): the mix-up is caught at the first multiply.")}),
        Outcome::Silent { coincides, .. } => {
            let tail = if coincides {
                "on these numbers it even holds the right weights, so the results coincide. It is still a bug; any other D would expose it."
            } else {
                "the numbers that come out are wrong."
            };
            json!({"silent": true, "coincides": coincides,
                "note": format!("D = d_head = {d}, so a d_head×d_k W_Q has the right shape and nothing complains: the mistake is silent, and {tail}")})
        }
    }
}

/// The missing-Kᵀ note: refused when T ≠ d_k; silent otherwise, and harmless only when
/// Q·K = Q·Kᵀ on these numbers, which the note tests rather than assumes.
fn transpose_report(a: &Attention) -> Value {
    let (t, dk) = (a.tokens(), a.key_width());
    match bugs::missing_transpose_outcome(a) {
        Outcome::Refused(e) => json!({"error": e.to_string(), "silent": false,
            "note": format!("T = {t} differs from d_k = {dk}, so Q·K cannot even multiply: the missing transpose is caught at once.")}),
        Outcome::Silent { result, coincides } => {
            let symmetric = bugs::is_symmetric(&a.k);
            let tail = transpose_tail(bugs::transpose_coincidence(a));
            json!({"wrong_scores": matrix_json(&result), "silent": true, "coincides": coincides, "k_symmetric": symmetric,
                "note": format!("T = d_k = {t}, so Q·K multiplies without an error: the bug is silent. {tail}")})
        }
    }
}

/// Why a silent missing transpose did or did not change the scores, on these numbers.
#[must_use]
pub fn transpose_tail(coincidence: Option<bugs::Coincidence>) -> &'static str {
    match coincidence {
        Some(bugs::Coincidence::SymmetricK) => {
            "Q·K equals Q·Kᵀ here because K is symmetric (K = Kᵀ): on these numbers only, the bug does no harm."
        }
        Some(bugs::Coincidence::TheseRows) => {
            "K is not symmetric, yet Q·K equals Q·Kᵀ for these particular rows of Q: on these numbers only, the bug does no harm."
        }
        None => "Q·K differs from Q·Kᵀ here, so these scores are wrong and no shape check catches it.",
    }
}

/// Bug 4's note, for what happened: an uneven cut, the refused multiply, or one head.
fn heads_first_report(a: &Attention) -> Value {
    let d = a.model_width();
    match bugs::heads_first_outcome(&a.input, 2) {
        bugs::HeadsFirst::Uneven(e) => json!({"error": e.to_string(),
            "note": format!("D = {d} is odd, so X cannot even be cut into 2 equal heads; projecting first and cutting Q avoids the question.")}),
        bugs::HeadsFirst::Refused(e) => json!({"error": e.to_string(),
            "note": format!("Cut X into 2 heads before projecting and each slice is {} wide; the {d}-row W_Q no longer fits.", d / 2)}),
        bugs::HeadsFirst::OneHead => json!({"note": "With one head the slice is all of X, so the order makes no difference."}),
    }
}

/// Bug 5's disproof: W_V changed to 2·W_V + 1 moves no weight; whether the context moved is
/// checked, since with X = 0 (or values that cancel) it stays where it was.
fn values_report(a: &Attention) -> Value {
    let changed = a.input.w_v.map(|x| 2.0 * x + 1.0);
    match bugs::with_values(&a.input, changed) {
        Ok(b) => {
            let weights_same = b.weights == a.weights;
            let context_moved = !crate::engine::nearly_equal(&b.context, &a.context);
            let note = values_note(weights_same, context_moved);
            json!({"wrong_weights": matrix_json(&b.weights), "wrong_context": matrix_json(&b.context),
                "weights_same": weights_same, "context_moved": context_moved, "note": note})
        }
        Err(e) => json!({"error": e.to_string()}),
    }
}

fn values_note(weights_same: bool, context_moved: bool) -> String {
    let weights = if weights_same { "not one weight moved" } else { "the weights moved" };
    let context = if context_moved {
        "the context moved"
    } else {
        "even the context stayed put on these numbers (the values' change cancels out)"
    };
    format!("W_V changed to 2·W_V + 1: {context}, but {weights}. Values carry content; they never decide who matches.")
}

fn pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}
