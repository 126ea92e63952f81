//! Presenter mode's intents: step through the slides, reveal each number, publish the notes.

use super::App;
use crate::message::PresentMsg;
use crate::screen::present::{notes_for, slide_value};

impl App {
    pub(super) fn present(&mut self, message: PresentMsg) {
        let count = self.step_count();
        let step = self.walkthrough.step;
        match (message, self.present) {
            (PresentMsg::Toggle, Some(_)) => self.present = None,
            (PresentMsg::Toggle, None) => self.present = Some(false),
            (PresentMsg::Forward, Some(false))
                if self.current_step().and_then(|s| slide_value(s, &self.document.attention)).is_some() =>
            {
                self.present = Some(true);
            }
            (PresentMsg::Forward, Some(_)) => self.go_to_slide(step + 1, count),
            (PresentMsg::Back, Some(_)) => self.go_to_slide(step.saturating_sub(1), count),
            (PresentMsg::First, Some(_)) => self.go_to_slide(0, count),
            (PresentMsg::Last, Some(_)) => self.go_to_slide(count.saturating_sub(1), count),
            _ => {}
        }
        self.publish_notes();
    }

    fn go_to_slide(&mut self, step: usize, count: usize) {
        self.walkthrough.go_to(step, count);
        self.present = Some(false);
    }

    /// Writes the speaker notes for the current slide, or that presenting stopped.
    pub fn publish_notes(&mut self) {
        if !self.publish_notes {
            return;
        }
        let notes = match (self.present, self.current_step()) {
            (Some(revealed), Some(step)) => notes_for(
                step,
                self.walkthrough.step,
                self.step_count(),
                &self.document.attention,
                &self.lesson,
                revealed,
            ),
            _ => crate::notes::Notes::default(),
        };
        if let Err(error) = crate::notes::publish(&notes) {
            self.set_status(super::StatusKind::Error, format!("speaker notes not written: {error}"));
        }
    }
}
