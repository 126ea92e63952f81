//! Text from files and from the user is untrusted: an escape sequence in a lesson or a file
//! name must never reach the terminal raw. These helpers strip it (for text shown in the
//! interface) or make it visible (for error messages).

use std::fmt::Write;

/// Whether a character could change the terminal's state, the text's direction or the
/// layout of a row: controls, bidi marks (the Arabic letter mark U+061C included), the line
/// and paragraph separators (some terminals break the row on them and leave stale cells),
/// and tag characters (drawn by some terminals, skipped by others, so columns drift).
#[must_use]
pub fn is_dangerous(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{061C}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{E0000}'..='\u{E007F}'
        )
}

/// What kind of invisible character `c` is, when it draws nothing although it is no control:
/// the format characters (Unicode category Cf) other than the joiners that hold emoji
/// sequences and some scripts together, and the Hangul fillers, which are letters that show
/// as blank. Text made only of these looks empty.
#[must_use]
pub fn invisible(c: char) -> Option<&'static str> {
    match c {
        '\u{200C}' | '\u{200D}' => None,
        '\u{00AD}' => Some("the soft hyphen"),
        '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' => Some("the invisible Hangul filler"),
        '\u{17B4}' | '\u{17B5}' | '\u{034F}' => Some("the invisible character"),
        '\u{0600}'..='\u{0605}'
        | '\u{06DD}'
        | '\u{070F}'
        | '\u{0890}'..='\u{0891}'
        | '\u{08E2}'
        | '\u{180E}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}'
        | '\u{FEFF}'
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{110BD}'
        | '\u{110CD}'
        | '\u{13430}'..='\u{1343F}'
        | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0001}'
        | '\u{E0020}'..='\u{E007F}' => Some("the format character"),
        _ => None,
    }
}

/// `U+200B`: how a character is named when it cannot be shown.
#[must_use]
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
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
    fn separators_tags_and_the_arabic_letter_mark_are_dangerous_and_joiners_are_not_invisible() {
        for c in ['\u{2028}', '\u{2029}', '\u{061C}', '\u{E0041}'] {
            assert!(is_dangerous(c), "{}", code_point(c));
        }
        assert_eq!(strip("a\u{2028}b\u{E0067}c"), "abc");
        assert_eq!(invisible('\u{200B}'), Some("the format character"));
        assert_eq!(invisible('\u{3164}'), Some("the invisible Hangul filler"));
        assert_eq!(invisible('\u{200D}'), None);
        assert_eq!(code_point('\u{AD}'), "U+00AD");
    }

    #[test]
    fn strip_removes_controls_and_bidi() {
        assert_eq!(strip("a\u{1b}[2Jb\u{9b}c\u{2066}d\te"), "a[2Jbcd e");
    }
}
