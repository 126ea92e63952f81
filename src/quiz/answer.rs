//! Checking a typed answer against a derivation: the one place the walkthrough, the quiz and
//! Apply now diagnose a miss. A learner may type just the result (`3`) or the products term
//! by term (`0 + 0 + 2 + 1`, `1*0 + 0*1`, `1x0`, `1×0`, `1·0`); a wrong answer is answered
//! with the first term that is wrong.

use crate::engine::Derivation;
use crate::number::parse_cell;

#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    Right,
    /// `term` is the index of the first wrong term, when one can be named.
    Wrong {
        guess: f64,
        term: Option<usize>,
        reason: String,
    },
}

/// The signs a learner may write for a product.
const MULTIPLY: [char; 5] = ['*', '·', '×', 'x', 'X'];

/// How close an answer to a decimal must be (relative above 1); integer answers are exact.
pub const TOLERANCE: f64 = 1e-3;

fn matches(guess: f64, value: f64) -> bool {
    if value.fract() == 0.0 {
        #[allow(clippy::float_cmp, reason = "an integer answer must be exactly that integer")]
        return guess == value;
    }
    (guess - value).abs() <= TOLERANCE * value.abs().max(1.0)
}

/// Checks typed text against a derivation.
///
/// # Errors
/// When a part of the text is not a number; the message says which part.
pub fn check_answer(text: &str, derivation: &Derivation) -> Result<Verdict, String> {
    let parts = split_terms(text);
    let values: Vec<f64> = parts.iter().map(|p| parse_product(p)).collect::<Result<_, _>>()?;
    let guess: f64 = values.iter().sum();
    let right_total = matches(guess, derivation.value);
    if values.len() > 1 {
        return Ok(check_terms(&values, guess, right_total, derivation));
    }
    if right_total {
        return Ok(Verdict::Right);
    }
    Ok(diagnose_total(guess, derivation))
}

fn check_terms(values: &[f64], guess: f64, right_total: bool, derivation: &Derivation) -> Verdict {
    let wrong = derivation.terms.iter().zip(values).position(|(t, v)| !term_matches(*v, *t));
    if let Some(term) = wrong {
        let reason = format!("term {} should be {}", term + 1, crate::format::term(derivation.terms[term]));
        return Verdict::Wrong { guess, term: Some(term), reason };
    }
    if values.len() != derivation.terms.len() {
        let wrote = crate::format::plural(values.len(), "term");
        let reason = format!("you wrote {wrote}; this sum has {}", derivation.terms.len());
        return Verdict::Wrong {
            guess,
            term: Some(values.len().min(derivation.terms.len().saturating_sub(1))),
            reason,
        };
    }
    if right_total {
        Verdict::Right
    } else {
        Verdict::Wrong { guess, term: None, reason: "the terms are right; check the addition".into() }
    }
}

/// With only a total, name the first term that explains the gap: one left out, one with its
/// sign flipped, or one whose factors were added instead of multiplied.
/// A typed product may use factors rounded to 3 decimals (a weight times a value entry), so
/// its tolerance grows with the other factor: 0.047·3 stands for 0.047426·3.
fn term_matches(typed: f64, term: crate::engine::Term) -> bool {
    if term.product().fract() == 0.0 && typed.fract() == 0.0 {
        return matches(typed, term.product());
    }
    let scale = term.left.abs().max(term.right.abs()).max(1.0);
    (typed - term.product()).abs() <= TOLERANCE * scale
}

fn diagnose_total(guess: f64, derivation: &Derivation) -> Verdict {
    if derivation.terms.is_empty() {
        let reason = "not that number: work it out again step by step".to_string();
        return Verdict::Wrong { guess, term: None, reason };
    }
    let gap = derivation.value - guess;
    let suspects = derivation.terms.iter().position(|t| {
        let p = t.product();
        p != 0.0 && (matches(gap, p) || matches(gap, 2.0 * p) || matches(-gap, t.left + t.right - p))
    });
    let reason = match suspects {
        Some(i) => format!("check term {}: {}", i + 1, crate::format::term(derivation.terms[i])),
        None => "type the terms, like 1*0 + 0*1, to find the wrong one".into(),
    };
    Verdict::Wrong { guess, term: suspects, reason }
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

fn parse_product(part: &str) -> Result<f64, String> {
    let factors: Vec<&str> = part.split(MULTIPLY).collect();
    let mut product = 1.0;
    for factor in factors {
        let cleaned = factor.trim().trim_start_matches('(').trim_end_matches(')');
        product *= parse_cell(cleaned).map_err(|e| e.to_string())?;
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
        assert!(matches!(check_answer("0.953*4 + 0.06*3", &weights), Ok(Verdict::Wrong { term: Some(1), .. })));
    }

    #[test]
    fn wrong_terms_are_named() {
        let Ok(Verdict::Wrong { term, .. }) = check_answer("0 + 0 + 3 + 1", &q2_second()) else { panic!("wrong") };
        assert_eq!(term, Some(2));
        let Ok(Verdict::Wrong { term, reason, .. }) = check_answer("1", &q2_second()) else { panic!("wrong") };
        assert_eq!(term, Some(2), "a dropped 2·1 explains 1 instead of 3: {reason}");
    }

    #[test]
    fn garbage_is_an_error_not_a_verdict() {
        assert!(check_answer("abc", &q2_second()).is_err());
        assert!(check_answer("1 + NaN", &q2_second()).is_err());
    }
}
