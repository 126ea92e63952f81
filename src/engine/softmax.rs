/// A numerically stable softmax over one row, with masked entries weighing exactly 0.
///
/// The row maximum is taken over the visible entries only and subtracted before `exp`, so
/// huge scores never overflow. `visible[i] == false` means entry `i` is masked. A row with
/// nothing visible yields all zeros rather than NaN.
#[must_use]
pub fn masked_row_softmax(row: &[f64], visible: &[bool]) -> Vec<f64> {
    let max = row.iter().zip(visible).filter(|(_, v)| **v).map(|(s, _)| *s).fold(f64::NEG_INFINITY, f64::max);
    if max == f64::NEG_INFINITY {
        return vec![0.0; row.len()];
    }
    let exps: Vec<f64> = row.iter().zip(visible).map(|(s, v)| if *v { (s - max).exp() } else { 0.0 }).collect();
    let total: f64 = exps.iter().sum();
    exps.into_iter().map(|e| e / total).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lesson_scores_give_lesson_weights() {
        let w = masked_row_softmax(&[15.0, 12.0], &[true, true]);
        assert!((w[0] - 0.952_574_126_822_433_4).abs() < 1e-12);
        assert!((w[1] - 0.047_425_873_177_566_79).abs() < 1e-12);
    }

    #[test]
    fn masked_entries_weigh_exactly_zero() {
        let w = masked_row_softmax(&[1.0, 1000.0], &[true, false]);
        assert_eq!(w, vec![1.0, 0.0]);
    }

    #[test]
    fn huge_scores_stay_finite() {
        let w = masked_row_softmax(&[1e300, -1e300, 1e300], &[true, true, true]);
        assert!(w.iter().all(|x| x.is_finite()));
        assert!((w[0] - 0.5).abs() < 1e-12);
    }

    #[test]
    fn nothing_visible_gives_zeros_not_nan() {
        assert_eq!(masked_row_softmax(&[1.0, 2.0], &[false, false]), vec![0.0, 0.0]);
    }
}
