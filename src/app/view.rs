//! Drawing the whole application from its state. Nothing here changes state.

use super::App;
use crate::message::ScreenId;
use crate::screen::help::HelpView;
use crate::screen::walkthrough::step_count;
use crate::screen::{Status, StatusKind};
use crate::widget::KeyHints;
use crate::widget::line::{fit, wrap_line};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use strum::IntoEnumIterator;

/// The smallest terminal the screens are laid out for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;
/// How often the run loop sends a tick, in milliseconds.
pub const TICK_MS: u64 = 100;
/// The most the tutor draws: a larger window gets this much, top left, so memory and work
/// stay bounded however large the pane.
pub const MAX_WIDTH: u16 = 500;
pub const MAX_HEIGHT: u16 = 200;

/// Each tab's label and the columns it occupies on the tab bar.
#[must_use]
pub fn tab_ranges() -> Vec<(ScreenId, String, u16, u16)> {
    let mut x = 0u16;
    ScreenId::iter()
        .map(|screen| {
            let label = format!(" {} {} ", screen.index() + 1, screen.title());
            let width = u16::try_from(label.chars().count()).unwrap_or(0);
            let range = (screen, label, x, x + width);
            x += width + 1;
            range
        })
        .collect()
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(Rect::new(area.x, area.y, MAX_WIDTH, MAX_HEIGHT));
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            if self.render_class_compact(area, buf) {
                return;
            }
            render_too_small(area, buf);
            return;
        }
        if self.present.is_some() {
            self.render_slide(area, buf);
        } else {
            self.render_screen(area, buf);
        }
        if self.theme.ascii {
            crate::ascii::downgrade(buf, area);
        }
    }
}

fn render_too_small(area: Rect, buf: &mut Buffer) {
    let text = format!(
        "qkv-tutor needs a terminal of at least {MIN_WIDTH}×{MIN_HEIGHT}; this one is {}×{}. Enlarge it, or press q to quit.",
        area.width, area.height
    );
    Paragraph::new(text).wrap(Wrap { trim: true }).render(area, buf);
}

impl App {
    /// The screen's rows: tabs, body, status (two rows when it needs them), footer.
    fn screen_areas(&self, area: Rect) -> [Rect; 4] {
        let status = u16::try_from(self.status_lines(area.width).len()).unwrap_or(1).max(1);
        Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(status),
            Constraint::Length(1),
        ])
        .areas(area)
    }

    /// Where the screen's body is drawn in `area`: mouse hit-testing asks here rather than
    /// keeping a copy of the layout.
    pub(super) fn body_area(&self, area: Rect) -> Rect {
        self.screen_areas(area)[1].inner(Margin::new(1, 0))
    }

    fn render_screen(&self, area: Rect, buf: &mut Buffer) {
        let [tabs, body, status, hints] = self.screen_areas(area);
        self.render_tabs(tabs, buf);
        self.render_body(body.inner(Margin::new(1, 0)), buf);
        if let Some(prompt) = &self.class_state().prompt {
            (&crate::screen::class::ClassPromptView { prompt, theme: self.theme }).render(body, buf);
        }
        self.render_status(status, buf);
        self.render_hints(hints, buf);
        self.render_help(body, buf);
    }

    fn render_help(&self, area: Rect, buf: &mut Buffer) {
        let Some(scroll) = self.help else { return };
        let rows = self.help_rows();
        let recent: Vec<&Status> = self.recent_statuses().collect();
        let title = if self.present.is_some() { "Presenter mode" } else { self.screen.title() };
        (&HelpView { title, rows: &rows, recent: &recent, scroll, theme: self.theme }).render(area, buf);
    }

    fn render_slide(&self, area: Rect, buf: &mut Buffer) {
        let Some(present) = self.present else { return };
        let doc = &self.shared.document;
        let Some(step) = present.step(doc) else { return };
        let [_, body, status, hints] = self.screen_areas(area);
        let slide = Rect { y: area.y, height: body.height.saturating_add(1), ..body };
        let view = crate::screen::present::SlideView {
            step,
            index: present.slide(),
            count: step_count(doc.attention()),
            attention: doc.attention(),
            lesson: &self.shared.lesson,
            revealed: present.revealed(),
            theme: self.theme,
            class: self.class_on_slide(),
            decoder_only: doc.baseline().encoder.is_some(),
        };
        (&view).render(slide.inner(Margin::new(2, 1)), buf);
        self.render_status(status, buf);
        self.render_hints(hints, buf);
        self.render_help(slide, buf);
    }

    fn render_tabs(&self, area: Rect, buf: &mut Buffer) {
        let mut spans = Vec::new();
        for (screen, label, _, _) in tab_ranges() {
            let style = if screen == self.screen { self.theme.tab_active() } else { self.theme.tab() };
            spans.push(Span::styled(label, style));
            spans.push(Span::styled("│", self.theme.border()));
        }
        if self.shared.read_only {
            spans.push(Span::styled(" READ-ONLY ", self.theme.wrong()));
        }
        let token = Span::styled(format!("token {}", self.shared.document.query() + 1), self.theme.key());
        // With the badge there is no room for the word at 80 columns; the token itself stays.
        let room = usize::from(area.width).saturating_sub(spans.iter().map(Span::width).sum());
        let lead = if room >= " following ".len() + token.width() { " following " } else { " " };
        spans.push(Span::styled(lead, self.theme.muted()));
        spans.push(token);
        let title = Span::styled(format!("  {}", self.shared.lesson.title), self.theme.muted());
        // The lesson's title is the first thing to go when the row is narrow.
        if spans.iter().chain([&title]).map(Span::width).sum::<usize>() <= usize::from(area.width) {
            spans.push(title);
        }
        let line = crate::widget::line::fit_line(&Line::from(spans), usize::from(area.width));
        crate::widget::line::render_line(&line, area, buf);
    }

    fn render_body(&self, area: Rect, buf: &mut Buffer) {
        self.screens.get(self.screen).render(&self.shared, self.theme, area, buf);
    }

    /// The status as drawn `width` columns wide: one row, or two when it does not fit on
    /// one (cut with `…` past that; the help overlay keeps the whole text).
    fn status_lines(&self, width: u16) -> Vec<Line<'static>> {
        let Some(status) = self.status() else { return Vec::new() };
        let (mark, style) = match status.kind {
            StatusKind::Info => ("", self.theme.text()),
            StatusKind::Success => ("✓ ", self.theme.right()),
            StatusKind::Error => ("✗ ", self.theme.wrong()),
        };
        let (width, indent) = (usize::from(width), 1 + mark.chars().count());
        let line = Line::styled(format!(" {mark}{}", status.text), style);
        let mut lines = wrap_line(&line, width, indent);
        if lines.len() > 2 {
            let rest: Vec<String> = lines.drain(1..).map(|l| l.to_string().trim_start().to_string()).collect();
            let second = format!("{}{}", " ".repeat(indent), rest.join(" "));
            lines.push(Line::styled(fit(&second, width).into_owned(), style));
        }
        lines
    }

    fn render_status(&self, area: Rect, buf: &mut Buffer) {
        for (line, y) in self.status_lines(area.width).iter().zip(area.top()..area.bottom()) {
            crate::widget::line::render_line(line, Rect { y, height: 1, ..area }, buf);
        }
    }

    fn render_hints(&self, area: Rect, buf: &mut Buffer) {
        let (hints, pinned) = self.footer();
        (&KeyHints { hints: &hints, pinned, theme: self.theme }).render(area, buf);
    }
}
