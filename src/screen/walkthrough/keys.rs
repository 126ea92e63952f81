//! The walkthrough's keys; the footer and `?` show the rows that act in the current state.

use super::{WalkMsg, WalkthroughState};
use crate::keymap::{Binding, bind, code, plain};
use ratatui::crossterm::event::KeyCode;

pub const KEYS: &[Binding<WalkMsg>] = &[
    bind(&[code(KeyCode::Right), plain('l'), plain(' ')], "→/l/Space", "next", "next step", WalkMsg::Next),
    bind(&[code(KeyCode::Left), plain('h')], "←/h", "back", "previous step", WalkMsg::Prev),
    bind(&[code(KeyCode::Home), plain('g')], "Home/g", "", "first step", WalkMsg::First),
    bind(&[code(KeyCode::End), plain('G')], "End/G", "", "last step", WalkMsg::Last),
    bind(&[code(KeyCode::Enter)], "Enter", "answer", "type your prediction again", WalkMsg::Answer),
    bind(&[plain('s')], "s", "show it", "show this result without scoring it", WalkMsg::Reveal),
    bind(&[plain('p')], "p", "predict", "predict mode: type each result before it is shown", WalkMsg::TogglePredict),
    bind(&[plain('c')], "c", "self/cross", "cross-attention or the decoder's own self-attention", WalkMsg::TogglePart),
    bind(&[plain('a')], "a", "autoplay", "autoplay (waits at each prompt in predict mode)", WalkMsg::ToggleAutoplay),
    bind(&[plain('+'), plain('=')], "+/-", "", "autoplay faster/slower", WalkMsg::Faster),
    bind(&[plain('-')], "", "", "", WalkMsg::Slower),
    bind(&[code(KeyCode::PageDown), code(KeyCode::Down)], "PgDn/↓", "", "scroll the narration", WalkMsg::Scroll(1)),
    bind(&[code(KeyCode::PageUp), code(KeyCode::Up)], "PgUp/↑", "", "scroll back", WalkMsg::Scroll(-1)),
];

/// What an empty answer field does with the arrows: it has no cursor to move, so they step.
pub const EMPTY_FIELD_KEYS: &[(&str, &str)] = &[("←/→", "step if empty")];

impl WalkthroughState {
    /// Whether ← and → step rather than move the cursor: the answer field is empty on a step
    /// not yet begun. Leaving one half answered, or after a peek, would throw away what was
    /// found, or let a shown answer be typed back as found.
    #[must_use]
    pub fn arrows_step(&self) -> bool {
        self.focused_field().is_some_and(|f| f.text().is_empty()) && self.stage == 0 && !self.peeked
    }

    /// Whether a key's message does anything right now; `two_sequences` says whether the
    /// scenario has cross-attention to switch to.
    #[must_use]
    pub fn acts(&self, message: WalkMsg, step_count: usize, two_sequences: bool) -> bool {
        let last = step_count.saturating_sub(1);
        match message {
            WalkMsg::Next | WalkMsg::Last => self.step < last,
            WalkMsg::Prev | WalkMsg::First => self.step > 0,
            WalkMsg::Answer | WalkMsg::Reveal => self.answer.as_ref().is_some_and(|a| !a.focused()),
            WalkMsg::Faster => self.autoplay && self.speed > 0,
            WalkMsg::Slower => self.autoplay && self.speed + 1 < super::AUTOPLAY_SPEEDS_MS.len(),
            // On the last step there is nothing left to play: `a` only turns autoplay off.
            WalkMsg::ToggleAutoplay => self.step < last || self.autoplay,
            WalkMsg::TogglePart => two_sequences,
            WalkMsg::TogglePredict | WalkMsg::Scroll(_) => true,
        }
    }
}
