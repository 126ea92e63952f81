//! When queries and keys have two entries, the score has a picture: q and every k as arrows
//! on a plane, each key's shadow on q dotted to the line through q. The axes are faint and
//! drawn first, so an arrow lying along one still shows; every label sits beside its own tip
//! or, when there is no room, the tip gets a number and the label goes to the legend.

mod caption;
mod grid;
mod place;
mod scene;

use crate::engine::Attention;
use crate::engine::plane::{Shadow, Window, extent, fit, shadow};
use crate::scenario::Labels;
use crate::theme::Theme;
pub use caption::LEGEND_TITLE;
use grid::Grid;
use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::Marker;
use ratatui::widgets::canvas::{Canvas, Context, Line as Segment, Points};
use ratatui::widgets::{Block, Borders, Widget};
use scene::{Arrow, Scene, ShadowLine};

/// The plane for the followed query: the arrows on the left, what they mean on the right.
pub struct PlaneView<'a> {
    pub attention: &'a Attention,
    pub query: usize,
    /// Token labels go beside the arrow tips.
    pub labels: &'a Labels,
    /// The keys' labels: the same as `labels`, or the encoder's in cross-attention.
    pub key_labels: &'a Labels,
    pub theme: Theme,
}

/// The plot's own marks. In ASCII each is a different character, so an arrowhead never reads
/// as part of an axis and an arrow never as a shadow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyphs {
    pub across: &'static str,
    pub up: &'static str,
    pub origin: &'static str,
    pub head: &'static str,
    /// One character a cell for the arrows' bodies; `None` draws them in braille.
    pub body: Option<char>,
    /// One character a cell for the dotted shadow lines; `None` dots them in braille.
    pub shadow: Option<char>,
}

impl Glyphs {
    pub const UNICODE: Self = Self { across: "┈", up: "┊", origin: "┼", head: "●", body: None, shadow: None };
    pub const ASCII: Self = Self { across: "-", up: "|", origin: "+", head: "o", body: Some('*'), shadow: Some('.') };

    #[must_use]
    pub fn for_theme(theme: Theme) -> Self {
        if theme.ascii { Self::ASCII } else { Self::UNICODE }
    }

    /// Dots per cell across and up, as the canvas counts them.
    fn dots(self) -> (u16, u16) {
        if self.body.is_some() { (1, 1) } else { (2, 4) }
    }
}

/// The narrowest plot, inside its border, that leaves labels room beside the tips.
const MIN_COLS: u16 = 28;
/// The fewest rows a wide, flat plot shrinks to, so labels still have rows above and below.
const MIN_ROWS: u16 = 8;

fn point(m: &crate::engine::Matrix, row: usize) -> (f64, f64) {
    (m[(row, 0)], m[(row, 1)])
}

fn fg(style: Style) -> Color {
    style.fg.unwrap_or(Color::Reset)
}

/// An arrow tip's name: `k2 furry` with a label, the lesson's `k2` without; a zero vector
/// says so, since it has no arrow to show it.
fn tip_label(letter: &str, t: usize, labels: &Labels, tip: (f64, f64)) -> String {
    let name = match labels.token(t) {
        Some(label) => format!("{letter}{} {label}", t + 1),
        None => format!("{letter}{}", t + 1),
    };
    if tip == (0.0, 0.0) { format!("{name} = [0, 0]") } else { name }
}

