//! Checking a typed number against what was asked: the one place the walkthrough, the quiz,
//! Apply now and the class question diagnose a miss. A learner may type just the result (`3`)
//! or the products term by term (`0 + 0 + 2 + 1`, `1*0 + 0*1`, `1x0`, `1×0`, `1·0`). A wrong
//! answer is named by the slip that explains it, computed from the answer's own numbers.

mod diagnosis;

pub use diagnosis::{Diagnosis, Slip};

use crate::engine::Derivation;
use crate::number::{CellError, parse_cell};

/// What a typed number is checked against: the derivation of the right value, and the
/// numbers a common slip would give instead (the score before √d_k, say).
#[derive(Debug, Clone, PartialEq)]
pub struct Expected {
    pub derivation: Derivation,
    pub slips: Vec<Slip>,
}

impl Expected {
    /// A derivation with no slips beyond its own terms.
    #[must_use]
    pub fn plain(derivation: Derivation) -> Self {
        Self { derivation, slips: Vec::new() }
    }

    #[must_use]
    pub fn with_slip(mut self, slip: Slip) -> Self {
        self.slips.push(slip);
        self
    }

    #[must_use]
    pub fn value(&self) -> f64 {
        self.derivation.value
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    Right,
    Wrong { guess: f64, diagnosis: Diagnosis },
}

impl Verdict {
    /// The index of the first wrong term, when one can be named.
    #[must_use]
    pub fn term(&self) -> Option<usize> {
        match self {
            Verdict::Wrong { diagnosis, .. } => diagnosis.term(),
            Verdict::Right => None,
        }
    }

    /// What is wrong, in a sentence; empty when right.
    #[must_use]
    pub fn reason(&self) -> String {
        match self {
            Verdict::Wrong { diagnosis, .. } => diagnosis.to_string(),
            Verdict::Right => String::new(),
        }
    }
}

/// Why typed text is not an answer at all; the field says so and nothing is scored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unreadable {
    #[error("{0}")]
    Number(#[from] CellError),
    #[error("type a shape like 2x3 or [2, 3]")]
    Shape,
    #[error("type a shape like {example}")]
    Dims { example: String },
}

/// The signs a learner may write for a product.
const MULTIPLY: [char; 5] = ['*', '·', '×', 'x', 'X'];

/// How close an answer to a decimal must be (relative above 1); integer answers are exact.
pub const TOLERANCE: f64 = 1e-3;

pub(crate) fn matches(guess: f64, value: f64) -> bool {
    if value.fract() == 0.0 {
        #[allow(clippy::float_cmp, reason = "an integer answer must be exactly that integer")]
        return guess == value;
    }
    (guess - value).abs() <= TOLERANCE * value.abs().max(1.0)
}

/// Checks typed text against a derivation alone.
///
/// # Errors
/// When a part of the text is not a number; the error says which part.
pub fn check_answer(text: &str, derivation: &Derivation) -> Result<Verdict, Unreadable> {
    check_expected(text, &Expected::plain(derivation.clone()))
}

/// Checks typed text against what was asked, naming the slip that explains a miss.
///
/// # Errors
/// When a part of the text is not a number; the error says which part.
pub fn check_expected(text: &str, expected: &Expected) -> Result<Verdict, Unreadable> {
    let parts = split_terms(text);
    let values: Vec<f64> = parts.iter().map(|p| parse_product(p)).collect::<Result<_, _>>()?;
    let guess: f64 = values.iter().sum();
    let right_total = matches(guess, expected.value());
    if values.len() > 1 {
        return Ok(check_terms(&values, guess, right_total, &expected.derivation));
    }
    if right_total {
        return Ok(Verdict::Right);
    }
    Ok(Verdict::Wrong { guess, diagnosis: diagnosis::of_total(guess, expected) })
}

fn check_terms(values: &[f64], guess: f64, right_total: bool, derivation: &Derivation) -> Verdict {
    let wrong = derivation.terms.iter().zip(values).position(|(t, v)| !term_matches(*v, *t));
    if let Some(term) = wrong {
        let diagnosis = Diagnosis::WrongTerm { index: term, should_be: derivation.terms[term] };
        return Verdict::Wrong { guess, diagnosis };
    }
    if values.len() != derivation.terms.len() {
        let diagnosis = Diagnosis::TermCount { typed: values.len(), expected: derivation.terms.len() };
        return Verdict::Wrong { guess, diagnosis };
    }
    if right_total { Verdict::Right } else { Verdict::Wrong { guess, diagnosis: Diagnosis::Addition } }
}

/// A typed product may use factors rounded to 3 decimals (a weight times a value entry), so
/// its tolerance grows with the other factor: 0.047·3 stands for 0.047426·3.
fn term_matches(typed: f64, term: crate::engine::Term) -> bool {
    if term.product().fract() == 0.0 && typed.fract() == 0.0 {
        return matches(typed, term.product());
    }
    let scale = term.left.abs().max(term.right.abs()).max(1.0);
    (typed - term.product()).abs() <= TOLERANCE * scale
}

fn split_terms(text: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        let after_exponent = current.trim_end().ends_with(['e', 'E']);
        let starts_term = current.trim().is_empty() || current.trim_end().ends_with(MULTIPLY);
        if c == '+' && !after_exponent && !starts_term {
            parts.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    parts.push(current);
    parts
}

fn parse_product(part: &str) -> Result<f64, Unreadable> {
    let mut product = 1.0;
    for factor in part.split(MULTIPLY) {
        let cleaned = factor.trim().trim_start_matches('(').trim_end_matches(')');
        product *= parse_cell(cleaned)?;
    }
    Ok(product)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Term;

    fn q2_second() -> Derivation {
        let terms = [(1.0, 0.0), (0.0, 1.0), (2.0, 1.0), (1.0, 1.0)];
        Derivation::new(terms.iter().map(|(a, b)| Term::new(*a, *b)).collect(), 3.0)
    }

    #[test]
    fn right_answers_in_every_form() {
        for text in ["3", " 3 ", "0 + 0 + 2 + 1", "1*0 + 0*1 + 2*1 + 1*1", "1·0+0·1+2·1+1·1", "1x0 + 0x1 + 2×1 + 1x1"]
        {
            assert_eq!(check_answer(text, &q2_second()), Ok(Verdict::Right), "{text}");
        }
    }

    #[test]
    fn terms_with_rounded_weights_are_accepted_like_the_rounded_total() {
        let weights = Derivation::new(vec![Term::new(0.952_574, 4.0), Term::new(0.047_426, 3.0)], 3.952_574);
        assert_eq!(check_answer("0.953*4 + 0.047*3", &weights), Ok(Verdict::Right));
        assert_eq!(check_answer("3.953", &weights), Ok(Verdict::Right));
        assert_eq!(check_answer("0.953*4 + 0.06*3", &weights).map(|v| v.term()), Ok(Some(1)));
    }

    #[test]
    fn wrong_terms_are_named() {
        let verdict = check_answer("0 + 0 + 3 + 1", &q2_second()).expect("readable");
        assert_eq!(verdict.term(), Some(2));
        let verdict = check_answer("1", &q2_second()).expect("readable");
        assert_eq!(verdict.term(), Some(2), "a dropped 2·1 explains 1 instead of 3: {}", verdict.reason());
    }

    #[test]
    fn garbage_is_an_error_not_a_verdict() {
        assert!(check_answer("abc", &q2_second()).is_err());
        assert!(check_answer("1 + NaN", &q2_second()).is_err());
    }
}
