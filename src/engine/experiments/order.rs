//! `shuffle`: attention alone is blind to order. Permute the tokens and every token keeps its
//! weights and context, only in other rows. Add position vectors to X before projecting and
//! the contexts change with the order.
//!
//! The causal mask is itself a statement about order, so the experiment runs without it.

use crate::engine::{Attention, AttentionInput, EngineError, Matrix};

/// The original and the permuted tokens, each with and without position vectors.
#[derive(Debug, Clone, PartialEq)]
pub struct Shuffle {
    /// Row r of the shuffled sequence is token `order[r]` of the original.
    pub order: Vec<usize>,
    pub positions: Matrix,
    pub original: Attention,
    pub shuffled: Attention,
    pub original_placed: Attention,
    pub shuffled_placed: Attention,
}

impl Shuffle {
    /// The original's context with its rows put in the shuffled order.
    #[must_use]
    pub fn expected_context(&self) -> Matrix {
        permute_rows(&self.original.context, &self.order)
    }

    /// The largest difference between the shuffled context and the original's, permuted, with
    /// no positions: 0 up to rounding, because attention never sees the order.
    #[must_use]
    pub fn drift_without_positions(&self) -> f64 {
        largest_gap(&self.shuffled.context, &self.expected_context())
    }

    /// The same with position vectors added: no longer 0.
    #[must_use]
    pub fn drift_with_positions(&self) -> f64 {
        largest_gap(&self.shuffled_placed.context, &permute_rows(&self.original_placed.context, &self.order))
    }
}

fn largest_gap(a: &Matrix, b: &Matrix) -> f64 {
    a.iter().zip(b.iter()).map(|(x, y)| (x - y).abs()).fold(0.0, f64::max)
}

/// Last token first: for two tokens, the swap.
#[must_use]
pub fn reversed_order(tokens: usize) -> Vec<usize> {
    (0..tokens).rev().collect()
}

/// Row r of the result is row `order[r]` of `m`; rows beyond `m` are left at zero.
#[must_use]
pub fn permute_rows(m: &Matrix, order: &[usize]) -> Matrix {
    let mut out = Matrix::zeros(order.len(), m.ncols());
    for (r, &from) in order.iter().enumerate() {
        if from < m.nrows() {
            out.set_row(r, &m.row(from));
        }
    }
    out
}

/// The original transformer's positions: PE[p, 2i] = sin(p / 10000^(2i/D)) and
/// PE[p, 2i+1] = cos(p / 10000^(2i/D)), positions counted from 0.
#[must_use]
pub fn sinusoidal_positions(tokens: usize, width: usize) -> Matrix {
    #[allow(clippy::cast_precision_loss, reason = "positions and widths are tiny")]
    Matrix::from_fn(tokens, width, |p, c| {
        let angle = p as f64 / 10_000f64.powf((c - c % 2) as f64 / width as f64);
        if c % 2 == 0 { angle.sin() } else { angle.cos() }
    })
}

/// Runs all four, with the sinusoidal positions.
///
/// # Errors
/// When the input's shapes do not fit, or `order` is not a permutation of the tokens.
pub fn shuffle(input: &AttentionInput, order: &[usize]) -> Result<Shuffle, EngineError> {
    shuffle_with(input, order, &sinusoidal_positions(input.x.nrows(), input.x.ncols()))
}

/// Runs all four with a given position table (a scenario's own, T×D): row p is added to
/// whichever token sits at position p, so the table stays put while the tokens move.
///
/// # Errors
/// As [`shuffle`], and when the table is not T×D.
pub fn shuffle_with(input: &AttentionInput, order: &[usize], positions: &Matrix) -> Result<Shuffle, EngineError> {
    let t = input.x.nrows();
    let mut seen = vec![false; t];
    if order.len() != t || !order.iter().all(|&i| i < t && !std::mem::replace(&mut seen[i], true)) {
        return Err(EngineError::NotAPermutation { tokens: t });
    }
    if positions.shape() != input.x.shape() {
        return Err(EngineError::ShapeMismatch {
            left: crate::engine::Shape::of("positions", positions),
            right: crate::engine::Shape::of("X", &input.x),
        });
    }
    let base = AttentionInput { causal: false, ..input.clone() };
    let moved = permute_rows(&input.x, order);
    let run = |x: Matrix| Attention::compute(AttentionInput { x, ..base.clone() });
    Ok(Shuffle {
        order: order.to_vec(),
        original: run(input.x.clone())?,
        shuffled: run(moved.clone())?,
        original_placed: run(&input.x + positions)?,
        shuffled_placed: run(moved + positions)?,
        positions: positions.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_follow_the_formula() {
        let pe = sinusoidal_positions(3, 4);
        assert_eq!(pe.row(0).iter().copied().collect::<Vec<_>>(), vec![0.0, 1.0, 0.0, 1.0]);
        assert!((pe[(2, 0)] - 2f64.sin()).abs() < 1e-15);
        assert!((pe[(2, 3)] - (2.0 / 100.0f64).cos()).abs() < 1e-15, "10000^(2/4) = 100");
    }

    #[test]
    fn permute_rows_moves_whole_rows() {
        let m = Matrix::from_row_slice(3, 1, &[1.0, 2.0, 3.0]);
        assert_eq!(permute_rows(&m, &reversed_order(3)), Matrix::from_row_slice(3, 1, &[3.0, 2.0, 1.0]));
    }

    #[test]
    fn a_repeated_index_is_not_a_permutation() {
        let input = crate::engine::AttentionInput {
            x: Matrix::identity(2, 2),
            w_q: Matrix::identity(2, 2),
            w_k: Matrix::identity(2, 2),
            w_v: Matrix::identity(2, 2),
            scale: false,
            causal: false,
        };
        assert!(matches!(shuffle(&input, &[0, 0]), Err(EngineError::NotAPermutation { tokens: 2 })));
        assert!(shuffle(&input, &[1, 0]).is_ok());
    }
}
