//! Generated questions on small vectors: projection entries, scores, scaled scores, softmax
//! weights (open and masked) and context entries. Every answer is the engine's number.

use super::{Generated, NumericAnswer, number, pick};
use crate::engine::{Attention, AttentionInput, Derivation, Matrix, Projection, SoftmaxDerivation};
use crate::format;
use crate::quiz::answer::Slip;
use crate::quiz::rng::SplitMix;
use crate::scenario::Scenario;

fn vector(rng: &mut SplitMix, len: usize) -> Vec<f64> {
    (0..len).map(|_| rng.small()).collect()
}

fn empty() -> Derivation {
    Derivation::new(Vec::new(), 0.0)
}

/// One entry of q, k or v for a fresh token, with the lesson's own weight matrices.
pub(super) fn entry(rng: &mut SplitMix, projection: Projection) -> Generated {
    let lesson = Scenario::lesson().input;
    let x = vector(rng, lesson.x.ncols());
    let w = lesson.weight(projection).clone();
    let entry = rng.index(w.ncols());
    let input = AttentionInput { x: Matrix::from_row_slice(1, x.len(), &x), ..lesson };
    let derivation =
        Attention::compute(input).map_or_else(|_| empty(), |a| a.projection_derivation(projection, 0, entry));
    let rows: Vec<String> = w.row_iter().map(|r| format::vector(r.iter().copied())).collect();
    let (letter, weight) = (projection.letter(), projection.weight_name());
    Generated {
        fields: vec![
            ("entry", (entry + 1).to_string()),
            ("x", format::vector(x)),
            ("w", format!("[{}]", rows.join(", "))),
        ],
        step: format!("pair x with column {} of {weight}: {}, then add", entry + 1, format::terms(&derivation)),
        worked: format!("{letter} entry {} = {}", entry + 1, format::derivation(&derivation)),
        answer: number(derivation.value, Some(derivation)),
    }
}

/// A query token followed by key tokens, projected by identities, so the engine's scores are
/// plain q·k.
fn pair(q: &[f64], keys: &[&[f64]], scale: bool) -> Option<Attention> {
    let rows: Vec<f64> = std::iter::once(q).chain(keys.iter().copied()).flatten().copied().collect();
    let x = Matrix::from_row_slice(keys.len() + 1, q.len(), &rows);
    let identity = Matrix::identity(q.len(), q.len());
    let (w_q, w_k, w_v) = (identity.clone(), identity.clone(), identity);
    Attention::compute(AttentionInput { x, w_q, w_k, w_v, scale, causal: false }).ok()
}

pub(super) fn score(rng: &mut SplitMix) -> Generated {
    let (q, k) = (vector(rng, 2), vector(rng, 2));
    let derivation = pair(&q, &[&k], false).map_or_else(empty, |a| a.score_derivation(0, 1));
    Generated {
        fields: vec![("q", format::vector(q)), ("k", format::vector(k))],
        step: format!("pair the entries: {}, then add", format::terms(&derivation)),
        worked: format!("q2·k1 = {}", format::derivation(&derivation)),
        answer: number(derivation.value, Some(derivation)),
    }
}

/// The score divided by √d_k. A raw score of 0 is skipped: it would equal its scaled value.
pub(super) fn scaled_score(rng: &mut SplitMix) -> Generated {
    loop {
        let width = pick(rng, &[2, 3, 4, 4]);
        let (q, k) = (vector(rng, width), vector(rng, width));
        let Some(a) = pair(&q, &[&k], true) else { continue };
        let raw = a.score_derivation(0, 1);
        if raw.value == 0.0 {
            continue;
        }
        let scaled = a.logits[(0, 1)];
        #[allow(clippy::cast_precision_loss, reason = "widths are at most 4")]
        let root = (width as f64).sqrt();
        let worked = format!(
            "q·k = {}; divided by √{width} = {}: {} / {} = {}",
            format::derivation(&raw),
            format::number(root),
            format::number(raw.value),
            format::number(root),
            format::number(scaled)
        );
        return Generated {
            fields: vec![("q", format::vector(q)), ("k", format::vector(k)), ("dk", width.to_string())],
            step: format!("first the raw score, {}; then divide by the square root of {width}", format::terms(&raw)),
            worked,
            answer: with_slip(number(scaled, None), Slip::Unscaled { raw: raw.value, key_width: width }),
        };
    }
}

fn softmax_worked(s: &SoftmaxDerivation, key: usize) -> String {
    let shifted: Vec<f64> = s.logits.iter().zip(&s.visible).filter(|(_, v)| **v).map(|(l, _)| l - s.max).collect();
    format!(
        "subtract the largest score {}: {}; exp({}) = {}; the exponentials add up to {}; weight = {} / {} = {:.3}",
        format::number(s.max),
        format::vector(shifted),
        format::number(s.logits[key] - s.max),
        format::number(s.exps[key]),
        format::number(s.total),
        format::number(s.exps[key]),
        format::number(s.total),
        s.weights[key]
    )
}

