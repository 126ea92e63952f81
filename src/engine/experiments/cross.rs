//! `cross`: queries from one sequence (the decoder's tokens), keys and values from another
//! (the encoder's), as in translation and in Whisper. The scores are [T_q, T_kv], and no
//! causal mask applies across: every decoder token may read the whole encoded input.

use crate::engine::{AttentionInput, EngineError, Matrix, Shape, masked_row_softmax};

/// Every intermediate of one cross-attention step.
#[derive(Debug, Clone, PartialEq)]
pub struct Cross {
    /// [T_q, d_k], from the decoder's tokens.
    pub q: Matrix,
    /// [T_kv, d_k], from the encoder's tokens.
    pub k: Matrix,
    /// [T_kv, d_v].
    pub v: Matrix,
    /// Q·Kᵀ, [T_q, T_kv], raw.
    pub scores: Matrix,
    pub weights: Matrix,
    /// [T_q, d_v].
    pub context: Matrix,
    pub scale: bool,
}

/// Cross-attention with the input's three matrices: W_Q on `input.x` (the decoder), W_K and
/// W_V on `encoder`. The input's causal switch is ignored on purpose (see the module).
///
/// # Errors
/// When the input does not fit, or the encoder's tokens are not D wide.
pub fn cross_attention(input: &AttentionInput, encoder: &Matrix) -> Result<Cross, EngineError> {
    input.check_shapes()?;
    if encoder.nrows() == 0 || encoder.ncols() == 0 {
        return Err(EngineError::Empty(Shape::of("encoder X", encoder)));
    }
    if encoder.ncols() != input.w_k.nrows() {
        return Err(EngineError::ShapeMismatch {
            left: Shape::of("encoder X", encoder),
            right: Shape::of("W_K", &input.w_k),
        });
    }
    let q = &input.x * &input.w_q;
    let k = encoder * &input.w_k;
    let v = encoder * &input.w_v;
    let scores = &q * k.transpose();
    #[allow(clippy::cast_precision_loss, reason = "d_k is at most 64")]
    let root = if input.scale { (k.ncols() as f64).sqrt() } else { 1.0 };
    let visible = vec![true; k.nrows()];
    let mut weights = Matrix::zeros(q.nrows(), k.nrows());
    for r in 0..q.nrows() {
        let row: Vec<f64> = scores.row(r).iter().map(|s| s / root).collect();
        let soft = masked_row_softmax(&row, &visible);
        weights.set_row(r, &nalgebra::RowDVector::from_vec(soft));
    }
    let context = &weights * &v;
    Ok(Cross { q, k, v, scores, weights, context, scale: input.scale })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(x: Matrix) -> AttentionInput {
        AttentionInput {
            x,
            w_q: Matrix::identity(2, 2),
            w_k: Matrix::identity(2, 2),
            w_v: Matrix::identity(2, 2),
            scale: false,
            causal: true,
        }
    }

    #[test]
    fn an_encoder_of_the_wrong_width_is_refused_by_name() {
        let err = cross_attention(&input(Matrix::identity(2, 2)), &Matrix::zeros(3, 3)).expect_err("D differs");
        assert!(err.to_string().contains("encoder X"), "{err}");
    }

    #[test]
    fn the_causal_switch_does_not_mask_across() {
        let cross = cross_attention(&input(Matrix::identity(2, 2)), &Matrix::identity(3, 2)).expect("fits");
        assert_eq!((cross.scores.nrows(), cross.scores.ncols()), (2, 3));
        assert!(cross.weights.iter().all(|w| *w > 0.0), "no weight is masked to 0");
    }
}
