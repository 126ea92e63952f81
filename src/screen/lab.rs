//! The Lab: each of the five common bugs switched on beside the correct computation, the
//! five ideas (heads, the causal mask, the context window, the KV cache, real models), and
//! four experiments that ask for a prediction before they reveal, all on the current
//! scenario's numbers.

mod bugs;
mod experiment;
mod experiment_view;
mod ideas;
mod keys;
mod update;
mod view;

pub use experiment::encoder_of;
pub use keys::KEYS;
use strum::{EnumIter, IntoEnumIterator};
pub use update::LabMsg;
pub use view::{LIST_WIDTH, LabView, panel_at_row};

use crate::engine::experiments::{DEFAULT_SEED, Experiment};
use crate::engine::{Attention, Matrix};
use crate::widget::AnswerBox;

/// The Lab's panels, in list order: five bugs, five ideas, then four experiments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter)]
pub enum LabPanel {
    Shapes,
    NoTranspose,
    SharedWeights,
    HeadsBeforeProjection,
    ValuesMatch,
    Heads,
    ExamRule,
    AnswerSheet,
    MemoryShortcut,
    InTheWild,
    SqrtDk,
    SharedQk,
    Shuffle,
    Cross,
}

impl LabPanel {
    /// The key of this panel's narration in the lesson file's `lab` section.
    #[must_use]
    pub fn lesson_key(self) -> &'static str {
        match self {
            LabPanel::Shapes => "shapes",
            LabPanel::NoTranspose => "no_transpose",
            LabPanel::SharedWeights => "shared_weights",
            LabPanel::HeadsBeforeProjection => "heads_before_projection",
            LabPanel::ValuesMatch => "values_match",
            LabPanel::Heads => "heads",
            LabPanel::ExamRule => "exam_rule",
            LabPanel::AnswerSheet => "answer_sheet",
            LabPanel::MemoryShortcut => "memory_shortcut",
            LabPanel::InTheWild => "in_the_wild",
            LabPanel::SqrtDk => "sqrt_dk",
            LabPanel::SharedQk => "shared_qk",
            LabPanel::Shuffle => "shuffle",
            LabPanel::Cross => "cross",
        }
    }

    /// The experiment this panel runs, if it is one of the four.
    #[must_use]
    pub fn experiment(self) -> Option<Experiment> {
        match self {
            LabPanel::SqrtDk => Some(Experiment::SqrtDk),
            LabPanel::SharedQk => Some(Experiment::SharedQk),
            LabPanel::Shuffle => Some(Experiment::Shuffle),
            LabPanel::Cross => Some(Experiment::Cross),
            _ => None,
        }
    }

    #[must_use]
    pub fn index(self) -> usize {
        Self::iter().position(|p| p == self).unwrap_or(0)
    }

    #[must_use]
    pub fn is_bug(self) -> bool {
        self.index() < 5
    }

    #[must_use]
    pub fn offset(self, delta: isize) -> Self {
        crate::message::cycle(self, delta)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct LabState {
    panel: LabPanel,
    /// Requested head count; the view uses the nearest count that divides d_k and d_v.
    heads: usize,
    decode_step: usize,
    /// Context window size; 0 means "as many as the scenario has tokens".
    window: usize,
    arrivals: usize,
    /// How many times W_V has been edited in the values panel.
    value_edits: usize,
    /// The seed of sqrt-dk's random draws.
    seed: u64,
    /// Each experiment's prediction, made when its panel is first shown; nothing is
    /// revealed until it is answered or given up on.
    predictions: Vec<(Experiment, AnswerBox)>,
}

impl Default for LabState {
    fn default() -> Self {
        Self {
            panel: LabPanel::Shapes,
            heads: 2,
            decode_step: 0,
            window: 0,
            arrivals: 0,
            value_edits: 1,
            seed: DEFAULT_SEED,
            predictions: Vec::new(),
        }
    }
}

impl LabState {
    #[must_use]
    pub fn panel(&self) -> LabPanel {
        self.panel
    }

    /// The head count asked for; [`effective_heads`] is the one drawn.
    #[must_use]
    pub fn heads(&self) -> usize {
        self.heads
    }

    #[must_use]
    pub fn decode_step(&self) -> usize {
        self.decode_step
    }
}

/// Head counts that split both d_k and d_v evenly.
#[must_use]
pub fn valid_head_counts(attention: &Attention) -> Vec<usize> {
    let (dk, dv) = (attention.key_width(), attention.value_width());
    (1..=dk.min(dv)).filter(|h| dk % h == 0 && dv % h == 0).collect()
}

/// The head count the heads panel shows: the largest valid count not above the request.
#[must_use]
pub fn effective_heads(state: &LabState, attention: &Attention) -> usize {
    valid_head_counts(attention).into_iter().filter(|h| *h <= state.heads.max(1)).max().unwrap_or(1)
}

/// The window size in force.
#[must_use]
pub fn effective_window(state: &LabState, attention: &Attention) -> usize {
    if state.window == 0 { attention.tokens() } else { state.window }
}

/// The tokens in the window after the arrivals, each with its arrival number (from 1), and
/// the arrival numbers that have left.
#[must_use]
pub fn window_tokens(state: &LabState, attention: &Attention) -> (Matrix, Vec<usize>, Vec<usize>) {
    let x = &attention.input.x;
    let window = effective_window(state, attention);
    let start = x.nrows().saturating_sub(window);
    let mut tokens = x.rows(start, x.nrows() - start).into_owned();
    let mut names: Vec<usize> = (start + 1..=x.nrows()).collect();
    let mut left: Vec<usize> = (1..=start).collect();
    for k in 0..state.arrivals {
        let source: Vec<f64> = x.row(k % x.nrows()).iter().copied().collect();
        let (next, dropped) = crate::engine::window::arrive(&tokens, window, &source);
        names.push(x.nrows() + k + 1);
        if let Some(i) = dropped {
            left.push(names.remove(i));
        }
        tokens = next;
    }
    (tokens, names, left)
}

/// W_V after `edits` edits: each edit doubles it and subtracts one.
#[must_use]
pub fn edited_values(w_v: &Matrix, edits: usize) -> Matrix {
    (0..edits).fold(w_v.clone(), |w, _| w.map(|x| 2.0 * x - 1.0))
}
