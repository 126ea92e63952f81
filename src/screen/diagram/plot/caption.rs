//! The words beside the plot: |q|, each key's score as its shadow times |q|, and the legend
//! for tips whose labels had no room beside them.

use super::PlaneView;
use super::scene::Scene;
use crate::engine::plane::Shadow;
use crate::format;
use crate::walk::vector_name;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

/// Heads the legend; a line under it reads `1: k4 sat = [0, 0]`.
pub const LEGEND_TITLE: &str = "numbered tips:";

impl PlaneView<'_> {
    /// The legend comes before the closing hint, so a short caption loses the hint first.
    pub(super) fn render_caption(&self, scene: &Scene, shadows: &[(usize, Shadow)], area: Rect, buf: &mut Buffer) {
        let mut lines = self.score_lines(shadows);
        let legend: Vec<Line<'static>> =
            scene.legend().map(|(mark, label)| Line::styled(format!("{mark}: {label}"), self.theme.key())).collect();
        if !legend.is_empty() {
            lines.push(Line::styled(LEGEND_TITLE, self.theme.muted()));
            lines.extend(legend);
        }
        lines.push(Line::styled("edit a matrix and the arrows move", self.theme.muted()));
        Paragraph::new(lines).wrap(Wrap { trim: true }).render(area, buf);
    }

    fn score_lines(&self, shadows: &[(usize, Shadow)]) -> Vec<Line<'static>> {
        let n = self.query + 1;
        let length = shadows.first().map_or(0.0, |(_, s)| s.query_length);
        let mut lines = vec![
            Line::styled(format!("|q{n}| = {}", format::number_fitting(length, 8)), self.theme.title()),
            Line::styled("score = shadow of k on q × |q|", self.theme.muted()),
        ];
        lines.extend(shadows.iter().map(|(b, s)| {
            Line::raw(format!(
                "{}: {} × {} = {}",
                vector_name("k", *b, self.key_labels),
                format::number_fitting(s.along, 8),
                format::number_fitting(s.query_length, 8),
                format::number(s.score)
            ))
        }));
        lines
    }
}
