//! Checks that a parsed file describes a computable scenario, naming the first field at fault.

use super::{MAX_ABS, MAX_DIM, MAX_TOKENS};

/// A validation failure: the JSON path of the field and what is wrong with it.
pub(super) type Problem = (String, String);

pub(super) fn matrix(name: &str, rows: &[Vec<f64>], max_rows: usize) -> Result<(), Problem> {
    let fail = |field: String, message: String| Err((field, message));
    if rows.is_empty() {
        return fail(name.into(), "is empty: it needs at least one row".into());
    }
    if rows.len() > max_rows {
        return fail(name.into(), format!("has {} rows; at most {max_rows} are allowed", rows.len()));
    }
    let width = rows[0].len();
    if width == 0 {
        return fail(format!("{name}[0]"), "is empty: a row needs at least one number".into());
    }
    if width > MAX_DIM {
        return fail(format!("{name}[0]"), format!("has {width} numbers; at most {MAX_DIM} are allowed"));
    }
    for (r, row) in rows.iter().enumerate() {
        if row.len() != width {
            let numbers = crate::format::plural(row.len(), "number");
            let message = format!("has {numbers} but {name}[0] has {width}: every row needs the same length");
            return fail(format!("{name}[{r}]"), message);
        }
        for (c, value) in row.iter().enumerate() {
            if !value.is_finite() || value.abs() > MAX_ABS {
                return fail(format!("{name}[{r}][{c}]"), format!("{value} is beyond ±{MAX_ABS}"));
            }
        }
    }
    Ok(())
}

pub(super) fn tokens(rows: &[Vec<f64>]) -> Result<(), Problem> {
    matrix("tokens", rows, MAX_TOKENS)
}

pub(super) fn weight(name: &str, rows: &[Vec<f64>], model_width: usize) -> Result<(), Problem> {
    matrix(name, rows, MAX_DIM)?;
    if rows.len() != model_width {
        let message = format!(
            "has {} but each token has {}: it must be D×width with D = {model_width}",
            crate::format::plural(rows.len(), "row"),
            crate::format::plural(model_width, "number")
        );
        return Err((name.into(), message));
    }
    Ok(())
}

pub(super) fn query_and_key_widths(w_q: &[Vec<f64>], w_k: &[Vec<f64>]) -> Result<(), Problem> {
    let (q_width, k_width) = (w_q[0].len(), w_k[0].len());
    if q_width != k_width {
        let columns = crate::format::plural(k_width, "column");
        let message = format!("is {columns} wide but w_q is {q_width}: queries and keys must share the width d_k");
        return Err(("w_k".into(), message));
    }
    Ok(())
}

pub(super) fn query(query: Option<usize>, tokens: usize) -> Result<(), Problem> {
    match query {
        Some(q) if q == 0 || q > tokens => {
            Err(("query".into(), format!("{q} is out of range: tokens are counted from 1 and there are {tokens}")))
        }
        _ => Ok(()),
    }
}

pub(super) fn description(text: Option<&str>) -> Result<(), Problem> {
    match text {
        Some(t) if t.chars().count() > 200 => Err(("description".into(), "is longer than 200 characters".into())),
        _ => Ok(()),
    }
}

/// The second sequence: tokens like the first, as wide as the first (the same W_K and W_V
/// project them), and labels only with tokens to name.
pub(super) fn encoder(rows: Option<&[Vec<f64>]>, labelled: bool, model_width: usize) -> Result<(), Problem> {
    let Some(rows) = rows else {
        if labelled {
            return Err(("encoder_labels".into(), "names encoder tokens, but there is no encoder_tokens".into()));
        }
        return Ok(());
    };
    matrix("encoder_tokens", rows, MAX_TOKENS)?;
    let width = rows[0].len();
    if width != model_width {
        let message = format!(
            "has {} but each token has {}: W_K and W_V project both sequences, so both are D = {model_width} wide",
            crate::format::plural(width, "number"),
            crate::format::plural(model_width, "number")
        );
        return Err(("encoder_tokens[0]".into(), message));
    }
    Ok(())
}

/// The optional position table of the shuffle experiment: one row per token, D wide.
pub(super) fn positions(rows: Option<&[Vec<f64>]>, tokens: usize, model_width: usize) -> Result<(), Problem> {
    let Some(rows) = rows else { return Ok(()) };
    matrix("positions", rows, MAX_TOKENS)?;
    if rows.len() != tokens {
        let message = format!(
            "has {} but there are {}: the table needs one position per token",
            crate::format::plural(rows.len(), "row"),
            crate::format::plural(tokens, "token")
        );
        return Err(("positions".into(), message));
    }
    if rows[0].len() != model_width {
        let message = format!(
            "has {} but each token has {}: a position is added to its token, so both are D = {model_width} wide",
            crate::format::plural(rows[0].len(), "number"),
            crate::format::plural(model_width, "number")
        );
        return Err(("positions[0]".into(), message));
    }
    Ok(())
}
