//! The walkthrough's intents: stepping, predict mode with retries, autoplay. A step's
//! questions, once found or shown, stay settled until an edit changes what they ask.

use super::asks::{experiment_asks, walked_asks};
use super::{ANSWER_CAP, AUTOPLAY_SPEEDS_MS, Settled, Step, WalkMsg, WalkthroughState, step_at, step_count};
use crate::document::Document;
use crate::message::FieldMsg;
use crate::quiz::NumericAnswer;
use crate::screen::{Reply, Shared};
use crate::widget::{AnswerBox, Standing, Submitted};

impl WalkthroughState {
    /// The step on screen, built from the current numbers and the followed token.
    #[must_use]
    pub fn current(&self, document: &Document) -> Option<Step> {
        step_at(&self.walked(document).attention, document.query(), self.step)
    }

    /// Whether the current step's result is on show: not in predict mode, or settled.
    #[must_use]
    pub fn shows_result(&self, document: &Document) -> bool {
        self.current(document).is_none_or(|s| !self.hides_result(&s))
    }

    pub fn update(&mut self, message: WalkMsg, shared: &Shared) -> Reply {
        let doc = &shared.document;
        let count = step_count(&self.walked(doc).attention);
        match message {
            WalkMsg::Next => self.go_to(self.step + 1, doc),
            WalkMsg::Prev => self.go_to(self.step.saturating_sub(1), doc),
            WalkMsg::First => self.go_to(0, doc),
            WalkMsg::Last => self.go_to(count.saturating_sub(1), doc),
            WalkMsg::TogglePredict => return self.toggle_predict(doc),
            WalkMsg::Answer => {
                if let Some(answer) = self.answer.as_mut() {
                    answer.focus();
                }
            }
            WalkMsg::Reveal => return self.reveal(doc),
            WalkMsg::ToggleAutoplay => {
                self.autoplay = !self.autoplay;
                self.elapsed_ms = 0;
                return Reply::info(if self.autoplay { "autoplay on" } else { "autoplay off" });
            }
            WalkMsg::Faster => self.speed = self.speed.saturating_sub(1),
            WalkMsg::Slower => self.speed = (self.speed + 1).min(AUTOPLAY_SPEEDS_MS.len() - 1),
            WalkMsg::Scroll(delta) => self.scroll = self.scroll.saturating_add_signed(delta).min(200),
            WalkMsg::TogglePart => return self.toggle_part(doc),
        }
        Reply::default()
    }

    fn toggle_predict(&mut self, doc: &Document) -> Reply {
        self.predict = !self.predict;
        self.answer = None;
        self.prepare(doc);
        Reply::info(if self.predict {
            "predict mode on: type each result before it is shown"
        } else {
            "predict mode off"
        })
    }

    /// Shows the step's results without scoring them: the step is settled as shown. On the
    /// last step each experiment is its own question, so `s` shows one and asks the next.
    fn reveal(&mut self, doc: &Document) -> Reply {
        let Some(step) = self.current(doc) else { return Reply::default() };
        if step == Step::Ideas {
            let experiments = experiment_asks(&self.walked(doc).attention, self.walked(doc).encoder());
            let shown = experiments.get(self.stage).map(|(_, teaser, _)| teaser.reveal.clone());
            if let Some((.., next)) = experiments.get(self.stage + 1) {
                self.stage += 1;
                self.peeked = true;
                self.answer = Some(AnswerBox::new(next.answer.clone(), ANSWER_CAP));
            } else {
                self.settle(step, doc, Standing::Shown);
            }
            return Reply::info(format!("shown, not scored: {}", shown.unwrap_or_default()));
        }
        self.settle(step, doc, Standing::Shown);
        let shown = step.derivation(&self.walked(doc).attention).map(|d| d.value);
        Reply::info(match shown {
            Some(value) => format!("shown, not scored: {}", crate::format::number(value)),
            None => "shown, not scored".to_string(),
        })
    }

    /// Moves to a step and opens its question when it asks one.
    pub fn go_to(&mut self, step: usize, doc: &Document) {
        let step = step.min(step_count(&self.walked(doc).attention).saturating_sub(1));
        if step != self.step {
            self.answer = None;
            self.peeked = false;
            self.notice = None;
            self.scroll = 0;
            self.elapsed_ms = 0;
        }
        self.step = step;
        self.prepare(doc);
    }

    /// Keeps the step inside the current numbers after any change to the document.
    pub fn reconcile(&mut self, doc: &Document) {
        self.sync_part(doc);
        self.go_to(self.step, doc);
    }

    /// The questions the current step asks now, with the current numbers.
    fn asked_now(&self, doc: &Document) -> Vec<NumericAnswer> {
        let walked = self.walked(doc);
        self.current(doc).map(|s| walked_asks(s, &walked).into_iter().map(|a| a.answer).collect()).unwrap_or_default()
    }

