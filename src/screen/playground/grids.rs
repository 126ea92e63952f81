//! Building each grid's model from the engine's numbers and the playground's state.

use super::{GridId, PlaygroundState};
use crate::engine::{Attention, Projection};
use crate::scenario::{Labels, Scenario};
use crate::widget::{CellMark, GridModel};

/// Which rows or columns of which grids a result was computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Row(GridId, usize),
    Col(GridId, usize),
}

/// The inputs behind one result cell, highlighted when it is explained.
#[must_use]
pub fn sources(grid: GridId, row: usize, col: usize) -> Vec<Source> {
    match grid {
        GridId::Q => vec![Source::Row(GridId::X, row), Source::Col(GridId::WQ, col)],
        GridId::K => vec![Source::Row(GridId::X, row), Source::Col(GridId::WK, col)],
        GridId::V => vec![Source::Row(GridId::X, row), Source::Col(GridId::WV, col)],
        GridId::Scores => vec![Source::Row(GridId::Q, row), Source::Row(GridId::K, col)],
        GridId::Weights => vec![Source::Row(GridId::Scores, row)],
        GridId::Context => vec![Source::Row(GridId::Weights, row), Source::Col(GridId::V, col)],
        GridId::X | GridId::WQ | GridId::WK | GridId::WV => Vec::new(),
    }
}

/// A grid shows at most this much of a label, so names never crowd out the numbers.
const SHORT_LABEL: usize = 8;

fn short(label: &str) -> String {
    label.chars().take(SHORT_LABEL).collect()
}

fn row_labels(grid: GridId, rows: usize, labels: &Labels) -> Vec<String> {
    let prefix = match grid {
        GridId::X => "x",
        GridId::Q | GridId::Scores | GridId::Weights => "q",
        GridId::K => "k",
        GridId::V => "v",
        GridId::Context => "c",
        GridId::WQ | GridId::WK | GridId::WV => {
            let name =
                |i: usize| labels.dim(i).map_or_else(|| (i + 1).to_string(), |l| format!("{} {}", i + 1, short(l)));
            return (0..rows).map(name).collect();
        }
    };
    (0..rows)
        .map(|i| match labels.token(i) {
            Some(label) => format!("{prefix}{} {}", i + 1, short(label)),
            None => format!("{prefix}{}", i + 1),
        })
        .collect()
}

/// Column names: dimensions across X, query/key columns across W_Q, W_K, Q and K, tokens
/// across the scores and weights; values' columns have no names.
fn col_labels(grid: GridId, cols: usize, labels: &Labels) -> Vec<String> {
    let list = match grid {
        GridId::X => &labels.dims,
        GridId::WQ | GridId::WK | GridId::Q | GridId::K => &labels.heads,
        GridId::Scores | GridId::Weights => &labels.tokens,
        GridId::WV | GridId::V | GridId::Context => return Vec::new(),
    };
    if list.len() == cols { list.iter().map(|l| short(l)).collect() } else { Vec::new() }
}

fn title(grid: GridId, attention: &Attention) -> String {
    let m = grid.matrix(attention);
    format!("{} [{}×{}]", grid.name(), m.nrows(), m.ncols())
}

/// A grid's numbers, labels and masked cells, with nothing selected or highlighted; a
/// scenario's names go on the rows and columns where they fit.
#[must_use]
pub fn plain_model(grid: GridId, attention: &Attention, labels: &Labels) -> GridModel {
    let matrix = grid.matrix(attention);
    let values = (0..matrix.nrows()).map(|r| matrix.row(r).iter().copied().collect()).collect();
    let mut model = GridModel::new(title(grid, attention), row_labels(grid, matrix.nrows(), labels), values);
    model.col_labels = col_labels(grid, matrix.ncols(), labels);
    mark_masked(&mut model, grid, attention);
    model
}

/// One grid as it should be drawn right now.
#[must_use]
pub fn grid_model(
    grid: GridId,
    state: &PlaygroundState,
    attention: &Attention,
    baseline: &Scenario,
    focused: bool,
) -> GridModel {
    // The opened scenario's labels: edits only add or remove the last row or column, so
    // they still name every row that remains (a new one shows its plain name).
    let mut model = plain_model(grid, attention, &baseline.labels);
    mark_changed(&mut model, grid, baseline);
    if let Some((source_grid, r, c)) = state.explain {
        mark_sources(&mut model, grid, &sources(source_grid, r, c));
        if source_grid == grid {
            model.mark(r, c, CellMark::Highlight);
        }
    }
    model.focused = focused && state.grid == grid;
    if model.focused {
        match &state.edit {
            Some(field) => model.editing = Some((state.row, state.col, field.text().to_string())),
            None => model.mark(state.row, state.col, CellMark::Selected),
        }
    }
    model
}

fn mark_changed(model: &mut GridModel, grid: GridId, baseline: &Scenario) {
    let Some(input) = grid.input() else { return };
    let base = match input {
        crate::document::InputMatrix::Tokens => &baseline.input.x,
        crate::document::InputMatrix::Weight(Projection::Query) => &baseline.input.w_q,
        crate::document::InputMatrix::Weight(Projection::Key) => &baseline.input.w_k,
        crate::document::InputMatrix::Weight(Projection::Value) => &baseline.input.w_v,
    };
    for r in 0..model.rows() {
        for c in 0..model.cols() {
            if base.get((r, c)) != Some(&model.values[r][c]) {
                model.mark(r, c, CellMark::Changed);
            }
        }
    }
}

fn mark_masked(model: &mut GridModel, grid: GridId, attention: &Attention) {
    if matches!(grid, GridId::Scores | GridId::Weights) {
        for r in 0..model.rows() {
            for c in 0..model.cols() {
                model.masked[r][c] = !attention.is_visible(r, c);
            }
        }
    }
}

fn mark_sources(model: &mut GridModel, grid: GridId, sources: &[Source]) {
    for source in sources {
        match *source {
            Source::Row(g, row) if g == grid => {
                (0..model.cols()).for_each(|c| model.mark(row, c, CellMark::Highlight));
            }
            Source::Col(g, col) if g == grid => {
                (0..model.rows()).for_each(|r| model.mark(r, col, CellMark::Highlight));
            }
            _ => {}
        }
    }
}
