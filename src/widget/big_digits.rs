//! Numbers in large block digits for presenter mode, readable from the back of a room.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

const HEIGHT: u16 = 5;

/// A 3×5 glyph, row by row; `#` is ink.
fn glyph(c: char) -> [&'static str; 5] {
    match c {
        '0' => ["###", "# #", "# #", "# #", "###"],
        '1' => [" # ", "## ", " # ", " # ", "###"],
        '2' => ["###", "  #", "###", "#  ", "###"],
        '3' => ["###", "  #", "###", "  #", "###"],
        '4' => ["# #", "# #", "###", "  #", "  #"],
        '5' => ["###", "#  ", "###", "  #", "###"],
        '6' => ["###", "#  ", "###", "# #", "###"],
        '7' => ["###", "  #", "  #", "  #", "  #"],
        '8' => ["###", "# #", "###", "# #", "###"],
        '9' => ["###", "# #", "###", "  #", "###"],
        '.' => ["   ", "   ", "   ", "   ", " # "],
        '-' => ["   ", "   ", "###", "   ", "   "],
        '+' => ["   ", " # ", "###", " # ", "   "],
        'e' => ["   ", "###", "###", "#  ", "###"],
        '?' => ["###", "  #", " ##", "   ", " # "],
        _ => ["   ", "   ", "   ", "   ", "   "],
    }
}

/// The size `text` takes at `scale`.
#[must_use]
pub fn size(text: &str, scale: u16) -> (u16, u16) {
    let chars = u16::try_from(text.chars().count()).unwrap_or(u16::MAX);
    (chars.saturating_mul(4).saturating_sub(1).saturating_mul(scale), HEIGHT * scale)
}

/// Draws `text` centred in `area`, each font pixel `scale` cells wide and high; clipped to
/// the area, never outside it.
pub fn render(text: &str, scale: u16, style: Style, area: Rect, buf: &mut Buffer) {
    let (width, height) = size(text, scale);
    let x0 = area.x + area.width.saturating_sub(width) / 2;
    let y0 = area.y + area.height.saturating_sub(height) / 2;
    for (i, c) in text.chars().enumerate() {
        let left = x0 + u16::try_from(i).unwrap_or(u16::MAX).saturating_mul(4 * scale);
        for (row, pixels) in glyph(c).iter().enumerate() {
            for (col, pixel) in pixels.chars().enumerate() {
                if pixel != '#' {
                    continue;
                }
                let (px, py) = (u16::try_from(col).unwrap_or(0) * scale, u16::try_from(row).unwrap_or(0) * scale);
                fill(buf, area, left.saturating_add(px), y0.saturating_add(py), scale, style);
            }
        }
    }
}

fn fill(buf: &mut Buffer, area: Rect, x: u16, y: u16, scale: u16, style: Style) {
    for dy in 0..scale {
        for dx in 0..scale {
            let (cx, cy) = (x.saturating_add(dx), y.saturating_add(dy));
            if cx < area.right() && cy < area.bottom() {
                buf[(cx, cy)].set_symbol("█").set_style(style);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_fifteen_in_blocks() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 7, 5));
        render("15", 1, Style::new(), buf.area, &mut buf);
        let expected = Buffer::with_lines([" █  ███", "██  █  ", " █  ███", " █    █", "███ ███"]);
        assert_eq!(buf, expected);
    }

    #[test]
    fn never_draws_outside_its_area() {
        for (w, h) in [(0, 0), (1, 1), (3, 2)] {
            let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
            render("-0.9526", 2, Style::new(), buf.area, &mut buf);
        }
    }
}
