//! The `?` overlay: every key that acts on the current screen, from the same key tables the
//! keys are looked up in, then the last few status messages, so one that went by too fast
//! (or was cut short on a narrow terminal) can be read whole.

use crate::screen::{Status, StatusKind};
use crate::theme::Theme;
use crate::widget::line::{item_indent, wrap_line};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

/// The key column's width, and the indent a wrapped description continues at.
const KEY_WIDTH: usize = 14;
const TEXT_INDENT: usize = KEY_WIDTH + 2;
/// The widest the overlay grows.
const MAX_WIDTH: u16 = 84;

pub struct HelpView<'a> {
    pub title: &'a str,
    pub rows: &'a [(&'static str, &'static str)],
    /// Recent status messages, newest first.
    pub recent: &'a [&'a Status],
    pub scroll: u16,
    pub theme: Theme,
}

impl Widget for &HelpView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let [column] = Layout::horizontal([Constraint::Max(MAX_WIDTH)]).flex(Flex::Center).areas(area);
        let lines = self.lines(usize::from(column.width.saturating_sub(2)));
        let height = u16::try_from(lines.len()).unwrap_or(u16::MAX).saturating_add(2);
        let [popup] = Layout::vertical([Constraint::Max(height)]).flex(Flex::Center).areas(column);
        Clear.render(popup, buf);
        let title = format!(" Keys: {} · ↑↓ scroll · Esc closes ", self.title);
        let block = Block::new().borders(Borders::ALL).border_style(self.theme.border_focused()).title(title);
        Paragraph::new(lines).block(block).scroll((self.scroll, 0)).render(popup, buf);
    }
}

impl HelpView<'_> {
    /// Every row wrapped to `width`, descriptions continuing under themselves.
    fn lines(&self, width: usize) -> Vec<Line<'static>> {
        let mut lines: Vec<Line<'static>> = Vec::new();
        for (key, what) in self.rows {
            let row =
                Line::from(vec![Span::styled(format!("{key:>KEY_WIDTH$}  "), self.theme.key()), Span::raw(*what)]);
            lines.extend(wrap_line(&row, width, TEXT_INDENT));
        }
        if self.recent.is_empty() {
            return lines;
        }
        lines.push(Line::default());
        lines.push(Line::styled(" Recent messages, newest first", self.theme.title()));
        for status in self.recent {
            let (mark, style) = match status.kind {
                StatusKind::Info => ("·", self.theme.text()),
                StatusKind::Success => ("✓", self.theme.right()),
                StatusKind::Error => ("✗", self.theme.wrong()),
            };
            let item = Line::styled(format!("  {mark} {}", status.text), style);
            lines.extend(wrap_line(&item, width, item_indent(&item)));
        }
        lines
    }
}
