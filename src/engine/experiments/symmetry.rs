//! `shared-qk`: W_Q used for the keys as well. Then k_j = q_j, so q_i·k_j = q_i·q_j = q_j·k_i:
//! the score matrix is symmetric, and no token can look for something other than what it
//! advertises.

use crate::engine::{Attention, AttentionInput, EngineError, Matrix};

/// The scores with W_K replaced by W_Q, beside the scores with separate matrices.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedQk {
    pub separate: Attention,
    pub shared: Attention,
    /// The pair (i, j), i < j, whose two directions differ most with separate matrices: the
    /// asymmetry one shared matrix takes away. `None` with a single token.
    pub pair: Option<(usize, usize)>,
}

/// Computes both.
///
/// # Errors
/// When the input's shapes do not fit.
pub fn shared_qk(input: &AttentionInput) -> Result<SharedQk, EngineError> {
    let separate = Attention::compute(input.clone())?;
    let shared = Attention::compute(AttentionInput { w_k: input.w_q.clone(), ..input.clone() })?;
    let pair = most_asymmetric_pair(&separate.scores);
    Ok(SharedQk { separate, shared, pair })
}

/// The largest |m_ij − m_ji|: 0 for a symmetric matrix.
#[must_use]
pub fn asymmetry(m: &Matrix) -> f64 {
    pairs(m.nrows().min(m.ncols())).map(|(i, j)| (m[(i, j)] - m[(j, i)]).abs()).fold(0.0, f64::max)
}

fn most_asymmetric_pair(m: &Matrix) -> Option<(usize, usize)> {
    let gap = |(i, j): (usize, usize)| (m[(i, j)] - m[(j, i)]).abs();
    pairs(m.nrows().min(m.ncols())).fold(None, |best, p| match best {
        Some(b) if gap(b) >= gap(p) => Some(b),
        _ => Some(p),
    })
}

fn pairs(n: usize) -> impl Iterator<Item = (usize, usize)> {
    (0..n).flat_map(move |i| (i + 1..n).map(move |j| (i, j)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asymmetry_of_known_matrices() {
        let m = Matrix::from_row_slice(2, 2, &[15.0, 12.0, 9.0, 1.0]);
        assert!((asymmetry(&m) - 3.0).abs() < 1e-12);
        assert!(asymmetry(&Matrix::identity(3, 3)).abs() < f64::EPSILON);
        assert_eq!(most_asymmetric_pair(&m), Some((0, 1)));
        assert_eq!(most_asymmetric_pair(&Matrix::zeros(1, 1)), None);
    }

    #[test]
    fn the_pair_is_the_largest_gap() {
        let m = Matrix::from_row_slice(3, 3, &[0.0, 1.0, 2.0, 1.0, 0.0, 9.0, 2.0, 1.0, 0.0]);
        assert_eq!(most_asymmetric_pair(&m), Some((1, 2)));
    }
}
