//! Drawing Apply now's second and third tasks.

use super::tasks::{BLANKS, PIPELINE, SCORE_BLANK};
use super::view::QuizView;
use ratatui::text::{Line, Span};

impl QuizView<'_> {
    pub(super) fn diagram_lines(&self) -> Vec<Line<'static>> {
        let (task, theme) = (&self.state.diagram, self.theme);
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
        lines.extend(
            task.report
                .iter()
                .map(|(ok, text)| Line::styled(text.clone(), if *ok { theme.right() } else { theme.wrong() })),
        );
        lines.push(Line::styled("n: the last task · Esc: back to the menu", theme.muted()));
        lines
    }

    pub(super) fn boundary_lines(&self) -> Vec<Line<'static>> {
        let (task, theme) = (&self.state.boundary, self.theme);
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
}
