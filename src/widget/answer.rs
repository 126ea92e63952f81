//! The one answer component. Predict mode, the quiz, Apply now and the class question each
//! hold one of these for a typed answer: the field, the check against what was asked, the
//! diagnosis of a miss, retries, and whether the answer was found or shown. So the same
//! typed number gets the same verdict, and the same words, wherever it is typed.

use crate::message::FieldMsg;
use crate::quiz::{NumericAnswer, Verdict, check_numeric};
use crate::theme::Theme;
use crate::widget::TextField;
use ratatui::text::{Line, Span};

/// Where an answer stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Still being worked on: the field takes keys.
    Open,
    /// Found, after `misses` wrong tries.
    Right { misses: u32 },
    /// Given up on: the answer was shown, not found.
    Shown,
}

/// What a submitted answer did.
#[derive(Debug, Clone, PartialEq)]
pub enum Submitted {
    /// The text is not an answer; the field says why and nothing is counted.
    Unreadable,
    /// A miss, with the diagnosis beside the field; it may be tried again.
    Wrong,
    Right {
        misses: u32,
    },
    /// Nothing is open to answer.
    Closed,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AnswerBox {
    asked: NumericAnswer,
    field: TextField,
    focused: bool,
    misses: u32,
    last: Option<Verdict>,
    /// The text of the last miss, for answers that are not one number (a shape).
    last_typed: String,
    standing: Standing,
}

impl AnswerBox {
    /// An open question whose field has the keyboard.
    #[must_use]
    pub fn new(asked: NumericAnswer, cap: usize) -> Self {
        Self {
            asked,
            field: TextField::new(cap),
            focused: true,
            misses: 0,
            last: None,
            last_typed: String::new(),
            standing: Standing::Open,
        }
    }

    #[must_use]
    pub fn asked(&self) -> &NumericAnswer {
        &self.asked
    }

    #[must_use]
    pub fn field(&self) -> &TextField {
        &self.field
    }

    #[must_use]
    pub fn standing(&self) -> Standing {
        self.standing
    }

    #[must_use]
    pub fn is_open(&self) -> bool {
        self.standing == Standing::Open
    }

    /// Whether typed keys go into the field now.
    #[must_use]
    pub fn focused(&self) -> bool {
        self.focused && self.is_open()
    }

    #[must_use]
    pub fn misses(&self) -> u32 {
        self.misses
    }

    /// The last checked answer, right or wrong.
    #[must_use]
    pub fn verdict(&self) -> Option<&Verdict> {
        self.last.as_ref()
    }

    pub fn focus(&mut self) {
        self.focused = self.is_open();
    }

    pub fn unfocus(&mut self) {
        self.focused = false;
    }

    /// An editing key (not Enter or Esc, which belong to the owner).
    pub fn edit(&mut self, message: &FieldMsg) {
        if self.is_open() {
            self.field.edit(message);
        }
    }

    /// A message beside the field (why a key was not taken, say).
    pub fn set_note(&mut self, note: impl Into<String>) {
        self.field.set_note(note);
    }

    /// Checks the typed text here, against what was asked.
    pub fn submit(&mut self) -> Submitted {
        if !self.is_open() {
            return Submitted::Closed;
        }
        let result = check_numeric(&self.asked, self.field.text());
        self.record(result)
    }

    /// The text to send to a judge elsewhere (the class server), whose word comes back
    /// through [`AnswerBox::record`].
    #[must_use]
    pub fn text(&self) -> &str {
        self.field.text()
    }

    /// Takes a judged answer: a miss keeps the field open with its diagnosis, selected for
    /// retyping; a right answer closes it.
    pub fn record<E: std::fmt::Display>(&mut self, result: Result<Verdict, E>) -> Submitted {
        match result {
            Err(reason) => {
                self.field.set_note(reason.to_string());
                Submitted::Unreadable
            }
            Ok(Verdict::Right) => {
                self.standing = Standing::Right { misses: self.misses };
                self.last = Some(Verdict::Right);
                self.focused = false;
                Submitted::Right { misses: self.misses }
            }
            Ok(wrong) => {
                self.misses += 1;
                self.last_typed = crate::sanitize::strip(self.field.text());
                self.field.select_all();
                self.field.set_note(wrong.reason());
                self.last = Some(wrong);
                Submitted::Wrong
            }
        }
    }

    /// Shows the answer without it being found: it is not counted as answered.
    pub fn show(&mut self) {
        if self.is_open() {
            self.standing = Standing::Shown;
            self.focused = false;
        }
    }

    /// `✓ right`, `✓ right after 2 wrong tries`, or `shown, not answered`.
    #[must_use]
    pub fn outcome_text(&self) -> Option<String> {
        match self.standing {
            Standing::Open => None,
            Standing::Right { misses: 0 } => Some("✓ right".into()),
            Standing::Right { misses: 1 } => Some("✓ right after 1 wrong try".into()),
            Standing::Right { misses } => Some(format!("✓ right after {misses} wrong tries")),
            Standing::Shown => Some("shown, not answered".into()),
        }
    }

