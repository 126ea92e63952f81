//! The lesson's "Apply now" exercise: x = [1, 2, 1, 0], the learner's own small W_Q, W_K and
//! W_V, and their hand-computed q, k and v, each entry checked with the first wrong term.

use crate::engine::{Attention, AttentionInput, Matrix, Projection};
use crate::format;
use crate::quiz::{Verdict, check_answer};
use crate::widget::TextField;
use strum::IntoEnumIterator;

/// The exercise's token.
pub const APPLY_X: [f64; 4] = [1.0, 2.0, 1.0, 0.0];

#[derive(Debug, Clone, PartialEq)]
pub struct ApplyState {
    /// W_Q, W_K, W_V (4×2 each), then the answers (3×2: rows q, k, v; NaN = not filled in).
    pub grids: [Matrix; 4],
    pub grid: usize,
    pub row: usize,
    pub col: usize,
    pub edit: Option<TextField>,
    pub report: Vec<(bool, String)>,
}

impl Default for ApplyState {
    fn default() -> Self {
        let w = Matrix::zeros(4, 2);
        Self {
            grids: [w.clone(), w.clone(), w, Matrix::from_element(3, 2, f64::NAN)],
            grid: 0,
            row: 0,
            col: 0,
            edit: None,
            report: Vec::new(),
        }
    }
}

pub const GRID_NAMES: [&str; 4] = ["your W_Q", "your W_K", "your W_V", "your q, k, v"];

/// The exercise's token through the learner's own matrices.
#[must_use]
pub fn learner_attention(state: &ApplyState) -> Option<Attention> {
    let input = AttentionInput {
        x: Matrix::from_row_slice(1, 4, &APPLY_X),
        w_q: state.grids[0].clone(),
        w_k: state.grids[1].clone(),
        w_v: state.grids[2].clone(),
        scale: false,
        causal: false,
    };
    Attention::compute(input).ok()
}

/// The three views must be worth checking: each non-zero, and all three different. An
/// all-zero W passes every entry check (0 = 0) while teaching nothing.
fn views_problems(attention: &Attention) -> Vec<(bool, String)> {
    let mut problems = Vec::new();
    for p in Projection::iter() {
        if attention.projected(p).iter().all(|v| *v == 0.0) {
            problems.push((
                false,
                format!(
                    "✗ your {} gives {} = [0, 0]: a zero {} carries nothing; give it entries that x = [1, 2, 1, 0] picks up",
                    p.weight_name(),
                    p.letter(),
                    p.letter()
                ),
            ));
        }
    }
    let [q, k, v] = [Projection::Query, Projection::Key, Projection::Value].map(|p| attention.projected(p).clone());
    for ((a, b), (x, y)) in [((&q, &k), ("q", "k")), ((&q, &v), ("q", "v")), ((&k, &v), ("k", "v"))] {
        if a == b && problems.is_empty() {
            problems.push((
                false,
                format!("✗ {x} and {y} are the same vector: three matrices should give three different views"),
            ));
        }
    }
    problems
}

/// Checks every entry of the learner's q, k and v against their own matrices.
#[must_use]
pub fn apply_report(state: &ApplyState) -> Vec<(bool, String)> {
    let Some(attention) = learner_attention(state) else { return vec![(false, "the matrices do not fit".into())] };
    let mut report = views_problems(&attention);
    for (row, projection) in Projection::iter().enumerate() {
        for col in 0..2 {
            let derivation = attention.projection_derivation(projection, 0, col);
            let typed = state.grids[3][(row, col)];
            let name = format!("{} entry {}", projection.letter(), col + 1);
            report.push(check_entry(&name, typed, &derivation));
        }
    }
    report
}

fn check_entry(name: &str, typed: f64, derivation: &crate::engine::Derivation) -> (bool, String) {
    if typed.is_nan() {
        return (false, format!("· {name}: not filled in yet"));
    }
    match check_answer(&format::number(typed), derivation) {
        Ok(Verdict::Right) => (true, format!("✓ {name} = {}", format::number(typed))),
        Ok(wrong @ Verdict::Wrong { .. }) => (
            false,
            format!(
                "✗ {name}: you wrote {}; {}; worked: {}",
                format::number(typed),
                wrong.reason(),
                format::derivation(derivation)
            ),
        ),
        Err(e) => (false, format!("✗ {name}: {e}")),
    }
}
