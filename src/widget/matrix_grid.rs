//! A bordered, labelled matrix whose numbers always fit their columns and which scrolls to
//! keep the selected cell in view.

use super::Overlay;
use crate::format;
use crate::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;
use std::borrow::Cow;

mod geometry;

pub use geometry::{Clipped, GridGeometry};

/// How one cell is drawn, in increasing precedence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum CellMark {
    #[default]
    Plain,
    Changed,
    Highlight,
    Selected,
}

/// What a grid shows, built by the screen from the engine's numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct GridModel {
    pub title: String,
    pub row_labels: Vec<String>,
    /// Names for the columns (a scenario's labels); empty means the column numbers.
    pub col_labels: Vec<String>,
    pub values: Vec<Vec<f64>>,
    pub marks: Vec<Vec<CellMark>>,
    /// Cells the causal mask hides: drawn as `·`, never as a number.
    pub masked: Vec<Vec<bool>>,
    /// The cell being typed into and its text.
    pub editing: Option<(usize, usize, String)>,
    pub focused: bool,
    /// The cell to keep in view when nothing is selected or edited: a screen that shows a
    /// computation points it at the row, column or cell being worked on.
    pub focus: Option<(usize, usize)>,
}

impl GridModel {
    #[must_use]
    pub fn new(title: String, row_labels: Vec<String>, values: Vec<Vec<f64>>) -> Self {
        let rows = values.len();
        let cols = values.first().map_or(0, Vec::len);
        Self {
            title,
            row_labels,
            col_labels: Vec::new(),
            values,
            marks: vec![vec![CellMark::Plain; cols]; rows],
            masked: vec![vec![false; cols]; rows],
            editing: None,
            focused: false,
            focus: None,
        }
    }

    #[must_use]
    pub fn rows(&self) -> usize {
        self.values.len()
    }

    #[must_use]
    pub fn cols(&self) -> usize {
        self.values.first().map_or(0, Vec::len)
    }

    /// Sets a mark unless a stronger one is already there.
    pub fn mark(&mut self, row: usize, col: usize, mark: CellMark) {
        if let Some(cell) = self.marks.get_mut(row).and_then(|r| r.get_mut(col))
            && mark as u8 > *cell as u8
        {
            *cell = mark;
        }
    }

    #[must_use]
    pub fn selected(&self) -> Option<(usize, usize)> {
        self.marks
            .iter()
            .enumerate()
            .find_map(|(r, row)| row.iter().position(|m| *m == CellMark::Selected).map(|c| (r, c)))
    }

    /// The cell the grid scrolls to: the selection, else the cell being typed into, else the
    /// focus the screen gave.
    #[must_use]
    pub fn scroll_target(&self) -> Option<(usize, usize)> {
        self.selected().or_else(|| self.editing.as_ref().map(|e| (e.0, e.1))).or(self.focus)
    }
}

/// Padding for a column header: as many spaces as the widest cell.
const SPACES: &str = "         ";

/// Draws a [`GridModel`] with a theme.
pub struct MatrixGrid<'a> {
    pub model: &'a GridModel,
    pub theme: Theme,
}

impl Widget for &MatrixGrid<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let model = self.model;
        let drawer =
            Drawer { model, overlay: None, editing: model.editing.as_ref(), focused: model.focused, theme: self.theme };
        drawer.draw(area, buf, model.scroll_target().unwrap_or((0, 0)));
    }
}

/// Draws a [`GridModel`] under an [`Overlay`], which alone places the selection and the cell
/// being edited.
pub struct OverlaidGrid<'a> {
    pub model: &'a GridModel,
    pub overlay: &'a Overlay,
    pub theme: Theme,
}

impl Widget for &OverlaidGrid<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let drawer = Drawer {
            model: self.model,
            overlay: Some(self.overlay),
            editing: self.overlay.editing.as_ref(),
            focused: self.overlay.focused,
            theme: self.theme,
        };
        drawer.draw(area, buf, self.overlay.focus().or(self.model.focus).unwrap_or((0, 0)));
    }
}

struct Drawer<'a> {
    model: &'a GridModel,
    overlay: Option<&'a Overlay>,
    editing: Option<&'a (usize, usize, String)>,
    focused: bool,
    theme: Theme,
}

