//! Drawing the class question on a student's screen, and the tally lines the projector and
//! the reveal share.

use super::ClassPrompt;
use crate::class::Tally;
use crate::format;
use crate::quiz::Verdict;
use crate::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};
use std::fmt::Write;

/// The widest bar beside a group of wrong answers.
const BAR: usize = 16;

/// The tally as lines. Before the reveal only counts (right or wrong would tell the room
/// the answer); after it, the right count and the common mistakes with a bar each.
#[must_use]
pub fn tally_lines(tally: &Tally, theme: Theme) -> Vec<Line<'static>> {
    let mut head = format!("answered {} of {} here", tally.answered_here, tally.here);
    if tally.answered_left > 0 {
        let _ = write!(head, " · {} left after answering", tally.answered_left);
    }
    if !tally.revealed {
        return vec![Line::styled(format!("class: {head}"), theme.key())];
    }
    let mut lines = vec![Line::styled(format!("class: {head} · {} right", tally.right), theme.key())];
    let total = tally.answered().max(1);
    for group in &tally.groups {
        let bar = "█".repeat((group.count * BAR).div_ceil(total).min(BAR));
        let students = format::plural(group.count, "student");
        let why = crate::sanitize::strip(&group.why);
        lines.push(Line::from(vec![
            Span::styled(format!("{bar:<BAR$} "), theme.wrong()),
            Span::styled(format!("{students}: {why}"), theme.wrong()),
        ]));
    }
    lines
}

/// The student's class question, drawn over the whole body (or the whole terminal when it
/// is smaller than the tutor needs).
pub struct ClassPromptView<'a> {
    pub prompt: &'a ClassPrompt,
    pub theme: Theme,
}

impl Widget for &ClassPromptView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if !self.prompt.owns_screen() || area.height < 3 {
            return;
        }
        Clear.render(area, buf);
        let title = if self.prompt.view.revealed { " Class question: the answer " } else { " Class question " };
        let block = Block::new().borders(Borders::ALL).border_style(self.theme.border_focused()).title(title);
        let lines = if self.prompt.view.revealed { self.reveal_lines() } else { self.question_lines() };
        Paragraph::new(lines).block(block).wrap(Wrap { trim: false }).render(area, buf);
    }
}

impl ClassPromptView<'_> {
    /// The question first, then the field (so a small terminal still shows both), then
    /// what is needed to work it out.
    fn question_lines(&self) -> Vec<Line<'static>> {
        let (prompt, theme) = (self.prompt, self.theme);
        let question = &prompt.view.question;
        let mut lines = vec![Line::styled(crate::sanitize::strip(&question.prompt), theme.title())];
        let mut field = vec![Span::styled("Your answer: ", theme.key())];
        field.extend(prompt.answer.spans(theme));
        lines.push(Line::from(field));
        lines.push(match prompt.sent_text() {
            Some(sent) => Line::styled(
                format!("sent {}, waiting for the reveal (Enter again changes it)", crate::sanitize::strip(sent)),
                theme.right(),
            ),
            None => Line::styled("type the number or its terms (1*0 + 0*1); Enter sends it", theme.muted()),
        });
        if !question.context.is_empty() {
            lines.push(Line::default());
            lines.extend(question.context.iter().map(|c| Line::raw(crate::sanitize::strip(c))));
        }
        lines
    }

    fn reveal_lines(&self) -> Vec<Line<'static>> {
        let (prompt, theme) = (self.prompt, self.theme);
        let question = &prompt.view.question;
        let d = &question.expected.derivation;
        let worked = if d.terms.is_empty() { String::new() } else { format!("{} = ", format::terms(d)) };
        let mut lines = vec![
            Line::styled(crate::sanitize::strip(&question.prompt), theme.title()),
            Line::styled(format!("{} = {worked}{}", question.target, format::number(d.value)), theme.result()),
        ];
        lines.push(match prompt.judged() {
            None => Line::styled("you sent no answer", theme.muted()),
            Some((text, verdict)) => {
                let text = crate::sanitize::strip(text);
                match verdict {
                    Verdict::Right => Line::styled(format!("your answer: {text} ✓"), theme.right()),
                    wrong @ Verdict::Wrong { .. } => {
                        Line::styled(format!("your answer: {text} ✗ {}", wrong.reason()), theme.wrong())
                    }
                }
            }
        });
        if let Some(tally) = &prompt.view.tally {
            lines.extend(tally_lines(tally, theme));
        }
        lines.push(Line::styled("Esc: back to your tutor", theme.muted()));
        lines
    }
}
