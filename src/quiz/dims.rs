//! Shapes with more than two dimensions, as a learner types them: `[2, 4, 5, 8]`, `(2,4,5,8)`,
//! `2x4x5x8` or `2 4 5 8`.

/// The dimensions typed, or `None` when a part is not a whole number.
#[must_use]
pub fn parse_dims(text: &str) -> Option<Vec<usize>> {
    let cleaned = text.to_lowercase().replace("by", "x");
    let parts: Vec<&str> = cleaned
        .split(|c: char| matches!(c, 'x' | '×' | '*' | ',' | '[' | ']' | '(' | ')') || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() {
        return None;
    }
    parts.iter().map(|p| p.parse().ok()).collect()
}

/// Right or wrong, or what to type when the text is not a shape.
///
/// # Errors
/// When the text does not read as a list of whole numbers.
pub fn check_dims(dims: &[usize], text: &str) -> Result<bool, super::Unreadable> {
    let example = super::dims_text(&(2..2 + dims.len()).collect::<Vec<_>>());
    let typed = parse_dims(text).ok_or(super::Unreadable::Dims { example })?;
    Ok(typed == dims)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_common_spelling_reads_the_same() {
        for text in ["[2, 4, 5, 8]", "(2,4,5,8)", "2x4x5x8", "2 × 4 × 5 × 8", " 2 4 5 8 "] {
            assert_eq!(parse_dims(text), Some(vec![2, 4, 5, 8]), "{text}");
        }
        assert_eq!(parse_dims("[B, h, T, d]"), None);
        assert_eq!(parse_dims(""), None);
    }

    #[test]
    fn order_matters_and_garbage_says_what_to_type() {
        assert_eq!(check_dims(&[2, 4, 5, 8], "[2, 5, 4, 8]"), Ok(false));
        assert_eq!(check_dims(&[2, 4, 5, 8], "2x4x5x8"), Ok(true));
        assert_eq!(
            check_dims(&[2, 4, 5, 8], "four").map_err(|e| e.to_string()),
            Err("type a shape like [2, 3, 4, 5]".into())
        );
    }
}
