//! Why a key scores high: a score q·k is a sum over the query/key columns, so the columns
//! with the largest products are the reason. Naming them turns a number into a sentence.

use super::Attention;

/// One column's share of a score: `q[column] · k[column]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Contribution {
    /// The query/key column, counted from 0.
    pub column: usize,
    pub query: f64,
    pub key: f64,
    /// `query × key`.
    pub product: f64,
}

/// A score taken apart: every column's product, largest first by size, and the total.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreReason {
    pub contributions: Vec<Contribution>,
    pub score: f64,
}

impl ScoreReason {
    /// The columns that carry the score: the largest products, at most `count`, skipping
    /// zeros (a column that adds nothing explains nothing).
    #[must_use]
    pub fn leading(&self, count: usize) -> Vec<Contribution> {
        self.contributions.iter().filter(|c| c.product != 0.0).take(count).copied().collect()
    }
}

/// Explains the raw score of query `a` against key `b` column by column, largest first; ties
/// keep column order so the explanation is stable.
#[must_use]
pub fn explain_score(attention: &Attention, a: usize, b: usize) -> ScoreReason {
    let mut contributions: Vec<Contribution> = (0..attention.key_width())
        .map(|column| {
            let (query, key) = (attention.q[(a, column)], attention.k[(b, column)]);
            Contribution { column, query, key, product: query * key }
        })
        .collect();
    contributions.sort_by(|x, y| y.product.abs().total_cmp(&x.product.abs()));
    ScoreReason { contributions, score: attention.scores[(a, b)] }
}

/// The key (counted from 0) that query `a` scores highest among those it may see; the first
/// on a tie, as a learner reading left to right would pick.
#[must_use]
pub fn top_key(attention: &Attention, a: usize) -> Option<usize> {
    (0..attention.tokens()).filter(|b| attention.is_visible(a, *b)).fold(None, |best: Option<usize>, b| match best {
        Some(x) if attention.scores[(a, x)] >= attention.scores[(a, b)] => Some(x),
        _ => Some(b),
    })
}

#[cfg(test)]
#[allow(clippy::float_cmp, reason = "the lesson's scores are exact small integers")]
mod tests {
    use super::*;
    use crate::scenario::Scenario;

    fn lesson() -> Attention {
        Attention::compute(Scenario::lesson().input).expect("fits")
    }

    #[test]
    fn the_lessons_q2_k1_comes_mostly_from_the_first_column() {
        // q2 = [3, 3], k1 = [4, 1]: 3·4 = 12 and 3·1 = 3, total 15.
        let reason = explain_score(&lesson(), 1, 0);
        assert_eq!(reason.score, 15.0);
        let products: Vec<(usize, f64)> = reason.contributions.iter().map(|c| (c.column, c.product)).collect();
        assert_eq!(products, [(0, 12.0), (1, 3.0)]);
        let total: f64 = reason.contributions.iter().map(|c| c.product).sum();
        assert_eq!(total, reason.score, "the products add up to the score");
    }

    #[test]
    fn zero_columns_explain_nothing_and_the_top_key_is_the_largest_score() {
        let a = lesson();
        assert_eq!(top_key(&a, 1), Some(0), "15 beats 12");
        let mut input = Scenario::lesson().input;
        input.w_q = crate::engine::Matrix::zeros(4, 2);
        let zero = Attention::compute(input).expect("fits");
        assert!(explain_score(&zero, 1, 0).leading(2).is_empty());
        assert_eq!(top_key(&zero, 1), Some(0), "a tie goes to the first key");
    }
}
