//! What a frame lays over a grid's cached model: the selection, the cell being typed into and
//! an explanation's highlights.

use super::matrix_grid::{CellMark, GridModel};

/// Marks a frame lays over a grid's own: the selection, the cell being typed into and the
/// rows, columns and cells an explanation highlights. A cached model is drawn under a fresh
/// overlay each frame, so it never has to be copied to show the selection move.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overlay {
    pub rows: Vec<usize>,
    pub cols: Vec<usize>,
    pub cells: Vec<(usize, usize)>,
    pub selected: Option<(usize, usize)>,
    pub editing: Option<(usize, usize, String)>,
    pub focused: bool,
}

impl Overlay {
    /// The overlay's own mark for one cell.
    #[must_use]
    pub fn mark(&self, row: usize, col: usize) -> CellMark {
        if self.selected == Some((row, col)) {
            CellMark::Selected
        } else if self.rows.contains(&row) || self.cols.contains(&col) || self.cells.contains(&(row, col)) {
            CellMark::Highlight
        } else {
            CellMark::Plain
        }
    }

    /// Writes the overlay into the model itself, as if it had been built with it.
    pub fn apply(&self, model: &mut GridModel) {
        for &row in &self.rows {
            (0..model.cols()).for_each(|c| model.mark(row, c, CellMark::Highlight));
        }
        for &col in &self.cols {
            (0..model.rows()).for_each(|r| model.mark(r, col, CellMark::Highlight));
        }
        for &(row, col) in &self.cells {
            model.mark(row, col, CellMark::Highlight);
        }
        if let Some((row, col)) = self.selected {
            model.mark(row, col, CellMark::Selected);
        }
        model.editing.clone_from(&self.editing);
        model.focused = self.focused;
    }

    pub(super) fn focus(&self) -> Option<(usize, usize)> {
        self.selected.or_else(|| self.editing.as_ref().map(|e| (e.0, e.1)))
    }
}
