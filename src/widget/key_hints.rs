//! The footer that lists the keys that matter right now, so nothing needs the docs. When the
//! row is too narrow for every hint, hints drop from the end of the screen's own list (the
//! tables put the most used first), and the last few (quit, all keys) always stay, so the
//! way to every key is never cut off.

use crate::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use textwrap::core::display_width;

/// Columns between two hints.
const GAP: usize = 2;

pub struct KeyHints<'a> {
    pub hints: &'a [(&'a str, &'a str)],
    /// How many of the last hints stay whatever the width.
    pub pinned: usize,
    pub theme: Theme,
}

impl KeyHints<'_> {
    /// The hints shown in `width` columns, in their order.
    #[must_use]
    pub fn shown(&self, width: usize) -> Vec<(&str, &str)> {
        let cost = |(key, what): &(&str, &str)| display_width(key) + 1 + display_width(what);
        let mut kept: Vec<(&str, &str)> = self.hints.to_vec();
        let mut droppable = self.hints.len().saturating_sub(self.pinned);
        let total = |kept: &[(&str, &str)]| kept.iter().map(cost).sum::<usize>() + GAP * kept.len().saturating_sub(1);
        while droppable > 0 && total(&kept) > width {
            droppable -= 1;
            kept.remove(droppable);
        }
        kept
    }
}

impl Widget for &KeyHints<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let shown = self.shown(usize::from(area.width));
        let mut spans = Vec::with_capacity(shown.len() * 3);
        for (i, (key, what)) in shown.into_iter().enumerate() {
            if i > 0 {
                spans.push(Span::styled(" ".repeat(GAP), self.theme.muted()));
            }
            spans.push(Span::styled(key, self.theme.key()));
            spans.push(Span::styled(format!(" {what}"), self.theme.muted()));
        }
        super::line::render_line(&Line::from(spans), area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HINTS: [(&str, &str); 5] =
        [("a", "first"), ("b", "second"), ("c", "third"), ("q", "quit"), ("?", "all keys")];

    #[test]
    fn everything_shows_when_it_fits() {
        let hints = KeyHints { hints: &HINTS, pinned: 2, theme: Theme::monochrome() };
        assert_eq!(hints.shown(80), HINTS.to_vec());
    }

    #[test]
    fn the_last_of_the_screen_hints_drop_first_and_the_pinned_stay() {
        let hints = KeyHints { hints: &HINTS, pinned: 2, theme: Theme::monochrome() };
        // "a first  b second  q quit  ? all keys" is 37 columns; with "c third" it is 46.
        assert_eq!(hints.shown(40), vec![HINTS[0], HINTS[1], HINTS[3], HINTS[4]]);
        assert_eq!(hints.shown(3), vec![HINTS[3], HINTS[4]], "never fewer than the pinned");
        let mut buf = Buffer::empty(Rect::new(0, 0, 40, 1));
        (&hints).render(buf.area, &mut buf);
        let row: String = buf.content().iter().map(ratatui::buffer::Cell::symbol).collect();
        assert_eq!(row.trim_end(), "a first  b second  q quit  ? all keys");
    }
}
