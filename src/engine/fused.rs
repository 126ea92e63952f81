//! GPT-2's c_attn: one D×(2·d_k+d_v) matrix, one multiply, then a split into q, k and v.

use super::{AttentionInput, Matrix};

/// The fused projection and its three parts.
#[derive(Debug, Clone, PartialEq)]
pub struct Fused {
    /// [W_Q | W_K | W_V], D×(2·d_k+d_v).
    pub weight: Matrix,
    /// X·[W_Q | W_K | W_V], T×(2·d_k+d_v).
    pub product: Matrix,
    pub q: Matrix,
    pub k: Matrix,
    pub v: Matrix,
}

impl Fused {
    /// One multiply instead of three. The input's shapes must already fit.
    #[must_use]
    pub fn compute(input: &AttentionInput) -> Self {
        let (d, dk, dv) = (input.x.ncols(), input.w_k.ncols(), input.w_v.ncols());
        let mut weight = Matrix::zeros(d, 2 * dk + dv);
        weight.columns_mut(0, dk).copy_from(&input.w_q);
        weight.columns_mut(dk, dk).copy_from(&input.w_k);
        weight.columns_mut(2 * dk, dv).copy_from(&input.w_v);
        let product = &input.x * &weight;
        let q = product.columns(0, dk).into_owned();
        let k = product.columns(dk, dk).into_owned();
        let v = product.columns(2 * dk, dv).into_owned();
        Self { weight, product, q, k, v }
    }
}
