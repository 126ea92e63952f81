//! The four reports. Each builds its question from the same numbers it then reveals.

use super::{Experiment, Prediction, Report, Setup, Teaser};
use crate::engine::experiments::{
    Cross, SCALE_KEYS, asymmetry, cross_attention, reversed_order, scale_spread, shared_qk as run_shared,
    shuffle as run_shuffle, shuffle_with,
};
use crate::engine::{Attention, Derivation, EngineError, Matrix};
use crate::format;
use crate::quiz::{NumericAnswer, Slip};
use crate::scenario::matrix_json;
use serde_json::json;

/// The width whose raw spread the learner predicts.
pub const PREDICTED_WIDTH: usize = 128;

fn number(derivation: Derivation) -> NumericAnswer {
    NumericAnswer::Number { value: derivation.value, derivation: Some(derivation), slips: Vec::new() }
}

/// A number with one slip the checker names.
fn with_slip(value: f64, slip: Slip) -> NumericAnswer {
    NumericAnswer::Number { value, derivation: Some(Derivation::new(Vec::new(), value)), slips: vec![slip] }
}

#[allow(clippy::cast_precision_loss, reason = "widths are small")]
fn as_float(n: usize) -> f64 {
    n as f64
}

fn root(n: usize) -> f64 {
    as_float(n).sqrt()
}

/// The `sqrt-dk` question and its answer in theory: no random draws, so asking is free.
pub(super) fn sqrt_dk_teaser() -> Teaser {
    let theory = root(PREDICTED_WIDTH).round();
    let prompt = format!(
        "q and k have d_k = {PREDICTED_WIDTH} random entries of variance 1. What is the standard deviation of q·k, \
         to the nearest whole number?"
    );
    let reveal = format!("about √{PREDICTED_WIDTH} = {} (so {theory})", format::number(root(PREDICTED_WIDTH)));
    let slips = vec![
        Slip::Unrounded { exact: root(PREDICTED_WIDTH) },
        Slip::VarianceForSpread { variance: as_float(PREDICTED_WIDTH) },
    ];
    let answer = NumericAnswer::Number { value: theory, derivation: Some(Derivation::new(Vec::new(), theory)), slips };
    Teaser { prediction: Prediction { prompt, answer }, reveal }
}

pub(super) fn sqrt_dk(setup: Setup<'_>) -> Report {
    let run = scale_spread(setup.attention.key_width(), setup.seed);
    let Teaser { prediction, reveal } = sqrt_dk_teaser();
    let theory = prediction.answer.expected().map_or(f64::NAN, |e| e.value());
    let prompt = prediction.prompt.clone();
    let measured = run.row(PREDICTED_WIDTH).map_or(f64::NAN, |r| r.raw_std);
    let reveal = format!("{reveal}; measured here: {}", format::number(measured));
    let mut lines = vec![format!(
        "seed {} · {} random pairs per width · largest weight over {SCALE_KEYS} keys",
        run.seed, run.pairs
    )];
    lines.push("d_k   sd of q·k   sd of q·k/√d_k   top weight raw   top weight scaled".into());
    lines.extend(run.rows.iter().map(|r| {
        format!(
            "{:<5} {:<11} {:<16} {:<16} {}",
            r.key_width,
            format::number(r.raw_std),
            format::number(r.scaled_std),
            format::number(r.raw_top_weight),
            format::number(r.scaled_top_weight)
        )
    }));
    lines.push(
        "Raw scores spread like √d_k, so at large d_k the softmax gives nearly all the weight to one key; divided \
         by √d_k they stay near 1 and the weights stay soft."
            .into(),
    );
    let rows: Vec<_> = run
        .rows
        .iter()
        .map(|r| {
            json!({"key_width": r.key_width, "raw_std": r.raw_std, "scaled_std": r.scaled_std,
            "raw_top_weight": r.raw_top_weight, "scaled_top_weight": r.scaled_top_weight})
        })
        .collect();
    let json = json!({"experiment": Experiment::SqrtDk.cli_name(), "seed": run.seed, "pairs": run.pairs,
        "keys": SCALE_KEYS, "predict": prompt, "answer": theory, "widths": rows});
    Report {
        experiment: Experiment::SqrtDk,
        prediction,
        reveal,
        lines,
        lesson: "Scores are divided by √d_k before the softmax.".into(),
        json,
    }
}

