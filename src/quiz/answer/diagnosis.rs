//! The slips a wrong number is told apart by. Each is recognised from the numbers of the
//! answer itself, so the same typed number gets the same diagnosis wherever it is asked.

use super::{Expected, TOLERANCE, matches};
use crate::engine::Term;
use crate::format;
use std::fmt;

/// A number a common slip gives instead of the right one, known to the asker.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Slip {
    /// The score before it is divided by √d_k.
    Unscaled { raw: f64, key_width: usize },
    /// The score (q·k) given where the softmax weight was asked.
    ScoreForWeight { score: f64 },
    /// A whole number was asked: `exact`, or anything within half of it, unrounded.
    Unrounded { exact: f64 },
    /// The variance given where its standard deviation (the square root) was asked.
    VarianceForSpread { variance: f64 },
    /// What the context adds through W_O, given without the token's own entry added back.
    NoResidual { added: f64 },
    /// What a row held before the tokens were reordered: the context moves with its token.
    RowBeforeReorder { before: f64 },
}

/// What explains a wrong answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Diagnosis {
    /// q·k was given where q·k / √d_k was asked.
    ForgotScale { key_width: usize },
    /// The score was given where its softmax weight was asked.
    ScoreForWeight,
    /// The right value, not rounded to the whole number asked.
    Unrounded,
    /// The variance was given where the standard deviation was asked.
    VarianceForSpread,
    /// c·W_O alone, without x added back.
    NoResidual,
    /// The row's context before the reorder.
    RowBeforeReorder,
    /// Near the answer, but not given to the 3 decimals asked.
    Imprecise,
    /// The whole answer has the wrong sign.
    Sign,
    /// One term was left out of the sum.
    MissingTerm { index: usize, term: Term },
    /// One term was subtracted instead of added (its sign flipped).
    FlippedTerm { index: usize, term: Term },
    /// One term's factors were added instead of multiplied.
    SumForProduct { index: usize, term: Term },
    /// Written out term by term, this term is wrong.
    WrongTerm { index: usize, should_be: Term },
    /// Written out term by term, with too few or too many terms.
    TermCount { typed: usize, expected: usize },
    /// Every term is right but the sum is not.
    Addition,
    /// No slip explains it and there are terms to write out.
    AskForTerms,
    /// No slip explains it and the number has no terms (a ratio, a count).
    Unexplained,
    /// A shape with rows and columns swapped.
    ShapeSwapped,
    /// A shape with the wrong number of rows.
    ShapeRows,
    /// A shape whose rows are right and columns are not.
    ShapeColumns,
    /// A longer shape ([B, h, T, d]) that is not the one asked.
    Dims { count: usize },
}

impl Diagnosis {
    /// The index of the term it points at, if any.
    #[must_use]
    pub fn term(&self) -> Option<usize> {
        match self {
            Diagnosis::MissingTerm { index, .. }
            | Diagnosis::FlippedTerm { index, .. }
            | Diagnosis::SumForProduct { index, .. }
            | Diagnosis::WrongTerm { index, .. } => Some(*index),
            Diagnosis::TermCount { typed, expected } => Some((*typed).min(expected.saturating_sub(1))),
            _ => None,
        }
    }
}

impl fmt::Display for Diagnosis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Diagnosis::ForgotScale { key_width } => {
                write!(f, "that is q·k before dividing by √d_k: divide it by √{key_width}")
            }
            Diagnosis::ScoreForWeight => {
                f.write_str("that is the score q·k, not the weight: the weight is the softmax of the scores")
            }
            Diagnosis::Unrounded => f.write_str("close: round it to the nearest whole number"),
            Diagnosis::NoResidual => f.write_str("that is c·W_O alone: add the token's own entry back (the residual)"),
            Diagnosis::RowBeforeReorder => {
                f.write_str("that is what the row held before: the context moves with its token")
            }
            Diagnosis::Imprecise => f.write_str("close: give more decimals (3 are enough)"),
            Diagnosis::VarianceForSpread => {
                f.write_str("that is the variance; the standard deviation is its square root")
            }
            Diagnosis::Sign => f.write_str("the sign is wrong: check which terms are negative"),
            Diagnosis::MissingTerm { index, term } => {
                write!(f, "term {} is missing: {}", index + 1, format::term(*term))
            }
            Diagnosis::FlippedTerm { index, term } => {
                write!(f, "check the sign of term {}: {}", index + 1, format::term(*term))
            }
            Diagnosis::SumForProduct { index, term } => {
                write!(f, "term {} multiplies, it does not add: {}", index + 1, format::term(*term))
            }
            Diagnosis::WrongTerm { index, should_be } => {
                write!(f, "term {} should be {}", index + 1, format::term(*should_be))
            }
            Diagnosis::TermCount { typed, expected } => {
                write!(f, "you wrote {}; this sum has {expected}", format::plural(*typed, "term"))
            }
            Diagnosis::Addition => f.write_str("the terms are right; check the addition"),
            Diagnosis::AskForTerms => f.write_str("type the terms, like 1*0 + 0*1, to find the wrong one"),
            Diagnosis::Unexplained => f.write_str("not that number: work it out again step by step"),
            Diagnosis::ShapeSwapped => f.write_str("rows and columns are swapped"),
            Diagnosis::ShapeRows => f.write_str("the number of rows is off: one row per token, or per input dimension"),
            Diagnosis::ShapeColumns => f.write_str("the rows are right; check the number of columns"),
            Diagnosis::Dims { count } => {
                write!(f, "{}, in the order batch, heads, tokens, width", format::plural(*count, "dimension"))
            }
        }
    }
}

