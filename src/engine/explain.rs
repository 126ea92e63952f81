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

    /// The non-zero products in groups of equal size (within [`TIE_TOLERANCE`]), largest
    /// first: a sentence naming "the" largest column must name a whole group, or it names
    /// one of several equals as the winner.
    #[must_use]
    pub fn groups(&self) -> Vec<Vec<Contribution>> {
        let mut groups: Vec<Vec<Contribution>> = Vec::new();
        for c in self.contributions.iter().filter(|c| c.product != 0.0) {
            match groups.last_mut() {
                Some(group) if group.first().is_some_and(|f| ties(f.product.abs(), c.product.abs())) => group.push(*c),
                _ => groups.push(vec![*c]),
            }
        }
        groups
    }
}

/// Two numbers closer than this are told as equal: a tie in the sentences, never a winner.
pub const TIE_TOLERANCE: f64 = 1e-9;

/// Whether `a` and `b` count as the same number in a sentence.
#[must_use]
pub fn ties(a: f64, b: f64) -> bool {
    (a - b).abs() <= TIE_TOLERANCE
}

/// The indices of `values` within [`TIE_TOLERANCE`] of the largest, in order: one index when
/// there is a clear winner, several on a tie, none for an empty list.
#[must_use]
pub fn top_indices(values: impl IntoIterator<Item = (usize, f64)>) -> Vec<usize> {
    let values: Vec<(usize, f64)> = values.into_iter().filter(|(_, v)| !v.is_nan()).collect();
    let Some(top) = values.iter().map(|(_, v)| *v).reduce(f64::max) else { return Vec::new() };
    values.iter().filter(|(_, v)| ties(*v, top)).map(|(i, _)| *i).collect()
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
/// on a tie. Sentences use [`top_keys`], which names every tied key.
#[must_use]
pub fn top_key(attention: &Attention, a: usize) -> Option<usize> {
    top_keys(attention, a).first().copied()
}

/// Every visible key whose score is within [`TIE_TOLERANCE`] of query `a`'s highest, in order.
#[must_use]
pub fn top_keys(attention: &Attention, a: usize) -> Vec<usize> {
    top_indices((0..attention.keys()).filter(|b| attention.is_visible(a, *b)).map(|b| (b, attention.scores[(a, b)])))
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
        assert_eq!(top_keys(&zero, 1), [0, 1], "but both tied keys are named");
    }

    #[test]
    fn equal_products_form_one_group_and_near_misses_do_not() {
        // q2 = [3, 3] against a key [2, 2]: 6 and 6, one group of two.
        let c = |column, product| Contribution { column, query: 1.0, key: product, product };
        let reason = ScoreReason { contributions: vec![c(0, 6.0), c(1, -6.0), c(2, 1.0), c(3, 0.0)], score: 1.0 };
        let groups: Vec<Vec<usize>> = reason.groups().iter().map(|g| g.iter().map(|c| c.column).collect()).collect();
        assert_eq!(groups, [vec![0, 1], vec![2]], "equal sizes tie whatever the sign; zeros are left out");
        assert_eq!(top_indices([(0, 12.0), (1, 12.0 + 1e-12), (2, 11.999)]), [0, 1]);
        assert_eq!(top_indices([(4, 1.0)]), [4]);
        assert!(top_indices(std::iter::empty()).is_empty());
    }
}
