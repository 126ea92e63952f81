//! The Lab's intents.

use super::App;
use crate::message::LabMsg;
use crate::scenario::MAX_TOKENS;
use crate::screen::lab::{PANELS, effective_heads, effective_window, valid_head_counts};

impl App {
    pub(super) fn lab(&mut self, message: LabMsg) {
        let attention = &self.document.attention;
        let panel = PANELS[self.lab.panel.min(PANELS.len() - 1)];
        let state = &mut self.lab;
        match message {
            LabMsg::NextPanel => state.panel = (state.panel + 1) % PANELS.len(),
            LabMsg::PrevPanel => state.panel = (state.panel + PANELS.len() - 1) % PANELS.len(),
            LabMsg::SelectPanel(i) => state.panel = i.min(PANELS.len() - 1),
            LabMsg::More | LabMsg::Fewer if panel == "heads" => {
                let counts = valid_head_counts(attention);
                let now = effective_heads(state, attention);
                let next = if message == LabMsg::More {
                    counts.iter().find(|h| **h > now)
                } else {
                    counts.iter().rev().find(|h| **h < now)
                };
                state.heads = next.copied().unwrap_or(now);
            }
            LabMsg::More | LabMsg::Fewer => {
                let now = effective_window(state, attention);
                state.window =
                    if message == LabMsg::More { (now + 1).min(MAX_TOKENS) } else { now.saturating_sub(1).max(1) };
            }
            LabMsg::StepForward => {
                state.decode_step = (state.decode_step + 1).min(attention.tokens().saturating_sub(1));
            }
            LabMsg::StepBack => state.decode_step = state.decode_step.saturating_sub(1),
            LabMsg::Arrive => state.arrivals = (state.arrivals + 1).min(64),
            LabMsg::ResetWindow => {
                state.arrivals = 0;
                state.window = 0;
            }
            LabMsg::EditValues => state.value_edits = state.value_edits % 4 + 1,
        }
    }
}
