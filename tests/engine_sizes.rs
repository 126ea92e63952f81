//! The fused check's tolerance on random decimal scenarios, the bug outcomes that are silent
//! or merely coincide, and the KV-cache arithmetic against the decode it describes.

use proptest::prelude::*;
use qkv_tutor::engine::bugs::{self, Outcome};
use qkv_tutor::engine::{
    Attention, AttentionInput, CacheConfig, Fused, Matrix, cache_saving, decode, kv_cache_bytes_per_token, nearly_equal,
};
use qkv_tutor::scenario::Scenario;

/// Decimals with several digits, as a learner's edited scenario or a saved file holds them.
fn decimals(rows: usize, cols: usize) -> impl Strategy<Value = Matrix> {
    prop::collection::vec(-1000.0f64..1000.0, rows * cols)
        .prop_map(move |values| Matrix::from_row_slice(rows, cols, &values.iter().map(|v| v / 7.0).collect::<Vec<_>>()))
}

fn decimal_input() -> impl Strategy<Value = AttentionInput> {
    (1usize..17, 1usize..65, 1usize..33, 1usize..33).prop_flat_map(|(t, d, dk, dv)| {
        (decimals(t, d), decimals(d, dk), decimals(d, dk), decimals(d, dv))
            .prop_map(|(x, w_q, w_k, w_v)| AttentionInput { x, w_q, w_k, w_v, scale: true, causal: false })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn fused_matches_separate_on_random_decimal_scenarios(input in decimal_input()) {
        let a = Attention::compute(input).expect("fits");
        let fused = Fused::compute(&a.input);
        prop_assert!(fused.matches(&a));
        let text = qkv_tutor::walk::lab::fused(&a, false);
        prop_assert!(text.contains("Equal to the three separate projections: yes"), "{}", text);
    }
}

#[test]
fn rounding_in_the_last_bits_is_equal_but_a_real_difference_is_not() {
    let a = Attention::compute(Scenario::lesson().input).expect("fits");
    let mut fused = Fused::compute(&a.input);
    fused.q[(0, 0)] += 1e-15 * fused.q[(0, 0)].abs().max(1.0);
    assert!(fused.q != a.q && fused.matches(&a), "1e-15 apart is the same number");
    fused.q[(0, 0)] += 1e-6;
    assert!(!fused.matches(&a), "1e-6 apart is a different number");
    assert!(!nearly_equal(&Matrix::zeros(2, 2), &Matrix::zeros(2, 3)), "different shapes never match");
}

fn with(x: &[f64], t: usize, w_q: Matrix, w_k: Matrix) -> Attention {
    let d = x.len() / t;
    let w_v = Matrix::identity(d, 2);
    Attention::compute(AttentionInput {
        x: Matrix::from_row_slice(t, d, x),
        w_q,
        w_k,
        w_v,
        scale: false,
        causal: false,
    })
    .expect("fits")
}

#[test]
fn a_missing_transpose_is_refused_silent_or_coincident() {
    let lesson = Attention::compute(Scenario::lesson().input).expect("fits");
    assert!(matches!(bugs::missing_transpose_outcome(&lesson), Outcome::Silent { coincides: false, .. }));
    // Identity projections of x1 = [1, 2], x2 = [2, 5]: K = [[1, 2], [2, 5]] is symmetric.
    let symmetric = with(&[1.0, 2.0, 2.0, 5.0], 2, Matrix::identity(2, 2), Matrix::identity(2, 2));
    assert_eq!(symmetric.k, symmetric.k.transpose());
    assert!(matches!(bugs::missing_transpose_outcome(&symmetric), Outcome::Silent { coincides: true, .. }));
    let three = with(&[1.0, 2.0, 2.0, 5.0, 0.0, 1.0], 3, Matrix::identity(2, 2), Matrix::identity(2, 2));
    assert!(matches!(bugs::missing_transpose_outcome(&three), Outcome::Refused(_)), "T = 3, d_k = 2");
}

#[test]
fn mixing_d_and_d_head_is_refused_unless_the_widths_coincide() {
    let lesson = Attention::compute(Scenario::lesson().input).expect("fits");
    assert!(matches!(bugs::mixed_dimensions_outcome(&lesson), Outcome::Refused(_)), "D = 4, d_head = 2");
    let square =
        with(&[1.0, 2.0, 2.0, 5.0], 2, Matrix::from_row_slice(2, 2, &[1.0, 2.0, 3.0, 4.0]), Matrix::identity(2, 2));
    assert!(matches!(bugs::mixed_dimensions_outcome(&square), Outcome::Silent { coincides: true, .. }), "D = d_k = 2");
    let text = qkv_tutor::walk::lab::bug(&square, bugs::Bug::Shapes, false);
    assert!(text.contains("silent") && text.contains("coincide"), "{text}");
    let text = qkv_tutor::walk::lab::bug(&symmetric_lesson(), bugs::Bug::NoTranspose, false);
    assert!(text.contains("K is symmetric") && text.contains("happens to equal"), "{text}");
}

fn symmetric_lesson() -> Attention {
    with(&[1.0, 2.0, 2.0, 5.0], 2, Matrix::identity(2, 2), Matrix::identity(2, 2))
}

#[test]
fn cache_savings_are_the_decodes_own_figures() {
    let input = Scenario::lesson().input;
    let (d, dk, dv) = (input.x.ncols(), input.w_k.ncols(), input.w_v.ncols());
    let to = |n: usize| u64::try_from(n).expect("small");
    for step in decode(&input) {
        let saved = cache_saving(to(step.token + 1), to(d), to(dk), to(dv));
        assert_eq!(to(step.cost.saved()), saved, "step {}", step.token + 1);
    }
}

#[test]
fn kv_bytes_scale_with_every_factor() {
    let base = CacheConfig { layers: 1, kv_heads: 1, head_dim: 1, bytes_per_number: 1 };
    assert_eq!(kv_cache_bytes_per_token(base), 2, "one key and one value");
    let doubled = CacheConfig { layers: 2, kv_heads: 3, head_dim: 5, bytes_per_number: 7 };
    assert_eq!(kv_cache_bytes_per_token(doubled), 2 * 2 * 3 * 5 * 7);
}
