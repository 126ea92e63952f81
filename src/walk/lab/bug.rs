//! `walk --bug NAME`: one bug switched on beside the correct result, with a note that says
//! what these numbers show (refused, silent, or silent and coinciding, and why).

use super::pretty;
use crate::engine::Attention;
use crate::engine::bugs::{self, Bug, Outcome};
use crate::format;
use crate::scenario::matrix_json;
use serde_json::{Value, json};
use std::fmt::Write;

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
            "K is symmetric (K = Kᵀ), so Q·K happens to equal Q·Kᵀ: on these numbers only, the bug does no harm."
        }
        Some(bugs::Coincidence::TheseRows) => {
            "K is not symmetric, yet Q·K happens to equal Q·Kᵀ for these particular rows of Q: on these numbers only, the bug does no harm."
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
        bugs::HeadsFirst::OneHead => {
            json!({"note": "With one head the slice is all of X, so the order makes no difference."})
        }
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
    let what = match (context_moved, weights_same) {
        (true, true) => "the context moved, but not one weight did",
        (false, true) => {
            "not one weight moved, and on these numbers even the context stayed put (the change to the values cancels out in the mix)"
        }
        (_, false) => "the weights moved too, which only a bug in the tutor could cause",
    };
    format!("W_V changed to 2·W_V + 1: {what}. Values carry content; they never decide who matches.")
}
