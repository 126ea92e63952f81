//! The pieces a step draws that presenter mode shares: the paired grids and the lines of
//! the roles, shapes and softmax.

use super::super::Step;
use super::Names;
use crate::engine::{Attention, Projection, Shape, shape_line};
use crate::format;
use crate::scenario::Labels;
use crate::screen::playground::{GridId, encoder_model, plain_model};
use crate::widget::{CellMark, GridModel};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};
use strum::IntoEnumIterator;

/// The two grids a computing step pairs, with the row and column being multiplied highlighted.
pub(crate) fn step_grids(step: Step, a: &Attention, labels: &Labels) -> Option<[GridModel; 2]> {
    step_grids_named(step, a, Names { queries: labels, keys: labels })
}

/// [`step_grids`] with the keys' tokens named apart from the queries': across two sequences,
/// a key or value entry pairs a row of the encoder's X, and K and V have the encoder's rows.
pub(super) fn step_grids_named(step: Step, a: &Attention, names: Names<'_>) -> Option<[GridModel; 2]> {
    Some(match step {
        Step::Projection { projection, token, entry } => {
            let mut x = match (&a.encoder, projection) {
                (Some(encoder), Projection::Key | Projection::Value) => encoder_model(encoder, names.keys),
                (Some(_), Projection::Query) => {
                    let mut decoder = plain_model(GridId::X, a, names.queries);
                    decoder.title = format!("X decoder [{}×{}]", a.tokens(), a.model_width());
                    decoder
                }
                (None, _) => plain_model(GridId::X, a, names.queries),
            };
            highlight(&mut x, Some(token), None);
            [x, highlighted(weight_grid(projection), a, names, None, Some(entry))]
        }
        Step::Score { query, key } => {
            [highlighted(GridId::Q, a, names, Some(query), None), highlighted(GridId::K, a, names, Some(key), None)]
        }
        Step::Context { query, entry } => [
            highlighted(GridId::Weights, a, names, Some(query), None),
            highlighted(GridId::V, a, names, None, Some(entry)),
        ],
        _ => return None,
    })
}

pub(super) fn weight_grid(projection: Projection) -> GridId {
    match projection {
        Projection::Query => GridId::WQ,
        Projection::Key => GridId::WK,
        Projection::Value => GridId::WV,
    }
}

/// A grid with one row or one column highlighted and scrolled into view, so a large
/// scenario still shows the numbers being paired.
fn highlighted(grid: GridId, a: &Attention, names: Names<'_>, row: Option<usize>, col: Option<usize>) -> GridModel {
    let mut model = named_model(grid, a, names);
    highlight(&mut model, row, col);
    model
}

fn highlight(model: &mut GridModel, row: Option<usize>, col: Option<usize>) {
    for r in 0..model.rows() {
        for c in 0..model.cols() {
            if row == Some(r) || col == Some(c) {
                model.mark(r, c, CellMark::Highlight);
            }
        }
    }
    model.focus = Some((row.unwrap_or(0), col.unwrap_or(0)));
}

/// A grid named for the sequence each of its sides comes from: K and V have a row per key
/// token, the scores and weights a column per key token.
pub(super) fn named_model(grid: GridId, a: &Attention, names: Names<'_>) -> GridModel {
    match grid {
        GridId::K | GridId::V => plain_model(grid, a, names.keys),
        GridId::Scores | GridId::Weights => {
            let mut model = plain_model(grid, a, names.queries);
            let keys = &names.keys.tokens;
            model.col_labels = if keys.len() == model.cols() { keys.clone() } else { Vec::new() };
            model
        }
        _ => plain_model(grid, a, names.queries),
    }
}

pub(crate) fn roles_lines(a: &Attention) -> Vec<String> {
    if a.encoder.is_some() {
        return cross_roles_lines(a, false);
    }
    let mut lines = vec![String::new()];
    for t in 0..a.tokens().min(4) {
        let n = t + 1;
        let v = |p: Projection| format::vector(a.projected(p).row(t).iter().copied());
        lines.push(format!(
            "x{n} → query q{n} = {} asks, key k{n} = {} advertises, value v{n} = {} carries",
            v(Projection::Query),
            v(Projection::Key),
            v(Projection::Value)
        ));
    }
    lines
}

/// The roles without their numbers, for predict mode: every vector is asked for later.
pub(super) fn hidden_roles_lines(a: &Attention) -> Vec<String> {
    if a.encoder.is_some() {
        return cross_roles_lines(a, true);
    }
    let mut lines = vec![String::new()];
    for n in 1..=a.tokens().min(4) {
        lines
            .push(format!("x{n} → query q{n} asks, key k{n} advertises, value v{n} carries: each is yours to compute"));
    }
    lines
}

