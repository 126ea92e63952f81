use super::{GridId, PlaygroundState, PromptKind, explanation_lines, grid_model, layout, overlay};
use crate::document::Document;
use crate::theme::Theme;
use crate::widget::{MatrixGrid, OverlaidGrid};
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
        let overlay = overlay(grid, self.state, true);
        if let Some(cached) = self.state.cache.get(grid, doc) {
            (&OverlaidGrid { model: &cached.model, overlay: &overlay, theme: self.theme }).render(area, buf);
            return;
        }
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
            let edits = crate::format::plural(edits, "edit");
            lines.push(Line::styled(format!("Challenge ({edits} so far): {goal}"), self.theme.key()));
        }
        lines.extend(self.detail_lines());
        // Only the rows the text needs: a paragraph restyles every cell of its area.
        let width = usize::from(area.width.max(1));
        let rows: usize = lines.iter().map(|l| l.width() / width + 1).sum();
        let height = u16::try_from(rows).unwrap_or(u16::MAX).min(area.height - 1);
        let text_area = Rect { y: area.y + 1, height, ..area };
        if !crate::widget::line::render_unwrapped(&lines, text_area, buf) {
            Paragraph::new(lines).wrap(Wrap { trim: false }).render(text_area, buf);
        }
    }

    /// The library over the grids: each scenario's name and its description wrapped under
    /// it; when they do not all fit, the list scrolls to keep the chosen one in view.
    fn render_library(&self, selected: usize, area: Rect, buf: &mut Buffer) {
        use ratatui::layout::{Constraint, Flex, Layout};
        use ratatui::widgets::{Block, Borders, Clear};
        let [column] = Layout::horizontal([Constraint::Max(100)]).flex(Flex::Center).areas(area);
        let items = self.library_items(selected, usize::from(column.width.saturating_sub(2)));
        let total: usize = items.iter().map(Vec::len).sum();
        let height = u16::try_from(total).unwrap_or(u16::MAX).saturating_add(2);
        let [popup] = Layout::vertical([Constraint::Max(height)]).flex(Flex::Center).areas(column);
        let visible = usize::from(popup.height.saturating_sub(2));
        let end: usize = items.iter().take(selected + 1).map(Vec::len).sum();
        let offset = end.saturating_sub(visible);
        Clear.render(popup, buf);
        let title = " Scenario library · ↑/↓ choose · Enter load · Esc close ";
        let mut block = Block::new().borders(Borders::ALL).border_style(self.theme.border_focused()).title(title);
        if total > visible {
            let shown = format!(" {} of {} · ↑/↓ for more ", selected + 1, items.len());
            block = block.title_bottom(shown);
        }
        let lines: Vec<Line> = items.into_iter().flatten().collect();
        let offset = u16::try_from(offset).unwrap_or(u16::MAX);
        Paragraph::new(lines).block(block).scroll((offset, 0)).render(popup, buf);
    }

    /// Each shipped scenario's rows at `width`: its name, then its description at a
    /// four-column indent, broken between words.
    fn library_items(&self, selected: usize, width: usize) -> Vec<Vec<Line<'static>>> {
        let library = crate::scenario::LIBRARY.iter().enumerate();
        library
            .map(|(i, (name, text))| {
                let description =
                    crate::scenario::parse(text, name).ok().and_then(|s| s.description).unwrap_or_default();
                let style = if i == selected { self.theme.selected() } else { self.theme.key() };
                let mut rows = vec![Line::styled(format!("{} {name}", if i == selected { "▶" } else { " " }), style)];
                let description = Line::styled(format!("    {description}"), self.theme.muted());
                rows.extend(crate::widget::line::wrap_line(&description, width, 4));
                rows
            })
            .collect()
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
        let mut lines: Vec<Line<'static>> = explanation_lines(state.grid(), state.row(), state.col(), attention)
            .into_iter()
            .take(1)
            .map(Line::from)
            .collect();
        if let Some(field) = state.edit() {
            let mut spans = vec![Span::styled(format!("{} ← ", state.grid().name()), self.theme.title())];
            spans.extend(field.spans_with_note(self.theme));
            spans.push(Span::styled("  Enter commits, Esc cancels", self.theme.muted()));
            lines.push(Line::from(spans));
            return lines;
        }
        let hint = if state.grid().input().is_some() {
            "type a number to change it; Enter edits"
        } else {
            "Enter: where does this number come from?"
        };
        lines.push(Line::styled(hint, self.theme.muted()));
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Edit, InputMatrix};
    use crate::engine::Projection;
    use crate::scenario::Scenario;
    use strum::IntoEnumIterator;

    fn draw(state: &PlaygroundState, document: &Document, theme: Theme) -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, 118, 37));
        (&PlaygroundView { state, document, challenge: None, theme }).render(buf.area, &mut buf);
        buf
    }

    fn states() -> Vec<PlaygroundState> {
        let mut states = Vec::new();
        for grid in GridId::iter() {
            let row = usize::from(grid == GridId::WQ);
            states.push(PlaygroundState::at(grid, row, 1));
            states.push(PlaygroundState { explain: Some((grid, 1, 0)), ..PlaygroundState::at(grid, 0, 0) });
        }
        let mut editing = PlaygroundState::at(GridId::WK, 0, 0);
        editing.editor.begin(None, -12.5);
        states.push(editing);
        states
    }

    /// The cache must change nothing drawn, styles included: each state is drawn from a cache
    /// kept up to date across a series of edits and from none (every grid built afresh).
    #[test]
    fn the_cached_grids_draw_exactly_what_fresh_ones_do() {
        let mut document = Document::new(Scenario::lesson()).expect("fits");
        let mut cached = PlaygroundState::default();
        let edits = [
            Edit::SetCell { matrix: InputMatrix::Tokens, row: 0, col: 1, value: 0.123_456_789 },
            // Too long to show whole: drawn through `number_fitting`'s shorter forms.
            Edit::SetCell { matrix: InputMatrix::Weight(Projection::Key), row: 1, col: 0, value: 12_345.678_901 },
            Edit::ToggleCausal,
            Edit::AddToken,
            Edit::SetCell { matrix: InputMatrix::Tokens, row: 0, col: 1, value: 1.0 },
        ];
        for edit in edits {
            document.apply(edit).expect("applies");
            assert_cache_draws_the_same(&mut cached, &document);
        }
        // The same numbers under a new baseline: nothing is marked edited any more.
        document.open(document.scenario()).expect("opens");
        assert_cache_draws_the_same(&mut cached, &document);
    }

    fn assert_cache_draws_the_same(cached: &mut PlaygroundState, document: &Document) {
        cached.refresh_cache(document);
        assert!(cached.cache.get(GridId::X, document).is_some());
        for theme in [Theme::default(), Theme::monochrome()] {
            for state in states() {
                let with_cache = PlaygroundState { cache: cached.cache.clone(), ..state.clone() };
                assert_eq!(draw(&with_cache, document, theme), draw(&state, document, theme), "{state:?}");
            }
        }
    }
}
