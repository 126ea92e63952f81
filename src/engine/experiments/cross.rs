//! `cross`: queries from one sequence (the decoder's tokens), keys and values from another
//! (the encoder's), as in translation and in Whisper. The scores are [T_q, T_kv], and no
//! causal mask applies across: every decoder token may read the whole encoded input.

use crate::engine::{Attention, AttentionInput, EngineError, Matrix};

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
    // One implementation: the walkthrough, the Diagram and `walk` use the same step.
    let Attention { q, k, v, scores, weights, context, input, .. } = Attention::cross(input.clone(), encoder)?;
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