    /// Opens the step's next question, unless it is settled with the same numbers; a step
    /// settled on numbers an edit has since changed asks again and says why.
    pub(super) fn prepare(&mut self, doc: &Document) {
        let Some(step) = self.current(doc).filter(|s| self.predict && s.is_predictable()) else {
            (self.answer, self.stage, self.peeked) = (None, 0, false);
            return;
        };
        let asked = self.asked_now(doc);
        if let Some(settled) = self.settled.get(&step) {
            if settled.asked == asked {
                (self.answer, self.stage, self.peeked) = (None, 0, false);
                return;
            }
            self.notice = Some(changed_notice(&settled.asked, &asked));
            self.settled.remove(&step);
            self.reopened.insert(step);
            self.answer = None;
            self.stage = 0;
        }
        let open_matches = self.answer.as_ref().is_some_and(|a| asked.get(self.stage) == Some(a.asked()));
        if !open_matches {
            // A new step, or numbers changed under an open question: start from the first.
            self.stage = 0;
            self.peeked = false;
            self.answer = asked.first().cloned().map(|a| AnswerBox::new(a, ANSWER_CAP));
        }
    }

    fn settle(&mut self, step: Step, doc: &Document, standing: Standing) {
        let asked = self.asked_now(doc);
        if self.predict && !asked.is_empty() {
            self.settled.insert(step, Settled { asked, standing });
            self.reopened.remove(&step);
        }
        self.answer = None;
        self.stage = 0;
        self.peeked = false;
        self.notice = None;
    }

    /// Keys typed into the answer field.
    pub fn field(&mut self, message: FieldMsg, shared: &Shared) -> Reply {
        let empty = self.arrows_step();
        let Some(answer) = self.answer.as_mut() else { return Reply::default() };
        match message {
            // An empty field has no cursor to move: the arrows step, as they do outside it.
            FieldMsg::Left if empty => self.update(WalkMsg::Prev, shared),
            FieldMsg::Right if empty => self.update(WalkMsg::Next, shared),
            FieldMsg::Submit => self.submit(&shared.document),
            FieldMsg::Cancel => {
                answer.unfocus();
                Reply::info("answer put aside: Enter answers, s shows the result, → moves on")
            }
            other => {
                answer.edit(&other);
                Reply::default()
            }
        }
    }

    fn submit(&mut self, doc: &Document) -> Reply {
        let (Some(step), Some(answer)) = (self.current(doc), self.answer.as_mut()) else { return Reply::default() };
        match answer.submit() {
            Submitted::Unreadable | Submitted::Closed => Reply::default(),
            Submitted::Wrong => {
                // Only a diagnosis that names a term marks one on screen.
                let marked = answer.verdict().and_then(crate::quiz::Verdict::term).is_some();
                let what = if marked { "fix the marked term" } else { "see the note by your answer" };
                Reply::error(format!("not quite: {what} and press Enter again, or Esc then s to see it"))
            }
            Submitted::Right { misses } => {
                let asks = walked_asks(step, &self.walked(doc));
                if let Some(next) = asks.get(self.stage + 1) {
                    self.stage += 1;
                    self.answer = Some(AnswerBox::new(next.answer.clone(), ANSWER_CAP));
                    // A long question is on screen already; the status line only points to it.
                    let what = if next.prompt.chars().count() > 60 { "the next question" } else { &next.prompt };
                    return Reply::success(format!("right: now {what}"));
                }
                // A step where one question was shown counts as shown, not found alone.
                let standing = if self.peeked { Standing::Shown } else { Standing::Right { misses } };
                self.settle(step, doc, standing);
                Reply::success(match misses {
                    0 => "right".to_string(),
                    1 => "right, after 1 wrong try".to_string(),
                    n => format!("right, after {n} wrong tries"),
                })
            }
        }
    }

    /// Advances autoplay; in predict mode it waits at each open question, and it stops at
    /// the end.
    pub fn tick(&mut self, ms: u64, doc: &Document) -> Reply {
        if !self.autoplay || self.answer.is_some() {
            return Reply::default();
        }
        self.elapsed_ms += ms;
        if self.elapsed_ms < self.interval_ms() {
            return Reply::default();
        }
        let last = step_count(&self.walked(doc).attention).saturating_sub(1);
        if self.step >= last {
            self.autoplay = false;
            return Reply::info("autoplay stopped at the last step");
        }
        self.go_to(self.step + 1, doc);
        Reply::default()
    }
}

/// Says which settled number an edit changed, and what it is now.
fn changed_notice(before: &[NumericAnswer], now: &[NumericAnswer]) -> String {
    let changed = before.iter().zip(now).find(|(b, n)| b != n);
    match changed {
        Some((b, n)) if b.text() != n.text() => {
            format!("an edit changed this result from {} to something new: work it out again", b.text())
        }
        _ => "an edit changed the numbers this result is made of: work it out again".to_string(),
    }
}
