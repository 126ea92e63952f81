//! Screens whose issues have not landed yet say so plainly, and what they will hold.

use crate::message::ScreenId;
use crate::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

pub struct PlaceholderView {
    pub screen: ScreenId,
    pub theme: Theme,
}

fn plan(screen: ScreenId) -> &'static [&'static str] {
    match screen {
        ScreenId::Quiz => &[
            "Recall questions from the lesson, interview questions with their model answers,",
            "numeric questions computed by the engine, spaced repetition, timed interview drills,",
            "challenges on the live numbers and the lesson's \"Apply now\" exercise.",
        ],
        _ => &[],
    }
}

impl Widget for &PlaceholderView {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let mut lines = vec![
            Line::styled(format!("{}: placeholder", self.screen.title()), self.theme.title()),
            Line::default(),
            Line::raw("This screen is a placeholder: it is not built yet. It will hold:"),
        ];
        lines.extend(plan(self.screen).iter().map(|l| Line::raw(*l)));
        lines.push(Line::default());
        lines.push(Line::styled("Until then: 1 Walkthrough, 2 Playground, 3 Diagram, 5 Lab.", self.theme.muted()));
        Paragraph::new(lines).wrap(Wrap { trim: true }).render(area, buf);
    }
}
