use super::{GridId, PlaygroundState, PromptKind, explanation_lines, grid_model, layout};
use crate::document::Document;
use crate::theme::Theme;
use crate::widget::MatrixGrid;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

/// Everything the playground draws from; it changes nothing.
pub struct PlaygroundView<'a> {
    pub state: &'a PlaygroundState,
    pub document: &'a Document,
    /// The challenge being attempted, with the edits made so far.
    pub challenge: Option<(&'a str, u32)>,
    pub theme: Theme,
}

impl Widget for &PlaygroundView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let areas = layout(area, self.document.attention());
        for (grid, rect) in &areas.grids {
            self.render_grid(*grid, *rect, buf);
        }
        self.render_info(areas.info, buf);
        if let Some(selected) = self.state.library {
            self.render_library(selected, area, buf);
        }
    }
}

impl PlaygroundView<'_> {
    fn render_grid(&self, grid: GridId, area: Rect, buf: &mut Buffer) {
        let doc = self.document;
        let model = grid_model(grid, self.state, doc.attention(), doc.baseline(), true);
        (&MatrixGrid { model: &model, theme: self.theme }).render(area, buf);
    }

    fn render_info(&self, area: Rect, buf: &mut Buffer) {
        if area.height == 0 {
            return;
        }
        for x in area.left()..area.right() {
            buf[(x, area.y)].set_symbol("─").set_style(self.theme.border());
        }
        let mut lines = vec![self.settings_line()];
        if let Some((goal, edits)) = self.challenge {
            lines.push(Line::styled(format!("Challenge ({edits} edits so far): {goal}"), self.theme.key()));
        }
        lines.extend(self.detail_lines());
        // Only the rows the text needs: a paragraph restyles every cell of its area.
        let width = usize::from(area.width.max(1));
        let rows: usize = lines.iter().map(|l| l.width() / width + 1).sum();
        let height = u16::try_from(rows).unwrap_or(u16::MAX).min(area.height - 1);
        let text_area = Rect { y: area.y + 1, height, ..area };
        Paragraph::new(lines).wrap(Wrap { trim: false }).render(text_area, buf);
    }

    fn render_library(&self, selected: usize, area: Rect, buf: &mut Buffer) {
        use ratatui::layout::{Constraint, Flex, Layout};
        use ratatui::widgets::{Block, Borders, Clear};
        let rows = u16::try_from(crate::scenario::LIBRARY.len() * 2).unwrap_or(u16::MAX).saturating_add(3);
        let [vertical] = Layout::vertical([Constraint::Max(rows)]).flex(Flex::Center).areas(area);
        let [popup] = Layout::horizontal([Constraint::Max(100)]).flex(Flex::Center).areas(vertical);
        Clear.render(popup, buf);
        let title = " Scenario library · ↑/↓ choose · Enter load · Esc close ";
        let block = Block::new().borders(Borders::ALL).border_style(self.theme.border_focused()).title(title);
        let mut lines = Vec::new();
        for (i, (name, text)) in crate::scenario::LIBRARY.iter().enumerate() {
            let description = crate::scenario::parse(text, name).ok().and_then(|s| s.description).unwrap_or_default();
            let style = if i == selected { self.theme.selected() } else { self.theme.key() };
            lines.push(Line::styled(format!("{} {name}", if i == selected { "▶" } else { " " }), style));
            lines.push(Line::styled(format!("    {description}"), self.theme.muted()));
        }
        Paragraph::new(lines).block(block).render(popup, buf);
    }

    fn settings_line(&self) -> Line<'static> {
        let input = &self.document.attention().input;
        let on_off = |on: bool| if on { "on" } else { "off" };
        let theme = self.theme;
        Line::from(vec![
            Span::styled("scale ", theme.muted()),
            Span::styled(on_off(input.scale), theme.key()),
            Span::styled(" (s) · mask ", theme.muted()),
            Span::styled(on_off(input.causal), theme.key()),
            Span::styled(" (m) · following token ", theme.muted()),
            Span::styled((self.document.query() + 1).to_string(), theme.key()),
            Span::styled(" · underlined = edited", theme.muted()),
        ])
    }

    fn detail_lines(&self) -> Vec<Line<'static>> {
        let state = self.state;
        if let Some(prompt) = &state.prompt {
            let verb = match prompt.kind {
                PromptKind::Save => "Save scenario to",
                PromptKind::Load => "Load scenario from",
            };
            let mut spans = vec![Span::styled(format!("{verb}: "), self.theme.title())];
            spans.extend(prompt.field.spans_with_note(self.theme));
            return vec![
                Line::from(spans),
                Line::styled("Enter confirms, Esc cancels, Ctrl-U clears", self.theme.muted()),
            ];
        }
        if let Some(path) = &state.confirm {
            let name = crate::scenario::display_name(path);
            return vec![Line::styled(format!("{name} exists. Replace it? y replaces, n keeps it"), self.theme.key())];
        }
        let attention = self.document.attention();
        if let Some((grid, r, c)) = state.explain {
            return explanation_lines(grid, r, c, attention).into_iter().map(Line::from).collect();
        }
        let mut lines: Vec<Line<'static>> = explanation_lines(state.grid, state.row, state.col, attention)
            .into_iter()
            .take(1)
            .map(Line::from)
            .collect();
        if let Some(field) = &state.edit {
            let mut spans = vec![Span::styled(format!("{} ← ", state.grid.name()), self.theme.title())];
            spans.extend(field.spans_with_note(self.theme));
            spans.push(Span::styled("  Enter commits, Esc cancels", self.theme.muted()));
            lines.push(Line::from(spans));
            return lines;
        }
        let hint = if state.grid.input().is_some() {
            "type a number to change it; Enter edits"
        } else {
            "Enter: where does this number come from?"
        };
        lines.push(Line::styled(hint, self.theme.muted()));
        lines
    }
}
