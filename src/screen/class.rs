//! Class mode on screen. While the projector's question is open it owns the student's
//! screen: the question, what is needed to work it out, and the answer field, and nothing
//! that contains the answer. A sent answer is not judged aloud until the reveal (so the
//! room's tally is of first thoughts, not of guesses until right); it may be changed until
//! then. At the reveal each student sees the answer and their own answer marked ✓ or ✗.

mod view;

pub use view::{ClassPromptView, tally_lines};

use crate::class::StudentView;
use crate::effect::Effect;
use crate::message::FieldMsg;
use crate::quiz::{NumericAnswer, Verdict};
use crate::screen::Reply;
use crate::widget::AnswerBox;

/// As many characters as the class server keeps: a longer paste is cut here, never sent.
const ANSWER_CAP: usize = 120;

/// The answer this student last sent, and the room's verdict, kept for the reveal.
#[derive(Debug, Clone, PartialEq)]
pub struct Sent {
    pub text: String,
    pub verdict: Verdict,
}

/// The projector's question on one student's screen. The answer is the same component
/// predict mode uses; the room (the class server) is its judge.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassPrompt {
    view: StudentView,
    answer: AnswerBox,
    sent: Option<Sent>,
    /// The text on its way to the room, until the room answers.
    pending: Option<String>,
    /// Esc put the reveal aside; the next question brings the prompt back.
    hidden: bool,
}

impl ClassPrompt {
    /// The question and, after the reveal, the room's counts, as this student sees them.
    #[must_use]
    pub fn view(&self) -> &StudentView {
        &self.view
    }

    /// The answer field, while the student may type.
    #[must_use]
    pub fn field(&self) -> &crate::widget::TextField {
        self.answer.field()
    }

    fn new(view: StudentView) -> Self {
        let e = &view.question.expected;
        let asked =
            NumericAnswer::Number { value: e.value(), derivation: Some(e.derivation.clone()), slips: e.slips.clone() };
        Self { answer: AnswerBox::new(asked, ANSWER_CAP), view, sent: None, pending: None, hidden: false }
    }

    /// Whether it owns the screen and the keyboard: an open question always, a reveal until
    /// the student puts it aside.
    #[must_use]
    pub fn owns_screen(&self) -> bool {
        !self.view.revealed || !self.hidden
    }

    /// Whether typed keys go into the answer field.
    #[must_use]
    pub fn typing(&self) -> bool {
        !self.view.revealed
    }

    /// The answer this student has sent: from this session, or else as the room holds it
    /// (so a rejoin, or a slide met again, still shows it).
    #[must_use]
    pub fn sent_text(&self) -> Option<&str> {
        self.sent.as_ref().map(|s| s.text.as_str()).or(self.view.mine.as_ref().map(|m| m.text.as_str()))
    }

    /// At the reveal, the answer that counts and its verdict: the room's record of this
    /// student's latest answer, whichever session sent it.
    #[must_use]
    pub fn judged(&self) -> Option<(&str, &Verdict)> {
        let mine = self.view.mine.as_ref().and_then(|m| Some((m.text.as_str(), m.verdict.as_ref()?)));
        mine.or_else(|| self.sent.as_ref().map(|s| (s.text.as_str(), &s.verdict)))
    }

    /// A new view from the room: a new question starts afresh, the same one keeps the answer.
    pub fn sync(prompt: &mut Option<ClassPrompt>, view: Option<StudentView>) {
        let Some(view) = view else {
            *prompt = None;
            return;
        };
        match prompt {
            Some(p) if p.view.question.id == view.question.id => p.view = view,
            _ => *prompt = Some(ClassPrompt::new(view)),
        }
    }

    pub fn field_key(&mut self, message: FieldMsg) -> Reply {
        if self.view.revealed {
            if message == FieldMsg::Cancel {
                self.hidden = true;
            }
            return Reply::default();
        }
        match message {
            FieldMsg::Submit if self.answer.text().trim().is_empty() => {
                self.answer.set_note("type the number or its terms first");
                Reply::default()
            }
            FieldMsg::Submit => {
                let text = self.answer.text().to_string();
                self.pending = Some(text.clone());
                Reply::effect(Effect::ClassAnswer { id: self.view.question.id, text })
            }
            FieldMsg::Cancel => {
                self.answer.set_note("the class question stays until the reveal");
                Reply::default()
            }
            other => {
                self.answer.edit(&other);
                Reply::default()
            }
        }
    }

    /// The room took (or refused) the answer sent last. Right or wrong stays unsaid until
    /// the reveal.
    pub fn answered(&mut self, result: Result<Verdict, crate::class::AnswerError>) -> Reply {
        let text = self.pending.take().unwrap_or_default();
        match result {
            Ok(verdict) => {
                self.sent = Some(Sent { text, verdict });
                Reply::info("sent, waiting for the reveal")
            }
            Err(reason) => {
                self.answer.set_note(reason.to_string());
                Reply::default()
            }
        }
    }
}
