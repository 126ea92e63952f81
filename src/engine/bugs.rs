//! The lesson's five common bugs, each computed for real so its effect can be shown beside
//! the correct result.

use super::{Attention, AttentionInput, EngineError, Matrix, Shape};
use strum::{EnumIter, IntoEnumIterator};

/// The five bugs, named as on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter)]
pub enum Bug {
    Shapes,
    NoTranspose,
    SharedWeights,
    HeadsBeforeProjection,
    ValuesMatch,
}

impl Bug {
    #[must_use]
    pub fn cli_name(self) -> &'static str {
        match self {
            Bug::Shapes => "shapes",
            Bug::NoTranspose => "no-transpose",
            Bug::SharedWeights => "shared-weights",
            Bug::HeadsBeforeProjection => "heads-before-projection",
            Bug::ValuesMatch => "values-match",
        }
    }

    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Bug::Shapes => "D and d_head mixed up",
            Bug::NoTranspose => "Forgetting Kᵀ",
            Bug::SharedWeights => "One shared matrix for Q, K and V",
            Bug::HeadsBeforeProjection => "Heads split before projecting",
            Bug::ValuesMatch => "Believing values decide matching",
        }
    }

    #[must_use]
    pub fn from_cli_name(name: &str) -> Option<Self> {
        Self::iter().find(|b| b.cli_name() == name)
    }
}

/// A product that checks its shapes first, as numpy's `@` does.
///
/// # Errors
/// [`EngineError::ShapeMismatch`] naming both operands.
pub fn checked_product(left: (&str, &Matrix), right: (&str, &Matrix)) -> Result<Matrix, EngineError> {
    if left.1.ncols() != right.1.nrows() {
        return Err(EngineError::ShapeMismatch { left: Shape::of(left.0, left.1), right: Shape::of(right.0, right.1) });
    }
    Ok(left.1 * right.1)
}

/// Bug 1: W_Q built as d_head×d_k (here d_head = d_k) instead of D×d_k, so X·W_Q fails unless
/// D happens to equal d_k.
///
/// # Errors
/// The shape error the multiply raises.
pub fn mixed_dimensions(input: &AttentionInput) -> Result<Matrix, EngineError> {
    let dk = input.w_q.ncols();
    let rows = dk.min(input.w_q.nrows());
    let mut wrong = Matrix::zeros(dk, dk);
    wrong.rows_mut(0, rows).copy_from(&input.w_q.rows(0, rows));
    checked_product(("X", &input.x), ("W_Q (d_head×d_k)", &wrong))
}

/// Bug 2: scores as Q·K instead of Q·Kᵀ: a shape error when T ≠ d_k; when T = d_k it runs
/// silently, with wrong scores unless Q·K happens to equal Q·Kᵀ on these numbers.
///
/// # Errors
/// The shape error when T ≠ d_k.
pub fn missing_transpose(attention: &Attention) -> Result<Matrix, EngineError> {
    checked_product(("Q", &attention.q), ("K", &attention.k))
}

/// What a silent-or-loud bug does on the current numbers.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The multiply refuses: the bug is caught at once.
    Refused(EngineError),
    /// The multiply runs. `coincides` is true when the wrong product happens to equal the right
    /// one on these numbers (a symmetric K, or a wrong W_Q that is the right one when D = d_k).
    Silent { result: Matrix, coincides: bool },
}

/// Bug 2 on the current numbers: refused when T ≠ d_k; otherwise silent, and coinciding with
/// the right scores when Q·K = Q·Kᵀ on these numbers (a symmetric K is enough, not required).
#[must_use]
pub fn missing_transpose_outcome(attention: &Attention) -> Outcome {
    match missing_transpose(attention) {
        Err(e) => Outcome::Refused(e),
        Ok(result) => {
            let coincides = super::fused::nearly_equal(&result, &attention.scores);
            Outcome::Silent { result, coincides }
        }
    }
}

/// Why a silent missing transpose gave the right scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coincidence {
    /// K = Kᵀ, so Q·K = Q·Kᵀ for any Q.
    SymmetricK,
    /// K is not symmetric, but Q·(K − Kᵀ) = 0 for these particular rows of Q.
    TheseRows,
}

