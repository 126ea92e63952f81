//! Where the context goes next: through the output projection W_O (d_v × D) and added back
//! to the token it belongs to, `x + context · W_O`, so attention adjusts the token rather
//! than replacing it.

use super::{Attention, Derivation, EngineError, Matrix, Shape, Term};

/// The tutor's W_O when a scenario gives none: the d_v × D identity, cut or padded with
/// zeros, so context entry i is added to dimension i. With d_v = D the context lands on the
/// dimensions it came from, and every number stays one a learner can check by eye.
#[must_use]
pub fn default_output_weight(value_width: usize, model_width: usize) -> Matrix {
    Matrix::from_fn(value_width, model_width, |i, j| if i == j { 1.0 } else { 0.0 })
}

/// One token's way out of the attention layer.
#[derive(Debug, Clone, PartialEq)]
pub struct Residual {
    pub token: usize,
    pub w_o: Matrix,
    /// `context[token] · W_O`, width D.
    pub projected: Vec<f64>,
    /// `x[token] + projected`, width D: the token after attention.
    pub result: Vec<f64>,
}

impl Residual {
    /// `(context · W_O)[j]` term by term: the context entries times column j of W_O.
    #[must_use]
    pub fn derivation(&self, attention: &Attention, j: usize) -> Derivation {
        let terms = (0..self.w_o.nrows()).map(|i| Term::new(attention.context[(self.token, i)], self.w_o[(i, j)]));
        Derivation::new(terms.collect(), self.projected[j])
    }
}

/// `x[token] + context[token] · w_o`.
///
/// # Errors
/// When `w_o` is not d_v × D, or `token` is not a row.
pub fn residual_with(attention: &Attention, w_o: &Matrix, token: usize) -> Result<Residual, EngineError> {
    let context = Shape::of("context", &attention.context);
    let weight = Shape::of("W_O", w_o);
    if w_o.nrows() != attention.value_width() || w_o.ncols() != attention.model_width() {
        return Err(EngineError::ShapeMismatch { left: context, right: weight });
    }
    if token >= attention.tokens() {
        return Err(EngineError::Empty(context));
    }
    let projected: Vec<f64> = (attention.context.row(token) * w_o).iter().copied().collect();
    let result = attention.input.x.row(token).iter().zip(&projected).map(|(x, p)| x + p).collect();
    Ok(Residual { token, w_o: w_o.clone(), projected, result })
}

/// The residual step with [`default_output_weight`]; `None` only for a token out of range.
#[must_use]
pub fn residual(attention: &Attention, token: usize) -> Option<Residual> {
    let w_o = default_output_weight(attention.value_width(), attention.model_width());
    residual_with(attention, &w_o, token).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Scenario;

    fn lesson() -> Attention {
        Attention::compute(Scenario::lesson().input).expect("fits")
    }

    #[test]
    fn the_default_w_o_adds_the_lessons_context_to_the_first_two_dimensions() {
        // x2 = [1, 0, 2, 1]; c2 = [3.952574.., 2.047426..]; W_O = [[1,0,0,0],[0,1,0,0]].
        let a = lesson();
        let r = residual(&a, 1).expect("token 2 exists");
        let (c1, c2) = (a.context[(1, 0)], a.context[(1, 1)]);
        assert_eq!(r.projected, [c1, c2, 0.0, 0.0]);
        assert_eq!(r.result, [1.0 + c1, c2, 2.0, 1.0]);
        assert!((r.result[0] - 4.952_574).abs() < 1e-6 && (r.result[1] - 2.047_426).abs() < 1e-6);
    }

    #[test]
    fn a_given_w_o_is_multiplied_and_its_derivation_sums_to_the_entry() {
        let a = lesson();
        // Every context entry into dimension 4, twice the second: (c1 + 2·c2).
        let mut w_o = Matrix::zeros(2, 4);
        w_o[(0, 3)] = 1.0;
        w_o[(1, 3)] = 2.0;
        let r = residual_with(&a, &w_o, 1).expect("fits");
        let expected = a.context[(1, 0)] + 2.0 * a.context[(1, 1)];
        assert!((r.projected[3] - expected).abs() < 1e-12);
        assert!((r.result[3] - (1.0 + expected)).abs() < 1e-12, "x2's fourth entry is 1");
        let d = r.derivation(&a, 3);
        assert!((d.sum_of_terms() - d.value).abs() < 1e-12);
        assert_eq!(d.terms.len(), 2, "one term per context entry (d_v)");
    }

    #[test]
    fn a_wrong_shape_is_refused() {
        let a = lesson();
        assert!(residual_with(&a, &Matrix::zeros(4, 2), 1).is_err(), "D×d_v is the transpose of what is needed");
        assert!(residual_with(&a, &default_output_weight(2, 4), 2).is_err(), "no token 3");
    }
}
