//! Drawing a session's summary: honest counts, what to practise again, the drill record.

use super::view::QuizView;
use super::{Ending, Mark, SessionKind, Summary};
use crate::format::plural;
use ratatui::text::Line;

impl QuizView<'_> {
    pub(super) fn summary_lines(&self, summary: &Summary) -> Vec<Line<'static>> {
        let hints: u32 = summary.outcomes().iter().map(|o| o.hints).sum();
        let mut lines = vec![
            Line::styled(format!("{}: the summary", summary.title()), self.theme.title()),
            Line::default(),
            Line::raw(format!(
                "Answered {} ({} right, {} missed) · shown {} · {} used.",
                summary.answered(),
                summary.count(Mark::Right),
                summary.count(Mark::Missed),
                summary.count(Mark::Shown),
                plural(hints, "hint")
            )),
        ];
        lines.extend(self.drill_line(summary));
        let again = summary.to_practise();
        if summary.all_right() {
            lines.push(Line::styled("✓ nothing missed", self.theme.right()));
        }
        for (mark, title, sign) in [(Mark::Missed, "Missed:", "✗"), (Mark::Shown, "Shown (they come back soon):", "·")]
        {
            let listed: Vec<_> = again.iter().filter(|o| o.mark() == mark).collect();
            if !listed.is_empty() {
                lines.push(Line::styled(
                    title,
                    if mark == Mark::Missed { self.theme.wrong() } else { self.theme.key() },
                ));
                lines.extend(listed.iter().map(|o| Line::raw(format!("  {sign} {}", o.prompt()))));
            }
        }
        lines.push(Line::default());
        let keys = if again.is_empty() {
            "Enter: back to the menu"
        } else {
            "m: practise them again, drawn afresh · Enter: back to the menu"
        };
        lines.push(Line::styled(keys, self.theme.muted()));
        lines
    }

    /// What became of the drill record: a finished drill sets it, one left early does not.
    fn drill_line(&self, summary: &Summary) -> Option<Line<'static>> {
        if !matches!(summary.kind(), SessionKind::Drill { .. }) {
            return None;
        }
        let record = self.progress.drills.last().map(|d| format!("{}/{}", d.right, d.total));
        let text = match (summary.ending(), record) {
            (Ending::Finished, Some(record)) => format!("Drill record: {record}."),
            (Ending::LeftEarly, Some(record)) => format!("Left early: your last drill record stays {record}."),
            (_, None) => "Left early: no drill record yet.".to_string(),
        };
        Some(Line::styled(text, self.theme.key()))
    }
}
