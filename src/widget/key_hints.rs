//! The footer that lists the keys that matter right now, so nothing needs the docs.

use crate::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

pub struct KeyHints<'a> {
    pub hints: &'a [(&'a str, &'a str)],
    pub theme: Theme,
}

impl Widget for &KeyHints<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let mut spans = Vec::with_capacity(self.hints.len() * 3);
        for (i, (key, what)) in self.hints.iter().enumerate() {
            if i > 0 {
                spans.push(Span::styled("  ", self.theme.muted()));
            }
            spans.push(Span::styled(*key, self.theme.key()));
            spans.push(Span::styled(format!(" {what}"), self.theme.muted()));
        }
        super::line::render_line(&Line::from(spans), area, buf);
    }
}
