//! Building each grid's model from the engine's numbers and the playground's state.

use super::{GridId, PlaygroundState};
use crate::document::Document;
use crate::engine::{Attention, Matrix, Projection};
use crate::scenario::{Labels, Scenario};
use crate::widget::{CellMark, GridModel, Overlay};
use strum::{EnumCount, IntoEnumIterator};

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

/// A row label shows at most this much of a name, so names never crowd out the numbers.
const SHORT_LABEL: usize = 8;

/// A name as a row label: whole when short, else cut with `…` so the cut shows.
fn short(label: &str) -> String {
    crate::widget::line::fit(label, SHORT_LABEL).into_owned()
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
    // Whole: the grid's header fits each name to its column's width.
    if list.len() == cols { list.clone() } else { Vec::new() }
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

/// Cross-attention's second sequence as a grid: the encoder's tokens, named like X (a row
/// per token, the dimensions across) and titled apart from the decoder's X.
#[must_use]
pub fn encoder_model(encoder: &Matrix, labels: &Labels) -> GridModel {
    let values = (0..encoder.nrows()).map(|r| encoder.row(r).iter().copied().collect()).collect();
    let title = format!("X encoder [{}×{}]", encoder.nrows(), encoder.ncols());
    let mut model = GridModel::new(title, row_labels(GridId::X, encoder.nrows(), labels), values);
    model.col_labels = col_labels(GridId::X, encoder.ncols(), labels);
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
    let mut model = base_model(grid, attention, baseline);
    overlay(grid, state, focused).apply(&mut model);
    model
}

/// A grid's numbers with its edited and masked cells marked: all that only an edit changes.
fn base_model(grid: GridId, attention: &Attention, baseline: &Scenario) -> GridModel {
    // The opened scenario's labels: edits only add or remove the last row or column, so
    // they still name every row that remains (a new one shows its plain name).
    let mut model = plain_model(grid, attention, &baseline.labels);
    mark_changed(&mut model, grid, baseline);
    model
}

/// What the playground's state lays over one grid: an explanation's sources, the selected
/// cell or the one being typed into.
#[must_use]
pub fn overlay(grid: GridId, state: &PlaygroundState, focused: bool) -> Overlay {
    let mut overlay = state.editor.overlay(grid, focused);
    if let Some((source_grid, r, c)) = state.explain {
        for source in sources(source_grid, r, c) {
            match source {
                Source::Row(g, row) if g == grid => overlay.rows.push(row),
                Source::Col(g, col) if g == grid => overlay.cols.push(col),
                _ => {}
            }
        }
        if source_grid == grid {
            overlay.cells.push((r, c));
        }
    }
    overlay
}

/// Every grid's base model for one version of the document, so a frame builds no grid that
/// has not changed since the last: a new version rebuilds only the grids whose numbers,
/// mask or baseline differ. Derived data: it takes no part in comparing states.
#[derive(Debug, Clone, Default)]
pub struct GridCache {
    version: Option<u64>,
    grids: Vec<CachedGrid>,
}

/// One grid's base model, with the baseline its edited cells were marked against.
#[derive(Debug, Clone)]
pub struct CachedGrid {
    pub model: GridModel,
    baseline: Option<Matrix>,
    labels: Labels,
}

impl CachedGrid {
    fn new(grid: GridId, attention: &Attention, baseline: &Scenario) -> Self {
        let model = base_model(grid, attention, baseline);
        Self { model, baseline: baseline_matrix(grid, baseline).cloned(), labels: baseline.labels.clone() }
    }

    /// Whether this would be built again exactly as it is.
    fn is_current(&self, grid: GridId, attention: &Attention, baseline: &Scenario) -> bool {
        let matrix = grid.matrix(attention);
        let model = &self.model;
        let same_shape = model.rows() == matrix.nrows() && model.values.iter().all(|row| row.len() == matrix.ncols());
        same_shape
            && baseline_matrix(grid, baseline) == self.baseline.as_ref()
            && baseline.labels == self.labels
            && model
                .values
                .iter()
                .enumerate()
                .all(|(r, row)| row.iter().enumerate().all(|(c, v)| v.to_bits() == matrix[(r, c)].to_bits()))
            && (!matches!(grid, GridId::Scores | GridId::Weights)
                || model
                    .masked
                    .iter()
                    .enumerate()
                    .all(|(r, row)| row.iter().enumerate().all(|(c, masked)| *masked != attention.is_visible(r, c))))
    }
}

impl PartialEq for GridCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for GridCache {}

impl GridCache {
    /// Brings the cache up to the document's version.
    pub fn refresh(&mut self, document: &Document) {
        if self.version == Some(document.version()) {
            return;
        }
        let (attention, baseline) = (document.attention(), document.baseline());
        if self.grids.len() == GridId::COUNT {
            for (cached, grid) in self.grids.iter_mut().zip(GridId::iter()) {
                if !cached.is_current(grid, attention, baseline) {
                    *cached = CachedGrid::new(grid, attention, baseline);
                }
            }
        } else {
            self.grids = GridId::iter().map(|grid| CachedGrid::new(grid, attention, baseline)).collect();
        }
        self.version = Some(document.version());
    }

    /// The grid as cached, when the cache is of this version of the document.
    #[must_use]
    pub fn get(&self, grid: GridId, document: &Document) -> Option<&CachedGrid> {
        if self.version != Some(document.version()) {
            return None;
        }
        self.grids.get(GridId::iter().position(|g| g == grid)?)
    }
}

fn baseline_matrix(grid: GridId, baseline: &Scenario) -> Option<&Matrix> {
    Some(match grid.input()? {
        crate::document::InputMatrix::Tokens => &baseline.input.x,
        crate::document::InputMatrix::Weight(Projection::Query) => &baseline.input.w_q,
        crate::document::InputMatrix::Weight(Projection::Key) => &baseline.input.w_k,
        crate::document::InputMatrix::Weight(Projection::Value) => &baseline.input.w_v,
    })
}

fn mark_changed(model: &mut GridModel, grid: GridId, baseline: &Scenario) {
    let Some(base) = baseline_matrix(grid, baseline) else { return };
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