pub(super) fn shared_qk(setup: Setup<'_>) -> Result<Report, EngineError> {
    let result = run_shared(&setup.attention.input)?;
    let (i, j) = result.pair.unwrap_or((0, 0));
    let (sep, shared) = (&result.separate, &result.shared);
    let (a, b) = (i + 1, j + 1);
    let prompt = format!(
        "Use W_Q for the keys too. Then q{b}·k{a} = {}. Predict q{a}·k{b}.",
        format::number(shared.scores[(j, i)])
    );
    let q_i: Vec<f64> = shared.q.row(i).iter().copied().collect();
    let k_j: Vec<f64> = shared.k.row(j).iter().copied().collect();
    let reveal = format!(
        "{}: with one matrix k = q, so q{a}·k{b} = q{a}·q{b} = q{b}·k{a}",
        format::number(shared.scores[(i, j)])
    );
    let lines = vec![
        format!(
            "separate W_Q and W_K: q{a}·k{b} = {}, q{b}·k{a} = {}",
            format::number(sep.scores[(i, j)]),
            format::number(sep.scores[(j, i)])
        ),
        format!(
            "one shared matrix:    q{a}·k{b} = {}, q{b}·k{a} = {}",
            format::number(shared.scores[(i, j)]),
            format::number(shared.scores[(j, i)])
        ),
        format!(
            "largest |s_ij - s_ji|: {} separate, {} shared",
            format::number(asymmetry(&sep.scores)),
            format::number(asymmetry(&shared.scores))
        ),
        "What this takes away: a token can no longer look for something other than what it advertises.".into(),
    ];
    let json = json!({"experiment": Experiment::SharedQk.cli_name(), "predict": prompt,
        "answer": shared.scores[(i, j)], "pair": [a, b],
        "separate_scores": matrix_json(&sep.scores), "shared_scores": matrix_json(&shared.scores),
        "separate_asymmetry": asymmetry(&sep.scores), "shared_asymmetry": asymmetry(&shared.scores)});
    Ok(Report {
        experiment: Experiment::SharedQk,
        prediction: Prediction { prompt, answer: number(Derivation::dot(&q_i, &k_j)) },
        reveal,
        lines,
        lesson: "W_Q asks and W_K advertises: two matrices, so asking and advertising can differ.".into(),
        json,
    })
}

pub(super) fn shuffle(setup: Setup<'_>) -> Result<Report, EngineError> {
    let t = setup.attention.tokens();
    let order = reversed_order(t);
    let table = setup.positions.filter(|p| p.shape() == setup.attention.input.x.shape());
    let run = match table {
        Some(positions) => shuffle_with(&setup.attention.input, &order, positions)?,
        None => run_shuffle(&setup.attention.input, &order)?,
    };
    let source = if table.is_some() { "the scenario's position table" } else { "sinusoidal positions" };
    let last = t - 1;
    let before = run.original.context[(0, 0)];
    let prompt = format!(
        "Reverse the {} (no positions, no mask). Token 1's context starts {}; it is now row {t}. Predict entry 1 of \
         row {t}'s context.",
        format::plural(t, "token"),
        format::number(before)
    );
    let after = run.shuffled.context[(last, 0)];
    let original_last = run.original.context[(last, 0)];
    let reveal = format!("{}: the same token gets the same context, only in another row", format::number(after));
    let order_text: Vec<String> = order.iter().map(|o| format!("x{}", o + 1)).collect();
    let lines = vec![
        format!("new order of the rows: {}", order_text.join(", ")),
        format!("context, original:           {}", rows_inline(&run.original.context)),
        format!("context, shuffled:           {}", rows_inline(&run.shuffled.context)),
        format!("largest change once rows are matched: {}", format::number(run.drift_without_positions())),
        format!("with {source} added to X, original: {}", rows_inline(&run.original_placed.context)),
        format!("with positions, shuffled:    {}", rows_inline(&run.shuffled_placed.context)),
        format!("largest change once rows are matched: {}", format::number(run.drift_with_positions())),
    ];
    let json = json!({"experiment": Experiment::Shuffle.cli_name(), "predict": prompt, "answer": after,
        "order": order.iter().map(|o| o + 1).collect::<Vec<_>>(),
        "positions": matrix_json(&run.positions), "positions_from": if table.is_some() { "scenario" } else { "sinusoidal" },
        "context": matrix_json(&run.original.context), "shuffled_context": matrix_json(&run.shuffled.context),
        "context_with_positions": matrix_json(&run.original_placed.context),
        "shuffled_context_with_positions": matrix_json(&run.shuffled_placed.context),
        "change_without_positions": run.drift_without_positions(), "change_with_positions": run.drift_with_positions()});
    Ok(Report {
        experiment: Experiment::Shuffle,
        prediction: Prediction { prompt, answer: with_slip(after, Slip::RowBeforeReorder { before: original_last }) },
        reveal,
        lines,
        lesson: "Attention compares every token with every other; on its own it has no notion of order, so models \
                 add position information to X."
            .into(),
        json,
    })
}

