//! Where the canvas puts a point of the plane, in cells, so the marks drawn over it (axes,
//! heads, labels) land on the canvas's own dots.

use crate::engine::plane::Window;

/// The plot's cells and the part of the plane they show.
#[derive(Debug, Clone, Copy)]
pub(super) struct Grid {
    pub window: Window,
    pub cols: u16,
    pub rows: u16,
    /// Dots per cell across and up: 2 × 4 for braille, 1 × 1 for one character a cell.
    pub dots: (u16, u16),
}

impl Grid {
    /// The cell holding `p`, rounded the way ratatui's canvas rounds, or `None` off the plot.
    pub fn cell(&self, p: (f64, f64)) -> Option<(u16, u16)> {
        let (width, height) = (self.window.width(), self.window.height());
        if !self.window.contains(p) || self.cols == 0 || self.rows == 0 || width <= 0.0 || height <= 0.0 {
            return None;
        }
        let across = f64::from(self.cols) * f64::from(self.dots.0) - 1.0;
        let up = f64::from(self.rows) * f64::from(self.dots.1) - 1.0;
        let x = ((p.0 - self.window.x[0]) * across / width).round();
        let y = ((self.window.y[1] - p.1) * up / height).round();
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "inside the window, so between 0 and the dot count"
        )]
        let (x, y) = (x as u32, y as u32);
        let cell = |dot: u32, per: u16, limit: u16| u16::try_from(dot / u32::from(per.max(1))).map_or(limit, |c| c);
        Some((cell(x, self.dots.0, self.cols - 1), cell(y, self.dots.1, self.rows - 1)))
    }

    /// The cells a segment passes through, sampled at least twice a cell so none is missed.
    pub fn segment(&self, from: (f64, f64), to: (f64, f64)) -> Vec<(u16, u16)> {
        let steps = (u32::from(self.cols) + u32::from(self.rows)) * 2;
        let mut cells: Vec<(u16, u16)> = (0..=steps)
            .filter_map(|i| {
                let t = f64::from(i) / f64::from(steps.max(1));
                self.cell((from.0 + (to.0 - from.0) * t, from.1 + (to.1 - from.1) * t))
            })
            .collect();
        cells.dedup();
        cells
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(dots: (u16, u16)) -> Grid {
        Grid { window: Window { x: [-1.0, 3.0], y: [-1.0, 1.0] }, cols: 8, rows: 2, dots }
    }

    #[test]
    fn corners_and_the_origin_land_where_the_canvas_puts_them() {
        for dots in [(1, 1), (2, 4)] {
            let g = grid(dots);
            assert_eq!(g.cell((-1.0, 1.0)), Some((0, 0)), "{dots:?}");
            assert_eq!(g.cell((3.0, -1.0)), Some((7, 1)), "{dots:?}");
            assert_eq!(g.cell((3.5, 0.0)), None, "off the plot");
        }
        // Braille: x = 0 is dot 3.75 -> 4 of 0..=15, so cell 2; y = 0 is dot 3.5 -> 4 of 0..=7, row 1.
        assert_eq!(grid((2, 4)).cell((0.0, 0.0)), Some((2, 1)));
    }

    #[test]
    fn a_segment_covers_every_cell_between_its_ends() {
        let cells = grid((1, 1)).segment((-1.0, 1.0), (3.0, 1.0));
        assert_eq!(cells, (0..8).map(|c| (c, 0)).collect::<Vec<_>>());
    }
}
