//! The Lab's intents.

use super::{LabPanel, LabState, effective_heads, effective_window, valid_head_counts};
use crate::document::Document;
use crate::engine::Attention;
use crate::format::plural;
use crate::scenario::MAX_TOKENS;
use crate::screen::Reply;

/// The most arrivals the answer sheet counts.
const MAX_ARRIVALS: usize = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabMsg {
    NextPanel,
    PrevPanel,
    SelectPanel(LabPanel),
    /// More heads, or a larger window.
    More,
    /// Fewer heads, or a smaller window.
    Fewer,
    StepForward,
    StepBack,
    Arrive,
    ResetWindow,
    EditValues,
    /// Give the experiment's prediction field the keyboard.
    Predict,
    /// Reveal the experiment without a prediction.
    ShowResult,
    /// sqrt-dk: draw new random queries and keys.
    Reseed,
}

impl LabState {
    /// Whether a message does anything on the panel shown now.
    #[must_use]
    pub fn acts(&self, message: LabMsg, attention: &Attention) -> bool {
        let panel = self.panel;
        match message {
            LabMsg::NextPanel | LabMsg::PrevPanel | LabMsg::SelectPanel(_) => true,
            LabMsg::More | LabMsg::Fewer => self.can_resize(message == LabMsg::More, attention),
            LabMsg::StepForward => panel == LabPanel::MemoryShortcut && self.decode_step + 1 < attention.tokens(),
            LabMsg::StepBack => panel == LabPanel::MemoryShortcut && self.decode_step > 0,
            LabMsg::Arrive => panel == LabPanel::AnswerSheet && self.arrivals < MAX_ARRIVALS,
            LabMsg::ResetWindow => panel == LabPanel::AnswerSheet && (self.arrivals > 0 || self.window != 0),
            LabMsg::EditValues => panel == LabPanel::ValuesMatch,
            LabMsg::Predict | LabMsg::ShowResult => self.awaits_prediction(),
            LabMsg::Reseed => panel == LabPanel::SqrtDk,
        }
    }

    /// Whether there is a larger (or smaller) head count or window to go to.
    fn can_resize(&self, more: bool, attention: &Attention) -> bool {
        match self.panel {
            LabPanel::Heads => {
                let now = effective_heads(self, attention);
                valid_head_counts(attention).iter().any(|h| if more { *h > now } else { *h < now })
            }
            LabPanel::AnswerSheet => {
                let now = effective_window(self, attention);
                if more { now < MAX_TOKENS } else { now > 1 }
            }
            _ => false,
        }
    }

    pub fn update(&mut self, message: LabMsg, doc: &Document) -> Reply {
        let attention = doc.attention();
        match message {
            LabMsg::NextPanel | LabMsg::PrevPanel | LabMsg::SelectPanel(_) => {
                self.panel = match message {
                    LabMsg::NextPanel => self.panel.offset(1),
                    LabMsg::PrevPanel => self.panel.offset(-1),
                    LabMsg::SelectPanel(panel) => panel,
                    _ => self.panel,
                };
                self.sync_predictions(doc);
            }
            LabMsg::Predict => return self.start_predicting(),
            LabMsg::ShowResult => return self.give_up(),
            LabMsg::Reseed => return self.reseed(doc),
            LabMsg::More | LabMsg::Fewer if self.panel == LabPanel::Heads => {
                return self.change_heads(message == LabMsg::More, attention);
            }
            LabMsg::More | LabMsg::Fewer => {
                let now = effective_window(self, attention);
                self.window =
                    if message == LabMsg::More { (now + 1).min(MAX_TOKENS) } else { now.saturating_sub(1).max(1) };
                return Reply::info(format!("window: {}", plural(self.window, "token")));
            }
            LabMsg::StepForward => self.decode_step = (self.decode_step + 1).min(attention.tokens().saturating_sub(1)),
            LabMsg::StepBack => self.decode_step = self.decode_step.saturating_sub(1),
            LabMsg::Arrive => self.arrivals = (self.arrivals + 1).min(MAX_ARRIVALS),
            LabMsg::ResetWindow => {
                self.arrivals = 0;
                self.window = 0;
            }
            LabMsg::EditValues => self.value_edits = self.value_edits % 4 + 1,
        }
        Reply::default()
    }

    fn change_heads(&mut self, more: bool, attention: &Attention) -> Reply {
        let counts = valid_head_counts(attention);
        let now = effective_heads(self, attention);
        let next = if more { counts.iter().find(|h| **h > now) } else { counts.iter().rev().find(|h| **h < now) };
        match next {
            Some(heads) => {
                self.heads = *heads;
                Reply::info(plural(*heads, "head"))
            }
            None => Reply::info(format!(
                "{} is the {} that splits d_k and d_v evenly",
                plural(now, "head"),
                if more { "most" } else { "fewest" }
            )),
        }
    }

    /// Keeps the decode step inside the current numbers, and each prediction true to them.
    pub fn reconcile(&mut self, doc: &Document) {
        self.decode_step = self.decode_step.min(doc.attention().tokens().saturating_sub(1));
        self.sync_predictions(doc);
    }
}
