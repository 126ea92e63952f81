//! Class mode in the app: the presenter publishes each slide's question and shows the room's
//! tally; a served student sees the question over their screen and answers it.

use super::{App, Message};
use crate::class::{ClassQuestion, StudentView, Tally};
use crate::effect::Effect;
use crate::message::FieldMsg;
use crate::screen::Reply;
use crate::screen::class::ClassPrompt;
use crate::screen::present::slide_value;

/// The class-mode part of the app's state.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClassState {
    /// The presenter runs a class: each slide's question goes to the room.
    pub presenting: bool,
    /// What students type to join, shown on the projector.
    pub join: Option<String>,
    /// The room's tally (the presenter's side).
    pub tally: Option<Tally>,
    /// The projector's question on this student's screen.
    pub prompt: Option<ClassPrompt>,
    /// Numbers each opened question, so an answer to an old slide never counts on a new one.
    seq: u64,
    /// The slide whose question is open, and whether its answer is shown.
    asked: Option<(usize, bool)>,
}

impl App {
    /// Runs a class from this presenter: `join` is the line students type, for the projector.
    #[must_use]
    pub fn with_class(mut self, join: String) -> Self {
        self.class.presenting = true;
        self.class.join = Some(join);
        self
    }

    /// The room's tally as last synced (the presenter's side).
    #[must_use]
    pub fn class_tally(&self) -> Option<&Tally> {
        self.class.tally.as_ref()
    }

    /// The projector's question as this student last saw it.
    #[must_use]
    pub fn class_view(&self) -> Option<&StudentView> {
        self.class.prompt.as_ref().map(|p| &p.view)
    }

    #[must_use]
    pub fn class_state(&self) -> &ClassState {
        &self.class
    }

    pub(super) fn class_message(&mut self, message: Message) -> Reply {
        match message {
            Message::ClassTally(tally) => self.class.tally = Some(*tally),
            Message::ClassView(view) => ClassPrompt::sync(&mut self.class.prompt, view.map(|v| *v)),
            _ => {}
        }
        Reply::default()
    }

    /// Whether the class question's field has the keyboard.
    pub(super) fn class_focused(&self) -> bool {
        self.class.prompt.as_ref().is_some_and(ClassPrompt::focused)
    }

    pub(super) fn class_field(&mut self, message: FieldMsg) -> Reply {
        self.class.prompt.as_mut().map_or_else(Reply::default, |p| p.field_key(message))
    }

    pub(super) fn class_answered(&mut self, result: Result<crate::quiz::Verdict, String>) -> Reply {
        self.class.prompt.as_mut().map_or_else(Reply::default, |p| p.answered(result))
    }

    /// After any presenter change: open the slide's question for the room, or reveal it.
    pub(super) fn class_effects(&mut self) -> Vec<Effect> {
        let Some(present) = self.present.filter(|_| self.class.presenting) else { return Vec::new() };
        let now = (present.slide, present.revealed);
        let before = self.class.asked.replace(now);
        match before {
            Some((slide, _)) if slide == present.slide && !present.revealed => Vec::new(),
            Some((slide, true)) if slide == present.slide => Vec::new(),
            Some((slide, false)) if slide == present.slide => vec![Effect::ClassReveal],
            _ => {
                self.class.seq += 1;
                let question = self.slide_question(self.class.seq);
                let mut effects = vec![Effect::ClassAsk(question.map(Box::new))];
                if present.revealed {
                    effects.push(Effect::ClassReveal);
                }
                effects
            }
        }
    }

    fn slide_question(&self, id: u64) -> Option<ClassQuestion> {
        let doc = &self.shared.document;
        let step = self.present?.step(doc)?;
        let (target, value, _) = slide_value(step, doc.attention())?;
        // The same question predict mode asks on this step, so a slip gets the same words.
        let expected = crate::screen::walkthrough::asks(step, doc.attention())
            .into_iter()
            .filter_map(|ask| ask.answer.expected())
            .find(|e| (e.value() - value).abs() <= f64::EPSILON * value.abs().max(1.0))?;
        Some(ClassQuestion { id, prompt: format!("What is {target}?"), target, expected })
    }
}
