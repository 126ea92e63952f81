//! Drawing lines of text the way ratatui's `Line` and unwrapped `Paragraph` draw them, cell for
//! cell, but without grapheme segmentation for the plain-ASCII spans that make up most of a
//! frame: segmentation was the largest cost of redrawing the screen after each keystroke.

use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

mod wrap;

pub use wrap::{fit, fit_line, item_indent, wrap_line, wrap_lines};

/// A character that is always a grapheme of its own, one cell wide and never a control
/// character: printable ASCII and the symbol blocks the tutor draws with (Latin-1 letters
/// and signs, punctuation, superscripts, phonetic letters such as ᵀ, arrows, maths, box
/// drawing and blocks). None of them joins the next character into one grapheme.
#[must_use]
pub fn simple(c: char) -> bool {
    matches!(c,
        ' '..='~'
        | '\u{a1}'..='\u{ac}'
        | '\u{ae}'..='\u{ff}'
        | '\u{1d00}'..='\u{1d7f}'
        | '\u{2010}'..='\u{2027}'
        | '\u{2030}'..='\u{205e}'
        | '\u{2190}'..='\u{21ff}'
        | '\u{2200}'..='\u{22ff}'
        | '\u{2500}'..='\u{259f}')
}

/// Text made only of [`simple`] characters: one cell per character, no segmentation needed.
fn plain(text: &str) -> bool {
    text.chars().all(simple)
}

fn left_aligned(line: &Line) -> bool {
    matches!(line.alignment, None | Some(Alignment::Left))
}

/// Writes [`plain`] `text` from `x`, stopping at `right`; the next free column.
fn put_plain(buf: &mut Buffer, x: u16, y: u16, right: u16, text: &str, style: Style) -> u16 {
    let mut x = x;
    for c in text.chars() {
        if x >= right {
            break;
        }
        buf[(x, y)].set_char(c).set_style(style);
        x += 1;
    }
    x
}

/// Exactly what `line.render(area, buf)` draws: the line's style over the whole row, then
/// each span in turn.
pub fn render_line(line: &Line, area: Rect, buf: &mut Buffer) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    if !left_aligned(line) {
        line.render(area, buf);
        return;
    }
    let area = Rect { height: 1, ..area };
    let width = |span: &Span| if plain(&span.content) { span.content.chars().count() } else { span.width() };
    if line.spans.iter().map(width).sum::<usize>() == 0 {
        return;
    }
    if line.style != Style::default() {
        buf.set_style(area, line.style);
    }
    let mut x = area.x;
    for span in &line.spans {
        if x >= area.right() {
            break;
        }
        let advance = u16::try_from(width(span)).unwrap_or(u16::MAX);
        if plain(&span.content) {
            put_plain(buf, x, area.y, area.right(), &span.content, Style::default().patch(span.style));
        } else if advance > 0 {
            span.render(Rect { x, width: area.right() - x, ..area }, buf);
        }
        x = x.saturating_add(advance);
    }
}

/// What `Paragraph::new(lines).wrap(Wrap { trim: false })` draws when every line is narrower
/// than the area, so nothing wraps: one row per line, only the text's own cells styled. False
/// (and nothing drawn) when some line would wrap or is not left-aligned.
pub fn render_unwrapped(lines: &[Line], area: Rect, buf: &mut Buffer) -> bool {
    let area = area.intersection(buf.area);
    let fits = |line: &Line| left_aligned(line) && line.width() < usize::from(area.width);
    if !lines.iter().all(fits) {
        return false;
    }
    for (line, y) in lines.iter().zip(area.top()..area.bottom()) {
        let base = Style::default().patch(line.style);
        let mut x = area.x;
        for span in &line.spans {
            if plain(&span.content) {
                x = put_plain(buf, x, y, area.right(), &span.content, base.patch(span.style));
            } else {
                x = put_graphemes(buf, x, y, span, base);
            }
        }
    }
    true
}

/// One span grapheme by grapheme, as the paragraph does: zero-width graphemes are skipped.
fn put_graphemes(buf: &mut Buffer, mut x: u16, y: u16, span: &Span, base: Style) -> u16 {
    for grapheme in span.styled_graphemes(base) {
        let width = grapheme.symbol.cell_width();
        if width == 0 {
            continue;
        }
        let symbol = if grapheme.symbol.is_empty() { " " } else { grapheme.symbol };
        buf[(x, y)].set_symbol(symbol).set_style(grapheme.style);
        x = x.saturating_add(width);
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Modifier};
    use ratatui::widgets::{Paragraph, Wrap};

    fn lines() -> Vec<Line<'static>> {
        let red = Style::new().fg(Color::Red);
        vec![
            Line::from(vec![Span::styled("scale ", red), Span::raw("on · off"), Span::styled(" Q·Kᵀ e\u{301}", red)]),
            Line::styled("a whole styled line", Style::new().add_modifier(Modifier::BOLD)),
            Line::from(vec![Span::raw(""), Span::styled("宽字 ok", red), Span::raw("tab\there")]),
            Line::default(),
            Line::from("a line much too long for the row it is drawn in, cut at the edge"),
        ]
    }

    #[test]
    fn simple_characters_are_single_cell_graphemes() {
        let simple: String = (0..=0x26ff).filter_map(char::from_u32).filter(|c| simple(*c)).collect();
        assert!(simple.contains('ᵀ') && simple.contains('·') && simple.contains('─') && !simple.contains('\u{ad}'));
        let span = Span::raw(simple.as_str());
        let graphemes: Vec<_> = span.styled_graphemes(Style::default()).map(|g| g.symbol).collect();
        assert_eq!(graphemes.len(), simple.chars().count(), "each character is a grapheme");
        assert!(graphemes.iter().all(|g| g.cell_width() == 1), "each one cell wide");
    }

    #[test]
    fn a_line_draws_what_ratatui_draws() {
        for width in [1, 5, 12, 30, 80] {
            for line in lines() {
                let area = Rect::new(0, 0, width, 1);
                let (mut ours, mut theirs) = (Buffer::empty(area), Buffer::empty(area));
                render_line(&line, area, &mut ours);
                (&line).render(area, &mut theirs);
                assert_eq!(ours, theirs, "{line:?} at width {width}");
            }
        }
    }

    #[test]
    fn unwrapped_lines_draw_what_a_wrapping_paragraph_draws() {
        let lines = lines()[..4].to_vec();
        let area = Rect::new(2, 1, 40, 6);
        let (mut ours, mut theirs) = (Buffer::empty(Rect::new(0, 0, 44, 8)), Buffer::empty(Rect::new(0, 0, 44, 8)));
        assert!(render_unwrapped(&lines, area, &mut ours));
        Paragraph::new(lines).wrap(Wrap { trim: false }).render(area, &mut theirs);
        assert_eq!(ours, theirs);
    }

    #[test]
    fn a_line_that_would_wrap_is_left_to_the_paragraph() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 3));
        assert!(!render_unwrapped(&lines(), buf.area, &mut buf));
        assert_eq!(buf, Buffer::empty(Rect::new(0, 0, 20, 3)), "nothing drawn");
    }
}
