//! Drawing a session's summary: honest counts, what to practise again, the drill record.

use super::view::QuizView;
use super::{Ending, Mark, SessionKind, Summary};
use crate::format::plural;
use crate::widget::line::{item_indent, wrap_lines};
use ratatui::style::Style;
use ratatui::text::Line;

impl QuizView<'_> {
    /// The summary wrapped to `width`; when the list of questions to practise again is taller
    /// than the room left, it ends with how many more there are.
    pub(super) fn summary_lines(&self, summary: &Summary, width: usize, height: usize) -> Vec<Line<'static>> {
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
        let mut listed = Vec::new();
        for (mark, title, sign) in [(Mark::Missed, "Missed:", "✗"), (Mark::Shown, "Shown (they come back soon):", "·")]
        {
            let of_mark: Vec<_> = again.iter().filter(|o| o.mark() == mark).collect();
            if !of_mark.is_empty() {
                let style = if mark == Mark::Missed { self.theme.wrong() } else { self.theme.key() };
                listed.push(vec![Line::styled(title, style)]);
                listed.extend(of_mark.iter().map(|o| vec![Line::raw(format!("  {sign} {}", o.prompt()))]));
            }
        }
        let keys = if again.is_empty() {
            "Enter: back to the menu"
        } else {
            "m: practise them again, drawn afresh · Enter: back to the menu"
        };
        let tail = [Line::default(), Line::styled(keys, self.theme.muted())];
        let mut lines = wrap_lines(&lines, width, item_indent);
        let room = height.saturating_sub(lines.len() + tail.len());
        lines.extend(fit_list(&listed, width, room, self.theme.muted()));
        lines.extend(tail);
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

/// As many of the list's entries as fit in `room` rows once wrapped, then "… and N more".
fn fit_list(entries: &[Vec<Line<'static>>], width: usize, room: usize, style: Style) -> Vec<Line<'static>> {
    let wrapped: Vec<Vec<Line<'static>>> = entries.iter().map(|e| wrap_lines(e, width, item_indent)).collect();
    if wrapped.iter().map(Vec::len).sum::<usize>() <= room {
        return wrapped.into_iter().flatten().collect();
    }
    let mut out = Vec::new();
    let mut shown = 0;
    for entry in &wrapped {
        if out.len() + entry.len() + 1 > room {
            break;
        }
        out.extend(entry.iter().cloned());
        shown += 1;
    }
    let more = wrapped[shown..].iter().filter(|e| e.iter().any(|l| l.to_string().starts_with("  "))).count();
    out.push(Line::styled(format!("  … and {more} more (m practises them all)"), style));
    out
}
