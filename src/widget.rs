//! Reusable widgets: the matrix grid, the key-hint footer and the one text field.

pub mod answer;
pub mod big_digits;
pub mod grid_editor;
pub mod key_hints;
pub mod line;
pub mod matrix_grid;
pub mod overlay;
pub mod text_field;

pub use answer::{AnswerBox, Standing, Submitted};
pub use grid_editor::{Blank, CellInput, GridEditor};
pub use key_hints::KeyHints;
pub use matrix_grid::{CellMark, GridGeometry, GridModel, MatrixGrid, OverlaidGrid};
pub use overlay::Overlay;
pub use text_field::TextField;
