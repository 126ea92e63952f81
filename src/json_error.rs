//! One way to turn serde_json's errors into what a learner should read: the field's path,
//! the line and column, and the message without serde's own location suffix.

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

/// Describes a deserialisation error; `type_name` (serde's name for the top-level struct) is
/// replaced by `plain_name` so the learner never sees a Rust type.
#[must_use]
pub fn locate(error: &serde_path_to_error::Error<serde_json::Error>, type_name: &str, plain_name: &str) -> Located {
    let inner = error.inner();
    let full = inner.to_string();
    let message = full.find(" at line ").map_or(full.as_str(), |at| &full[..at]);
    let message = message.replace(type_name, plain_name);
    let path = error.path().to_string();
    Located {
        field: if path == "." || path.is_empty() { String::new() } else { format!("{path}: ") },
        line: inner.line(),
        column: inner.column(),
        message: crate::sanitize::escape(&message),
    }
}
