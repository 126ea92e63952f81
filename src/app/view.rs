//! Drawing the whole application from its state. Nothing here changes state.

use super::{App, StatusKind};
use crate::message::ScreenId;
use crate::screen::diagram::DiagramView;
use crate::screen::help::HelpView;
use crate::screen::lab::LabView;
use crate::screen::playground::PlaygroundView;
use crate::screen::quiz::QuizView;
use crate::screen::walkthrough::WalkthroughView;
use crate::widget::KeyHints;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

/// The smallest terminal the screens are laid out for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;
/// How often the run loop sends a tick, in milliseconds.
pub const TICK_MS: u64 = 100;

/// Each tab's label and the columns it occupies on the tab bar.
#[must_use]
pub fn tab_ranges() -> Vec<(ScreenId, String, u16, u16)> {
    let mut x = 0u16;
    ScreenId::ALL
        .iter()
        .map(|screen| {
            let label = format!(" {} {} ", screen.index() + 1, screen.title());
            let width = u16::try_from(label.chars().count()).unwrap_or(0);
            let range = (*screen, label, x, x + width);
            x += width + 1;
            range
        })
        .collect()
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            render_too_small(area, buf);
            return;
        }
        if let Some(revealed) = self.present {
            self.render_slide(area, revealed, buf);
            if self.theme.ascii {
                crate::ascii::downgrade(buf, area);
            }
            return;
        }
        let [tabs, body, status, hints] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        self.render_tabs(tabs, buf);
        self.render_body(body.inner(ratatui::layout::Margin::new(1, 0)), buf);
        self.render_status(status, buf);
        self.render_hints(hints, buf);
        if let Some(scroll) = self.help {
            (&HelpView { screen: self.screen, scroll, theme: self.theme }).render(body, buf);
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
    fn render_slide(&self, area: Rect, revealed: bool, buf: &mut Buffer) {
        let steps = self.steps();
        let Some(step) = steps.get(self.walkthrough.step).copied() else { return };
        let view = crate::screen::present::SlideView {
            step,
            index: self.walkthrough.step,
            count: steps.len(),
            attention: &self.document.attention,
            lesson: &self.lesson,
            revealed,
            theme: self.theme,
        };
        (&view).render(area.inner(ratatui::layout::Margin::new(2, 1)), buf);
    }

    fn render_tabs(&self, area: Rect, buf: &mut Buffer) {
        let mut spans = Vec::new();
        for (screen, label, _, _) in tab_ranges() {
            let style = if screen == self.screen { self.theme.tab_active() } else { self.theme.tab() };
            spans.push(Span::styled(label, style));
            spans.push(Span::styled("│", self.theme.border()));
        }
        spans.push(Span::styled(format!("  {}", self.lesson.title), self.theme.muted()));
        Line::from(spans).render(area, buf);
    }

    fn render_body(&self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        match self.screen {
            ScreenId::Walkthrough => {
                let steps = self.steps();
                let view = WalkthroughView {
                    state: &self.walkthrough,
                    steps: &steps,
                    attention: &self.document.attention,
                    lesson: &self.lesson,
                    theme,
                };
                (&view).render(area, buf);
            }
            ScreenId::Playground => (&PlaygroundView {
                state: &self.playground,
                document: &self.document,
                challenge: self
                    .challenge
                    .as_ref()
                    .map(|c| (c.goal.as_str(), self.document.edits().saturating_sub(c.start_edits))),
                theme,
            })
                .render(area, buf),
            ScreenId::Diagram => {
                let view = DiagramView {
                    attention: &self.document.attention,
                    query: self.playground.query,
                    scroll: self.diagram_scroll,
                    theme,
                };
                (&view).render(area, buf);
            }
            ScreenId::Lab => {
                let view =
                    LabView { state: &self.lab, attention: &self.document.attention, lesson: &self.lesson, theme };
                (&view).render(area, buf);
            }
            ScreenId::Quiz => {
                let view = QuizView {
                    state: &self.quiz,
                    progress: &self.progress,
                    lesson: &self.lesson,
                    now: self.now(),
                    theme,
                };
                (&view).render(area, buf);
            }
        }
    }

    fn render_status(&self, area: Rect, buf: &mut Buffer) {
        let Some(status) = &self.status else { return };
        let (mark, style) = match status.kind {
            StatusKind::Info => ("", self.theme.text()),
            StatusKind::Success => ("✓ ", self.theme.right()),
            StatusKind::Error => ("✗ ", self.theme.wrong()),
        };
        Line::styled(format!(" {mark}{}", status.text), style).render(area, buf);
    }

    fn render_hints(&self, area: Rect, buf: &mut Buffer) {
        let hints: &[(&str, &str)] = match self.screen {
            ScreenId::Walkthrough => &[
                ("→/Space", "next"),
                ("←", "back"),
                ("p", "predict"),
                ("a", "autoplay"),
                ("1-5", "screens"),
                ("?", "all keys"),
                ("q", "quit"),
            ],
            ScreenId::Playground => &[
                ("arrows", "move"),
                ("0-9", "type"),
                ("Enter", "explain"),
                ("u", "undo"),
                ("Tab", "screens"),
                ("?", "all keys"),
                ("q", "quit"),
            ],
            ScreenId::Diagram => &[("←/→", "query token"), ("1-5", "screens"), ("?", "all keys"), ("q", "quit")],
            ScreenId::Lab => &[
                ("↑/↓", "panel"),
                ("←/→", "decode step"),
                ("+/-", "heads, window"),
                ("n", "new token"),
                ("e", "edit W_V"),
                ("?", "all keys"),
                ("q", "quit"),
            ],
            ScreenId::Quiz if self.quiz.page == crate::screen::quiz::Page::Apply => &[
                ("arrows", "move"),
                ("0-9", "type"),
                ("Enter", "edit"),
                ("c", "check"),
                ("Esc", "back"),
                ("?", "all keys"),
            ],
            ScreenId::Quiz => &[
                ("↑/↓", "choose"),
                ("Enter", "answer"),
                ("h", "hint"),
                ("s", "solution"),
                ("f", "flag"),
                ("Esc", "back"),
                ("?", "all keys"),
            ],
        };
        (&KeyHints { hints, theme: self.theme }).render(area, buf);
    }
}
