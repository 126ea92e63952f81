//! The lesson's numbers, exactly, and every numpy fixture within 1e-9 relative.

#![allow(clippy::float_cmp, reason = "the lesson's numbers are small integers, exact in f64")]

mod common;

use common::{assert_rows_close, fixture_names, fixtures_dir, rows};
use qkv_tutor::engine::{Attention, EngineError, Matrix, Projection};
use qkv_tutor::format;
use qkv_tutor::scenario::{self, Scenario};

fn lesson() -> Attention {
    Attention::compute(Scenario::lesson().input).expect("lesson shapes fit")
}

fn row(m: &Matrix, r: usize) -> Vec<f64> {
    m.row(r).iter().copied().collect()
}

fn to_rows(m: &Matrix) -> Vec<Vec<f64>> {
    (0..m.nrows()).map(|r| row(m, r)).collect()
}

#[test]
fn lesson_projections_are_exact() {
    let a = lesson();
    assert_eq!(row(&a.q, 0), [2.0, 4.0]);
    assert_eq!(row(&a.k, 0), [4.0, 1.0]);
    assert_eq!(row(&a.v, 0), [4.0, 2.0]);
    assert_eq!(row(&a.q, 1), [3.0, 3.0]);
    assert_eq!(row(&a.k, 1), [2.0, 2.0]);
    assert_eq!(row(&a.v, 1), [3.0, 3.0]);
}

#[test]
fn lesson_scores_weights_and_context_match_the_seed() {
    let a = lesson();
    assert_eq!(a.scores[(1, 0)], 15.0);
    assert_eq!(a.scores[(1, 1)], 12.0);
    assert!((a.weights[(1, 0)] - 0.952_574).abs() < 1e-6);
    assert!((a.weights[(1, 1)] - 0.047_426).abs() < 1e-6);
    assert!((a.context[(1, 0)] - 3.952_574).abs() < 1e-6);
    assert!((a.context[(1, 1)] - 2.047_426).abs() < 1e-6);
}

#[test]
fn lesson_scaled_matches_the_seed() {
    let mut input = Scenario::lesson().input;
    input.scale = true;
    let a = Attention::compute(input).expect("fits");
    assert!((a.weights[(1, 0)] - 0.892_958).abs() < 1e-6);
    assert!((a.context[(1, 0)] - 3.892_958).abs() < 1e-6);
    assert!((a.context[(1, 1)] - 2.107_042).abs() < 1e-6);
    assert_eq!(a.scores[(1, 0)], 15.0, "raw scores are never scaled");
}

#[test]
fn lesson_derivations_read_like_the_lesson() {
    let a = lesson();
    let q2_second = a.projection_derivation(Projection::Query, 1, 1);
    assert_eq!(format::derivation(&q2_second), "1·0 + 0·1 + 2·1 + 1·1 = 3");
    assert_eq!(format::derivation(&a.score_derivation(1, 0)), "3·4 + 3·1 = 15");
    assert_eq!(format::derivation(&a.score_derivation(1, 1)), "3·2 + 3·2 = 12");
}

#[test]
fn every_fixture_matches_numpy() {
    let names = fixture_names();
    assert!(names.len() >= 6, "fixtures were copied: {names:?}");
    for name in names {
        let dir = fixtures_dir();
        let s = scenario::load(&dir.join(format!("{name}.scenario.json"))).expect("fixture loads");
        let text = std::fs::read_to_string(dir.join(format!("{name}.expected.json"))).expect("read");
        let expected: serde_json::Value = serde_json::from_str(&text).expect("json");
        let a = Attention::compute(s.input).expect("fits");
        for (field, m) in [("q", &a.q), ("k", &a.k), ("v", &a.v), ("scores", &a.scores)] {
            assert_rows_close(&format!("{name}.{field}"), &to_rows(m), &rows(&expected[field]));
        }
        assert_rows_close(&format!("{name}.weights"), &to_rows(&a.weights), &rows(&expected["weights"]));
        assert_rows_close(&format!("{name}.context"), &to_rows(&a.context), &rows(&expected["context"]));
    }
}

#[test]
fn shape_mismatch_names_both_shapes() {
    let mut input = Scenario::lesson().input;
    input.w_k = Matrix::zeros(3, 2);
    let error = Attention::compute(input).expect_err("W_K has 3 rows");
    assert!(matches!(error, EngineError::ShapeMismatch { .. }));
    let text = error.to_string();
    assert!(text.contains("X [2×4]") && text.contains("W_K [3×2]"), "{text}");
}

#[test]
fn query_and_key_widths_must_agree() {
    let mut input = Scenario::lesson().input;
    input.w_k = Matrix::zeros(4, 3);
    let text = Attention::compute(input).expect_err("widths differ").to_string();
    assert!(text.contains("W_Q [4×2]") && text.contains("W_K [4×3]"), "{text}");
}

#[test]
fn causal_mask_hides_future_keys_in_derivations() {
    let mut input = Scenario::lesson().input;
    input.causal = true;
    let a = Attention::compute(input).expect("fits");
    assert_eq!(a.weights[(0, 1)], 0.0);
    assert_eq!(a.context_derivation(0, 0).terms.len(), 1);
    assert!(!a.softmax_derivation(0).visible[1]);
}
