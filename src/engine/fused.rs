//! GPT-2's c_attn: one D×(2·d_k+d_v) matrix, one multiply, then a split into q, k and v.

use super::{Attention, AttentionInput, Matrix};

/// How far apart (relative to the entry, or absolutely below 1) fused and separate results may
/// be and still count as equal: one multiply and three multiplies add the same products in a
/// different order, so decimals can differ in the last bits.
pub const FUSED_TOLERANCE: f64 = 1e-9;

/// Whether two matrices have the same shape and agree entry by entry within [`FUSED_TOLERANCE`].
#[must_use]
pub fn nearly_equal(a: &Matrix, b: &Matrix) -> bool {
    a.shape() == b.shape()
        && a.iter().zip(b.iter()).all(|(x, y)| (x - y).abs() <= FUSED_TOLERANCE * x.abs().max(y.abs()).max(1.0))
}

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

    /// Whether the split of the one multiply gives the separate projections' q, k and v,
    /// within rounding.
    #[must_use]
    pub fn matches(&self, separate: &Attention) -> bool {
        nearly_equal(&self.q, &separate.q) && nearly_equal(&self.k, &separate.k) && nearly_equal(&self.v, &separate.v)
    }
}
