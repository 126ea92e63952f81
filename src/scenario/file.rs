//! Reading and writing the JSON form of a scenario.

use super::{
    Encoder, Labels, MAX_FILE_BYTES, Scenario, ScenarioError, display_name, labels, matrix_from_rows, validate,
};
use crate::engine::{AttentionInput, Matrix};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The file as written on disk; field names follow the fixtures' README.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScenarioFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    tokens: Vec<Vec<f64>>,
    w_q: Vec<Vec<f64>>,
    w_k: Vec<Vec<f64>>,
    w_v: Vec<Vec<f64>>,
    #[serde(default)]
    scale: bool,
    #[serde(default)]
    causal: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    query: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    token_labels: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    dim_labels: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    head_labels: Option<Vec<String>>,
    /// The optional second sequence (cross-attention's keys and values), D wide.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    encoder_tokens: Option<Vec<Vec<f64>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    encoder_labels: Option<Vec<String>>,
    /// The shuffle experiment's position table, T×D; without it the sinusoidal formula.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    positions: Option<Vec<Vec<f64>>>,
}

/// Parses and validates scenario text; `source_name` is what error messages call it.
///
/// # Errors
/// A syntax or type error with its line and column, or the first invalid field.
pub fn parse(text: &str, source_name: &str) -> Result<Scenario, ScenarioError> {
    let syntax = |located| syntax_error(source_name, located);
    crate::json_error::check_text(text).map_err(syntax)?;
    require_object(text, source_name)?;
    let file: ScenarioFile =
        crate::json_error::deserialize_all(text, "struct ScenarioFile", "a JSON object with the scenario's fields")
            .map_err(syntax)?;
    let invalid = |(field, message): validate::Problem| ScenarioError::Invalid {
        source_name: source_name.to_string(),
        field,
        message,
    };
    check(&file).map_err(invalid)?;
    let labels = file_labels(&file);
    let encoder = file_encoder(&file);
    Ok(Scenario {
        input: AttentionInput {
            x: matrix_from_rows(&file.tokens),
            w_q: matrix_from_rows(&file.w_q),
            w_k: matrix_from_rows(&file.w_k),
            w_v: matrix_from_rows(&file.w_v),
            scale: file.scale,
            causal: file.causal,
        },
        query: file.query.map(|q| q - 1),
        description: file.description.map(|d| crate::sanitize::strip(&d)),
        labels,
        encoder,
        positions: file.positions.as_deref().map(matrix_from_rows),
    })
}

/// serde would read a list as a struct's fields in order; a scenario must say what it names.
fn require_object(text: &str, source_name: &str) -> Result<(), ScenarioError> {
    let Some(offset) = text.find(|c: char| !c.is_whitespace()) else {
        return Ok(());
    };
    if text[offset..].starts_with('{') {
        return Ok(());
    }
    let (line, column) = crate::json_error::position_of_byte(text.as_bytes(), offset);
    Err(ScenarioError::Syntax {
        source_name: source_name.to_string(),
        field: String::new(),
        line,
        column,
        message: "a scenario must be a JSON object: { \"tokens\": ..., \"w_q\": ..., ... }".into(),
    })
}

fn check(file: &ScenarioFile) -> Result<(), validate::Problem> {
    validate::tokens(&file.tokens)?;
    let model_width = file.tokens[0].len();
    validate::weight("w_q", &file.w_q, model_width)?;
    validate::weight("w_k", &file.w_k, model_width)?;
    validate::weight("w_v", &file.w_v, model_width)?;
    validate::query_and_key_widths(&file.w_q, &file.w_k)?;
    validate::query(file.query, file.tokens.len())?;
    validate::description(file.description.as_deref())?;
    let (tokens, dims, columns) = (file.tokens.len(), file.tokens[0].len(), file.w_q[0].len());
    labels::check("token_labels", file.token_labels.as_deref(), tokens, "tokens")?;
    labels::check("dim_labels", file.dim_labels.as_deref(), dims, "embedding dimensions (D)")?;
    labels::check("head_labels", file.head_labels.as_deref(), columns, "query/key columns (d_k)")?;
    validate::positions(file.positions.as_deref(), tokens, model_width)?;
    validate::encoder(file.encoder_tokens.as_deref(), file.encoder_labels.is_some(), model_width)?;
    let encoder_tokens = file.encoder_tokens.as_ref().map_or(0, Vec::len);
    labels::check("encoder_labels", file.encoder_labels.as_deref(), encoder_tokens, "encoder tokens")
}

fn file_encoder(file: &ScenarioFile) -> Option<Encoder> {
    let tokens = file.encoder_tokens.as_deref()?;
    let labels = file.encoder_labels.iter().flatten().map(|l| crate::sanitize::strip(l)).collect();
    Some(Encoder { tokens: matrix_from_rows(tokens), labels })
}

