//! The dot product as geometry, for two-dimensional queries and keys: a score is the length
//! of the key's shadow on the query's direction, times the query's length.

/// One key seen from one query: how long the query is, and how far the key reaches along it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shadow {
    /// |q|.
    pub query_length: f64,
    /// The signed length of k's projection onto q's direction: q·k / |q|.
    pub along: f64,
    /// The foot of the perpendicular from k onto the line through q.
    pub foot: (f64, f64),
    /// q·k, which equals `along × query_length`.
    pub score: f64,
}

/// The shadow of `k` on `q`; a zero query casts none (every score is 0).
#[must_use]
pub fn shadow(q: (f64, f64), k: (f64, f64)) -> Shadow {
    let score = q.0 * k.0 + q.1 * k.1;
    let query_length = q.0.hypot(q.1);
    if query_length == 0.0 {
        return Shadow { query_length, along: 0.0, foot: (0.0, 0.0), score };
    }
    let along = score / query_length;
    let unit = (q.0 / query_length, q.1 / query_length);
    Shadow { query_length, along, foot: (unit.0 * along, unit.1 * along), score }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lessons_scores_are_shadows_times_the_query_length() {
        for (k, score) in [((4.0, 1.0), 15.0), ((2.0, 2.0), 12.0)] {
            let s = shadow((3.0, 3.0), k);
            assert!((s.along * s.query_length - score).abs() < 1e-12, "{k:?}");
            assert!((s.score - score).abs() < 1e-12);
        }
    }

    #[test]
    fn the_foot_lies_on_the_query_line_and_the_rest_is_perpendicular() {
        let q = (3.0, 1.0);
        let k = (-1.0, 2.0);
        let s = shadow(q, k);
        assert!((s.foot.0 * q.1 - s.foot.1 * q.0).abs() < 1e-12, "on the line through q");
        let rest = (k.0 - s.foot.0, k.1 - s.foot.1);
        assert!((rest.0 * q.0 + rest.1 * q.1).abs() < 1e-12, "k minus its shadow is perpendicular to q");
    }

    #[test]
    fn a_zero_query_casts_no_shadow() {
        let s = shadow((0.0, 0.0), (2.0, 5.0));
        assert_eq!((s.along, s.score), (0.0, 0.0));
    }
}
