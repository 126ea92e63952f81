//! Class mode on screen. A student sees the projector's question above whatever screen they
//! are on, types an answer (retrying after a miss, as in predict mode) and, after the
//! reveal, the answer with the room's tally. The projector shows the tally under its slide.

use crate::class::{StudentView, Tally};
use crate::effect::Effect;
use crate::format;
use crate::message::FieldMsg;
use crate::quiz::NumericAnswer;
use crate::quiz::Verdict;
use crate::screen::Reply;
use crate::theme::Theme;
use crate::widget::{AnswerBox, Standing, Submitted};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

const ANSWER_CAP: usize = 120;

/// The projector's question on one student's screen. The answer is the same component
/// predict mode uses; the room (the class server) is its judge.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassPrompt {
    pub view: StudentView,
    pub answer: AnswerBox,
    /// Esc put it aside; it comes back at the reveal or with the next question.
    pub hidden: bool,
}

impl ClassPrompt {
    fn new(view: StudentView) -> Self {
        let e = &view.question.expected;
        let asked =
            NumericAnswer::Number { value: e.value(), derivation: Some(e.derivation.clone()), slips: e.slips.clone() };
        Self { answer: AnswerBox::new(asked, ANSWER_CAP), view, hidden: false }
    }

    /// Whether its field has the keyboard.
    #[must_use]
    pub fn focused(&self) -> bool {
        !self.hidden && !self.view.revealed && self.answer.is_open()
    }

    /// Whether this student found the answer.
    #[must_use]
    pub fn right(&self) -> bool {
        matches!(self.answer.standing(), Standing::Right { .. })
    }

    /// A new view from the room: a new question starts afresh, the same one keeps the answer.
    pub fn sync(prompt: &mut Option<ClassPrompt>, view: Option<StudentView>) {
        let Some(view) = view else {
            *prompt = None;
            return;
        };
        match prompt {
            Some(p) if p.view.question.id == view.question.id => {
                p.hidden &= !view.revealed;
                p.view = view;
            }
            _ => *prompt = Some(ClassPrompt::new(view)),
        }
    }

    pub fn field_key(&mut self, message: FieldMsg) -> Reply {
        match message {
            FieldMsg::Submit => {
                Reply::effect(Effect::ClassAnswer { id: self.view.question.id, text: self.answer.text().to_string() })
            }
            FieldMsg::Cancel => {
                // Putting it away would lose the question until the reveal: it stays.
                self.answer.set_note("the class question stays until the reveal: answer it, or Tab to look elsewhere");
                Reply::default()
            }
            other => {
                self.answer.edit(&other);
                Reply::default()
            }
        }
    }

    /// The room's answer to this student's answer.
    pub fn answered(&mut self, result: Result<Verdict, String>) -> Reply {
        match self.answer.record(result) {
            Submitted::Right { .. } => Reply::success("right: wait for the reveal"),
            Submitted::Wrong => Reply::error("not quite: try again before the reveal"),
            Submitted::Unreadable | Submitted::Closed => Reply::default(),
        }
    }
}

/// The tally as lines, for the projector and for students after the reveal.
#[must_use]
pub fn tally_lines(tally: &Tally, theme: Theme) -> Vec<Line<'static>> {
    let mut lines =
        vec![Line::styled(format!("class: {} answered · {} right", tally.answered, tally.right), theme.key())];
    if let Some(wrong) = &tally.common_wrong {
        let answer = crate::sanitize::strip(&wrong.answer);
        let times = if wrong.count == 1 { "once".to_string() } else { format!("{} times", wrong.count) };
        lines.push(Line::styled(format!("most common wrong answer: {answer} ({times}): {}", wrong.why), theme.wrong()));
    }
    if tally.revealed && !tally.right_names.is_empty() {
        lines.push(Line::styled(format!("right: {}", tally.right_names.join(", ")), theme.right()));
    }
    lines
}

/// The student's overlay, drawn at the top of the body over any screen.
pub struct ClassPromptView<'a> {
    pub prompt: &'a ClassPrompt,
    pub theme: Theme,
}

impl Widget for &ClassPromptView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let prompt = self.prompt;
        if prompt.hidden || area.height < 6 {
            return;
        }
        let lines = self.lines();
        let height = u16::try_from(lines.len()).unwrap_or(u16::MAX).saturating_add(2).min(area.height);
        let popup = Rect { height, ..area };
        Clear.render(popup, buf);
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(self.theme.border_focused())
            .title(" Class question from the projector ");
        Paragraph::new(lines).block(block).wrap(Wrap { trim: false }).render(popup, buf);
    }
}

impl ClassPromptView<'_> {
    fn lines(&self) -> Vec<Line<'static>> {
        let (prompt, theme) = (self.prompt, self.theme);
        let question = &prompt.view.question;
        let mut lines = vec![Line::styled(crate::sanitize::strip(&question.prompt), theme.title())];
        if prompt.view.revealed {
            let d = &question.expected.derivation;
            let worked = if d.terms.is_empty() { String::new() } else { format!("{} = ", format::terms(d)) };
            lines.push(Line::styled(
                format!("{} = {worked}{}", question.target, format::number(d.value)),
                theme.result(),
            ));
            if let Some(tally) = &prompt.view.tally {
                lines.extend(tally_lines(tally, theme));
            }
            return lines;
        }
        if prompt.right() {
            lines.push(Line::styled("✓ right: wait for the reveal", theme.right()));
        } else {
            let mut spans = vec![Span::styled("Your answer: ", theme.key())];
            spans.extend(prompt.answer.spans(theme));
            lines.push(Line::from(spans));
            lines.push(Line::styled("type the number or the terms, Enter sends it", theme.muted()));
        }
        lines
    }
}