/// The second sequence to use: the scenario's own when it fits, else the shipped translation.
fn cross_inputs(setup: Setup<'_>) -> (Attention, Matrix, bool) {
    let own = setup.encoder.filter(|e| e.ncols() == setup.attention.model_width());
    if let Some(encoder) = own {
        return (setup.attention.clone(), encoder.clone(), true);
    }
    let shipped = crate::scenario::parse(crate::scenario::TRANSLATION_JSON, "translation");
    let fallback = shipped.ok().and_then(|s| {
        let encoder = s.encoder?.tokens;
        Attention::compute(s.input).ok().map(|a| (a, encoder, false))
    });
    fallback.unwrap_or_else(|| (setup.attention.clone(), setup.attention.input.x.clone(), false))
}

/// Cross-attention on the scenario's second sequence, or on the shipped translation; true
/// when the scenario's own was used.
///
/// # Errors
/// When the numbers do not fit together.
pub fn cross_run(setup: Setup<'_>) -> Result<(Cross, bool), EngineError> {
    let (decoder, encoder, own) = cross_inputs(setup);
    Ok((cross_attention(&decoder.input, &encoder)?, own))
}

pub(super) fn cross(setup: Setup<'_>) -> Result<Report, EngineError> {
    let (run, own) = cross_run(setup)?;
    let (tq, tkv, dk) = (run.q.nrows(), run.k.nrows(), run.q.ncols());
    let prompt =
        format!("Q comes from {tq} decoder tokens, K from {tkv} encoder tokens, d_k = {dk}. What shape is Q·Kᵀ?");
    let source = if own {
        "this scenario's second sequence"
    } else {
        "the translation example (this scenario has one sequence)"
    };
    let lines = vec![
        format!("keys and values from {source}"),
        format!("Q [{tq}×{dk}] · Kᵀ [{dk}×{tkv}] → scores [{tq}×{tkv}]"),
        format!("scores:  {}", rows_inline(&run.scores)),
        format!("weights: {}", rows_inline(&run.weights)),
        format!("context: {}", rows_inline(&run.context)),
        "No causal mask across: every decoder token may read the whole encoded input.".into(),
    ];
    let json = json!({"experiment": Experiment::Cross.cli_name(), "predict": prompt, "answer": [tq, tkv],
        "own_second_sequence": own, "q": matrix_json(&run.q), "k": matrix_json(&run.k), "v": matrix_json(&run.v),
        "scores": matrix_json(&run.scores), "weights": matrix_json(&run.weights), "context": matrix_json(&run.context)});
    Ok(Report {
        experiment: Experiment::Cross,
        prediction: Prediction { prompt, answer: NumericAnswer::Shape(tq, tkv) },
        reveal: format!("{tq}×{tkv}: one row per decoder token, one column per encoder token"),
        lines,
        lesson: "Whisper's decoder and a translator's attend to the encoded input with cross-attention: queries \
                 from one sequence, keys and values from the other."
            .into(),
        json,
    })
}

fn rows_inline(m: &Matrix) -> String {
    m.row_iter().map(|r| format::vector(r.iter().copied())).collect::<Vec<_>>().join(" ")
}
