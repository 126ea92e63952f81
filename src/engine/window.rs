//! The answer sheet: a context window holds at most a fixed number of tokens, so when a new
//! one arrives into a full window, the oldest leaves and can no longer be attended to.

use super::Matrix;

/// The tokens after `new_token` arrives, and the index (in the old tokens) of the one that left.
#[must_use]
pub fn arrive(tokens: &Matrix, window: usize, new_token: &[f64]) -> (Matrix, Option<usize>) {
    let window = window.max(1);
    let count = tokens.nrows();
    let mut next = tokens.clone().insert_row(count, 0.0);
    next.row_mut(count).copy_from_slice(new_token);
    if next.nrows() > window {
        let drop = next.nrows() - window;
        return (next.rows(drop, window).into_owned(), Some(drop - 1));
    }
    (next, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_oldest_token_leaves_a_full_window() {
        let tokens = Matrix::from_row_slice(2, 1, &[1.0, 2.0]);
        let (next, dropped) = arrive(&tokens, 2, &[3.0]);
        assert_eq!(next.as_slice(), &[2.0, 3.0]);
        assert_eq!(dropped, Some(0));
        let (roomy, none) = arrive(&tokens, 3, &[3.0]);
        assert_eq!((roomy.nrows(), none), (3, None));
    }
}
