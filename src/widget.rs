//! Reusable widgets: the matrix grid and the key-hint footer.

pub mod big_digits;
pub mod key_hints;
pub mod matrix_grid;

pub use key_hints::KeyHints;
pub use matrix_grid::{CellMark, GridGeometry, GridModel, MatrixGrid};
