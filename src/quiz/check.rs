//! Checking answers. A tutor that marks one right answer wrong is not trusted again, so the
//! rules are stated: integers exact, decimals within 0.001, shapes in any common spelling.

use super::answer::{Verdict, check_answer};
use super::generate::NumericAnswer;
use super::spec::OptionSpec;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChoiceOutcome {
    Right,
    /// `common` is true for the lesson's common wrong answer.
    Wrong {
        why: Option<String>,
        common: bool,
    },
}

#[must_use]
pub fn check_choice(options: &[OptionSpec], chosen: usize) -> ChoiceOutcome {
    match options.get(chosen) {
        Some(o) if o.correct => ChoiceOutcome::Right,
        Some(o) => ChoiceOutcome::Wrong { why: o.why.clone(), common: o.common_wrong },
        None => ChoiceOutcome::Wrong { why: None, common: false },
    }
}

/// `2x3`, `2×3`, `2 by 3`, `[2, 3]`, `(2,3)`.
#[must_use]
pub fn parse_shape(text: &str) -> Option<(usize, usize)> {
    let cleaned: String = text.to_lowercase().replace("by", "x").replace(['×', '*', ','], "x");
    let cleaned = cleaned.trim().trim_start_matches(['[', '(']).trim_end_matches([']', ')']);
    let parts: Vec<&str> = cleaned.split('x').map(str::trim).filter(|p| !p.is_empty()).collect();
    match parts.as_slice() {
        [rows, cols] => Some((rows.parse().ok()?, cols.parse().ok()?)),
        _ => None,
    }
}

/// Right, or wrong with the first wrong term (or dimension) named; an error message when
/// the text is not an answer at all.
///
/// # Errors
/// When the text is neither a number nor a shape, as the question asks.
pub fn check_numeric(answer: &NumericAnswer, text: &str) -> Result<Verdict, String> {
    match answer {
        NumericAnswer::Shape(rows, cols) => {
            let typed = parse_shape(text).ok_or_else(|| "type a shape like 2x3 or [2, 3]".to_string())?;
            Ok(shape_verdict(typed, (*rows, *cols)))
        }
        NumericAnswer::Dims(dims) => Ok(if super::dims::check_dims(dims, text)? {
            Verdict::Right
        } else {
            let reason =
                format!("{}, in the order batch, heads, tokens, width", crate::format::plural(dims.len(), "dimension"));
            Verdict::Wrong { guess: f64::NAN, term: None, reason }
        }),
        NumericAnswer::Number { value, derivation } => {
            let reference = derivation.clone().unwrap_or_else(|| crate::engine::Derivation::new(Vec::new(), *value));
            check_answer(text, &reference)
        }
    }
}

fn shape_verdict(typed: (usize, usize), right: (usize, usize)) -> Verdict {
    let reason = match (typed.0 == right.0, typed.1 == right.1) {
        (true, true) => return Verdict::Right,
        (false, _) if typed == (right.1, right.0) => "rows and columns are swapped".to_string(),
        (false, _) => "the number of rows is off: one row per token, or per input dimension".to_string(),
        (true, false) => "the rows are right; check the number of columns".to_string(),
    };
    #[allow(clippy::cast_precision_loss, reason = "a shape's rows are tiny")]
    let guess = typed.0 as f64;
    Verdict::Wrong { guess, term: None, reason }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_in_every_spelling() {
        for text in ["2x3", "2×3", "2 by 3", "[2, 3]", "(2,3)", " 2 X 3 "] {
            assert_eq!(parse_shape(text), Some((2, 3)), "{text}");
        }
        assert_eq!(parse_shape("23"), None);
    }

    #[test]
    fn numbers_exact_or_within_tolerance() {
        let answer = NumericAnswer::Number { value: 0.952_574, derivation: None };
        assert_eq!(check_numeric(&answer, "0.9526"), Ok(Verdict::Right));
        assert!(matches!(check_numeric(&answer, "0.95"), Ok(Verdict::Wrong { .. })));
        let integer = NumericAnswer::Number { value: 15.0, derivation: None };
        assert_eq!(check_numeric(&integer, "15"), Ok(Verdict::Right));
        assert!(matches!(check_numeric(&integer, "15.0004"), Ok(Verdict::Wrong { .. })), "integers are exact");
        assert!(check_numeric(&integer, "fifteen").is_err());
    }
}
