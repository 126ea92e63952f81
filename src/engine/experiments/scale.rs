//! `sqrt-dk`: random queries and keys with unit-variance entries, at several widths. The
//! spread of q·k grows like √d_k; divided by √d_k it stays near 1, and the softmax over a
//! handful of keys stops saturating.

use crate::engine::masked_row_softmax;

/// The widths every run measures; the scenario's own d_k is added when it is not among them.
pub const SCALE_WIDTHS: [usize; 4] = [2, 8, 32, 128];
/// Keys per query for the largest softmax weight.
pub const SCALE_KEYS: usize = 8;
/// Query–key pairs per width: 256 queries, each against its own 8 keys.
pub const SCALE_PAIRS: usize = 256 * SCALE_KEYS;
/// The seed used unless another is given, so that two runs print the same numbers.
pub const DEFAULT_SEED: u64 = 21;

/// One width's measurements.
#[derive(Debug, Clone, PartialEq)]
pub struct ScaleRow {
    pub key_width: usize,
    /// Standard deviation of q·k.
    pub raw_std: f64,
    /// Standard deviation of q·k / √d_k.
    pub scaled_std: f64,
    /// Mean, over the queries, of the largest softmax weight among its keys, unscaled.
    pub raw_top_weight: f64,
    pub scaled_top_weight: f64,
}

/// The whole run: the seed it was drawn from and one row per width, narrowest first.
#[derive(Debug, Clone, PartialEq)]
pub struct ScaleSpread {
    pub seed: u64,
    pub pairs: usize,
    pub rows: Vec<ScaleRow>,
}

impl ScaleSpread {
    #[must_use]
    pub fn row(&self, key_width: usize) -> Option<&ScaleRow> {
        self.rows.iter().find(|r| r.key_width == key_width)
    }
}

/// SplitMix64 drawing uniform numbers on [-√3, √3]: mean 0 and variance exactly 1, which is
/// all the argument needs (no normal distribution is required for √d_k growth).
struct Draws(u64);

impl Draws {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        #[allow(clippy::cast_precision_loss, reason = "53 random bits fit an f64 exactly")]
        let unit = (z >> 11) as f64 / (1u64 << 53) as f64;
        (2.0 * unit - 1.0) * 3f64.sqrt()
    }

    fn vector(&mut self, width: usize) -> Vec<f64> {
        (0..width).map(|_| self.next()).collect()
    }
}

/// The spread q·k has in theory when q and k have `key_width` independent entries of mean 0
/// and variance 1: each product has variance 1 and the variances of independent terms add,
/// so the variance is d_k and the standard deviation √d_k. The measured runs scatter around it.
#[must_use]
pub fn spread_in_theory(key_width: usize) -> f64 {
    width_f64(key_width).sqrt()
}

/// Measures every width in [`SCALE_WIDTHS`] and `current` (the scenario's d_k).
#[must_use]
pub fn scale_spread(current: usize, seed: u64) -> ScaleSpread {
    // Thousands of seeded pairs per width: the view, the question and the checker all ask for
    // the same run, so the last one is kept (same inputs, same numbers).
    static LAST: std::sync::Mutex<Option<((usize, u64), ScaleSpread)>> = std::sync::Mutex::new(None);
    let mut last = LAST.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some((key, run)) = last.as_ref()
        && *key == (current, seed)
    {
        return run.clone();
    }
    let run = measure_all(current, seed);
    *last = Some(((current, seed), run.clone()));
    run
}

fn measure_all(current: usize, seed: u64) -> ScaleSpread {
    let mut widths = SCALE_WIDTHS.to_vec();
    if current > 0 && !widths.contains(&current) {
        widths.push(current);
        widths.sort_unstable();
    }
    let rows = widths.into_iter().map(|w| measure(w, seed)).collect();
    ScaleSpread { seed, pairs: SCALE_PAIRS, rows }
}

fn measure(key_width: usize, seed: u64) -> ScaleRow {
    // Each width has its own stream, so adding a width never changes another's numbers.
    let mut draws = Draws(seed ^ u64::try_from(key_width).unwrap_or(0).wrapping_mul(0xA24B_AED4_963E_E407));
    let root = width_f64(key_width).sqrt();
    let (mut scores, mut raw_top, mut scaled_top) = (Vec::with_capacity(SCALE_PAIRS), 0.0, 0.0);
    let visible = [true; SCALE_KEYS];
    for _ in 0..SCALE_PAIRS / SCALE_KEYS {
        let q = draws.vector(key_width);
        let row: Vec<f64> = (0..SCALE_KEYS).map(|_| dot(&q, &draws.vector(key_width))).collect();
        let scaled: Vec<f64> = row.iter().map(|s| s / root).collect();
        raw_top += top(&masked_row_softmax(&row, &visible));
        scaled_top += top(&masked_row_softmax(&scaled, &visible));
        scores.extend(row);
    }
    let queries = width_f64(SCALE_PAIRS / SCALE_KEYS);
    let raw_std = std_dev(&scores);
    ScaleRow {
        key_width,
        raw_std,
        scaled_std: raw_std / root,
        raw_top_weight: raw_top / queries,
        scaled_top_weight: scaled_top / queries,
    }
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn top(weights: &[f64]) -> f64 {
    weights.iter().copied().fold(0.0, f64::max)
}

#[allow(clippy::cast_precision_loss, reason = "widths and counts are small")]
fn width_f64(n: usize) -> f64 {
    n as f64
}

/// The population standard deviation.
fn std_dev(values: &[f64]) -> f64 {
    let n = width_f64(values.len().max(1));
    let mean = values.iter().sum::<f64>() / n;
    (values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_have_unit_variance() {
        let mut draws = Draws(7);
        let values: Vec<f64> = (0..20_000).map(|_| draws.next()).collect();
        let sd = std_dev(&values);
        assert!((sd - 1.0).abs() < 0.03, "{sd}");
        assert!(values.iter().all(|v| v.abs() <= 3f64.sqrt()));
    }

    #[test]
    fn the_current_width_is_added_once_in_order() {
        let run = scale_spread(4, DEFAULT_SEED);
        let widths: Vec<usize> = run.rows.iter().map(|r| r.key_width).collect();
        assert_eq!(widths, vec![2, 4, 8, 32, 128]);
        assert_eq!(scale_spread(8, DEFAULT_SEED).rows.len(), 4);
    }

    #[test]
    fn the_same_seed_gives_the_same_numbers_and_another_does_not() {
        assert_eq!(scale_spread(2, 5), scale_spread(2, 5));
        assert_ne!(scale_spread(2, 5), scale_spread(2, 6));
    }

    #[test]
    fn the_measured_spread_is_near_the_theory() {
        for row in scale_spread(2, DEFAULT_SEED).rows {
            let ratio = row.raw_std / spread_in_theory(row.key_width);
            assert!((ratio - 1.0).abs() < 0.1, "d_k = {}: {ratio}", row.key_width);
        }
    }

    #[test]
    fn std_dev_of_a_known_list() {
        assert!((std_dev(&[2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]) - 2.0).abs() < 1e-12);
    }
}
