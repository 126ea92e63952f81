use std::fmt;

/// A named matrix shape, so that error messages and the lesson's shape line read the same.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shape {
    pub name: String,
    pub rows: usize,
    pub cols: usize,
}

impl Shape {
    pub fn new(name: impl Into<String>, rows: usize, cols: usize) -> Self {
        Self { name: name.into(), rows, cols }
    }

    pub fn of(name: impl Into<String>, matrix: &super::Matrix) -> Self {
        Self::new(name, matrix.nrows(), matrix.ncols())
    }
}

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} [{}×{}]", self.name, self.rows, self.cols)
    }
}

/// The lesson's shape line for one product, e.g. `X [2×4] · W_Q [4×2] → Q [2×2]`.
#[must_use]
pub fn shape_line(left: &Shape, right: &Shape, result_name: &str) -> String {
    let result = Shape::new(result_name, left.rows, right.cols);
    format!("{left} · {right} → {result}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_line_reads_like_the_lesson() {
        let x = Shape::new("X", 2, 4);
        let w = Shape::new("W_Q", 4, 2);
        assert_eq!(shape_line(&x, &w, "Q"), "X [2×4] · W_Q [4×2] → Q [2×2]");
    }
}
