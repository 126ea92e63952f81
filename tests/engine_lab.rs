//! The Lab's engine: the five bugs, heads, the KV-cache decode and the fused projection.

use proptest::prelude::*;
use qkv_tutor::engine::bugs::{self, Bug};
use qkv_tutor::engine::{Attention, AttentionInput, Fused, Matrix, MultiHead, decode, head_input};
use qkv_tutor::scenario::{self, Scenario};
use strum::IntoEnumIterator;

fn lesson() -> Attention {
    Attention::compute(Scenario::lesson().input).expect("fits")
}

#[test]
fn the_shape_bug_names_both_shapes() {
    let text = bugs::mixed_dimensions(&Scenario::lesson().input).expect_err("D = 4 but d_head = 2").to_string();
    assert!(text.contains("X [2×4]") && text.contains("W_Q (d_head×d_k) [2×2]"), "{text}");
}

#[test]
fn a_missing_transpose_is_silent_when_t_equals_d_k() {
    let a = lesson();
    let wrong = bugs::missing_transpose(&a).expect("T = d_k = 2 multiplies");
    assert_eq!(wrong, &a.q * &a.k);
    assert_ne!(wrong, a.scores, "and the numbers are wrong");
}

#[test]
fn a_missing_transpose_errors_when_t_differs_from_d_k() {
    let exercise = scenario::parse(scenario::EXERCISE_JSON, "exercise").expect("valid");
    let a = Attention::compute(exercise.input).expect("fits");
    let text = bugs::missing_transpose(&a).expect_err("T = 1, d_k = 2").to_string();
    assert!(text.contains("Q [1×2]") && text.contains("K [1×2]"), "{text}");
}

#[test]
fn shared_weights_make_q_k_and_v_equal() {
    let a = bugs::shared_weights(&Scenario::lesson().input).expect("fits");
    assert_eq!(a.q, a.k);
    assert_eq!(a.k, a.v);
    assert_ne!(a.scores, lesson().scores);
}

#[test]
fn heads_before_projection_surface_at_the_projection() {
    let input = Scenario::lesson().input;
    let text = bugs::heads_before_projection(&input, 2).expect_err("X head [2×2] · W_Q [4×2]").to_string();
    assert!(text.contains("X head 1 [2×2]") && text.contains("W_Q [4×2]"), "{text}");
    assert!(bugs::heads_before_projection(&input, 3).expect_err("4 / 3").to_string().contains("does not divide"));
    assert_eq!(bugs::heads_before_projection(&input, 1).expect("one head is no split").len(), 1);
}

#[test]
fn bug_names_round_trip() {
    for bug in Bug::iter() {
        assert_eq!(Bug::from_cli_name(bug.cli_name()), Some(bug));
    }
}

#[test]
fn one_head_equals_no_heads() {
    let a = lesson();
    let split = MultiHead::split(&a, 1).expect("1 divides");
    assert_eq!(split.concatenated, a.context);
    assert_eq!(split.heads[0].weights, a.weights);
    assert!(MultiHead::split(&a, 3).is_err());
}

fn matrix(rows: usize, cols: usize) -> impl Strategy<Value = Matrix> {
    prop::collection::vec(-9.0f64..9.0, rows * cols).prop_map(move |v| Matrix::from_row_slice(rows, cols, &v))
}

fn input_with_heads() -> impl Strategy<Value = (AttentionInput, usize)> {
    (1usize..5, 1usize..6, 1usize..4, 1usize..3, 1usize..3, any::<bool>(), any::<bool>()).prop_flat_map(
        |(t, d, h, hk, hv, scale, causal)| {
            (matrix(t, d), matrix(d, h * hk), matrix(d, h * hk), matrix(d, h * hv))
                .prop_map(move |(x, w_q, w_k, w_v)| (AttentionInput { x, w_q, w_k, w_v, scale, causal }, h))
        },
    )
}

fn close(a: &Matrix, b: &Matrix) -> bool {
    a.shape() == b.shape() && a.iter().zip(b.iter()).all(|(x, y)| (x - y).abs() <= 1e-9 * x.abs().max(1.0))
}

proptest! {
    #[test]
    fn concatenated_heads_equal_a_per_head_recomputation((input, h) in input_with_heads()) {
        let a = Attention::compute(input.clone()).expect("fits");
        let split = MultiHead::split(&a, h).expect("divides");
        let width = a.value_width() / h;
        for (i, head) in split.heads.iter().enumerate() {
            let alone = Attention::compute(head_input(&input, h, i)).expect("fits");
            prop_assert!(close(&head.context, &alone.context));
            prop_assert!(close(&split.concatenated.columns(i * width, width).into_owned(), &alone.context));
        }
    }

    #[test]
    fn kv_cache_decode_equals_full_causal_attention((input, _h) in input_with_heads()) {
        let full = Attention::compute(AttentionInput { causal: true, ..input.clone() }).expect("fits");
        for step in decode(&input) {
            let t = step.token;
            prop_assert_eq!(step.cached_k.nrows(), t + 1);
            let row: Vec<f64> = full.context.row(t).iter().copied().collect();
            for (x, y) in step.context.iter().zip(&row) {
                prop_assert!((x - y).abs() <= 1e-9 * y.abs().max(1.0), "step {}: {} vs {}", t, x, y);
            }
            prop_assert!(step.cost.with_cache <= step.cost.without_cache);
        }
    }

    #[test]
    fn fused_equals_separate((input, _h) in input_with_heads()) {
        let a = Attention::compute(input.clone()).expect("fits");
        let fused = Fused::compute(&input);
        prop_assert!(close(&fused.q, &a.q) && close(&fused.k, &a.k) && close(&fused.v, &a.v));
        prop_assert_eq!(fused.weight.ncols(), 2 * a.key_width() + a.value_width());
    }

    #[test]
    fn weights_ignore_any_w_v((input, _h) in input_with_heads(), shift in -5.0f64..5.0) {
        let a = Attention::compute(input.clone()).expect("fits");
        let w_v = input.w_v.map(|x| x * 2.0 + shift);
        let b = bugs::with_values(&input, w_v).expect("fits");
        prop_assert_eq!(&a.weights, &b.weights);
    }
}
