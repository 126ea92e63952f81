//! The walkthrough's intents: stepping, predict mode with retries, autoplay.

use super::{ANSWER_CAP, AUTOPLAY_SPEEDS_MS, Step, WalkMsg, WalkthroughState, step_at, step_count};
use crate::document::Document;
use crate::message::FieldMsg;
use crate::quiz::{Verdict, check_answer};
use crate::screen::{Reply, Shared};
use crate::widget::TextField;

impl WalkthroughState {
    /// The step on screen, built from the current numbers and the followed token.
    #[must_use]
    pub fn current(&self, document: &Document) -> Option<Step> {
        step_at(document.attention(), document.query(), self.step)
    }

    pub fn update(&mut self, message: WalkMsg, shared: &Shared) -> Reply {
        let doc = &shared.document;
        let count = step_count(doc.attention());
        match message {
            WalkMsg::Next => self.go_to(self.step + 1, doc),
            WalkMsg::Prev => self.go_to(self.step.saturating_sub(1), doc),
            WalkMsg::First => self.go_to(0, doc),
            WalkMsg::Last => self.go_to(count.saturating_sub(1), doc),
            WalkMsg::TogglePredict => return self.toggle_predict(doc),
            WalkMsg::Answer => self.focused = self.answer.is_some(),
            WalkMsg::Reveal => return self.reveal(doc),
            WalkMsg::ToggleAutoplay => {
                self.autoplay = !self.autoplay;
                self.elapsed_ms = 0;
                return Reply::info(if self.autoplay { "autoplay on" } else { "autoplay off" });
            }
            WalkMsg::Faster => self.speed = self.speed.saturating_sub(1),
            WalkMsg::Slower => self.speed = (self.speed + 1).min(AUTOPLAY_SPEEDS_MS.len() - 1),
            WalkMsg::Scroll(delta) => self.scroll = self.scroll.saturating_add_signed(delta).min(200),
        }
        Reply::default()
    }

    fn toggle_predict(&mut self, doc: &Document) -> Reply {
        self.predict = !self.predict;
        self.revealed = false;
        self.clear_answer();
        self.prepare(doc);
        Reply::info(if self.predict {
            "predict mode on: type each result before it is shown"
        } else {
            "predict mode off"
        })
    }

    fn reveal(&mut self, doc: &Document) -> Reply {
        self.revealed = true;
        self.clear_answer();
        let shown = self.current(doc).and_then(|s| s.derivation(doc.attention())).map(|d| d.value);
        Reply::info(match shown {
            Some(value) => format!("shown, not scored: {}", crate::format::number(value)),
            None => "shown".to_string(),
        })
    }

    /// Moves to a step, forgetting the previous step's prediction, and opens the answer
    /// field when the new step asks for one.
    pub fn go_to(&mut self, step: usize, doc: &Document) {
        let step = step.min(step_count(doc.attention()).saturating_sub(1));
        if step != self.step {
            self.revealed = false;
            self.clear_answer();
            self.scroll = 0;
            self.elapsed_ms = 0;
        }
        self.step = step;
        self.prepare(doc);
    }

    /// Keeps the step inside the current numbers after any change to the document.
    pub fn reconcile(&mut self, doc: &Document) {
        self.go_to(self.step, doc);
    }

    fn clear_answer(&mut self) {
        self.answer = None;
        self.focused = false;
        self.verdict = None;
        self.tries = 0;
        self.scaled_stage = false;
    }

    /// What the field is checked against now: the step's own number, or, on a score step
    /// with scaling on and the raw score found, that score divided by √d_k.
    fn asked(&self, doc: &Document) -> Option<crate::engine::Derivation> {
        let step = self.current(doc)?;
        let derivation = step.derivation(doc.attention())?;
        if !self.scaled_stage {
            return Some(derivation);
        }
        #[allow(clippy::cast_precision_loss, reason = "d_k is at most 64")]
        let root = (doc.attention().key_width() as f64).sqrt();
        Some(crate::engine::Derivation::new(Vec::new(), derivation.value / root))
    }

    fn prepare(&mut self, doc: &Document) {
        let asks = self.current(doc).is_some_and(|s| self.hides_result(&s));
        if asks && self.answer.is_none() {
            self.answer = Some(TextField::new(ANSWER_CAP));
            self.focused = true;
        } else if !asks {
            self.answer = None;
            self.focused = false;
        }
    }

    /// Keys typed into the answer field.
    pub fn field(&mut self, message: FieldMsg, shared: &Shared) -> Reply {
        let Some(field) = self.answer.as_mut() else { return Reply::default() };
        match message {
            FieldMsg::Submit => self.submit(&shared.document),
            FieldMsg::Cancel => {
                self.focused = false;
                Reply::info("answer put aside: Enter answers, s shows the result, → moves on")
            }
            other => {
                field.edit(&other);
                Reply::default()
            }
        }
    }

    fn submit(&mut self, doc: &Document) -> Reply {
        let Some(derivation) = self.asked(doc) else {
            return Reply::default();
        };
        let scaled_next = !self.scaled_stage
            && doc.attention().input.scale
            && matches!(self.current(doc), Some(super::Step::Score { .. }));
        let Some(field) = self.answer.as_mut() else { return Reply::default() };
        match check_answer(field.text(), &derivation) {
            Err(reason) => {
                field.set_note(reason);
                Reply::default()
            }
            Ok(Verdict::Right) if scaled_next => {
                *field = TextField::new(ANSWER_CAP);
                self.scaled_stage = true;
                self.verdict = None;
                let dk = doc.attention().key_width();
                Reply::success(format!("right: now divide it by √d_k = √{dk} (to 3 decimals)"))
            }
            Ok(Verdict::Right) => {
                let tries = self.tries;
                self.clear_answer();
                self.verdict = Some(Verdict::Right);
                self.revealed = true;
                Reply::success(if tries == 0 {
                    "right".to_string()
                } else {
                    format!("right, after {tries} {}", if tries == 1 { "try" } else { "tries" })
                })
            }
            Ok(wrong) => {
                self.tries += 1;
                if let Verdict::Wrong { reason, .. } = &wrong {
                    field.select_all();
                    // A weight has no terms to point at: say how it is made instead.
                    let why = if derivation.terms.is_empty() {
                        "a weight is exp(its score − the largest) divided by the sum of those".to_string()
                    } else {
                        reason.clone()
                    };
                    field.set_note(why);
                }
                self.verdict = Some(wrong);
                Reply::error("not quite: fix the marked term and press Enter again, or Esc then s to see it")
            }
        }
    }

    /// Advances autoplay; in predict mode it waits at each prompt, and it stops at the end.
    pub fn tick(&mut self, ms: u64, doc: &Document) -> Reply {
        if !self.autoplay || self.answer.is_some() {
            return Reply::default();
        }
        self.elapsed_ms += ms;
        if self.elapsed_ms < self.interval_ms() {
            return Reply::default();
        }
        let last = step_count(doc.attention()).saturating_sub(1);
        if self.step >= last {
            self.autoplay = false;
            return Reply::info("autoplay stopped at the last step");
        }
        self.go_to(self.step + 1, doc);
        Reply::default()
    }
}