/// Validated labels hold no dangerous character; stripping again costs nothing and keeps
/// the rule "text from files is stripped before it is shown" true in one place.
fn file_labels(file: &ScenarioFile) -> Labels {
    let clean = |list: &Option<Vec<String>>| -> Vec<String> {
        list.iter().flatten().map(|l| crate::sanitize::strip(l)).collect()
    };
    Labels { tokens: clean(&file.token_labels), dims: clean(&file.dim_labels), heads: clean(&file.head_labels) }
}

fn syntax_error(source_name: &str, located: crate::json_error::Located) -> ScenarioError {
    let crate::json_error::Located { field, line, column, message } = located;
    ScenarioError::Syntax { source_name: source_name.to_string(), field, line, column, message }
}

/// Reads, parses and validates a scenario file.
///
/// # Errors
/// A missing, unreadable or oversized file, or any error [`parse`] reports.
pub fn load(path: &Path) -> Result<Scenario, ScenarioError> {
    use crate::fsread::ReadError;
    let source_name = display_name(path);
    let bytes = crate::fsread::read(path, MAX_FILE_BYTES).map_err(|e| match e {
        ReadError::TooLarge { .. } => {
            let size = std::fs::metadata(path).map_or(MAX_FILE_BYTES + 1, |m| m.len());
            ScenarioError::TooLarge { source_name: source_name.clone(), size }
        }
        other => ScenarioError::Read { source_name: source_name.clone(), reason: other.to_string() },
    })?;
    let text = crate::json_error::check_bytes(&bytes).map_err(|located| syntax_error(&source_name, located))?;
    parse(text, &source_name)
}

/// The scenario as pretty JSON, integers written without a decimal point.
#[must_use]
pub fn to_json(scenario: &Scenario) -> String {
    let input = &scenario.input;
    let mut object = serde_json::Map::new();
    if let Some(description) = &scenario.description {
        object.insert("description".into(), description.clone().into());
    }
    for (name, matrix) in [("tokens", &input.x), ("w_q", &input.w_q), ("w_k", &input.w_k), ("w_v", &input.w_v)] {
        object.insert(name.into(), matrix_json(matrix));
    }
    object.insert("scale".into(), input.scale.into());
    object.insert("causal".into(), input.causal.into());
    if let Some(query) = scenario.query {
        object.insert("query".into(), (query + 1).into());
    }
    let labels = &scenario.labels;
    for (name, list) in [("token_labels", &labels.tokens), ("dim_labels", &labels.dims), ("head_labels", &labels.heads)]
    {
        if !list.is_empty() {
            object.insert(name.into(), list.clone().into());
        }
    }
    if let Some(encoder) = &scenario.encoder {
        object.insert("encoder_tokens".into(), matrix_json(&encoder.tokens));
        if !encoder.labels.is_empty() {
            object.insert("encoder_labels".into(), encoder.labels.clone().into());
        }
    }
    if let Some(positions) = &scenario.positions {
        object.insert("positions".into(), matrix_json(positions));
    }
    let mut text = serde_json::to_string_pretty(&serde_json::Value::Object(object)).unwrap_or_default();
    text.push('\n');
    text
}

/// Rows of numbers; a finite scenario always serialises, so the saved file always loads.
#[must_use]
pub fn matrix_json(matrix: &Matrix) -> serde_json::Value {
    let rows = matrix.row_iter().map(|row| row.iter().map(|v| number_json(*v)).collect::<Vec<_>>().into());
    serde_json::Value::Array(rows.collect())
}

fn number_json(value: f64) -> serde_json::Value {
    #[allow(clippy::cast_possible_truncation, reason = "checked to be a small integer first")]
    if value.fract() == 0.0 && value.abs() < 9e15 {
        return serde_json::Value::from(value as i64);
    }
    serde_json::Number::from_f64(value).map_or(serde_json::Value::Null, serde_json::Value::Number)
}

/// Saves atomically: a temporary file in the same folder, flushed to disk, then renamed over
/// the target, so a crash leaves either the old file or the new one, never a torn one.
///
/// # Errors
/// When the folder cannot be written or the scenario holds a number JSON cannot store.
pub fn save(path: &Path, scenario: &Scenario) -> Result<(), ScenarioError> {
    let source_name = display_name(path);
    let write_error = |reason: String| ScenarioError::Write { source_name: source_name.clone(), reason };
    let text = to_json(scenario);
    parse(&text, &source_name).map_err(|e| write_error(format!("the scenario is not valid: {e}")))?;
    crate::atomic::write(path, text.as_bytes()).map_err(|e| write_error(e.to_string()))?;
    Ok(())
}
