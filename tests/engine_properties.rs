//! Laws of attention that must hold for any shapes and values within the scenario limits.
#![allow(clippy::float_cmp, reason = "masked weights must be exactly zero, not nearly")]

use proptest::prelude::*;
use qkv_tutor::engine::{Attention, AttentionInput, Matrix, masked_row_softmax};
use strum::IntoEnumIterator;

fn matrix(rows: usize, cols: usize) -> impl Strategy<Value = Matrix> {
    prop::collection::vec(-50.0f64..50.0, rows * cols)
        .prop_map(move |values| Matrix::from_row_slice(rows, cols, &values))
}

fn input() -> impl Strategy<Value = AttentionInput> {
    (1usize..6, 1usize..7, 1usize..5, 1usize..5, any::<bool>(), any::<bool>()).prop_flat_map(
        |(t, d, dk, dv, scale, causal)| {
            (matrix(t, d), matrix(d, dk), matrix(d, dk), matrix(d, dv))
                .prop_map(move |(x, w_q, w_k, w_v)| AttentionInput { x, w_q, w_k, w_v, scale, causal })
        },
    )
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

proptest! {
    #[test]
    fn fused_projection_equals_the_three_separate_ones(input in input()) {
        let (dk, dv) = (input.w_q.ncols(), input.w_v.ncols());
        let d = input.x.ncols();
        let mut fused = Matrix::zeros(d, 2 * dk + dv);
        fused.columns_mut(0, dk).copy_from(&input.w_q);
        fused.columns_mut(dk, dk).copy_from(&input.w_k);
        fused.columns_mut(2 * dk, dv).copy_from(&input.w_v);
        let all = &input.x * &fused;
        let a = Attention::compute(input).expect("fits");
        prop_assert_eq!(all.columns(0, dk).into_owned(), a.q);
        prop_assert_eq!(all.columns(dk, dk).into_owned(), a.k);
        prop_assert_eq!(all.columns(2 * dk, dv).into_owned(), a.v);
    }

    #[test]
    fn every_weight_row_sums_to_one_and_masked_weights_are_zero(input in input()) {
        let a = Attention::compute(input).expect("fits");
        for r in 0..a.tokens() {
            let sum: f64 = a.weights.row(r).iter().sum();
            prop_assert!(close(sum, 1.0), "row {} sums to {}", r, sum);
            for c in 0..a.tokens() {
                if !a.is_visible(r, c) {
                    prop_assert_eq!(a.weights[(r, c)], 0.0);
                }
                prop_assert!(a.weights[(r, c)] >= 0.0);
            }
        }
    }

    #[test]
    fn softmax_ignores_a_constant_added_to_the_row(
        row in prop::collection::vec(-100.0f64..100.0, 1..10),
        shift in -1000.0f64..1000.0,
    ) {
        let visible = vec![true; row.len()];
        let shifted: Vec<f64> = row.iter().map(|x| x + shift).collect();
        let a = masked_row_softmax(&row, &visible);
        let b = masked_row_softmax(&shifted, &visible);
        for (x, y) in a.iter().zip(&b) {
            prop_assert!((x - y).abs() < 1e-9, "{} vs {}", x, y);
        }
    }

    #[test]
    fn derivation_sums_equal_the_matrix_entries(input in input()) {
        use qkv_tutor::engine::Projection;
        let a = Attention::compute(input).expect("fits");
        for t in 0..a.tokens() {
            for p in Projection::iter() {
                for j in 0..a.projected(p).ncols() {
                    let d = a.projection_derivation(p, t, j);
                    prop_assert!(close(d.sum_of_terms(), d.value));
                }
            }
            for b in 0..a.tokens() {
                let d = a.score_derivation(t, b);
                prop_assert!(close(d.sum_of_terms(), d.value));
            }
            for j in 0..a.value_width() {
                let d = a.context_derivation(t, j);
                prop_assert!(close(d.sum_of_terms(), d.value));
            }
        }
    }

    #[test]
    fn extreme_entries_keep_every_result_finite(scale in any::<bool>(), causal in any::<bool>(), sign in any::<bool>()) {
        let big = if sign { 1e6 } else { -1e6 };
        let x = Matrix::from_fn(16, 64, |r, c| if (r + c) % 3 == 0 { -big } else { big });
        let w = Matrix::from_element(64, 64, big);
        let a = Attention::compute(AttentionInput { x, w_q: w.clone(), w_k: w.clone(), w_v: w, scale, causal })
            .expect("fits");
        prop_assert!(a.scores.iter().chain(a.weights.iter()).chain(a.context.iter()).all(|v| v.is_finite()));
    }
}
