//! Where each cell of a grid lands inside an area: shared by drawing and by mouse
//! hit-testing, so a click always lands on the cell drawn there.

use super::GridModel;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders};

/// Where each cell lands inside an area: shared by drawing and by mouse hit-testing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GridGeometry {
    pub inner: Rect,
    pub label_width: u16,
    pub cell_width: u16,
    pub first_row: usize,
    pub first_col: usize,
    pub visible_rows: usize,
    pub visible_cols: usize,
}

const MIN_CELL: u16 = 4;
const MAX_CELL: u16 = 9;

impl GridGeometry {
    #[must_use]
    pub fn new(area: Rect, model: &GridModel) -> Self {
        Self::scrolled_to(area, model, model.scroll_target().unwrap_or((0, 0)))
    }

    /// The geometry scrolled so that the cell at `focus` is in view.
    #[must_use]
    pub fn scrolled_to(area: Rect, model: &GridModel, (sel_row, sel_col): (usize, usize)) -> Self {
        let inner = Block::new().borders(Borders::ALL).inner(area);
        let label_width = model.row_labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
        let label_width = u16::try_from(label_width).unwrap_or(u16::MAX).saturating_add(1);
        let free = inner.width.saturating_sub(label_width);
        let cols = u16::try_from(model.cols().max(1)).unwrap_or(u16::MAX);
        let cell_width = (free / cols).saturating_sub(1).clamp(MIN_CELL, MAX_CELL);
        // Honest when not even one column fits, so the title says columns are hidden.
        let visible_cols = usize::from(free / (cell_width + 1));
        let visible_rows = usize::from(inner.height.saturating_sub(1)).max(1);
        Self {
            inner,
            label_width,
            cell_width,
            first_row: scroll_to(sel_row, visible_rows, model.rows()),
            first_col: scroll_to(sel_col, visible_cols, model.cols()),
            visible_rows,
            visible_cols,
        }
    }

    /// The cell under a screen position, if any.
    #[must_use]
    pub fn cell_at(&self, x: u16, y: u16, model: &GridModel) -> Option<(usize, usize)> {
        let top = self.inner.y.checked_add(1)?;
        if y < top || y >= self.inner.bottom() || x < self.inner.x + self.label_width || x >= self.inner.right() {
            return None;
        }
        let row = self.first_row + usize::from(y - top);
        let col = self.first_col + usize::from((x - self.inner.x - self.label_width) / (self.cell_width + 1));
        (row < model.rows() && col < model.cols() && col < self.first_col + self.visible_cols).then_some((row, col))
    }

    /// Which directions hold rows or columns this area does not show.
    #[must_use]
    pub fn clipped(&self, model: &GridModel) -> Clipped {
        Clipped { rows: self.visible_rows < model.rows(), cols: self.visible_cols < model.cols() }
    }
}

/// Whether a grid hides rows, columns or both, so its title can say which way to look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Clipped {
    pub rows: bool,
    pub cols: bool,
}

impl Clipped {
    /// The marks a title carries: ⇕ for hidden rows, ⇔ for hidden columns, each with its
    /// leading space; nothing when the whole grid shows.
    #[must_use]
    pub fn marks(self) -> &'static str {
        match (self.rows, self.cols) {
            (true, true) => " ⇕⇔",
            (true, false) => " ⇕",
            (false, true) => " ⇔",
            (false, false) => "",
        }
    }
}

fn scroll_to(selected: usize, visible: usize, total: usize) -> usize {
    if selected < visible { 0 } else { (selected + 1 - visible).min(total.saturating_sub(visible)) }
}