/// With only a total, the slip that explains the gap, the asker's own slips first.
pub(super) fn of_total(guess: f64, expected: &Expected) -> Diagnosis {
    if let Some(slip) = expected.slips.iter().find_map(|s| named_slip(guess, *s)) {
        return slip;
    }
    let value = expected.value();
    if value != 0.0 && matches(-guess, value) {
        return Diagnosis::Sign;
    }
    let terms = &expected.derivation.terms;
    let slip = if terms.is_empty() { None } else { term_slip(guess, value, terms) };
    // The answer itself, rounded or cut to fewer decimals, is near, not wrong: say so. Any
    // other number, however close, is a different number.
    let near = value.fract() != 0.0 && (0..3).any(|places| shortened(value, places).contains(&guess));
    match (slip, near, terms.is_empty()) {
        (Some(slip), ..) => slip,
        (None, true, _) => Diagnosis::Imprecise,
        (None, false, true) => Diagnosis::Unexplained,
        (None, false, false) => Diagnosis::AskForTerms,
    }
}

/// `value` rounded and cut to `places` decimals.
fn shortened(value: f64, places: i32) -> [f64; 2] {
    let scale = 10f64.powi(places);
    [(value * scale).round() / scale, (value * scale).trunc() / scale]
}

fn named_slip(guess: f64, slip: Slip) -> Option<Diagnosis> {
    match slip {
        Slip::Unscaled { raw, key_width } => matches(guess, raw).then_some(Diagnosis::ForgotScale { key_width }),
        Slip::ScoreForWeight { score } => matches(guess, score).then_some(Diagnosis::ScoreForWeight),
        // Only the exact value to some decimals: 11.8 rounds to 12, which is no nearer.
        Slip::Unrounded { exact } => (guess.fract() != 0.0
            && (1..4).any(|places| shortened(exact, places).contains(&guess)))
        .then_some(Diagnosis::Unrounded),
        Slip::VarianceForSpread { variance } => matches(guess, variance).then_some(Diagnosis::VarianceForSpread),
        Slip::NoResidual { added } => matches(guess, added).then_some(Diagnosis::NoResidual),
        Slip::RowBeforeReorder { before } => matches(guess, before).then_some(Diagnosis::RowBeforeReorder),
    }
}

