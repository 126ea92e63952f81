//! `--ascii`: after a frame is drawn, every box-drawing glyph, arrow, bar and mark is swapped
//! for a plain ASCII character of the same width, so the tutor reads on terminals and fonts
//! without UTF-8. One pass over the buffer, so no screen needs to know about it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// The ASCII stand-in for a symbol, if it needs one.
#[must_use]
#[allow(clippy::match_same_arms, reason = "one arm per kind of glyph reads better than merged arms")]
pub fn replacement(symbol: &str) -> Option<&'static str> {
    Some(match symbol {
        "─" | "━" | "═" | "┄" | "┈" | "╌" => "-",
        "│" | "┃" | "║" | "┆" | "┊" | "╎" => "|",
        "┌" | "┐" | "└" | "┘" | "├" | "┤" | "┬" | "┴" | "┼" => "+",
        "█" | "▉" | "▊" | "▋" | "▌" | "▍" | "▎" | "▏" => "#",
        "░" => ".",
        "·" => "*",
        "×" => "x",
        "ᵀ" => "T",
        "→" | "▶" => ">",
        "←" => "<",
        "↑" => "^",
        "↓" => "v",
        "⇕" | "⇔" => "~",
        "✓" => "+",
        "✗" => "x",
        "⏱" => "@",
        "√" => "r",
        "±" => "~",
        "…" => ".",
        "●" => "o",
        "\u{2800}" => " ",
        // Any other braille pattern: some dots of a drawing, which a dot stands in for.
        _ if symbol.chars().all(|c| ('\u{2801}'..='\u{28ff}').contains(&c)) && !symbol.is_empty() => ".",
        _ if symbol.is_ascii() => return None,
        _ => "?",
    })
}

/// Replaces every non-ASCII symbol in `area` of the buffer.
pub fn downgrade(buf: &mut Buffer, area: Rect) {
    let area = area.intersection(buf.area);
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let cell = &mut buf[(x, y)];
            if let Some(ascii) = replacement(cell.symbol()) {
                cell.set_symbol(ascii);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everything_becomes_ascii() {
        let mut buf = Buffer::with_lines(["┌─ Q·Kᵀ [2×2] ─┐", "│ ✓ ▶ █▌ → ü │", "┈┊● ⣇⠀⠁"]);
        let area = buf.area;
        downgrade(&mut buf, area);
        assert!(buf.content().iter().all(|c| c.symbol().is_ascii()));
        assert_eq!(buf, Buffer::with_lines(["+- Q*KT [2x2] -+", "| + > ## > ? |", "-|o . ."]));
    }
}
