use crate::engine::Attention;
use crate::format;
use crate::scenario::Labels;
use crate::theme::Theme;
use crate::walk::vector_name;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

pub struct DiagramView<'a> {
    pub attention: &'a Attention,
    /// The query token, counted from 0.
    pub query: usize,
    pub scroll: u16,
    pub theme: Theme,
}

/// A horizontal bar of `fraction` × `width` cells, in eighths of a cell.
#[must_use]
pub fn bar(fraction: f64, width: usize) -> String {
    const PARTS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss,
        reason = "clamped to 0..=width*8"
    )]
    let eighths = (fraction.clamp(0.0, 1.0) * (width * 8) as f64).round() as usize;
    let mut text = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        text.push(PARTS[eighths % 8]);
    }
    text
}

impl Widget for &DiagramView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.render_labeled(&Labels::default(), area, buf);
    }
}

impl DiagramView<'_> {
    /// Draws the picture with the scenario's token labels beside the lesson's names.
    pub fn render_labeled(&self, labels: &Labels, area: Rect, buf: &mut Buffer) {
        self.render_with_keys(labels, labels, area, buf);
    }

    /// Draws the picture with `key_labels` on the keys: in cross-attention they name the
    /// encoder's tokens while `labels` name the decoder's.
    pub fn render_with_keys(&self, labels: &Labels, key_labels: &Labels, area: Rect, buf: &mut Buffer) {
        let mut lines = vec![self.header_line(labels, usize::from(area.width))];
        lines.push(self.cross_line().unwrap_or_default());
        lines.extend(self.key_lines(usize::from(area.width), key_labels));
        lines.extend(self.closing_lines());
        // Wrapped, not cut: the context vector's last entries are the point of the picture.
        let lines = crate::widget::line::wrap_lines(&lines, usize::from(area.width), |line| {
            crate::widget::line::item_indent(line) + 2
        });
        let text_height = u16::try_from(lines.len()).unwrap_or(u16::MAX).saturating_add(1);
        let [text, plane] = Layout::vertical([Constraint::Length(text_height), Constraint::Fill(1)]).areas(area);
        Paragraph::new(lines).scroll((self.scroll, 0)).render(text, buf);
        if self.scroll == 0 {
            let view = super::PlaneView {
                attention: self.attention,
                query: self.query,
                labels,
                key_labels,
                theme: self.theme,
            };
            (&view).render(plane, buf);
        }
    }

    fn header_line(&self, labels: &Labels, width: usize) -> Line<'static> {
        let n = self.query + 1;
        let q = format::vector(self.attention.q.row(self.query).iter().copied());
        let name = vector_name("q", self.query, labels);
        let side = if self.attention.encoder.is_some() { "decoder token" } else { "token" };
        let mut spans = vec![
            Span::styled(format!("query from {side} {n}: {name} = {q} "), self.theme.title()),
            Span::styled("─────────", self.theme.border()),
        ];
        // The footer names ←/→ too, so the reminder goes first when the row is full.
        let hint = Span::styled(format!("   (←/→: query token 1 to {})", self.attention.tokens()), self.theme.muted());
        if spans.iter().chain([&hint]).map(Span::width).sum::<usize>() <= width {
            spans.push(hint);
        }
        Line::from(spans)
    }

    /// Where the keys come from, in cross-attention: the shapes and the absent mask.
    fn cross_line(&self) -> Option<Line<'static>> {
        let a = self.attention;
        a.encoder.as_ref()?;
        let (tq, dk, tkv) = (a.tokens(), a.key_width(), a.keys());
        Some(Line::styled(
            format!(
                "  K and V from {}: Q·Kᵀ [{tq}×{dk}]·[{dk}×{tkv}] → [{tq}×{tkv}], no mask across",
                format::plural(tkv, "encoder token")
            ),
            self.theme.muted(),
        ))
    }

    fn key_lines(&self, width: usize, labels: &Labels) -> Vec<Line<'static>> {
        let a = self.attention;
        // The names padded to the widest, so the scores and weights line up in columns.
        let names: Vec<String> = (0..a.keys()).map(|b| vector_name("k", b, labels)).collect();
        let name_width = names.iter().map(|n| n.width()).max().unwrap_or(0);
        let mut lines: Vec<Line<'static>> = (0..a.keys())
            .map(|b| {
                let k = format!("{}{}", names[b], " ".repeat(name_width - names[b].width()));
                if !a.is_visible(self.query, b) {
                    return Line::from(vec![
                        Span::raw(format!("  \\ compare with {k} -> ")),
                        Span::styled("masked (a later token)", self.theme.masked()),
                    ]);
                }
                let score = format::number(a.scores[(self.query, b)]);
                let weight = a.weights[(self.query, b)];
                Line::from(vec![
                    Span::raw(format!("  \\ compare with {k} -> score {score:<10}")),
                    Span::styled(format!(" weight {:<9}", format::number_fitting(weight, 9)), self.theme.key()),
                ])
            })
            .collect();
        // One scale for every bar, as wide as the longest row leaves room for.
        let longest = lines.iter().map(Line::width).max().unwrap_or(0);
        let bar_width = width.saturating_sub(longest + 1).clamp(4, 40);
        for (b, line) in lines.iter_mut().enumerate().filter(|(b, _)| a.is_visible(self.query, *b)) {
            line.spans.push(Span::styled(bar(a.weights[(self.query, b)], bar_width), self.theme.bar()));
        }
        lines
    }

    fn closing_lines(&self) -> Vec<Line<'static>> {
        let a = self.attention;
        let n = self.query + 1;
        let weights = format::vector(a.weights.row(self.query).iter().copied());
        let visible: Vec<String> =
            (0..a.keys()).filter(|b| a.is_visible(self.query, *b)).map(|b| format!("v{}", b + 1)).collect();
        let context = format::vector(a.context.row(self.query).iter().copied());
        let scaled = if a.input.scale { " (scores divided by sqrt(d_k) first)" } else { "" };
        vec![
            Line::raw(format!("  \\ softmax{scaled} -> weights {weights}")),
            Line::from(vec![
                Span::raw(format!("  \\ mix {} -> ", visible.join(", "))),
                Span::styled(format!("context for token {n} = {context}"), self.theme.result()),
            ]),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::bar;

    #[test]
    fn bars_scale_in_eighths() {
        assert_eq!(bar(1.0, 4), "████");
        assert_eq!(bar(0.0, 4), "");
        assert_eq!(bar(0.5, 3), "█▌");
        assert!(bar(f64::NAN, 3).chars().count() <= 3);
    }
}
