//! The lesson's "Apply now" exercise: x = [1, 2, 1, 0], the learner's own small W_Q, W_K and
//! W_V, and their hand-computed q, k and v, each entry checked with the first wrong term.

use crate::engine::{Attention, AttentionInput, Matrix, Projection};
use crate::format;
use crate::quiz::{Verdict, check_answer};
use crate::widget::{Blank, GridEditor};
use strum::{EnumIter, IntoEnumIterator};

/// The exercise's token.
pub const APPLY_X: [f64; 4] = [1.0, 2.0, 1.0, 0.0];
/// Each W maps x's 4 numbers to 2.
const WIDTH: usize = 2;

/// Apply now's grids, in the order the arrow keys cross them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter)]
pub enum ApplyGrid {
    WQ,
    WK,
    WV,
    /// The learner's q, k and v: one row each.
    Answers,
}

impl ApplyGrid {
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            ApplyGrid::WQ => "your W_Q",
            ApplyGrid::WK => "your W_K",
            ApplyGrid::WV => "your W_V",
            ApplyGrid::Answers => "your q, k, v",
        }
    }

    /// The weight grid of a projection.
    #[must_use]
    pub fn weight(projection: Projection) -> Self {
        match projection {
            Projection::Query => ApplyGrid::WQ,
            Projection::Key => ApplyGrid::WK,
            Projection::Value => ApplyGrid::WV,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ApplyState {
    w_q: Matrix,
    w_k: Matrix,
    w_v: Matrix,
    /// 3×2, rows q, k, v; NaN is "not filled in yet".
    answers: Matrix,
    editor: GridEditor<ApplyGrid>,
    report: Vec<(bool, String)>,
}

impl Default for ApplyState {
    fn default() -> Self {
        let w = Matrix::zeros(APPLY_X.len(), WIDTH);
        Self {
            w_q: w.clone(),
            w_k: w.clone(),
            w_v: w,
            answers: Matrix::from_element(3, WIDTH, f64::NAN),
            editor: GridEditor::new(ApplyGrid::WQ, Blank::Clears),
            report: Vec::new(),
        }
    }
}

impl ApplyState {
    #[must_use]
    pub fn matrix(&self, grid: ApplyGrid) -> &Matrix {
        match grid {
            ApplyGrid::WQ => &self.w_q,
            ApplyGrid::WK => &self.w_k,
            ApplyGrid::WV => &self.w_v,
            ApplyGrid::Answers => &self.answers,
        }
    }

    pub(super) fn matrix_mut(&mut self, grid: ApplyGrid) -> &mut Matrix {
        match grid {
            ApplyGrid::WQ => &mut self.w_q,
            ApplyGrid::WK => &mut self.w_k,
            ApplyGrid::WV => &mut self.w_v,
            ApplyGrid::Answers => &mut self.answers,
        }
    }

    /// The selection and the cell being typed into.
    #[must_use]
    pub fn editor(&self) -> &GridEditor<ApplyGrid> {
        &self.editor
    }

    pub(super) fn editor_mut(&mut self) -> &mut GridEditor<ApplyGrid> {
        &mut self.editor
    }

    /// The last check, item by item: (passed, what it says).
    #[must_use]
    pub fn report(&self) -> &[(bool, String)] {
        &self.report
    }

    /// Checks everything and keeps the report; returns how many checks failed.
    pub(super) fn check(&mut self) -> usize {
        self.report = apply_report(self);
        self.report.iter().filter(|(ok, _)| !ok).count()
    }

    /// The exercise's token through the learner's own matrices.
    #[must_use]
    pub fn learner_attention(&self) -> Option<Attention> {
        let input = AttentionInput {
            x: Matrix::from_row_slice(1, APPLY_X.len(), &APPLY_X),
            w_q: self.w_q.clone(),
            w_k: self.w_k.clone(),
            w_v: self.w_v.clone(),
            scale: false,
            causal: false,
        };
        Attention::compute(input).ok()
    }
}

/// The W's must teach something: a W of zeros gives [0, 0] for every token (and passes
/// every entry check, 0 = 0), and one matrix used for two roles gives one view twice.
/// Outputs that happen to agree on this x are fine, and said to be.
fn weight_problems(state: &ApplyState, attention: &Attention) -> Vec<(bool, String)> {
    let mut problems: Vec<(bool, String)> = Projection::iter()
        .filter(|p| state.matrix(ApplyGrid::weight(*p)).iter().all(|v| *v == 0.0))
        .map(|p| {
            let (w, letter) = (p.weight_name(), p.letter());
            (false, format!("✗ your {w} is all zero: {letter} = [0, 0] for every token, which teaches nothing"))
        })
        .collect();
    for (a, b) in pairs() {
        let (wa, wb) = (state.matrix(ApplyGrid::weight(a)), state.matrix(ApplyGrid::weight(b)));
        if wa == wb && wa.iter().any(|v| *v != 0.0) {
            let (a, b) = (a.weight_name(), b.weight_name());
            problems.push((false, format!("✗ {a} and {b} are the same matrix: two roles need two different W's")));
        }
    }
    if problems.is_empty() {
        problems.extend(equal_outputs(attention));
    }
    problems
}

/// The three pairs of roles.
fn pairs() -> [(Projection, Projection); 3] {
    [(Projection::Query, Projection::Key), (Projection::Query, Projection::Value), (Projection::Key, Projection::Value)]
}

/// A note for each pair of outputs that agree on this x, with the lesson's own example.
fn equal_outputs(attention: &Attention) -> Vec<(bool, String)> {
    let example = lesson_twins().map_or_else(String::new, |(t, a, b, row)| {
        let row = format::vector(row);
        format!(": the lesson's own {a}{t} and {b}{t} are both {row}")
    });
    pairs()
        .into_iter()
        .filter(|(a, b)| attention.projected(*a).row(0) == attention.projected(*b).row(0))
        .map(|(a, b)| {
            let (a, b) = (a.letter(), b.letter());
            (true, format!("· {a} and {b} come out equal for this x, and that is allowed: different W's can agree on one token{example}"))
        })
        .collect()
}

/// The first token of the lesson whose two views are equal: (token from 1, letters, row).
fn lesson_twins() -> Option<(usize, &'static str, &'static str, Vec<f64>)> {
    let attention = Attention::compute(crate::scenario::Scenario::lesson().input).ok()?;
    (0..attention.tokens()).find_map(|t| {
        pairs().into_iter().find_map(|(a, b)| {
            let (ra, rb) = (attention.projected(a).row(t), attention.projected(b).row(t));
            (ra == rb).then(|| (t + 1, a.letter(), b.letter(), ra.iter().copied().collect()))
        })
    })
}

/// Checks every entry of the learner's q, k and v against their own matrices.
#[must_use]
pub fn apply_report(state: &ApplyState) -> Vec<(bool, String)> {
    let Some(attention) = state.learner_attention() else { return vec![(false, "the matrices do not fit".into())] };
    let mut report = weight_problems(state, &attention);
    for (row, projection) in Projection::iter().enumerate() {
        for col in 0..WIDTH {
            let derivation = attention.projection_derivation(projection, 0, col);
            let typed = state.answers[(row, col)];
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
