//! The walkthrough: the lesson's hand calculation one step at a time, narrated from the lesson
//! file, with every number from the engine. Predict mode hides each result until the learner
//! has typed it (as often as it takes); autoplay steps on by itself for demos.

mod keys;
mod steps;
mod update;
mod view;

pub use keys::KEYS;
pub use steps::{Step, step_at, step_count, steps};
pub use view::WalkthroughView;
pub(crate) use view::{roles_lines, shape_lines, step_grids};

use crate::quiz::Verdict;
use crate::widget::TextField;

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
}

#[derive(Debug, Clone, PartialEq)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "independent switches (predict, autoplay) and the current step's own flags"
)]
pub struct WalkthroughState {
    pub step: usize,
    pub predict: bool,
    /// The prediction being typed on a step that asks.
    pub answer: Option<TextField>,
    /// Whether the answer field has the keyboard (Esc leaves it, Enter returns).
    pub focused: bool,
    /// The last checked answer on this step.
    pub verdict: Option<Verdict>,
    /// Wrong answers on this step so far.
    pub tries: u32,
    /// With scaling on, a score step asks twice: the raw q·k, then q·k / √d_k.
    pub scaled_stage: bool,
    /// In predict mode: whether this step's result is shown yet.
    pub revealed: bool,
    pub autoplay: bool,
    /// Index into [`AUTOPLAY_SPEEDS_MS`].
    pub speed: usize,
    /// Milliseconds since the last autoplay step.
    pub elapsed_ms: u64,
    pub scroll: u16,
}

impl Default for WalkthroughState {
    fn default() -> Self {
        Self {
            step: 0,
            predict: false,
            answer: None,
            focused: false,
            verdict: None,
            tries: 0,
            scaled_stage: false,
            revealed: false,
            autoplay: false,
            speed: 2,
            elapsed_ms: 0,
            scroll: 0,
        }
    }
}

impl WalkthroughState {
    /// Whether the current result should be hidden.
    #[must_use]
    pub fn hides_result(&self, step: &Step) -> bool {
        self.predict && !self.revealed && step.is_predictable()
    }

    /// Whether the answer field has the keyboard.
    #[must_use]
    pub fn field_focused(&self) -> bool {
        self.focused && self.answer.is_some()
    }

    #[must_use]
    pub fn interval_ms(&self) -> u64 {
        AUTOPLAY_SPEEDS_MS[self.speed.min(AUTOPLAY_SPEEDS_MS.len() - 1)]
    }
}
