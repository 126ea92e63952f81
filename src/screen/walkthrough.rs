//! The walkthrough: the lesson's hand calculation one step at a time, narrated from the lesson
//! file, with every number from the engine. Predict mode hides each result until the learner
//! has typed it (as often as it takes); a result found stays found until an edit changes it.
//! Autoplay steps on by itself for demos.

mod asks;
mod keys;
mod steps;
mod update;
mod view;
mod walked;

pub use asks::{Ask, asks, experiment_asks};
pub use keys::{EMPTY_FIELD_KEYS, KEYS};
pub use steps::{Step, step_at, step_count, steps};
pub use view::WalkthroughView;
pub(crate) use view::{roles_lines, shape_lines, step_grids};
use walked::Parts;
pub use walked::{Part, Walked};

use crate::quiz::{NumericAnswer, Verdict};
use crate::widget::{AnswerBox, Standing, TextField};
use std::collections::{HashMap, HashSet};

/// Autoplay speeds, in milliseconds per step, slowest last.
pub const AUTOPLAY_SPEEDS_MS: [u64; 6] = [500, 1000, 2000, 3000, 5000, 8000];
/// The longest prediction a learner may type.
const ANSWER_CAP: usize = 120;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WalkMsg {
    Next,
    Prev,
    First,
    Last,
    TogglePredict,
    /// Back into the answer field after Esc left it.
    Answer,
    /// Show this step's result without scoring it.
    Reveal,
    ToggleAutoplay,
    Faster,
    Slower,
    /// Scroll the narration: positive is down.
    Scroll(i16),
    /// On a two-sequence scenario: cross-attention, or the decoder's own self-attention.
    TogglePart,
}

/// A step's questions as they were when settled, and how: an edit that changes any of them
/// makes the step ask again.
#[derive(Debug, Clone, PartialEq)]
struct Settled {
    asked: Vec<NumericAnswer>,
    standing: Standing,
}

#[derive(Debug, Clone, PartialEq)]
pub struct WalkthroughState {
    step: usize,
    /// Which attention a two-sequence scenario walks, and what the other part has found.
    parts: Parts,
    predict: bool,
    /// The open question on this step, if it asks one now.
    answer: Option<AnswerBox>,
    /// Which of the step's questions is open (a score step with scaling asks two).
    stage: usize,
    /// Whether one of this step's questions was shown rather than answered.
    peeked: bool,
    /// Steps whose every question was found or shown, by step.
    settled: HashMap<Step, Settled>,
    /// Why this step asks again, when an edit changed what it had settled.
    notice: Option<String>,
    /// Steps an edit took out of `settled`, until they are settled again.
    reopened: HashSet<Step>,
    autoplay: bool,
    /// Index into [`AUTOPLAY_SPEEDS_MS`].
    speed: usize,
    /// Milliseconds since the last autoplay step.
    elapsed_ms: u64,
    scroll: u16,
}

impl Default for WalkthroughState {
    fn default() -> Self {
        Self {
            step: 0,
            parts: Parts::default(),
            predict: false,
            answer: None,
            stage: 0,
            peeked: false,
            settled: HashMap::new(),
            notice: None,
            reopened: HashSet::new(),
            autoplay: false,
            speed: 2,
            elapsed_ms: 0,
            scroll: 0,
        }
    }
}

impl WalkthroughState {
    /// A walkthrough standing at `step` (a test, or a view drawn on its own).
    #[must_use]
    pub fn at_step(step: usize) -> Self {
        Self { step, ..Self::default() }
    }

    #[must_use]
    pub fn step(&self) -> usize {
        self.step
    }

    #[must_use]
    pub fn predicting(&self) -> bool {
        self.predict
    }

    #[must_use]
    pub fn autoplaying(&self) -> bool {
        self.autoplay
    }

    #[must_use]
    pub fn scroll(&self) -> u16 {
        self.scroll
    }

    /// Whether the current result should be hidden: predict mode, on a step that asks,
    /// until every question of it is found or shown.
    #[must_use]
    pub fn hides_result(&self, step: &Step) -> bool {
        self.predict && step.is_predictable() && !self.settled.contains_key(step)
    }

    /// The open question, if the step asks one now.
    #[must_use]
    pub fn answer(&self) -> Option<&AnswerBox> {
        self.answer.as_ref()
    }

    /// The answer field, while it has the keyboard.
    #[must_use]
    pub fn focused_field(&self) -> Option<&TextField> {
        self.answer.as_ref().filter(|a| a.focused()).map(AnswerBox::field)
    }

    /// Whether the answer field has the keyboard.
    #[must_use]
    pub fn field_focused(&self) -> bool {
        self.focused_field().is_some()
    }

    /// The last checked answer on this step: the open question's, or right once settled.
    #[must_use]
    pub fn verdict(&self) -> Option<&Verdict> {
        self.answer.as_ref().and_then(AnswerBox::verdict)
    }

    /// How the current step was settled, if it was.
    #[must_use]
    pub fn settled(&self, step: &Step) -> Option<Standing> {
        self.settled.get(step).map(|s| s.standing)
    }

    /// Which of the step's questions is open: 0 for the first.
    #[must_use]
    pub fn stage(&self) -> usize {
        self.stage
    }

    /// Predict mode: the steps whose settled answers an edit has since changed. Their cells
    /// stay hidden in later steps' grids until they are worked out again, so the next step
    /// cannot give the new value away.
    #[must_use]
    pub fn stale_steps(&self, a: &crate::engine::Attention) -> Vec<Step> {
        if !self.predict {
            return Vec::new();
        }
        // An edit that changed the sizes can leave settled steps that no longer exist.
        let now = |step: Step| asks(step, a).into_iter().map(|ask| ask.answer).collect::<Vec<_>>();
        // Only the steps whose numbers sit in the grids can be hidden there.
        let in_grids =
            |step: &Step| matches!(step, Step::Projection { .. } | Step::Score { .. } | Step::Context { .. });
        let changed = self.settled.iter().filter(|(step, _)| in_grids(step) && fits(**step, a));
        let changed = changed.filter(|(step, settled)| now(**step) != settled.asked).map(|(step, _)| *step);
        changed.chain(self.reopened.iter().copied().filter(|step| in_grids(step) && fits(*step, a))).collect()
    }

    /// Why the step asks again, after an edit changed a number it had settled.
    #[must_use]
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    #[must_use]
    pub fn interval_ms(&self) -> u64 {
        AUTOPLAY_SPEEDS_MS[self.speed.min(AUTOPLAY_SPEEDS_MS.len() - 1)]
    }
}

/// Whether a step's indices are inside these numbers' sizes.
fn fits(step: Step, a: &crate::engine::Attention) -> bool {
    use crate::engine::Projection;
    match step {
        Step::Projection { projection, token, entry } => {
            let (rows, cols) = match projection {
                Projection::Query => (a.tokens(), a.key_width()),
                Projection::Key => (a.keys(), a.key_width()),
                Projection::Value => (a.keys(), a.value_width()),
            };
            token < rows && entry < cols
        }
        Step::Score { query, key } => query < a.tokens() && key < a.keys(),
        Step::Softmax { query } | Step::Output { query } => query < a.tokens(),
        Step::Context { query, entry } => query < a.tokens() && entry < a.value_width(),
        Step::Roles | Step::Shapes | Step::Ideas => true,
    }
}
