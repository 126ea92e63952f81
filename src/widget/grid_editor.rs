//! The one editor for grids of numbers: which cell is selected, moving between cells and
//! across grid edges, and typing a number into a cell with the strict cell parser. The
//! playground and Apply now both use it, so a cell is typed the same way on both screens.

use super::{Overlay, TextField};
use crate::message::{Direction, FieldMsg, cycle};
use crate::number::{MAX_CELL_CHARS, parse_cell};
use strum::IntoEnumIterator;

/// The longest text a cell's field takes: room for a number the parser then refuses as too
/// long, so the refusal can say why.
const FIELD_CAP: usize = MAX_CELL_CHARS + 8;

/// What committing an empty cell means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blank {
    /// The parser's refusal, as for any other unreadable text (a scenario has no holes).
    Refused,
    /// The cell is emptied: its value becomes NaN, "not filled in yet".
    Clears,
}

/// What a key typed into the open cell came to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CellInput {
    /// Still typing (or the text was refused, with a note in the field).
    Typing,
    Cancelled,
    /// A value ready to store; the field stays open until [`GridEditor::close`] or
    /// [`GridEditor::refuse`], so the owner can still turn it down.
    Commit(f64),
}

/// The selection and the cell being typed into, over grids named by the enum `G`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridEditor<G> {
    grid: G,
    row: usize,
    col: usize,
    field: Option<TextField>,
    blank: Blank,
}

impl<G: IntoEnumIterator + PartialEq + Copy> GridEditor<G> {
    #[must_use]
    pub fn new(grid: G, blank: Blank) -> Self {
        Self { grid, row: 0, col: 0, field: None, blank }
    }

    #[must_use]
    pub fn grid(&self) -> G {
        self.grid
    }

    /// The selected cell, (row, column).
    #[must_use]
    pub fn cell(&self) -> (usize, usize) {
        (self.row, self.col)
    }

    /// The cell's text being typed, when a cell is open.
    #[must_use]
    pub fn field(&self) -> Option<&TextField> {
        self.field.as_ref()
    }

    /// Selects a cell; whatever was being typed is dropped.
    pub fn select(&mut self, grid: G, row: usize, col: usize) {
        (self.grid, self.row, self.col, self.field) = (grid, row, col, None);
    }

    /// Keeps the selection inside a grid of `rows` × `cols`.
    pub fn clamp(&mut self, (rows, cols): (usize, usize)) {
        self.row = self.row.min(rows.saturating_sub(1));
        self.col = self.col.min(cols.saturating_sub(1));
    }

    /// The cell one step away, `shape` giving each grid's (rows, columns): the left and right
    /// edges cross into the neighbouring grid, in the enum's order, round the end.
    #[must_use]
    pub fn target(&self, direction: Direction, shape: impl Fn(G) -> (usize, usize)) -> (G, usize, usize) {
        let (grid, row, col) = (self.grid, self.row, self.col);
        let (rows, cols) = shape(grid);
        match direction {
            Direction::Up => (grid, row.saturating_sub(1), col),
            Direction::Down => (grid, (row + 1).min(rows.saturating_sub(1)), col),
            Direction::Left if col == 0 => {
                let before = cycle(grid, -1);
                (before, row, shape(before).1.saturating_sub(1))
            }
            Direction::Left => (grid, row, col - 1),
            Direction::Right if col + 1 >= cols => (cycle(grid, 1), row, 0),
            Direction::Right => (grid, row, col + 1),
        }
    }

    /// Moves one step, staying inside the grid it lands in.
    pub fn step(&mut self, direction: Direction, shape: impl Fn(G) -> (usize, usize)) {
        let (grid, row, col) = self.target(direction, &shape);
        self.select(grid, row, col);
        self.clamp(shape(grid));
    }

    /// Opens the selected cell: with `first` typed over it, or else with its `current` value
    /// (a NaN cell opens empty).
    pub fn begin(&mut self, first: Option<char>, current: f64) {
        let shown = if current.is_nan() { String::new() } else { crate::format::number(current) };
        self.field = Some(
            first
                .map_or_else(|| TextField::with_default(&shown, FIELD_CAP), |c| TextField::starting_with(c, FIELD_CAP)),
        );
    }

    /// A key typed into the open cell. Submit reads the text with the strict cell parser; text
    /// it refuses keeps the field open with the reason beside it.
    pub fn type_key(&mut self, message: &FieldMsg) -> CellInput {
        let Some(field) = self.field.as_mut() else { return CellInput::Typing };
        match message {
            FieldMsg::Cancel => {
                self.field = None;
                CellInput::Cancelled
            }
            FieldMsg::Submit if self.blank == Blank::Clears && field.text().trim().is_empty() => {
                CellInput::Commit(f64::NAN)
            }
            FieldMsg::Submit => match parse_cell(field.text()) {
                Ok(value) => CellInput::Commit(value),
                Err(error) => {
                    field.set_note(format!("not changed: {error}"));
                    CellInput::Typing
                }
            },
            other => {
                field.edit(other);
                CellInput::Typing
            }
        }
    }

