//! How numbers are written for people: integers without a decimal point, decimals to six
//! places, and very large or very small magnitudes in scientific notation; counts with
//! their nouns in the singular or the plural.

use crate::engine::{Derivation, Term};

/// The readable form used in the walkthrough, the derivations and the diagram.
#[must_use]
pub fn number(value: f64) -> String {
    if !value.is_finite() {
        return if value.is_nan() { "undefined".into() } else { "overflow".into() };
    }
    let value = if value == 0.0 { 0.0 } else { value };
    let magnitude = value.abs();
    if value.fract() == 0.0 && magnitude < 1e15 {
        // Integer formatting is far cheaper than float formatting, and every frame does it.
        #[allow(clippy::cast_possible_truncation, reason = "checked to be a whole number below 1e15")]
        return (value as i64).to_string();
    }
    if !(1e-4..1e6).contains(&magnitude) {
        return format!("{value:.3e}");
    }
    let fixed = format!("{value:.6}");
    let trimmed = fixed.trim_end_matches('0').trim_end_matches('.');
    if trimmed == "-0" { "0".into() } else { trimmed.into() }
}

/// A count and its noun: `1 token`, `2 tokens`, `0 tokens`. Any integer type: a count
/// beyond u64 (none is) would read as the largest.
#[must_use]
pub fn plural<N: TryInto<u64>>(count: N, word: &str) -> String {
    let count = count.try_into().unwrap_or(u64::MAX);
    if count == 1 { format!("{count} {word}") } else { format!("{count} {word}s") }
}

/// A number that must fit `width` columns: the readable form when it fits, otherwise fewer
/// decimals, then scientific notation with as many digits as fit.
#[must_use]
pub fn number_fitting(value: f64, width: usize) -> String {
    let readable = number(value);
    if readable.chars().count() <= width {
        return readable;
    }
    for decimals in (0..6).rev() {
        let shorter = trim_decimals(&format!("{value:.decimals$}"));
        if shorter.chars().count() <= width && value.abs() < 1e6 && shorter != "0" && shorter != "-0" {
            return shorter;
        }
    }
    for digits in (0..4).rev() {
        let sci = format!("{value:.digits$e}");
        if sci.chars().count() <= width {
            return sci;
        }
    }
    "#".repeat(width.max(1))
}

fn trim_decimals(text: &str) -> String {
    if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.').to_string() } else { text.to_string() }
}

/// A vector as the lesson writes it: `[2, 4]`.
#[must_use]
pub fn vector(values: impl IntoIterator<Item = f64>) -> String {
    let parts: Vec<String> = values.into_iter().map(number).collect();
    format!("[{}]", parts.join(", "))
}

/// One product as `a·b`, with a negative right-hand factor in parentheses.
#[must_use]
pub fn term(term: Term) -> String {
    let right = number(term.right);
    if term.right < 0.0 {
        format!("{}·({right})", number(term.left))
    } else {
        format!("{}·{right}", number(term.left))
    }
}

/// The products joined by ` + `, without the result.
#[must_use]
pub fn terms(derivation: &Derivation) -> String {
    let parts: Vec<String> = derivation.terms.iter().copied().map(term).collect();
    parts.join(" + ")
}

/// A whole hand calculation: `1·0 + 0·1 + 2·1 + 1·1 = 3`.
#[must_use]
pub fn derivation(derivation: &Derivation) -> String {
    format!("{} = {}", terms(derivation), number(derivation.value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(plural(1u64, "edit"), "1 edit");
        assert_eq!(plural(0u32, "edit"), "0 edits");
        assert_eq!(plural(2usize, "scored answer"), "2 scored answers");
        assert_eq!(plural(usize::MAX, "token"), format!("{} tokens", usize::MAX));
    }

    #[test]
    fn integers_have_no_decimal_point() {
        assert_eq!(number(15.0), "15");
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(-3.0), "-3");
    }

    #[test]
    fn decimals_keep_six_places() {
        assert_eq!(number(0.952_574_126_822_433_4), "0.952574");
        assert_eq!(number(2.5), "2.5");
        assert_eq!(number(-0.000_000_1), "-1.000e-7");
        assert_eq!(number(f64::INFINITY), "overflow");
    }

    #[test]
    fn fitting_never_exceeds_the_width() {
        for value in [0.952_574_126, 123_456.789, -1e300, 6.4e13, 1e-30, -0.5, 42.0] {
            for width in 1..12 {
                let text = number_fitting(value, width);
                assert!(text.chars().count() <= width, "{value} in {width}: {text}");
            }
        }
        assert_eq!(number_fitting(0.952_574, 4), "0.95");
    }

    #[test]
    fn negative_factors_are_bracketed() {
        let d = Derivation::new(vec![Term::new(1.0, -1.0), Term::new(2.0, 1.0)], 1.0);
        assert_eq!(derivation(&d), "1·(-1) + 2·1 = 1");
    }
}
