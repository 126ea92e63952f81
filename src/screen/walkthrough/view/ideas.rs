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
        let mut lines = wrap_lines(&self.idea_names(), width, item_indent);
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

    /// The five ideas by name only, so the experiments' questions get the room.
    fn idea_names(&self) -> Vec<Line<'static>> {
        let names: Vec<String> =
            self.lesson.ideas.iter().enumerate().map(|(i, idea)| format!("{}. {}", i + 1, idea.name)).collect();
        vec![Line::styled(names.join(" · "), self.theme.title())]
    }

    /// The experiments reached so far with their answers, then the open question.
    fn experiment_lines(&self) -> Vec<Line<'static>> {
        let state = self.state;
        let settled = state.settled(&Step::Ideas).is_some();
        let mut lines = vec![Line::styled(
            "Try the why: predict what each experiment shows (the Lab, 5, has the numbers)",
            self.theme.key(),
        )];
        for (i, (teaser, ask)) in experiment_asks(self.attention).into_iter().enumerate() {
            let title = ask.prompt.split(": ").next().unwrap_or_default().to_string();
            if settled || i < state.stage() {
                lines.push(Line::from(vec![
                    Span::styled(format!("→ {title}: "), self.theme.title()),
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
