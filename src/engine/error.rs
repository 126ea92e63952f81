use super::Shape;
use thiserror::Error;

/// `1 row`, `2 rows`. The engine's own: `format::plural` lives above the engine.
fn counted(count: usize, word: &str) -> String {
    if count == 1 { format!("1 {word}") } else { format!("{count} {word}s") }
}

/// What can go wrong when matrices do not fit together.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EngineError {
    /// A product `left · right` whose inner dimensions disagree.
    #[error("cannot multiply {left} by {right}: {left_name} has {left_cols} but {right_name} has {right_rows}", left_name = left.name, left_cols = counted(left.cols, "column"), right_name = right.name, right_rows = counted(right.rows, "row"))]
    ShapeMismatch { left: Shape, right: Shape },
    /// W_Q and W_K must project into the same space, or q·k has no meaning.
    #[error("{w_q} and {w_k} must have the same width: queries and keys are compared entry by entry")]
    QueryKeyWidth { w_q: Shape, w_k: Shape },
    /// Heads must split the widths evenly.
    #[error(
        "{heads} heads cannot split d_k = {key_width} and d_v = {value_width} evenly: choose a count that divides both"
    )]
    Heads { heads: usize, key_width: usize, value_width: usize },
    /// Reshaping X into heads needs D to divide evenly.
    #[error("X cannot be cut into {heads} heads: D = {model_width} does not divide by {heads}")]
    ModelWidthSplit { heads: usize, model_width: usize },
    /// A matrix with no rows or no columns carries nothing to teach.
    #[error("{0} is empty")]
    Empty(Shape),
    /// A reordering must name every token exactly once.
    #[error("the new order must name each of the {tokens} tokens exactly once")]
    NotAPermutation { tokens: usize },
}