impl PlaneView<'_> {
    fn glyphs(&self) -> Glyphs {
        Glyphs::for_theme(self.theme)
    }

    fn query_point(&self) -> (f64, f64) {
        point(&self.attention.q, self.query)
    }

    fn shadows(&self) -> Vec<(usize, Shadow)> {
        let q = self.query_point();
        (0..self.attention.keys()).map(|b| (b, shadow(q, point(&self.attention.k, b)))).collect()
    }

    /// The query's arrow first, then the keys'.
    fn arrows(&self) -> Vec<Arrow> {
        let a = self.attention;
        let q = self.query_point();
        let mut arrows =
            vec![Arrow { tip: q, label: tip_label("q", self.query, self.labels, q), style: self.theme.result() }];
        arrows.extend((0..a.keys()).map(|b| {
            let k = point(&a.k, b);
            Arrow { tip: k, label: tip_label("k", b, self.key_labels, k), style: self.theme.key() }
        }));
        arrows
    }

    /// Each key's dotted line to its foot on the line through q; a zero q has no such line.
    fn shadow_lines(&self, shadows: &[(usize, Shadow)]) -> Vec<ShadowLine> {
        shadows
            .iter()
            .filter(|(_, s)| s.query_length > 0.0)
            .map(|(b, s)| (point(&self.attention.k, *b), s.foot))
            .collect()
    }

    /// The plot's box (as wide as the data needs at true proportions, within limits) and
    /// the grid of cells inside it.
    fn layout(&self, area: Rect, arrows: &[Arrow]) -> (Rect, Grid) {
        let data = extent(arrows.iter().map(|a| a.tip));
        let most_cols = (area.width / 2).saturating_sub(2);
        let mut rows = area.height.saturating_sub(2);
        let cols = whole(data.columns_for(rows)).clamp(MIN_COLS.min(most_cols), most_cols);
        rows = rows.min(whole(data.rows_for(cols)).max(MIN_ROWS));
        let plot = Rect { width: cols + 2, height: rows + 2, ..area };
        let window: Window = fit(data, cols, rows);
        (plot, Grid { window, cols, rows, dots: self.glyphs().dots() })
    }

    fn axis_style(&self) -> Style {
        self.theme.muted().add_modifier(Modifier::DIM)
    }

    fn render_axes(&self, scene: &Scene, inner: Rect, buf: &mut Buffer) {
        let Some((col, row)) = scene.origin() else { return };
        let g = self.glyphs();
        for c in 0..inner.width {
            buf.set_string(inner.x + c, inner.y + row, g.across, self.axis_style());
        }
        for r in 0..inner.height {
            buf.set_string(inner.x + col, inner.y + r, g.up, self.axis_style());
        }
    }

    /// Shadows first and arrows over them, each on its own canvas layer; the query's last.
    fn paint(&self, ctx: &mut Context, scene: &Scene, shadows: &[ShadowLine]) {
        let g = self.glyphs();
        ctx.marker(g.shadow.map_or(Marker::Braille, Marker::Custom));
        let dots = dotted(&scene.grid, shadows);
        ctx.draw(&Points { coords: &dots, color: fg(self.theme.muted()) });
        ctx.marker(g.body.map_or(Marker::Braille, Marker::Custom));
        for arrow in scene.arrows.iter().rev() {
            ctx.draw(&Segment::new(0.0, 0.0, arrow.tip.0, arrow.tip.1, fg(arrow.style)));
        }
    }

    /// The axes' crossing, heads over the arrows (the query's on top), a legend number where
    /// a label did not fit, then the labels.
    fn render_tips(&self, scene: &Scene, inner: Rect, buf: &mut Buffer) {
        let head = self.glyphs().head;
        if let Some((col, row)) = scene.origin() {
            // Every arrow starts here; the crossing stays visible under them unless a tip is here.
            buf.set_string(inner.x + col, inner.y + row, self.glyphs().origin, self.axis_style());
        }
        for ((arrow, cell), mark) in scene.arrows.iter().zip(&scene.heads).zip(&scene.marks).rev() {
            let Some((col, row)) = cell else { continue };
            let symbol = mark.map_or_else(|| head.to_string(), String::from);
            buf.set_string(inner.x + col, inner.y + row, symbol, arrow.style.add_modifier(Modifier::BOLD));
        }
        for (arrow, spot) in scene.arrows.iter().zip(&scene.spots) {
            let Some(spot) = spot else { continue };
            buf.set_stringn(inner.x + spot.col, inner.y + spot.row, &arrow.label, usize::from(spot.width), arrow.style);
        }
    }
}

/// A cell count for a length in cells, rounded up and kept within `u16`.
fn whole(cells: f64) -> u16 {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "clamped to the u16 range first")]
    let n = cells.ceil().clamp(0.0, f64::from(u16::MAX)) as u16;
    n
}

/// Points every two dots' length along each segment, so a shadow line reads as dotted.
fn dotted(grid: &Grid, segments: &[ShadowLine]) -> Vec<(f64, f64)> {
    let per = |cells: u16, dots: u16| f64::from(cells.max(1)) * f64::from(dots.max(1));
    let dot_w = grid.window.width() / per(grid.cols, grid.dots.0);
    let dot_h = grid.window.height() / per(grid.rows, grid.dots.1);
    let step = 2.0 * dot_w.max(dot_h);
    let mut points = Vec::new();
    for (from, to) in segments {
        let length = (to.0 - from.0).hypot(to.1 - from.1);
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "a plot is a few hundred dots")]
        let n = (length / step).floor().min(10_000.0) as u32;
        points.extend((0..=n).map(|i| {
            let t = if length > 0.0 { f64::from(i) * step / length } else { 0.0 };
            (from.0 + (to.0 - from.0) * t, from.1 + (to.1 - from.1) * t)
        }));
    }
    points
}

impl Widget for &PlaneView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if self.attention.key_width() != 2 || area.height < 6 || area.width < 30 {
            return;
        }
        let shadows = self.shadows();
        let lines = self.shadow_lines(&shadows);
        let arrows = self.arrows();
        let (plot, grid) = self.layout(area, &arrows);
        let scene = Scene::new(grid, arrows, &lines);
        let block = Block::new().borders(Borders::ALL).border_style(self.theme.border()).title(" q and k on a plane ");
        let inner = block.inner(plot);
        block.render(plot, buf);
        self.render_axes(&scene, inner, buf);
        Canvas::default()
            .marker(self.glyphs().body.map_or(Marker::Braille, Marker::Custom))
            .x_bounds(scene.grid.window.x)
            .y_bounds(scene.grid.window.y)
            .paint(|ctx| self.paint(ctx, &scene, &lines))
            .render(inner, buf);
        self.render_tips(&scene, inner, buf);
        let beside = Rect { x: plot.right(), width: area.right().saturating_sub(plot.right()), ..area };
        self.render_caption(&scene, &shadows, beside.inner(Margin::new(1, 1)), buf);
    }
}
