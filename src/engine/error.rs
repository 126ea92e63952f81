use super::Shape;
use thiserror::Error;

/// What can go wrong when matrices do not fit together.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EngineError {
    /// A product `left · right` whose inner dimensions disagree.
    #[error("cannot multiply {left} by {right}: {left_name} has {left_cols} columns but {right_name} has {right_rows} rows", left_name = left.name, left_cols = left.cols, right_name = right.name, right_rows = right.rows)]
    ShapeMismatch { left: Shape, right: Shape },
    /// W_Q and W_K must project into the same space, or q·k has no meaning.
    #[error(
        "{w_q} and {w_k} must have the same width: queries and keys are compared entry by entry"
    )]
    QueryKeyWidth { w_q: Shape, w_k: Shape },
    /// A matrix with no rows or no columns carries nothing to teach.
    #[error("{0} is empty")]
    Empty(Shape),
}
