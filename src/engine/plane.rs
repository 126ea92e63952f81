//! The dot product as geometry, for two-dimensional queries and keys: a score is the length
//! of the key's shadow on the query's direction, times the query's length. Also the part of
//! the plane a picture of them should show.

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

/// A terminal cell is about this many times taller than wide; a plot that honours it keeps a
/// right angle looking right, which the shadow picture depends on.
pub const CELL_ASPECT: f64 = 2.0;

/// Room left around the data, as a share of its larger span, so no tip sits on the border.
const MARGIN: f64 = 0.12;

/// A rectangle of the plane: `x` and `y` are `[low, high]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Window {
    pub x: [f64; 2],
    pub y: [f64; 2],
}

impl Window {
    #[must_use]
    pub fn width(&self) -> f64 {
        self.x[1] - self.x[0]
    }

    #[must_use]
    pub fn height(&self) -> f64 {
        self.y[1] - self.y[0]
    }

    #[must_use]
    pub fn contains(&self, p: (f64, f64)) -> bool {
        (self.x[0]..=self.x[1]).contains(&p.0) && (self.y[0]..=self.y[1]).contains(&p.1)
    }

    /// How many columns show this window at true proportions in `rows` rows.
    #[must_use]
    pub fn columns_for(&self, rows: u16) -> f64 {
        self.width() / self.height() * CELL_ASPECT * f64::from(rows)
    }

    /// How many rows show this window at true proportions in `cols` columns.
    #[must_use]
    pub fn rows_for(&self, cols: u16) -> f64 {
        self.height() / self.width() / CELL_ASPECT * f64::from(cols)
    }
}

/// The smallest window holding the origin and every point, plus a margin. The origin is
/// always in, because every arrow starts there; beyond it the window reaches only where the
/// data does, so with no negative y the lower half of a plot is not spent on nothing.
/// Points that are not finite are left out.
#[must_use]
pub fn extent(points: impl IntoIterator<Item = (f64, f64)>) -> Window {
    let (mut low, mut high) = ((0.0_f64, 0.0_f64), (0.0_f64, 0.0_f64));
    for (x, y) in points.into_iter().filter(|(x, y)| x.is_finite() && y.is_finite()) {
        low = (low.0.min(x), low.1.min(y));
        high = (high.0.max(x), high.1.max(y));
    }
    let span = (high.0 - low.0).max(high.1 - low.1);
    let margin = if span > 0.0 { span * MARGIN } else { 1.0 };
    Window { x: [low.0 - margin, high.0 + margin], y: [low.1 - margin, high.1 + margin] }
}

/// `window` grown along one axis until a unit across is as long as a unit up on a plot of
/// `cols` × `rows` cells; the growth is shared evenly by both sides.
#[must_use]
pub fn fit(window: Window, cols: u16, rows: u16) -> Window {
    let cols = f64::from(cols.max(1));
    let rows = f64::from(rows.max(1)) * CELL_ASPECT;
    let per_cell = (window.width() / cols).max(window.height() / rows);
    let grow = |[low, high]: [f64; 2], span: f64| {
        let extra = (span - (high - low)).max(0.0) / 2.0;
        [low - extra, high + extra]
    };
    Window { x: grow(window.x, per_cell * cols), y: grow(window.y, per_cell * rows) }
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

    #[test]
    fn the_window_reaches_only_where_the_data_does() {
        // The meaning scenario's q3 and keys: nothing below the x axis or left of the y axis.
        let w = extent([(2.0, 0.0), (1.0, 0.0), (2.0, 1.0), (0.0, 2.0), (0.0, 0.0)]);
        assert!(w.contains((0.0, 0.0)) && w.contains((2.0, 2.0)));
        assert!(-w.y[0] < w.y[1] / 5.0, "the part below the axis is a margin, not a half: {w:?}");
        assert!(-w.x[0] < w.x[1] / 5.0, "{w:?}");
        let below = extent([(1.0, -3.0), (2.0, 1.0)]);
        assert!(below.y[0] < -3.0 && below.y[1] > 1.0, "negative data gets its room: {below:?}");
    }

    #[test]
    fn a_window_of_nothing_but_the_origin_still_has_size() {
        let w = extent([(0.0, 0.0), (f64::NAN, 1.0)]);
        assert!(w.width() > 0.0 && w.height() > 0.0 && w.contains((0.0, 0.0)));
    }

    proptest::proptest! {
        #[test]
        fn fitting_keeps_every_point_and_makes_units_square(
            points in proptest::collection::vec((-50.0..50.0_f64, -50.0..50.0_f64), 1..8),
            cols in 10_u16..80,
            rows in 5_u16..40,
        ) {
            let w = fit(extent(points.iter().copied()), cols, rows);
            for p in &points {
                proptest::prop_assert!(w.contains(*p));
            }
            let across = w.width() / f64::from(cols);
            let up = w.height() / (f64::from(rows) * CELL_ASPECT);
            proptest::prop_assert!((across - up).abs() <= 1e-9 * across.max(up), "{across} {up}");
        }
    }
}
