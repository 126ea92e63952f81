//! The experiments' predictions: made from the current numbers when a panel is shown, typed
//! into the shared answer component, and kept until the numbers change.

use super::LabState;
use crate::document::Document;
use crate::engine::Matrix;
use crate::message::FieldMsg;
use crate::screen::Reply;
use crate::walk::experiment::{Setup, prediction};
use crate::widget::{AnswerBox, Submitted, TextField};

const ANSWER_CAP: usize = 40;

/// The scenario's second sequence, when it has one.
#[must_use]
pub fn encoder_of(doc: &Document) -> Option<&Matrix> {
    doc.baseline().encoder.as_ref().map(|e| &e.tokens)
}

impl LabState {
    /// What an experiment runs on now.
    #[must_use]
    pub fn setup<'a>(&self, doc: &'a Document) -> Setup<'a> {
        Setup { seed: self.seed, positions: doc.positions(), ..Setup::new(doc.attention(), encoder_of(doc)) }
    }

    /// The shown experiment's prediction, if the panel is an experiment.
    #[must_use]
    pub fn prediction(&self) -> Option<&AnswerBox> {
        let shown = self.panel.experiment()?;
        self.predictions.iter().find(|(e, _)| *e == shown).map(|(_, a)| a)
    }

    fn prediction_mut(&mut self) -> Option<&mut AnswerBox> {
        let shown = self.panel.experiment()?;
        self.predictions.iter_mut().find(|(e, _)| *e == shown).map(|(_, a)| a)
    }

    /// Whether the shown experiment's results may be drawn: its prediction is settled.
    #[must_use]
    pub fn revealed(&self) -> bool {
        self.prediction().is_some_and(|a| !a.is_open())
    }

    #[must_use]
    pub fn focused_field(&self) -> Option<&TextField> {
        self.prediction().filter(|a| a.focused()).map(AnswerBox::field)
    }

    /// Asks each experiment's question afresh when its answer no longer matches the numbers,
    /// and makes the shown panel's question if it has none yet. The field starts without the
    /// keyboard, so ↑/↓ still move through the list.
    pub fn sync_predictions(&mut self, doc: &Document) {
        let setup = self.setup(doc);
        self.predictions.retain(|(e, a)| prediction(*e, setup).is_ok_and(|p| &p.answer == a.asked()));
        let Some(shown) = self.panel.experiment() else { return };
        if self.predictions.iter().any(|(e, _)| *e == shown) {
            return;
        }
        if let Ok(p) = prediction(shown, setup) {
            let mut answer = AnswerBox::new(p.answer, ANSWER_CAP);
            answer.unfocus();
            self.predictions.push((shown, answer));
        }
    }

    pub(super) fn start_predicting(&mut self) -> Reply {
        if let Some(answer) = self.prediction_mut() {
            answer.focus();
        }
        Reply::info("type your prediction, Enter checks it (Esc puts it aside)")
    }

    pub(super) fn give_up(&mut self) -> Reply {
        if let Some(answer) = self.prediction_mut() {
            answer.show();
        }
        Reply::info("shown without a prediction")
    }

    pub(super) fn reseed(&mut self, doc: &Document) -> Reply {
        self.seed = self.seed.wrapping_add(1);
        self.sync_predictions(doc);
        Reply::info(format!("seed {}: new random q and k", self.seed))
    }

    /// A key for the prediction's field.
    pub fn field(&mut self, message: FieldMsg) -> Reply {
        let Some(answer) = self.prediction_mut() else { return Reply::default() };
        match message {
            FieldMsg::Submit => match answer.submit() {
                Submitted::Right { .. } => Reply::success("right: the numbers are below"),
                Submitted::Wrong => Reply::error("not quite: try again, or Esc then s to see the numbers"),
                Submitted::Unreadable | Submitted::Closed => Reply::default(),
            },
            FieldMsg::Cancel => {
                answer.unfocus();
                Reply::info("prediction put aside: Enter answers, s shows the numbers")
            }
            other => {
                answer.edit(&other);
                Reply::default()
            }
        }
    }

    /// Whether the shown panel is an experiment with an open, unfocused prediction.
    pub(super) fn awaits_prediction(&self) -> bool {
        self.prediction().is_some_and(|a| a.is_open() && !a.focused())
    }
}