/// Across two sequences the jobs split: the decoder's tokens only ask, the encoder's only
/// advertise and carry. `hidden` leaves the vectors out, for predict mode.
fn cross_roles_lines(a: &Attention, hidden: bool) -> Vec<String> {
    let v = |p: Projection, t: usize| {
        if hidden { String::new() } else { format!(" = {}", format::vector(a.projected(p).row(t).iter().copied())) }
    };
    let mut lines = vec![String::new()];
    for t in 0..a.tokens().min(4) {
        let n = t + 1;
        lines.push(format!("decoder x{n} → query q{n}{} asks", v(Projection::Query, t)));
    }
    for t in 0..a.keys().min(4) {
        let n = t + 1;
        let (k, value) = (v(Projection::Key, t), v(Projection::Value, t));
        lines.push(format!("encoder x{n} → key k{n}{k} advertises, value v{n}{value} carries"));
    }
    if hidden {
        lines.push("each vector is yours to compute".to_string());
    }
    lines
}

pub(crate) fn shape_lines(a: &Attention) -> Vec<String> {
    let Some(encoder) = &a.encoder else {
        let x = Shape::of("X", &a.input.x);
        let mut lines = vec![String::new()];
        for p in Projection::iter() {
            lines.push(shape_line(&x, &Shape::of(p.weight_name(), a.input.weight(p)), p.matrix_name()));
        }
        lines.push(format!(
            "T = {} tokens, D = {}, d_k = {}, d_v = {}",
            a.tokens(),
            a.model_width(),
            a.key_width(),
            a.value_width()
        ));
        return lines;
    };
    let (decoder, encoder) = (Shape::of("X decoder", &a.input.x), Shape::of("X encoder", encoder));
    let mut lines = vec![String::new()];
    for p in Projection::iter() {
        let x = if p == Projection::Query { &decoder } else { &encoder };
        lines.push(shape_line(x, &Shape::of(p.weight_name(), a.input.weight(p)), p.matrix_name()));
    }
    let (tq, dk, tkv) = (a.tokens(), a.key_width(), a.keys());
    lines.push(format!("Q [{tq}×{dk}] · Kᵀ [{dk}×{tkv}] → scores [{tq}×{tkv}], with no mask across"));
    lines.push(format!("T_q = {tq}, T_kv = {tkv}, D = {}, d_k = {dk}, d_v = {}", a.model_width(), a.value_width()));
    lines
}

/// The softmax worked step by step; `hidden` stops before the weights, for predict mode.
pub(super) fn softmax_lines(a: &Attention, query: usize, hidden: bool) -> Vec<String> {
    let s = a.softmax_derivation(query);
    let n = query + 1;
    let mut lines =
        vec![String::new(), format!("scores for q{n}: {}", format::vector(a.scores.row(query).iter().copied()))];
    if a.input.scale {
        lines.push(format!(
            "divided by sqrt(d_k) = sqrt({}): {}",
            a.key_width(),
            format::vector(s.logits.iter().copied())
        ));
    }
    lines.push(format!("subtract the largest visible, {}, and exponentiate:", format::number(s.max)));
    for b in 0..s.logits.len() {
        if s.visible[b] {
            lines.push(format!(
                "  key {}: exp({}) = {}",
                b + 1,
                format::number(s.logits[b] - s.max),
                format::number(s.exps[b])
            ));
        } else {
            lines.push(format!("  key {}: masked (a later token), weight 0", b + 1));
        }
    }
    if hidden {
        lines.push(format!("divide each by the total {}: the weights", format::number(s.total)));
        return lines;
    }
    lines.push(format!(
        "divide by the total {}: weights = {}",
        format::number(s.total),
        format::vector(s.weights.iter().copied())
    ));
    lines
}

pub(super) fn render_lines(lines: Vec<String>, area: Rect, buf: &mut Buffer) {
    let lines: Vec<Line> = lines.into_iter().map(Line::from).collect();
    Paragraph::new(lines).wrap(Wrap { trim: false }).render(area, buf);
}

pub(super) fn grid_height(grids: &[GridModel]) -> u16 {
    let rows = grids.iter().map(GridModel::rows).max().unwrap_or(1);
    u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(3)
}

/// In predict mode the entry being asked for must not show in the grid it fills.
pub(super) fn hide_current(grids: &mut [GridModel]) {
    if let Some(first) = grids.first_mut() {
        for (r, row) in first.marks.iter().enumerate() {
            for (c, mark) in row.iter().enumerate() {
                if *mark == crate::widget::CellMark::Highlight {
                    first.masked[r][c] = true;
                }
            }
        }
    }
}

/// How many lines `text` takes when wrapped at word boundaries to `width`.
pub(super) fn wrapped_lines(text: &str, width: u16) -> u16 {
    let width = usize::from(width.max(1));
    let (mut lines, mut column) = (1u16, 0usize);
    for word in text.split_whitespace() {
        let length = word.chars().count();
        if column > 0 && column + 1 + length > width {
            lines = lines.saturating_add(1);
            column = length;
        } else {
            column += if column > 0 { 1 + length } else { length };
        }
    }
    lines
}