pub(super) fn softmax_weight(rng: &mut SplitMix) -> Generated {
    let count = pick(rng, &[2, 3]);
    let scores = vector(rng, count);
    let key = rng.index(count);
    let s = SoftmaxDerivation::new(&scores, &vec![true; count]);
    Generated {
        fields: vec![("scores", format::vector(scores.clone())), ("key", (key + 1).to_string())],
        step: format!("subtract the largest score, {}, from every score, then take exp of each", format::number(s.max)),
        worked: softmax_worked(&s, key),
        answer: with_slip(number(s.weights[key], None), Slip::ScoreForWeight { score: scores[key] }),
    }
}

/// Weights that a learner can multiply in their head.
const WEIGHTS: [&[f64]; 7] =
    [&[0.5, 0.5], &[0.25, 0.75], &[0.75, 0.25], &[0.9, 0.1], &[0.2, 0.8], &[0.5, 0.25, 0.25], &[0.2, 0.3, 0.5]];

pub(super) fn context_entry(rng: &mut SplitMix) -> Generated {
    let weights = pick(rng, &WEIGHTS);
    let values: Vec<Vec<f64>> = weights.iter().map(|_| vector(rng, 2)).collect();
    let entry = rng.index(2);
    let column: Vec<f64> = values.iter().map(|v| v[entry]).collect();
    let derivation = Derivation::dot(weights, &column);
    let named: Vec<String> =
        values.iter().enumerate().map(|(b, v)| format!("v{} = {}", b + 1, format::vector(v.clone()))).collect();
    Generated {
        fields: vec![
            ("weights", format::vector(weights.iter().copied())),
            ("values", named.join(", ")),
            ("entry", (entry + 1).to_string()),
        ],
        step: format!(
            "multiply each weight by entry {} of its value: {}, then add",
            entry + 1,
            format::terms(&derivation)
        ),
        worked: format!("context entry {} = {}", entry + 1, format::derivation(&derivation)),
        answer: number(derivation.value, Some(derivation)),
    }
}

fn visible_keys(token: usize) -> String {
    match token {
        1 => "only key 1".into(),
        2 => "keys 1 and 2".into(),
        t => format!("keys 1 to {t}"),
    }
}

/// Token `token` (from 1) of `count` under the causal mask; `token < count`, so the mask
/// always hides at least one key from it. Seven draws in eight ask for a visible key of a
/// token that sees at least two, so the answer is a real softmax share strictly between 0
/// and 1; the eighth asks for a hidden key (weight 0), so the mask itself is practised too.
pub(super) fn masked_weight(rng: &mut SplitMix) -> Generated {
    let count = pick(rng, &[3, 4]);
    let token = 2 + rng.index(count - 2);
    let scores = vector(rng, count);
    let key = if rng.index(8) == 0 { token + rng.index(count - token) } else { rng.index(token) };
    let visible: Vec<bool> = (0..count).map(|b| b < token).collect();
    let s = SoftmaxDerivation::new(&scores, &visible);
    let worked = if visible[key] {
        format!("token {token} sees {}; {}", visible_keys(token), softmax_worked(&s, key))
    } else {
        format!("key {} comes after token {token}, so the mask hides it: weight 0", key + 1)
    };
    Generated {
        fields: vec![
            ("token", token.to_string()),
            ("count", count.to_string()),
            ("scores", format::vector(scores.clone())),
            ("key", (key + 1).to_string()),
        ],
        step: format!("under the mask, token {token} may look at {} and nothing later", visible_keys(token)),
        worked,
        answer: with_slip(number(s.weights[key], None), Slip::ScoreForWeight { score: scores[key] }),
    }
}

fn with_slip(mut answer: NumericAnswer, slip: Slip) -> NumericAnswer {
    if let NumericAnswer::Number { slips, .. } = &mut answer {
        slips.push(slip);
    }
    answer
}

pub(super) fn larger_weight(rng: &mut SplitMix) -> Generated {
    loop {
        let (q, k1, k2) = (vector(rng, 2), vector(rng, 2), vector(rng, 2));
        let Some(a) = pair(&q, &[&k1, &k2], false) else { continue };
        let (s1, s2) = (a.score_derivation(0, 1), a.score_derivation(0, 2));
        if (s1.value - s2.value).abs() < 0.5 {
            continue;
        }
        let winner = if a.weights[(0, 1)] > a.weights[(0, 2)] { 1.0 } else { 2.0 };
        let worked = format!(
            "q2·k1 = {}, q2·k2 = {}: the larger score gets the larger weight, key {}",
            format::derivation(&s1),
            format::derivation(&s2),
            format::number(winner)
        );
        return Generated {
            fields: vec![("q", format::vector(q)), ("k1", format::vector(k1)), ("k2", format::vector(k2))],
            step: format!("score both keys: {} for key 1 and {} for key 2", format::terms(&s1), format::terms(&s2)),
            worked,
            answer: NumericAnswer::Number { value: winner, derivation: None, slips: Vec::new() },
        };
    }
}

#[cfg(test)]
mod tests {
    use super::super::plural;
    use super::*;

    #[test]
    fn plurals_in_the_mask_step() {
        assert_eq!(visible_keys(1), "only key 1");
        assert_eq!(visible_keys(3), "keys 1 to 3");
        assert_eq!(plural(1u64, "key"), "1 key");
    }
}
