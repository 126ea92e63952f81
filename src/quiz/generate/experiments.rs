//! Generated questions on the Lab's four experiments: the spread of q·k (`sqrt-dk`), a score
//! with one shared matrix (`shared-qk`), a context after the tokens move (`shuffle`) and the
//! shapes of cross-attention (`cross`). Every answer is the experiment's own engine call.

use super::{Generated, NumericAnswer, number, pick, plural};
use crate::engine::experiments::{cross_attention, shared_qk, shuffle, spread_in_theory};
use crate::engine::{AttentionInput, Derivation, Matrix};
use crate::format;
use crate::quiz::rng::SplitMix;

fn vector(rng: &mut SplitMix, len: usize) -> Vec<f64> {
    (0..len).map(|_| rng.small()).collect()
}

fn to_u64(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

/// Tokens as rows, projected by identities: q = k = v = x, so a learner can follow the
/// numbers without a weight matrix.
fn identity_input(rows: &[Vec<f64>]) -> AttentionInput {
    let width = rows.first().map_or(0, Vec::len);
    let flat: Vec<f64> = rows.iter().flatten().copied().collect();
    let identity = Matrix::identity(width, width);
    AttentionInput {
        x: Matrix::from_row_slice(rows.len(), width, &flat),
        w_q: identity.clone(),
        w_k: identity.clone(),
        w_v: identity,
        scale: false,
        causal: false,
    }
}

/// `sqrt-dk`: the spread of q·k before scaling, in theory √d_k.
pub(super) fn raw_spread(rng: &mut SplitMix) -> Generated {
    let key_width = pick(rng, &[2, 3, 8, 12, 32, 48, 64, 128]);
    let spread = spread_in_theory(key_width);
    Generated {
        fields: vec![("dk", key_width.to_string())],
        step: format!("q·k adds up {key_width} products; each has variance 1, and independent variances add"),
        worked: format!(
            "variance = d_k = {key_width}, so the spread is √{key_width} = {}; divided by √d_k it is 1",
            format::number((spread * 1000.0).round() / 1000.0)
        ),
        answer: number(spread, None),
    }
}

/// `shared-qk`: with W_Q used for the keys, k_j = q_j, so q_a·k_b is q_a·q_b.
pub(super) fn shared_score(rng: &mut SplitMix) -> Generated {
    // A zero query would make every score 0 and the question about nothing.
    let rows = loop {
        let rows = [vector(rng, 2), vector(rng, 2)];
        if rows.iter().all(|r| r.iter().any(|v| *v != 0.0)) {
            break rows;
        }
    };
    let (a, b) = if rng.index(2) == 0 { (0, 1) } else { (1, 0) };
    let mut input = identity_input(&rows);
    // A separate W_K that differs from W_Q, so the experiment has something to replace.
    input.w_k = Matrix::from_row_slice(2, 2, &[0.0, 1.0, 1.0, 0.0]);
    let score = shared_qk(&input).map_or(0.0, |s| s.shared.scores[(a, b)]);
    let derivation = Derivation::dot(&rows[a], &rows[b]);
    Generated {
        fields: vec![
            ("q1", format::vector(rows[0].clone())),
            ("q2", format::vector(rows[1].clone())),
            ("a", (a + 1).to_string()),
            ("b", (b + 1).to_string()),
        ],
        step: format!(
            "with one matrix, k{} is q{}: pair q{} with q{}, {}, then add",
            b + 1,
            b + 1,
            a + 1,
            b + 1,
            format::terms(&derivation)
        ),
        worked: format!(
            "q{}·k{} = q{}·q{} = {} (and q{}·k{} is the same)",
            a + 1,
            b + 1,
            a + 1,
            b + 1,
            format::derivation(&Derivation::new(derivation.terms.clone(), score)),
            b + 1,
            a + 1
        ),
        answer: number(score, Some(derivation)),
    }
}

/// `shuffle`: the tokens are rotated; without positions a token's context moves with it.
pub(super) fn shuffled_context(rng: &mut SplitMix) -> Generated {
    let rows: Vec<Vec<f64>> = (0..3).map(|_| vector(rng, 2)).collect();
    let shift = 1 + rng.index(2);
    let order: Vec<usize> = (0..3).map(|r| (r + shift) % 3).collect();
    let (token, entry) = (rng.index(3), rng.index(2));
    let row = order.iter().position(|&t| t == token).unwrap_or(0);
    let run = shuffle(&identity_input(&rows), &order).ok();
    let context = run.as_ref().map_or(0.0, |s| s.shuffled.context[(row, entry)]);
    let original = run.map(|s| s.original.context.row(token).iter().copied().collect::<Vec<f64>>());
    let tokens: Vec<String> =
        rows.iter().enumerate().map(|(i, x)| format!("x{} = {}", i + 1, format::vector(x.clone()))).collect();
    let reordered: Vec<String> = order.iter().map(|t| format!("x{}", t + 1)).collect();
    Generated {
        fields: vec![
            ("tokens", tokens.join(", ")),
            ("order", reordered.join(", ")),
            ("t", (token + 1).to_string()),
            ("row", (row + 1).to_string()),
            ("entry", (entry + 1).to_string()),
            ("c", format::vector(original.unwrap_or_default())),
        ],
        step: format!("nothing in the scores knows which row a token is in; find where token {} went", token + 1),
        worked: format!(
            "row {} now holds token {}, and with no positions its context is unchanged: entry {} = {}",
            row + 1,
            token + 1,
            entry + 1,
            format::number(context)
        ),
        answer: number(context, None),
    }
}

/// `cross`: Q from T_q decoder tokens, K and V from T_kv encoder tokens.
pub(super) fn cross_shape(rng: &mut SplitMix) -> Generated {
    let queries = 1 + rng.index(4);
    let encoded = loop {
        let n = 1 + rng.index(6);
        if n != queries {
            break n;
        }
    };
    let (width, key_width, value_width) = (2 + rng.index(3), 1 + rng.index(4), 1 + rng.index(4));
    let asks_context = rng.index(3) == 0;
    let input = AttentionInput {
        x: Matrix::zeros(queries, width),
        w_q: Matrix::zeros(width, key_width),
        w_k: Matrix::zeros(width, key_width),
        w_v: Matrix::zeros(width, value_width),
        scale: false,
        causal: true,
    };
    let cross = cross_attention(&input, &Matrix::zeros(encoded, width)).ok();
    let (what, shape) = if asks_context {
        ("the context (weights · V)", cross.map_or((queries, value_width), |c| c.context.shape()))
    } else {
        ("the scores Q·Kᵀ", cross.map_or((queries, encoded), |c| c.scores.shape()))
    };
    let worked = if asks_context {
        format!("weights [{queries}, {encoded}] · V [{encoded}, {value_width}] → {}×{}", shape.0, shape.1)
    } else {
        format!("Q [{queries}, {key_width}] · Kᵀ [{key_width}, {encoded}] → {}×{}", shape.0, shape.1)
    };
    Generated {
        fields: vec![
            ("decoder", plural(to_u64(queries), "decoder token")),
            ("encoder", plural(to_u64(encoded), "encoder token")),
            ("d", width.to_string()),
            ("dk", key_width.to_string()),
            ("dv", value_width.to_string()),
            ("what", what.to_string()),
        ],
        step: "the queries come from the decoder, the keys and values from the encoder".into(),
        worked,
        answer: NumericAnswer::Shape(shape.0, shape.1),
    }
}