    /// The lines a view shows for it: the last miss, then the field (with its note) while
    /// it is open, or the outcome once it is settled.
    #[must_use]
    pub fn lines(&self, label: &str, aside: &str, theme: Theme) -> Vec<Line<'static>> {
        let mut lines = Vec::new();
        if let Some(outcome) = self.outcome_text() {
            let style = if self.standing == Standing::Shown { theme.muted() } else { theme.right() };
            lines.push(Line::styled(outcome, style));
            return lines;
        }
        if let Some(Verdict::Wrong { guess, .. }) = &self.last {
            let attempt = if self.misses > 1 { format!(" (attempt {})", self.misses) } else { String::new() };
            // A shape is said back as typed: its guess holds only the rows.
            let not = match (&self.asked, guess.is_finite()) {
                (NumericAnswer::Shape(..) | NumericAnswer::Dims(_), _) if !self.last_typed.trim().is_empty() => {
                    format!("not {}", self.last_typed.trim())
                }
                (_, true) => format!("not {}", crate::format::number(*guess)),
                _ => "not that".into(),
            };
            lines.push(Line::styled(format!("✗ {not}{attempt}: try again"), theme.wrong()));
        }
        lines.push(self.field.line(label, self.focused, aside, theme));
        lines
    }

    /// What to type here, for the line under an empty field.
    #[must_use]
    pub fn how_to_type(&self) -> &'static str {
        match &self.asked {
            // Terms only help where the number is a sum of products.
            NumericAnswer::Number { derivation: Some(d), .. } if !d.terms.is_empty() => {
                // One line at 80 columns, so a re-asked step keeps its grids' rows.
                "type the result or the terms (1*0 + 0*1 ...); Enter checks, Esc leaves"
            }
            NumericAnswer::Number { .. } => "type the number; Enter checks, Esc leaves the field",
            NumericAnswer::Shape(..) => "type the shape, like 2x3 or [2, 3]; Enter checks, Esc leaves the field",
            NumericAnswer::Dims(_) => "type the shape, like [2, 4, 5, 8]; Enter checks, Esc leaves the field",
        }
    }

    /// The field and its note as spans, for a view that lays out its own line.
    #[must_use]
    pub fn spans(&self, theme: Theme) -> Vec<Span<'static>> {
        self.field.spans_with_note(theme)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Derivation;
    use crate::quiz::Diagnosis;

    fn score() -> AnswerBox {
        let asked = NumericAnswer::Number {
            value: 15.0,
            derivation: Some(Derivation::dot(&[3.0, 3.0], &[3.0, 2.0])),
            slips: Vec::new(),
        };
        AnswerBox::new(asked, 40)
    }

    fn type_text(answer: &mut AnswerBox, text: &str) {
        answer.edit(&FieldMsg::ClearToStart);
        text.chars().for_each(|c| answer.edit(&FieldMsg::Insert(c)));
    }

    #[test]
    fn a_wrong_shape_is_said_back_whole() {
        let mut answer = AnswerBox::new(NumericAnswer::Shape(2, 2), 40);
        answer.focus();
        type_text(&mut answer, "3x2");
        assert_eq!(answer.submit(), Submitted::Wrong);
        let text: Vec<String> =
            answer.lines("Your prediction: ", "", Theme::monochrome()).iter().map(ToString::to_string).collect();
        assert!(text[0].contains("not 3x2"), "{text:?}");
    }

    #[test]
    fn a_miss_can_be_retried_and_the_right_answer_closes_it() {
        let mut answer = score();
        type_text(&mut answer, "9");
        assert_eq!(answer.submit(), Submitted::Wrong);
        let Some(Verdict::Wrong { diagnosis, .. }) = answer.verdict() else { panic!("a miss") };
        assert!(matches!(diagnosis, Diagnosis::MissingTerm { index: 1, .. }), "{diagnosis:?}");
        assert!(answer.focused(), "a miss keeps the field");
        type_text(&mut answer, "15");
        assert_eq!(answer.submit(), Submitted::Right { misses: 1 });
        assert_eq!(answer.standing(), Standing::Right { misses: 1 });
        assert_eq!(answer.outcome_text().as_deref(), Some("✓ right after 1 wrong try"));
        assert_eq!(answer.submit(), Submitted::Closed);
    }

    #[test]
    fn garbage_is_not_a_miss_and_showing_is_not_answering() {
        let mut answer = score();
        type_text(&mut answer, "fifteen");
        assert_eq!(answer.submit(), Submitted::Unreadable);
        assert_eq!(answer.misses(), 0);
        answer.show();
        assert_eq!(answer.standing(), Standing::Shown);
        assert!(!answer.focused());
        assert_eq!(answer.submit(), Submitted::Closed, "a shown answer can't then be typed for credit");
    }
}
