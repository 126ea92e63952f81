//! "Where does this number come from?": a result cell's derivation, term by term.

use super::GridId;
use crate::engine::{Attention, Projection};
use crate::format;

/// The lines explaining one cell, from the engine's derivations.
#[must_use]
pub fn explanation_lines(grid: GridId, row: usize, col: usize, a: &Attention) -> Vec<String> {
    let (r, c) = (row + 1, col + 1);
    match grid {
        GridId::X => vec![format!("x{r} entry {c}: an input, token {r}'s embedding. Type a number to change it.")],
        GridId::WQ | GridId::WK | GridId::WV => vec![format!(
            "{} row {r}, column {c}: a learned weight. Column {c} makes entry {c} of every {}.",
            grid.name(),
            match grid {
                GridId::WQ => "query",
                GridId::WK => "key",
                _ => "value",
            }
        )],
        GridId::Q => projection(a, Projection::Query, row, col),
        GridId::K => projection(a, Projection::Key, row, col),
        GridId::V => projection(a, Projection::Value, row, col),
        GridId::Scores => score(a, row, col),
        GridId::Weights => weight(a, row, col),
        GridId::Context => context(a, row, col),
    }
}

fn projection(attention: &Attention, projection: Projection, row: usize, col: usize) -> Vec<String> {
    let (r, c) = (row + 1, col + 1);
    let derivation = attention.projection_derivation(projection, row, col);
    vec![
        format!("{}{r} entry {c} = x{r} paired with column {c} of {}:", projection.letter(), projection.weight_name()),
        format!("  {}", format::derivation(&derivation)),
    ]
}

fn score(a: &Attention, row: usize, col: usize) -> Vec<String> {
    let (r, c) = (row + 1, col + 1);
    let d = a.score_derivation(row, col);
    let mut lines =
        vec![format!("score of query {r} against key {c}: q{r}·k{c}"), format!("  {}", format::derivation(&d))];
    if !a.is_visible(row, col) {
        lines.push(format!("  masked: token {c} comes after token {r}, so the exam rule hides it (weight 0)."));
    } else if a.input.scale {
        let logit = format::number(a.logits[(row, col)]);
        lines.push(format!("  divided by sqrt(d_k) = sqrt({}) before the softmax: {logit}", a.key_width()));
    }
    lines
}

fn weight(a: &Attention, row: usize, col: usize) -> Vec<String> {
    let (r, c) = (row + 1, col + 1);
    let s = a.softmax_derivation(row);
    if !s.visible[col] {
        return vec![format!("weight of key {c} for query {r}: masked, exactly 0 (a future token).")];
    }
    let shifted = format::number(s.logits[col] - s.max);
    vec![
        format!("weight of key {c} for query {r}: softmax of row {r}"),
        format!("  exp({shifted}) / (sum of the row's exps {}) ", format::number(s.total)),
        format!(
            "  = {} / {} = {}",
            format::number(s.exps[col]),
            format::number(s.total),
            format::number(s.weights[col])
        ),
    ]
}

fn context(a: &Attention, row: usize, col: usize) -> Vec<String> {
    let (r, c) = (row + 1, col + 1);
    let d = a.context_derivation(row, col);
    vec![
        format!("context c{r} entry {c}: each visible value's entry {c}, times its weight:"),
        format!("  {}", format::derivation(&d)),
    ]
}
