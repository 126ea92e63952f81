//! When queries and keys have two entries, the score has a picture: q and every k as arrows
//! on a plane, each key's shadow on q drawn to the line through q.

use crate::engine::Attention;
use crate::engine::plane::{Shadow, shadow};
use crate::format;
use crate::scenario::Labels;
use crate::theme::Theme;
use crate::walk::vector_name;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::Line;
use ratatui::widgets::canvas::{Canvas, Context, Line as Segment};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

/// The plane for the followed query: the arrows on the left, what they mean on the right.
pub struct PlaneView<'a> {
    pub attention: &'a Attention,
    pub query: usize,
    /// Token labels go beside the arrow tips.
    pub labels: &'a Labels,
    pub theme: Theme,
}

fn point(m: &crate::engine::Matrix, row: usize) -> (f64, f64) {
    (m[(row, 0)], m[(row, 1)])
}

impl PlaneView<'_> {
    fn bound(&self) -> f64 {
        let a = self.attention;
        let all = a.q.row(self.query).iter().chain(a.k.iter()).map(|v| v.abs()).fold(0.0, f64::max);
        (all * 1.15).max(1.0)
    }

    /// `cell` is one terminal cell's size in plot units, so a label can sit beside its tip
    /// without running off the plot's right edge.
    fn draw(&self, ctx: &mut Context, shadows: &[(usize, Shadow)], cell: (f64, f64)) {
        let q = point(&self.attention.q, self.query);
        let muted = self.theme.muted().fg.unwrap_or(ratatui::style::Color::Reset);
        let key = self.theme.key().fg.unwrap_or(ratatui::style::Color::Reset);
        let result = self.theme.result().fg.unwrap_or(ratatui::style::Color::Reset);
        let bound = self.bound();
        ctx.draw(&Segment::new(-bound, 0.0, bound, 0.0, muted));
        ctx.draw(&Segment::new(0.0, -bound, 0.0, bound, muted));
        for (b, s) in shadows {
            let k = point(&self.attention.k, *b);
            ctx.draw(&Segment::new(0.0, 0.0, k.0, k.1, key));
            ctx.draw(&Segment::new(k.0, k.1, s.foot.0, s.foot.1, muted));
            let name = tip("k", *b, self.labels);
            let (x, y) = beside(k, &name, cell, bound);
            ctx.print(x, y, Line::styled(name, self.theme.key()));
        }
        ctx.draw(&Segment::new(0.0, 0.0, q.0, q.1, result));
        let name = tip("q", self.query, self.labels);
        let (x, y) = beside(q, &name, cell, bound);
        ctx.print(x, y, Line::styled(name, self.theme.result()));
    }

    fn caption(&self, shadows: &[(usize, Shadow)]) -> Vec<Line<'static>> {
        let n = self.query + 1;
        let length = shadows.first().map_or(0.0, |(_, s)| s.query_length);
        let mut lines = vec![
            Line::styled(format!("|q{n}| = {}", format::number_fitting(length, 8)), self.theme.title()),
            Line::styled("score = shadow of k on q × |q|", self.theme.muted()),
        ];
        for (b, s) in shadows {
            lines.push(Line::raw(format!(
                "{}: {} × {} = {}",
                vector_name("k", *b, self.labels),
                format::number_fitting(s.along, 8),
                format::number_fitting(s.query_length, 8),
                format::number(s.score)
            )));
        }
        lines.push(Line::styled("edit a matrix and the arrows move", self.theme.muted()));
        lines
    }
}

/// Where a tip's label starts: at the tip, or ending at it when it would run past the
/// plot's right edge (`bound`).
fn beside(tip: (f64, f64), name: &str, cell: (f64, f64), bound: f64) -> (f64, f64) {
    #[allow(clippy::cast_precision_loss, reason = "a label is at most a few dozen cells")]
    let width = name.chars().count() as f64 * cell.0;
    if tip.0 + width > bound { (tip.0 - width, tip.1) } else { tip }
}

/// An arrow tip's name: `k2 furry` with a label, the lesson's `k2` without.
fn tip(letter: &str, t: usize, labels: &Labels) -> String {
    match labels.token(t) {
        Some(label) => format!("{letter}{} {label}", t + 1),
        None => format!("{letter}{}", t + 1),
    }
}

impl Widget for &PlaneView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let a = self.attention;
        if a.key_width() != 2 || area.height < 6 || area.width < 30 {
            return;
        }
        let q = point(&a.q, self.query);
        let shadows: Vec<(usize, Shadow)> = (0..a.tokens()).map(|b| (b, shadow(q, point(&a.k, b)))).collect();
        let plot_width = (area.height.saturating_mul(2)).saturating_add(2).min(area.width / 2);
        let [plot, caption] = Layout::horizontal([Constraint::Length(plot_width), Constraint::Fill(1)]).areas(area);
        let bound = self.bound();
        let cells = |n: u16| f64::from(n.saturating_sub(2).max(1));
        let cell = (2.0 * bound / cells(plot.width), 2.0 * bound / cells(plot.height));
        let marker = if self.theme.ascii { Marker::Block } else { Marker::Braille };
        Canvas::default()
            .block(Block::new().borders(Borders::ALL).border_style(self.theme.border()).title(" q and k on a plane "))
            .marker(marker)
            .x_bounds([-bound, bound])
            .y_bounds([-bound, bound])
            .paint(|ctx| self.draw(ctx, &shadows, cell))
            .render(plot, buf);
        let caption = caption.inner(ratatui::layout::Margin::new(1, 1));
        Paragraph::new(self.caption(&shadows)).style(Style::default()).wrap(Wrap { trim: true }).render(caption, buf);
    }
}
