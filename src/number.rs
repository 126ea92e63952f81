//! Parsing a number typed into a cell. Rust's own `f64::from_str` accepts `NaN`, `inf` and
//! overflows `1e309` to infinity; a learner's cell must refuse each with a reason.

use crate::scenario::MAX_ABS;
use thiserror::Error;

/// The longest text a cell accepts.
pub const MAX_CELL_CHARS: usize = 32;

/// Why typed text is not a usable number; the message is shown in the status line.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CellError {
    #[error("type a number first")]
    Empty,
    #[error("at most {MAX_CELL_CHARS} characters, please")]
    TooLong,
    #[error("\"{0}\" is not a finite number: type digits, like 1.5")]
    NotFinite(String),
    #[error("use a dot for decimals: 1.5, not 1,5")]
    Comma,
    #[error("hexadecimal is not accepted: type a plain decimal number")]
    Hex,
    #[error("\"{0}\" is too large for a number (it overflows)")]
    Overflow(String),
    #[error("{0} is beyond ±1000000, the limit for a cell")]
    OutOfRange(String),
    #[error("\"{0}\" is not a number: use digits, an optional - and . and e, like -1.5 or 2e3")]
    Malformed(String),
}

/// Parses a plain decimal number such as `-1.5`, `.5` or `2e3`, surrounding spaces trimmed.
/// `-0` becomes `0`.
///
/// # Errors
/// A [`CellError`] naming what was wrong with the text.
pub fn parse_cell(text: &str) -> Result<f64, CellError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(CellError::Empty);
    }
    if trimmed.chars().count() > MAX_CELL_CHARS {
        return Err(CellError::TooLong);
    }
    let shown = crate::sanitize::escape(trimmed);
    let unsigned = trimmed.trim_start_matches(['+', '-']).to_ascii_lowercase();
    if matches!(unsigned.as_str(), "nan" | "inf" | "infinity") {
        return Err(CellError::NotFinite(shown));
    }
    if trimmed.contains(',') {
        return Err(CellError::Comma);
    }
    if unsigned.starts_with("0x") {
        return Err(CellError::Hex);
    }
    if !is_plain_decimal(trimmed) {
        return Err(CellError::Malformed(shown));
    }
    let value: f64 = trimmed.parse().map_err(|_| CellError::Malformed(shown.clone()))?;
    if !value.is_finite() {
        return Err(CellError::Overflow(shown));
    }
    if value.abs() > MAX_ABS {
        return Err(CellError::OutOfRange(shown));
    }
    Ok(if value == 0.0 { 0.0 } else { value })
}

/// `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`
fn is_plain_decimal(text: &str) -> bool {
    let body = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(at) => (&body[..at], Some(&body[at + 1..])),
        None => (body, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    let mantissa_ok = digits(whole) && digits(fraction) && !(whole.is_empty() && fraction.is_empty());
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mantissa_ok && exponent_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_plain_decimals() {
        let cases = [("-1.5", -1.5), ("2e3", 2000.0), ("  7 ", 7.0), (".5", 0.5), ("3.", 3.0), ("+4", 4.0)];
        for (text, expected) in cases {
            assert_eq!(parse_cell(text), Ok(expected), "{text}");
        }
        let zero = parse_cell("-0").expect("zero");
        assert!(zero.is_sign_positive(), "-0 becomes 0");
    }

    #[test]
    fn refuses_each_bad_form_with_its_own_reason() {
        assert_eq!(parse_cell("NaN"), Err(CellError::NotFinite("NaN".into())));
        assert_eq!(parse_cell("-inf"), Err(CellError::NotFinite("-inf".into())));
        assert_eq!(parse_cell("1e309"), Err(CellError::Overflow("1e309".into())));
        assert_eq!(parse_cell("0x10"), Err(CellError::Hex));
        assert_eq!(parse_cell("1,5"), Err(CellError::Comma));
        assert_eq!(parse_cell("2000000"), Err(CellError::OutOfRange("2000000".into())));
        assert_eq!(parse_cell(""), Err(CellError::Empty));
        assert_eq!(parse_cell(&"1".repeat(33)), Err(CellError::TooLong));
        for bad in ["1_000", "e5", ".", "1e", "--1", "1.2.3", "one"] {
            assert!(matches!(parse_cell(bad), Err(CellError::Malformed(_))), "{bad}");
        }
    }

    #[test]
    fn messages_escape_control_characters() {
        let error = parse_cell("1\u{1b}[2J").expect_err("malformed");
        assert!(!error.to_string().contains('\u{1b}'));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, ..Default::default() })]

        #[test]
        fn the_cell_parser_never_panics_and_accepts_only_sane_numbers(text in ".{0,40}") {
            if let Ok(value) = parse_cell(&text) {
                proptest::prop_assert!(value.is_finite() && value.abs() <= 1e6);
                proptest::prop_assert!(!(value == 0.0 && value.is_sign_negative()), "-0 becomes 0");
            }
        }
    }
}
