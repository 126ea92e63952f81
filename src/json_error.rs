//! One way to turn serde_json's errors into what a learner should read: the field's path,
//! the line and column, and the message without serde's own location suffix. Problems with
//! the file as a whole (empty, UTF-16, a byte-order mark, text after the object) are named
//! as such instead of surfacing as a puzzling syntax error.

use serde::de::DeserializeOwned;

/// Quoted names (an unknown key) longer than this are cut, so a hostile file cannot fill
/// the screen with one error.
const MAX_ECHO: usize = 40;

/// A JSON error located in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// `tokens[0][1]: `, or empty for the document itself.
    pub field: String,
    pub line: usize,
    pub column: usize,
    /// Control characters escaped, so the message is safe to print.
    pub message: String,
}

impl Located {
    fn whole(line: usize, column: usize, message: &str) -> Self {
        Self { field: String::new(), line: line.max(1), column: column.max(1), message: message.into() }
    }
}

impl std::fmt::Display for Located {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}{}", self.line, self.column, self.field, self.message)
    }
}

/// The file's bytes as text, or what is wrong with its encoding.
///
/// # Errors
/// UTF-16 text (with or without a byte-order mark), or bytes that are not UTF-8.
pub fn check_bytes(bytes: &[u8]) -> Result<&str, Located> {
    let utf16 = bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF])
        || (bytes.len() >= 2 && (bytes[0] == 0) != (bytes[1] == 0));
    if utf16 {
        return Err(Located::whole(1, 1, "the file is UTF-16 text; save it as UTF-8"));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = position_of_byte(bytes, e.valid_up_to());
        Located::whole(line, column, "the file is not valid UTF-8 text")
    })
}

/// Line and column (both from 1) of a byte offset.
#[must_use]
pub fn position_of_byte(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.split(|b| *b == b'\n').count();
    let column = before.iter().rev().take_while(|b| **b != b'\n').count() + 1;
    (line, column)
}

/// Refuses an empty file and a leading byte-order mark, each by name.
///
/// # Errors
/// As described.
pub fn check_text(text: &str) -> Result<(), Located> {
    if text.starts_with('\u{FEFF}') {
        return Err(Located::whole(1, 1, "the file starts with a byte-order mark (BOM); save it as UTF-8 without one"));
    }
    if text.trim().is_empty() {
        return Err(Located::whole(1, 1, "the file is empty"));
    }
    Ok(())
}

/// Deserialises exactly one JSON value from `text`: anything after it (`{...} xyz`, a
/// second object) is refused, where serde's streaming reader would silently ignore it.
///
/// # Errors
/// The first problem, located.
pub fn deserialize_all<T: DeserializeOwned>(text: &str, type_name: &str, plain_name: &str) -> Result<T, Located> {
    check_text(text)?;
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| locate(&e, type_name, plain_name))?;
    deserializer.end().map_err(|e| {
        Located::whole(
            e.line(),
            e.column(),
            "unexpected text after the end of the JSON value; a file holds exactly one",
        )
    })?;
    Ok(value)
}

/// Describes a deserialisation error; `type_name` (serde's name for the top-level struct) is
/// replaced by `plain_name` so the learner never sees a Rust type.
#[must_use]
pub fn locate(error: &serde_path_to_error::Error<serde_json::Error>, type_name: &str, plain_name: &str) -> Located {
    let inner = error.inner();
    let full = inner.to_string();
    let message = full.find(" at line ").map_or(full.as_str(), |at| &full[..at]);
    let message = shorten_quoted(&message.replace(type_name, plain_name));
    let path = field_path(&error.path().to_string());
    Located {
        field: if path.is_empty() { String::new() } else { format!("{path}: ") },
        line: inner.line().max(1),
        column: inner.column().max(1),
        message: crate::sanitize::escape(&message),
    }
}

/// The path without serde's `?` for places it could not name, each part cut to a prefix.
fn field_path(path: &str) -> String {
    let known: Vec<String> =
        path.split('.').filter(|part| !part.is_empty() && !part.starts_with('?')).map(shorten).collect();
    crate::sanitize::escape(&known.join("."))
}

fn shorten(text: &str) -> String {
    if text.chars().count() <= MAX_ECHO {
        return text.to_string();
    }
    let prefix: String = text.chars().take(MAX_ECHO).collect();
    format!("{prefix}…")
}

/// Cuts every `backquoted` part of a message that is longer than [`MAX_ECHO`].
fn shorten_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(512));
    for (i, part) in message.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        out.push_str(&if i % 2 == 1 { shorten(part) } else { part.to_string() });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code, reason = "only the parse matters")]
    struct Probe {
        a: u32,
    }

    fn parse(text: &str) -> Result<Probe, Located> {
        deserialize_all(text, "struct Probe", "a probe")
    }

    #[test]
    fn trailing_content_is_refused() {
        assert!(parse("{\"a\": 1}\n  ").is_ok());
        for text in ["{\"a\": 1} xyz", "{\"a\": 1}{\"a\": 2}"] {
            let error = parse(text).expect_err("trailing");
            assert!(error.message.contains("after the end"), "{text}: {error}");
            assert_eq!(error.line, 1);
        }
    }

    #[test]
    fn empty_bom_and_utf16_files_are_named() {
        let empty = parse("  \n").expect_err("empty");
        assert_eq!((empty.line, empty.column, empty.message.as_str()), (1, 1, "the file is empty"));
        assert!(parse("\u{FEFF}{\"a\": 1}").expect_err("bom").message.contains("byte-order mark"));
        let utf16: Vec<u8> = "{\"a\": 1}".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert!(check_bytes(&utf16).expect_err("utf-16").message.contains("UTF-16"));
        let mut with_bom = vec![0xFF, 0xFE];
        with_bom.extend_from_slice(&utf16);
        assert!(check_bytes(&with_bom).expect_err("utf-16").message.contains("UTF-16"));
        assert_eq!(check_bytes(b"{}").expect("utf-8"), "{}");
    }

    #[test]
    fn a_huge_unknown_key_is_cut_to_a_prefix() {
        let key = "k".repeat(500_000);
        let error = parse(&format!("{{\"{key}\": 1}}")).expect_err("unknown");
        let shown = error.to_string();
        assert!(shown.len() < 300, "{} characters", shown.len());
        assert!(shown.contains(&format!("`{}…`", "k".repeat(MAX_ECHO))), "{shown}");
    }

    #[test]
    fn a_trailing_comma_names_no_question_mark_field() {
        let error = parse("{\"a\": 1,}").expect_err("comma");
        assert!(!error.field.contains('?'), "{error}");
        assert!(error.column >= 1);
    }
}
