use super::masked_row_softmax;

/// One product in a hand calculation, such as `2·1`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Term {
    pub left: f64,
    pub right: f64,
}

impl Term {
    #[must_use]
    pub fn new(left: f64, right: f64) -> Self {
        Self { left, right }
    }

    #[must_use]
    pub fn product(self) -> f64 {
        self.left * self.right
    }
}

/// A number together with the sum of products that made it, so every number on screen can
/// be explained term by term.
#[derive(Debug, Clone, PartialEq)]
pub struct Derivation {
    pub terms: Vec<Term>,
    /// The entry as the matrix product computed it.
    pub value: f64,
}

impl Derivation {
    #[must_use]
    pub fn new(terms: Vec<Term>, value: f64) -> Self {
        Self { terms, value }
    }

    /// A dot product written out term by term, its value the sum of the products: a score
    /// (q·k) or a context entry (weights · one column of V).
    #[must_use]
    pub fn dot(left: &[f64], right: &[f64]) -> Self {
        let terms: Vec<Term> = left.iter().zip(right).map(|(a, b)| Term::new(*a, *b)).collect();
        let value = terms.iter().map(|t| t.product()).sum();
        Self { terms, value }
    }

    /// The sum of the terms, added left to right as a learner would.
    #[must_use]
    pub fn sum_of_terms(&self) -> f64 {
        self.terms.iter().map(|t| t.product()).sum()
    }

    /// The index of the first term whose product differs from the learner's, when the
    /// learner wrote the sum out term by term.
    #[must_use]
    pub fn first_wrong_term(&self, claimed_products: &[f64], tolerance: f64) -> Option<usize> {
        self.terms.iter().zip(claimed_products).position(|(t, c)| (t.product() - c).abs() > tolerance)
    }
}

/// The softmax of one row, kept in its steps: the shift by the maximum, each exponential,
/// their total, and the weights.
#[derive(Debug, Clone, PartialEq)]
pub struct SoftmaxDerivation {
    pub logits: Vec<f64>,
    pub visible: Vec<bool>,
    pub max: f64,
    /// `exp(logit - max)` for visible entries, 0 for masked ones.
    pub exps: Vec<f64>,
    pub total: f64,
    pub weights: Vec<f64>,
}

impl SoftmaxDerivation {
    #[must_use]
    pub fn new(logits: &[f64], visible: &[bool]) -> Self {
        let max = logits.iter().zip(visible).filter(|(_, v)| **v).map(|(s, _)| *s).fold(f64::NEG_INFINITY, f64::max);
        let exps: Vec<f64> = logits.iter().zip(visible).map(|(s, v)| if *v { (s - max).exp() } else { 0.0 }).collect();
        Self {
            logits: logits.to_vec(),
            visible: visible.to_vec(),
            max,
            total: exps.iter().sum(),
            exps,
            weights: masked_row_softmax(logits, visible),
        }
    }
}
