//! Drawing Apply now's second and third tasks, and the check list every task reports in.

use super::tasks::{BLANKS, PIPELINE, SCORE_BLANK};
use super::view::QuizView;
use super::{BoundaryTask, DiagramTask};
use crate::format::plural;
use crate::widget::line::{item_indent, wrap_line, wrap_lines};
use ratatui::text::{Line, Span};

impl QuizView<'_> {
    /// The task's rows for an area `width` × `height`: the check list gives way first.
    pub(super) fn diagram_lines(&self, task: &DiagramTask, width: usize, height: usize) -> Vec<Line<'static>> {
        let theme = self.theme;
        let mut lines = vec![
            Line::styled("Apply now, task 2: the three-branch picture, from memory", theme.title()),
            Line::styled("one token, three matrices: fill each blank (Enter types, c checks)", theme.muted()),
            Line::default(),
        ];
        let labels = BLANKS.iter().map(|(what, _)| *what).chain([SCORE_BLANK]);
        for (i, what) in labels.enumerate() {
            let selected = i == task.selected;
            let marker = if selected { "▶ " } else { "  " };
            let mut spans =
                vec![Span::styled(format!("{marker}{what:<28} "), if selected { theme.key() } else { theme.text() })];
            match (&task.edit, selected) {
                (Some(field), true) => spans.extend(field.spans_with_note(theme)),
                _ if task.answers[i].is_empty() => spans.push(Span::styled("____", theme.muted())),
                _ => spans.push(Span::styled(task.answers[i].clone(), theme.result())),
            }
            lines.push(Line::from(spans));
        }
        lines.push(Line::default());
        let mut lines = wrap_lines(&lines, width, item_indent);
        let tail = wrap_line(&Line::styled("n: the last task · Esc: back to the menu", theme.muted()), width, 0);
        let rows = height.saturating_sub(lines.len() + tail.len());
        lines.extend(self.checklist(&task.report, width, rows));
        lines.extend(tail);
        lines
    }

    pub(super) fn boundary_lines(&self, task: &BoundaryTask) -> Vec<Line<'static>> {
        let theme = self.theme;
        let mut lines = vec![
            Line::styled("Apply now, task 3: where does the projection end and the scoring begin?", theme.title()),
            Line::styled("pick the first line of scoring (a-e, or ↑/↓ and Enter)", theme.muted()),
            Line::default(),
        ];
        for (i, step) in PIPELINE.iter().enumerate() {
            let letter = char::from(b'a' + u8::try_from(i).unwrap_or(0));
            let style = if i == task.selected { theme.selected() } else { theme.text() };
            lines.push(Line::styled(format!("{letter}) {step}"), style));
        }
        lines.push(Line::default());
        if let Some((right, why)) = &task.outcome {
            let mark = if *right { "✓" } else { "✗" };
            lines.push(Line::styled(format!("{mark} {why}"), if *right { theme.right() } else { theme.wrong() }));
        }
        lines.push(Line::styled("n or Esc: back to the menu", theme.muted()));
        lines
    }

    /// A check list in at most `rows` rows, each item wrapped under its own mark. When it
    /// does not fit, the items already right go first, then the last ones, and a final row
    /// says how many are not shown.
    pub(super) fn checklist(&self, report: &[(bool, String)], width: usize, rows: usize) -> Vec<Line<'static>> {
        if rows == 0 {
            return Vec::new();
        }
        let items: Vec<(bool, Vec<Line<'static>>)> = report
            .iter()
            .map(|(ok, text)| {
                let line = Line::styled(text.clone(), if *ok { self.theme.right() } else { self.theme.wrong() });
                (*ok, wrap_line(&line, width, item_indent(&line)))
            })
            .collect();
        let mut shown = vec![true; items.len()];
        let used = |shown: &[bool]| items.iter().zip(shown).filter(|(_, s)| **s).map(|(i, _)| i.1.len()).sum::<usize>();
        if used(&shown) > rows {
            // The right ones first, then from the end; one row is kept for the count.
            let order = items.iter().enumerate().rev().filter(|(_, i)| i.0).chain(items.iter().enumerate().rev());
            for (index, _) in order {
                if used(&shown) < rows {
                    break;
                }
                shown[index] = false;
            }
        }
        let hidden: Vec<bool> = items.iter().zip(&shown).filter(|(_, s)| !**s).map(|(i, _)| i.0).collect();
        let mut lines: Vec<Line<'static>> =
            items.into_iter().zip(&shown).filter(|(_, s)| **s).flat_map(|(i, _)| i.1).collect();
        if !hidden.is_empty() {
            let right = hidden.iter().filter(|ok| **ok).count();
            let text = format!("… {} not shown, {right} of them right", plural(hidden.len(), "more check"));
            lines.extend(wrap_line(&Line::styled(text, self.theme.muted()), width, 2).into_iter().take(1));
        }
        lines
    }
}
