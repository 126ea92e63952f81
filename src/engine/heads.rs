//! Parallel graders: Q, K and V split column-wise into h heads, each scoring on its own.

use super::{Attention, AttentionInput, EngineError, Matrix, masked_row_softmax};

/// One head's share of the work.
#[derive(Debug, Clone, PartialEq)]
pub struct Head {
    pub q: Matrix,
    pub k: Matrix,
    pub v: Matrix,
    pub scores: Matrix,
    pub weights: Matrix,
    pub context: Matrix,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MultiHead {
    pub heads: Vec<Head>,
    /// The heads' contexts side by side, T×d_v.
    pub concatenated: Matrix,
}

impl MultiHead {
    /// Splits a computed attention into `count` heads.
    ///
    /// # Errors
    /// When `count` is 0 or does not divide both d_k and d_v.
    pub fn split(attention: &Attention, count: usize) -> Result<Self, EngineError> {
        let (dk, dv) = (attention.key_width(), attention.value_width());
        if count == 0 || dk % count != 0 || dv % count != 0 {
            return Err(EngineError::Heads { heads: count, key_width: dk, value_width: dv });
        }
        let (hk, hv) = (dk / count, dv / count);
        let heads: Vec<Head> = (0..count).map(|h| head(attention, h * hk, hk, h * hv, hv)).collect();
        let mut concatenated = Matrix::zeros(attention.tokens(), dv);
        for (h, head) in heads.iter().enumerate() {
            concatenated.columns_mut(h * hv, hv).copy_from(&head.context);
        }
        Ok(Self { heads, concatenated })
    }
}

fn head(attention: &Attention, k_start: usize, k_width: usize, v_start: usize, v_width: usize) -> Head {
    let q = attention.q.columns(k_start, k_width).into_owned();
    let k = attention.k.columns(k_start, k_width).into_owned();
    let v = attention.v.columns(v_start, v_width).into_owned();
    let scores = &q * k.transpose();
    #[allow(clippy::cast_precision_loss, reason = "head widths are at most 64")]
    let logits = if attention.input.scale { &scores / (k_width as f64).sqrt() } else { scores.clone() };
    let t = attention.tokens();
    let mut weights = Matrix::zeros(t, t);
    for a in 0..t {
        let row: Vec<f64> = logits.row(a).iter().copied().collect();
        let visible: Vec<bool> = (0..t).map(|b| attention.is_visible(a, b)).collect();
        for (b, w) in masked_row_softmax(&row, &visible).into_iter().enumerate() {
            weights[(a, b)] = w;
        }
    }
    let context = &weights * &v;
    Head { q, k, v, scores, weights, context }
}

/// The width of each head when `heads` share a width of `width` columns.
///
/// # Errors
/// When `heads` is 0 or does not divide `width`.
pub fn head_width(width: usize, heads: usize) -> Result<usize, EngineError> {
    if heads == 0 || !width.is_multiple_of(heads) {
        return Err(EngineError::ModelWidthSplit { heads, model_width: width });
    }
    Ok(width / heads)
}

/// The shape of Q after `project_qkv`'s reshape into heads: Q = X @ W_Q is [B, T, D]; it is
/// viewed as [B, T, h, D/h] and transposed to [B, h, T, D/h], so each head scores on its own.
///
/// # Errors
/// When `heads` does not divide `width`.
pub fn split_heads_shape(batch: usize, tokens: usize, width: usize, heads: usize) -> Result<[usize; 4], EngineError> {
    Ok([batch, heads, tokens, head_width(width, heads)?])
}

/// The same head computed from scratch: the input with each weight matrix cut to the head's
/// columns. Used to check that splitting after projecting changes nothing.
#[must_use]
pub fn head_input(input: &AttentionInput, count: usize, index: usize) -> AttentionInput {
    let (hk, hv) = (input.w_k.ncols() / count, input.w_v.ncols() / count);
    AttentionInput {
        x: input.x.clone(),
        w_q: input.w_q.columns(index * hk, hk).into_owned(),
        w_k: input.w_k.columns(index * hk, hk).into_owned(),
        w_v: input.w_v.columns(index * hv, hv).into_owned(),
        scale: input.scale,
        causal: input.causal,
    }
}
