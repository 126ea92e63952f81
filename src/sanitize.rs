//! Text from files and from the user is untrusted: an escape sequence in a lesson or a file
//! name must never reach the terminal raw. These helpers strip it (for text shown in the
//! interface) or make it visible (for error messages).

use std::fmt::Write;

/// Whether a character could change the terminal's state or the text's direction.
#[must_use]
pub fn is_dangerous(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// Drops every dangerous character; tabs and newlines become spaces so layout stays intact.
#[must_use]
pub fn strip(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(' '),
            c if is_dangerous(c) => None,
            c => Some(c),
        })
        .collect()
}

/// Shows dangerous characters in caret or `\u{..}` notation, so an error message can say
/// exactly what was there without the terminal acting on it.
#[must_use]
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{0}'..='\u{1F}' => {
                out.push('^');
                out.push(char::from(b'@'.wrapping_add(u8::try_from(c).unwrap_or(0))));
            }
            '\u{7F}' => out.push_str("^?"),
            c if is_dangerous(c) => {
                let _ = write!(out, "\\u{{{:04X}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_makes_controls_visible() {
        assert_eq!(escape("a\u{1b}]0;x\u{7}b"), "a^[]0;x^Gb");
        assert_eq!(escape("\u{202E}abc"), "\\u{202E}abc");
        assert_eq!(escape("plain ü"), "plain ü");
    }

    #[test]
    fn strip_removes_controls_and_bidi() {
        assert_eq!(strip("a\u{1b}[2Jb\u{9b}c\u{2066}d\te"), "a[2Jbcd e");
    }
}