/// One term left out, subtracted, or added where it should multiply.
fn term_slip(guess: f64, value: f64, terms: &[Term]) -> Option<Diagnosis> {
    let gap = value - guess;
    // A total rounded as the answer may be (see `matches`) leaves a gap rounded as much: a
    // missing whole-number term must not need an exact whole-number gap.
    let near = |a: f64, b: f64| (a - b).abs() <= TOLERANCE * value.abs().max(1.0);
    terms.iter().enumerate().find_map(|(index, term)| {
        let (p, term) = (term.product(), *term);
        if p == 0.0 {
            return None;
        }
        if near(gap, p) {
            Some(Diagnosis::MissingTerm { index, term })
        } else if near(gap, 2.0 * p) {
            Some(Diagnosis::FlippedTerm { index, term })
        } else if near(-gap, term.left + term.right - p) {
            Some(Diagnosis::SumForProduct { index, term })
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::super::{Expected, Verdict, check_expected};
    use super::*;
    use crate::engine::Derivation;

    #[test]
    fn a_fraction_given_to_fewer_decimals_is_near_not_wrong() {
        let weight = Expected::plain(Derivation::new(Vec::new(), 0.952_574));
        assert_eq!(diagnose("0.95", &weight), Diagnosis::Imprecise);
        assert_eq!(diagnose("0.9", &weight), Diagnosis::Imprecise, "cut to 1 decimal");
        assert_eq!(diagnose("0.947", &weight), Diagnosis::Unexplained, "3 decimals, another number");
        assert_eq!(diagnose("0.94", &weight), Diagnosis::Unexplained, "not the answer shortened");
        let score = Expected::plain(Derivation::new(Vec::new(), 25.456));
        assert_eq!(diagnose("25.3", &score), Diagnosis::Unexplained, "close is not the same number");
        assert_eq!(diagnose("25.5", &score), Diagnosis::Imprecise);
        let whole = Expected::plain(Derivation::new(Vec::new(), 15.0));
        assert_eq!(diagnose("15.05", &whole), Diagnosis::Unexplained, "a whole number has no decimals to give");
    }

    #[test]
    fn the_residual_and_a_reordered_row_are_named() {
        let output = Expected::plain(Derivation::new(vec![Term::new(1.0, 1.0), Term::new(3.952_574, 1.0)], 4.952_574))
            .with_slip(Slip::NoResidual { added: 3.952_574 });
        assert_eq!(diagnose("3.953", &output), Diagnosis::NoResidual, "named, not 'term 1 is missing'");
        let shuffled =
            Expected::plain(Derivation::new(Vec::new(), 3.5)).with_slip(Slip::RowBeforeReorder { before: 3.952_574 });
        assert_eq!(diagnose("3.953", &shuffled), Diagnosis::RowBeforeReorder);
    }

    #[test]
    fn a_rounded_total_that_leaves_a_whole_term_out_names_the_term() {
        // x·1 + 0.953·3.197: leaving x out and rounding gives 3.047, a gap of 1.000259.
        let terms = vec![Term::new(1.0, 1.0), Term::new(0.953_0, 3.197_1)];
        let value = 1.0 + 0.953 * 3.197_1;
        let expected = Expected::plain(Derivation::new(terms, value));
        assert!(matches!(diagnose("3.047", &expected), Diagnosis::MissingTerm { index: 0, .. }));
        assert!(matches!(diagnose("-3.047", &expected), Diagnosis::AskForTerms), "a gap of 7 is no slip");
    }

    fn diagnose(text: &str, expected: &Expected) -> Diagnosis {
        match check_expected(text, expected) {
            Ok(Verdict::Wrong { diagnosis, .. }) => diagnosis,
            other => panic!("{text}: expected a miss, got {other:?}"),
        }
    }

    /// q = [2, 1], k = [3, -1]: q·k = 6 - 1 = 5.
    fn score() -> Expected {
        Expected::plain(Derivation::dot(&[2.0, 1.0], &[3.0, -1.0]))
    }

    #[test]
    fn each_common_slip_is_named_from_the_numbers() {
        assert_eq!(diagnose("-5", &score()), Diagnosis::Sign);
        assert!(matches!(diagnose("6", &score()), Diagnosis::MissingTerm { index: 1, .. }));
        assert!(matches!(diagnose("7", &score()), Diagnosis::FlippedTerm { index: 1, .. }));
        assert!(matches!(diagnose("4", &score()), Diagnosis::SumForProduct { index: 0, .. }));
        assert_eq!(diagnose("100", &score()), Diagnosis::AskForTerms);
    }

    #[test]
    fn the_forgotten_root_and_the_score_for_a_weight() {
        let raw = -4.0;
        let scaled = Expected::plain(Derivation::new(Vec::new(), raw / 4f64.sqrt()))
            .with_slip(Slip::Unscaled { raw, key_width: 4 });
        assert_eq!(diagnose("-4", &scaled), Diagnosis::ForgotScale { key_width: 4 });
        assert!(diagnose("-4", &scaled).to_string().contains("before dividing by √d_k"));
        let weight =
            Expected::plain(Derivation::new(Vec::new(), 0.952_574)).with_slip(Slip::ScoreForWeight { score: 15.0 });
        assert_eq!(diagnose("15", &weight), Diagnosis::ScoreForWeight);
        assert_eq!(diagnose("0.5", &weight), Diagnosis::Unexplained);
    }
}
