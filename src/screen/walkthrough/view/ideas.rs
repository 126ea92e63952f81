//! The last step: the five ideas, and the Lab's four experiments to try. In predict mode the
//! experiments are asked one at a time; each one's short answer shows once it is found or
//! shown, and the Lab (5) has the numbers behind it.

use super::WalkthroughView;
use crate::screen::walkthrough::Step;
use crate::screen::walkthrough::asks::experiment_asks;
use crate::widget::line::{item_indent, wrap_lines};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

impl WalkthroughView<'_> {
    pub(super) fn render_ideas(&self, area: Rect, buf: &mut Buffer) {
        if !self.state.predicting() {
            let mut lines = self.idea_lines();
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                "Try the why in the Lab (5): √d_k, two matrices, positions, cross-attention. In predict mode (p) this \
                 step asks what each will show first.",
                self.theme.muted(),
            ));
            Paragraph::new(lines).wrap(Wrap { trim: true }).render(area, buf);
            return;
        }
        let width = usize::from(area.width);
        let experiments = wrap_lines(&self.experiment_lines(), width, item_indent);
        let mut lines = wrap_lines(&self.idea_names(width), width, item_indent);
        lines.push(Line::raw(""));
        // The question and its field matter most: the ideas' names give way first, then
        // the earliest answers.
        let height = usize::from(area.height);
        if lines.len() + experiments.len() > height {
            lines.clear();
        }
        let skip = experiments.len().saturating_sub(height);
        lines.extend(experiments.into_iter().skip(skip));
        Paragraph::new(lines).render(area, buf);
    }

    fn idea_lines(&self) -> Vec<Line<'static>> {
        let ideas = self.lesson.ideas.iter().enumerate();
        ideas
            .map(|(i, idea)| {
                Line::from(vec![
                    Span::styled(format!("{}. {}", i + 1, idea.name), self.theme.title()),
                    Span::raw(format!(": {}", idea.text)),
                ])
            })
            .collect()
    }

    /// The five ideas by name only, so the experiments' questions get the room; a line breaks
    /// between names, never inside one.
    fn idea_names(&self, width: usize) -> Vec<Line<'static>> {
        let mut rows: Vec<String> = Vec::new();
        for (i, idea) in self.lesson.ideas.iter().enumerate() {
            let name = format!("{}. {}", i + 1, idea.name);
            match rows.last_mut() {
                Some(row) if row.width() + 3 + name.width() <= width => {
                    row.push_str(" · ");
                    row.push_str(&name);
                }
                _ => rows.push(name),
            }
        }
        rows.into_iter().map(|row| Line::styled(row, self.theme.title())).collect()
    }

    /// The experiments reached so far with their answers, then the open question.
    fn experiment_lines(&self) -> Vec<Line<'static>> {
        let state = self.state;
        let settled = state.settled(&Step::Ideas).is_some();
        let mut lines = vec![Line::styled(
            "Try the why: predict what each experiment shows (the Lab, 5, has the numbers)",
            self.theme.key(),
        )];
        let encoder = self.attention.encoder.as_ref().or_else(|| self.cross.and_then(|(a, _)| a.encoder.as_ref()));
        for (i, (experiment, teaser, ask)) in experiment_asks(self.attention, encoder).into_iter().enumerate() {
            if settled || i < state.stage() {
                lines.push(Line::from(vec![
                    Span::styled(format!("→ {}: ", experiment.title()), self.theme.title()),
                    Span::styled(teaser.reveal, self.theme.result()),
                ]));
            } else if i == state.stage() {
                lines.push(Line::styled(format!("▶ {}", ask.prompt), self.theme.result()));
            }
        }
        lines.extend(self.prediction_lines(Step::Ideas));
        lines
    }
}