/// Why the missing transpose did no harm, when it did none: `None` when it was refused or
/// gave wrong scores.
#[must_use]
pub fn transpose_coincidence(attention: &Attention) -> Option<Coincidence> {
    match missing_transpose_outcome(attention) {
        Outcome::Silent { coincides: true, .. } if is_symmetric(&attention.k) => Some(Coincidence::SymmetricK),
        Outcome::Silent { coincides: true, .. } => Some(Coincidence::TheseRows),
        _ => None,
    }
}

/// Whether `m` is square and equal to its transpose (within rounding).
#[must_use]
pub fn is_symmetric(m: &Matrix) -> bool {
    m.is_square() && super::fused::nearly_equal(m, &m.transpose())
}

/// Bug 4's outcome with `heads` slices: D does not divide, or the D-row W_Q refuses a D/h-wide
/// slice (every h > 1), or, with one head, the slice is X itself and nothing goes wrong.
#[derive(Debug, Clone, PartialEq)]
pub enum HeadsFirst {
    /// D is not a multiple of the head count, so X cannot be cut evenly at all.
    Uneven(EngineError),
    /// The first slice's multiply by W_Q refuses.
    Refused(EngineError),
    /// One head: the single slice is the whole of X, so the order does not matter.
    OneHead,
}

/// Bug 4 on the current numbers, told apart so the note says which thing happened.
#[must_use]
pub fn heads_first_outcome(input: &AttentionInput, heads: usize) -> HeadsFirst {
    match heads_before_projection(input, heads) {
        Err(e @ EngineError::ModelWidthSplit { .. }) => HeadsFirst::Uneven(e),
        Err(e) => HeadsFirst::Refused(e),
        Ok(_) => HeadsFirst::OneHead,
    }
}

/// Bug 1 on the current numbers: refused when D ≠ d_head; otherwise silent, and coinciding
/// with the right Q when the d_head×d_k matrix built holds the same numbers as W_Q.
#[must_use]
pub fn mixed_dimensions_outcome(attention: &Attention) -> Outcome {
    match mixed_dimensions(&attention.input) {
        Err(e) => Outcome::Refused(e),
        Ok(result) => {
            let coincides = super::fused::nearly_equal(&result, &attention.q);
            Outcome::Silent { result, coincides }
        }
    }
}

/// Bug 3: W_Q used for all three projections, so q = k = v for every token.
///
/// # Errors
/// Only when the input's own shapes do not fit: W_Q is D×d_k, so it can stand in for all three.
pub fn shared_weights(input: &AttentionInput) -> Result<Attention, EngineError> {
    let shared = AttentionInput { w_k: input.w_q.clone(), w_v: input.w_q.clone(), ..input.clone() };
    Attention::compute(shared)
}

/// Bug 4: X cut into `heads` slices of D/heads columns first, then each slice multiplied by the
/// full D×d_k W_Q. Returns each slice's shape and the error the first multiply raises.
///
/// # Errors
/// When D does not divide by `heads`, or (for `heads` > 1) the projection's shape error.
pub fn heads_before_projection(input: &AttentionInput, heads: usize) -> Result<Vec<Shape>, EngineError> {
    let d = input.x.ncols();
    if heads == 0 || !d.is_multiple_of(heads) {
        return Err(EngineError::ModelWidthSplit { heads, model_width: d });
    }
    let width = d / heads;
    let slices: Vec<Matrix> = (0..heads).map(|h| input.x.columns(h * width, width).into_owned()).collect();
    for (h, slice) in slices.iter().enumerate() {
        checked_product((&format!("X head {}", h + 1), slice), ("W_Q", &input.w_q))?;
    }
    Ok(slices.iter().enumerate().map(|(h, s)| Shape::of(format!("X head {}", h + 1), s)).collect())
}

/// Bug 5's disproof: a different W_V changes the context but not one weight.
///
/// # Errors
/// When the new W_V does not fit.
pub fn with_values(input: &AttentionInput, w_v: Matrix) -> Result<Attention, EngineError> {
    Attention::compute(AttentionInput { w_v, ..input.clone() })
}