impl Drawer<'_> {
    fn draw(&self, area: Rect, buf: &mut Buffer, focus: (usize, usize)) {
        let geometry = GridGeometry::scrolled_to(area, self.model, focus);
        self.render_block(area, buf, &geometry);
        self.render_header(buf, &geometry);
        self.render_rows(buf, &geometry);
    }

    /// Draws the frame line by line rather than with `Block`, which restyles every cell of
    /// the area first: with ten grids on screen that was most of a frame's cost.
    fn render_block(&self, area: Rect, buf: &mut Buffer, geometry: &GridGeometry) {
        if area.width < 2 || area.height < 2 {
            return;
        }
        let border = if self.focused { self.theme.border_focused() } else { self.theme.border() };
        let inner_width = usize::from(area.width - 2);
        let (bottom, right) = (area.bottom() - 1, area.right() - 1);
        // Cell by cell: `set_string` would split each border glyph into graphemes first.
        for x in area.x + 1..right {
            buf[(x, area.y)].set_symbol("─").set_style(border);
            buf[(x, bottom)].set_symbol("─").set_style(border);
        }
        for y in area.y + 1..bottom {
            buf[(area.x, y)].set_symbol("│").set_style(border);
            buf[(right, y)].set_symbol("│").set_style(border);
        }
        for (x, y, corner) in [(area.x, area.y, "┌"), (right, area.y, "┐"), (area.x, bottom, "└"), (right, bottom, "┘")]
        {
            buf[(x, y)].set_symbol(corner).set_style(border);
        }
        let title = titled(&self.model.title, geometry.clipped(self.model).marks(), inner_width);
        put(buf, area.x + 1, area.y, &title, inner_width, self.theme.title());
    }

    /// Column names right-aligned over their numbers: whole where they fit, cut with `…`
    /// where they do not, and never past the grid's right border.
    fn render_header(&self, buf: &mut Buffer, g: &GridGeometry) {
        if g.inner.height == 0 {
            return;
        }
        let last = (g.first_col + g.visible_cols).min(self.model.cols());
        for (slot, col) in (g.first_col..last).enumerate() {
            let x = cell_x(g, slot);
            let width = usize::from(g.cell_width.min(g.inner.right().saturating_sub(x)));
            let number = (col + 1).to_string();
            let name = self.model.col_labels.get(col).map_or(number.as_str(), String::as_str);
            let name = super::line::fit(name, width);
            let pad = width.saturating_sub(textwrap::core::display_width(&name));
            put(buf, x, g.inner.y, &SPACES[..pad.min(SPACES.len())], pad, self.theme.muted());
            let at = x.saturating_add(u16::try_from(pad).unwrap_or(u16::MAX));
            put(buf, at, g.inner.y, &name, width - pad, self.theme.muted());
        }
    }

    fn render_rows(&self, buf: &mut Buffer, g: &GridGeometry) {
        let last_row = (g.first_row + g.visible_rows).min(self.model.rows());
        for (line, row) in (g.first_row..last_row).enumerate() {
            let y = g.inner.y + 1 + u16::try_from(line).unwrap_or(u16::MAX);
            if y >= g.inner.bottom() {
                break;
            }
            let label = self.model.row_labels.get(row).map_or("", String::as_str);
            put(buf, g.inner.x, y, label, usize::from(g.label_width), self.theme.muted());
            let last_col = (g.first_col + g.visible_cols).min(self.model.cols());
            for (slot, col) in (g.first_col..last_col).enumerate() {
                let (text, style) = self.cell(row, col, usize::from(g.cell_width));
                let pad = g.cell_width.saturating_sub(u16::try_from(text.chars().count()).unwrap_or(u16::MAX));
                let x = cell_x(g, slot).saturating_add(pad);
                put(buf, x, y, &text, usize::from(g.cell_width - pad), style);
            }
        }
    }

    fn cell(&self, row: usize, col: usize, width: usize) -> (Cow<'_, str>, Style) {
        if let Some((r, c, text)) = self.editing
            && (*r, *c) == (row, col)
        {
            let shown: String =
                text.chars().rev().take(width.saturating_sub(1)).collect::<Vec<_>>().into_iter().rev().collect();
            return (Cow::Owned(format!("{shown}▏")), self.theme.editing());
        }
        let own = self.model.marks[row][col];
        let mark = match self.overlay {
            Some(overlay) => own.max(overlay.mark(row, col)),
            None => own,
        };
        if self.model.masked[row][col] {
            let style = if mark == CellMark::Selected { self.theme.selected() } else { self.theme.masked() };
            return (Cow::Borrowed("·"), style);
        }
        let text = Cow::Owned(format::number_fitting(self.model.values[row][col], width));
        let style = match mark {
            CellMark::Plain => self.theme.text(),
            CellMark::Changed => self.theme.changed(),
            CellMark::Highlight => self.theme.highlight(),
            CellMark::Selected => self.theme.selected(),
        };
        (text, style)
    }
}

/// The title with its clip marks, a space each side. When it is too long for the frame the
/// title is cut (ending in `…`) rather than the marks, which say that more is hidden.
fn titled(title: &str, marks: &str, width: usize) -> String {
    let marks_width = marks.chars().count();
    if marks.is_empty() || 1 + title.chars().count() + marks_width <= width {
        return format!(" {title}{marks} ");
    }
    let cut: String = title.chars().take(width.saturating_sub(marks_width + 2)).collect();
    format!(" {cut}…{marks}")
}

/// Writes short text at most `max` cells wide, as `set_stringn` would. Numbers, labels and
/// titles are made of characters that are one cell and one grapheme each, so they skip the
/// grapheme segmentation `set_stringn` does, which was the largest cost of a frame; anything
/// else goes the general way.
fn put(buf: &mut Buffer, x: u16, y: u16, text: &str, max: usize, style: Style) {
    if !text.chars().all(super::line::simple) {
        buf.set_stringn(x, y, text, max, style);
        return;
    }
    let area = buf.area;
    for (i, c) in text.chars().take(max).enumerate() {
        let cx = x.saturating_add(u16::try_from(i).unwrap_or(u16::MAX));
        if cx >= area.right() || y >= area.bottom() {
            break;
        }
        buf[(cx, y)].set_char(c).set_style(style);
    }
}

fn cell_x(g: &GridGeometry, slot: usize) -> u16 {
    let offset = u16::try_from(slot).unwrap_or(u16::MAX).saturating_mul(g.cell_width + 1);
    g.inner.x.saturating_add(g.label_width).saturating_add(offset)
}

#[cfg(test)]
mod tests;
