//! The walkthrough: the lesson's hand calculation one step at a time, narrated from the lesson
//! file, with every number from the engine. Predict mode hides each result until the learner
//! has typed a guess; autoplay steps on by itself for demos.

mod predict;
mod steps;
mod view;

pub use predict::{Verdict, check_answer};
pub use steps::{Step, step_at, step_count, steps};
pub use view::WalkthroughView;
pub(crate) use view::{roles_lines, shape_lines, step_grids};

/// Autoplay speeds, in milliseconds per step, slowest last.
pub const AUTOPLAY_SPEEDS_MS: [u64; 6] = [500, 1000, 2000, 3000, 5000, 8000];

#[derive(Debug, Clone, PartialEq)]
pub struct WalkthroughState {
    pub step: usize,
    pub predict: bool,
    /// The learner's prediction being typed.
    pub answer: Option<String>,
    pub verdict: Option<Verdict>,
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
            verdict: None,
            revealed: false,
            autoplay: false,
            speed: 2,
            elapsed_ms: 0,
            scroll: 0,
        }
    }
}

impl WalkthroughState {
    /// Moves to a step, forgetting the previous step's prediction.
    pub fn go_to(&mut self, step: usize, step_count: usize) {
        let step = step.min(step_count.saturating_sub(1));
        if step != self.step {
            self.answer = None;
            self.verdict = None;
            self.revealed = false;
            self.scroll = 0;
        }
        self.step = step;
        self.elapsed_ms = 0;
    }

    /// Whether the current result should be hidden.
    #[must_use]
    pub fn hides_result(&self, step: &Step) -> bool {
        self.predict && !self.revealed && !self.autoplay && step.is_predictable()
    }

    #[must_use]
    pub fn interval_ms(&self) -> u64 {
        AUTOPLAY_SPEEDS_MS[self.speed.min(AUTOPLAY_SPEEDS_MS.len() - 1)]
    }
}
