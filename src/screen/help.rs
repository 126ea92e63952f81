//! The `?` overlay: every key that acts on the current screen, from the same key tables the
//! keys are looked up in.

use crate::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

pub struct HelpView<'a> {
    pub title: &'a str,
    pub rows: &'a [(&'static str, &'static str)],
    pub scroll: u16,
    pub theme: Theme,
}

impl Widget for &HelpView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let rows = self.rows;
        let height = u16::try_from(rows.len()).unwrap_or(u16::MAX).saturating_add(4);
        let [vertical] = Layout::vertical([Constraint::Max(height)]).flex(Flex::Center).areas(area);
        let [popup] = Layout::horizontal([Constraint::Max(84)]).flex(Flex::Center).areas(vertical);
        Clear.render(popup, buf);
        let title = format!(" Keys: {} · ↑↓ scroll · Esc closes ", self.title);
        let block = Block::new().borders(Borders::ALL).border_style(self.theme.border_focused()).title(title);
        let lines: Vec<Line> = rows
            .iter()
            .map(|(key, what)| {
                Line::from(vec![Span::styled(format!("{key:>14}  "), self.theme.key()), Span::raw(*what)])
            })
            .collect();
        Paragraph::new(lines).block(block).scroll((self.scroll, 0)).render(popup, buf);
    }
}