    /// The value was stored: the cell closes.
    pub fn close(&mut self) {
        self.field = None;
    }

    /// The owner turned the value down: the field stays open and says why.
    pub fn refuse(&mut self, why: &impl std::fmt::Display) {
        if let Some(field) = self.field.as_mut() {
            field.set_note(format!("not changed: {why}"));
        }
    }

    /// What the editor lays over `grid` when the editor has the keyboard: the selected cell,
    /// or the one being typed into.
    #[must_use]
    pub fn overlay(&self, grid: G, focused: bool) -> Overlay {
        let mut overlay = Overlay { focused: focused && self.grid == grid, ..Overlay::default() };
        if overlay.focused {
            match &self.field {
                Some(field) => overlay.editing = Some((self.row, self.col, field.text().to_string())),
                None => overlay.selected = Some((self.row, self.col)),
            }
        }
        overlay
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::EnumIter;

    #[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter)]
    enum Two {
        Wide,
        Narrow,
    }

    fn shape(grid: Two) -> (usize, usize) {
        match grid {
            Two::Wide => (3, 4),
            Two::Narrow => (2, 1),
        }
    }

    #[test]
    fn edges_cross_into_the_next_grid_and_rows_stay_inside() {
        let mut editor = GridEditor::new(Two::Wide, Blank::Refused);
        editor.select(Two::Wide, 2, 3);
        editor.step(Direction::Right, shape);
        assert_eq!((editor.grid(), editor.cell()), (Two::Narrow, (1, 0)), "row 3 does not exist in a 2-row grid");
        editor.step(Direction::Right, shape);
        assert_eq!((editor.grid(), editor.cell()), (Two::Wide, (1, 0)), "round the end");
        editor.step(Direction::Left, shape);
        assert_eq!((editor.grid(), editor.cell()), (Two::Narrow, (1, 0)), "left lands on the last column");
        editor.step(Direction::Down, shape);
        assert_eq!(editor.cell(), (1, 0), "the bottom row stays the bottom row");
    }

    #[test]
    fn a_first_character_starts_the_text_and_the_strict_parser_commits_it() {
        let mut editor = GridEditor::new(Two::Wide, Blank::Refused);
        editor.begin(Some('-'), 4.0);
        assert_eq!(editor.field().map(TextField::text), Some("-"));
        assert_eq!(editor.type_key(&FieldMsg::Insert('2')), CellInput::Typing);
        assert_eq!(editor.type_key(&FieldMsg::Submit), CellInput::Commit(-2.0));
        editor.close();
        assert!(editor.field().is_none());
    }

    #[test]
    fn refused_text_keeps_the_field_open_with_a_reason() {
        let mut editor = GridEditor::new(Two::Wide, Blank::Refused);
        editor.begin(None, 1.5);
        assert_eq!(editor.field().map(TextField::text), Some("1.5"), "Enter opens on the current value");
        assert_eq!(editor.type_key(&FieldMsg::ClearToStart), CellInput::Typing);
        for c in "inf".chars() {
            editor.type_key(&FieldMsg::Insert(c));
        }
        assert_eq!(editor.type_key(&FieldMsg::Submit), CellInput::Typing);
        assert!(editor.field().and_then(TextField::note).is_some_and(|n| n.starts_with("not changed")));
        assert_eq!(editor.type_key(&FieldMsg::Cancel), CellInput::Cancelled);
        assert!(editor.field().is_none());
    }

    #[test]
    fn a_blank_clears_only_where_blanks_mean_not_filled_in() {
        for (blank, clears) in [(Blank::Clears, true), (Blank::Refused, false)] {
            let mut editor = GridEditor::new(Two::Wide, blank);
            editor.begin(None, f64::NAN);
            let outcome = editor.type_key(&FieldMsg::Submit);
            assert_eq!(matches!(outcome, CellInput::Commit(v) if v.is_nan()), clears, "{blank:?}");
        }
    }

    #[test]
    fn the_overlay_marks_the_selection_only_on_the_focused_grid() {
        let mut editor = GridEditor::new(Two::Wide, Blank::Refused);
        editor.select(Two::Narrow, 1, 0);
        assert_eq!(editor.overlay(Two::Narrow, true).selected, Some((1, 0)));
        assert_eq!(editor.overlay(Two::Wide, true).selected, None);
        assert!(!editor.overlay(Two::Narrow, false).focused);
        editor.begin(Some('7'), 0.0);
        assert_eq!(editor.overlay(Two::Narrow, true).editing, Some((1, 0, "7".into())));
    }
}
