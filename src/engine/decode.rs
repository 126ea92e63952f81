//! The memory shortcut: decoding one token at a time with a KV cache.

use super::{AttentionInput, Matrix, masked_row_softmax};

/// One decode step: the new token's own q, k and v, the cache after it, and its context.
#[derive(Debug, Clone, PartialEq)]
pub struct DecodeStep {
    /// Counted from 0.
    pub token: usize,
    pub q: Vec<f64>,
    pub k: Vec<f64>,
    pub v: Vec<f64>,
    /// Every key and value so far, this step's included.
    pub cached_k: Matrix,
    pub cached_v: Matrix,
    pub scores: Vec<f64>,
    pub weights: Vec<f64>,
    pub context: Vec<f64>,
    pub cost: DecodeCost,
}

/// Multiply-adds for one step, with and without the cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecodeCost {
    /// Projecting only the new token, then scoring and mixing.
    pub with_cache: usize,
    /// Projecting every token so far again (as caching X instead of K and V would force).
    pub without_cache: usize,
}

impl DecodeCost {
    #[must_use]
    pub fn saved(self) -> usize {
        self.without_cache - self.with_cache
    }
}

/// Decodes every token of the input in order; step t sees tokens 0..=t, so the result equals
/// full causal attention, row by row.
#[must_use]
pub fn decode(input: &AttentionInput) -> Vec<DecodeStep> {
    let (key_width, value_width) = (input.w_k.ncols(), input.w_v.ncols());
    let mut cached_k = Matrix::zeros(0, key_width);
    let mut cached_v = Matrix::zeros(0, value_width);
    let mut steps = Vec::with_capacity(input.x.nrows());
    for token in 0..input.x.nrows() {
        let x = input.x.row(token);
        let project = |w: &Matrix| (x * w).iter().copied().collect::<Vec<f64>>();
        let (q, k, v) = (project(&input.w_q), project(&input.w_k), project(&input.w_v));
        cached_k = cached_k.insert_row(token, 0.0);
        cached_k.row_mut(token).copy_from_slice(&k);
        cached_v = cached_v.insert_row(token, 0.0);
        cached_v.row_mut(token).copy_from_slice(&v);
        let step = attend(token, q, k, v, &cached_k, &cached_v, input.scale);
        steps.push(DecodeStep { cost: cost(token + 1, input), ..step });
    }
    steps
}

/// Multiply-adds when `seen` tokens are visible: scoring and mixing cost the same either way;
/// only the projections differ.
fn cost(seen: usize, input: &AttentionInput) -> DecodeCost {
    let (model_width, key_width, value_width) = (input.x.ncols(), input.w_k.ncols(), input.w_v.ncols());
    let attend = seen * (key_width + value_width);
    DecodeCost {
        with_cache: model_width * (2 * key_width + value_width) + attend,
        without_cache: model_width * key_width + seen * model_width * (key_width + value_width) + attend,
    }
}

fn attend(
    token: usize,
    q: Vec<f64>,
    k: Vec<f64>,
    v: Vec<f64>,
    cached_k: &Matrix,
    cached_v: &Matrix,
    scale: bool,
) -> DecodeStep {
    #[allow(clippy::cast_precision_loss, reason = "d_k is at most 64")]
    let root = if scale { (cached_k.ncols() as f64).sqrt() } else { 1.0 };
    let scores: Vec<f64> = cached_k.row_iter().map(|key| key.iter().zip(&q).map(|(a, b)| a * b).sum()).collect();
    let logits: Vec<f64> = scores.iter().map(|s| s / root).collect();
    let weights = masked_row_softmax(&logits, &vec![true; logits.len()]);
    let context =
        (0..cached_v.ncols()).map(|j| weights.iter().enumerate().map(|(b, w)| w * cached_v[(b, j)]).sum()).collect();
    DecodeStep {
        token,
        q,
        k,
        v,
        cached_k: cached_k.clone(),
        cached_v: cached_v.clone(),
        scores,
        weights,
        context,
        cost: DecodeCost { with_cache: 0, without_cache: 0 },
    }
}
