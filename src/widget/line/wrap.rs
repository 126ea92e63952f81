//! Styled lines broken at spaces, with a hanging indent, and text cut with `…`. ratatui's
//! own wrapping drops a list item's indent on its second row and never says where it cut;
//! these keep the shape of a list and show that something is missing.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use std::borrow::Cow;
use textwrap::core::{Fragment, display_width};

/// One run of a word in one style.
#[derive(Debug, Clone)]
struct Piece {
    text: String,
    style: Style,
}

/// A word of a styled line: its runs, its width, and the spaces after it (and their style).
#[derive(Debug, Clone, Default)]
struct Word {
    pieces: Vec<Piece>,
    width: usize,
    spaces: usize,
    space_style: Style,
}

impl Fragment for Word {
    #[allow(clippy::cast_precision_loss, reason = "widths of terminal text are far below 2^52")]
    fn width(&self) -> f64 {
        self.width as f64
    }

    #[allow(clippy::cast_precision_loss, reason = "widths of terminal text are far below 2^52")]
    fn whitespace_width(&self) -> f64 {
        self.spaces as f64
    }

    fn penalty_width(&self) -> f64 {
        0.0
    }
}

impl Word {
    fn push(&mut self, c: char, style: Style) {
        self.width += char_width(c);
        match self.pieces.last_mut() {
            Some(piece) if piece.style == style => piece.text.push(c),
            _ => self.pieces.push(Piece { text: c.to_string(), style }),
        }
    }

    /// The word in pieces no wider than `width`, so a path longer than the line still shows
    /// whole across rows; only the last piece keeps the spaces after it.
    fn split(self, width: usize) -> Vec<Word> {
        if self.width <= width {
            return vec![self];
        }
        let mut parts = vec![Word::default()];
        for piece in &self.pieces {
            for c in piece.text.chars() {
                let full = parts.last().is_some_and(|w| w.width > 0 && w.width + char_width(c) > width);
                if full {
                    parts.push(Word::default());
                }
                if let Some(part) = parts.last_mut() {
                    part.push(c, piece.style);
                }
            }
        }
        if let Some(last) = parts.last_mut() {
            (last.spaces, last.space_style) = (self.spaces, self.space_style);
        }
        parts
    }
}

fn char_width(c: char) -> usize {
    display_width(c.encode_utf8(&mut [0; 4]))
}

/// The line's leading spaces (as a span) and its words.
fn words(line: &Line<'_>) -> (Option<Span<'static>>, Vec<Word>) {
    let mut lead: Option<Span<'static>> = None;
    let mut words: Vec<Word> = Vec::new();
    for span in &line.spans {
        let style = span.style;
        for c in span.content.chars() {
            match (c == ' ', words.last_mut()) {
                (true, None) => {
                    lead.get_or_insert_with(|| Span::styled(String::new(), style)).content.to_mut().push(' ');
                }
                (true, Some(word)) => {
                    word.spaces += 1;
                    word.space_style = style;
                }
                (false, Some(word)) if word.spaces == 0 => word.push(c, style),
                (false, _) => {
                    let mut word = Word::default();
                    word.push(c, style);
                    words.push(word);
                }
            }
        }
    }
    (lead, words)
}

/// `line` broken at spaces into rows at most `width` columns wide. The first row keeps the
/// line's leading spaces; later rows start `indent` columns in (a hanging indent, so a
/// wrapped list item stays under its own text). A word wider than a row is split.
#[must_use]
pub fn wrap_line(line: &Line<'_>, width: usize, indent: usize) -> Vec<Line<'static>> {
    let width = width.max(1);
    let indent = indent.min(width - 1);
    let (lead, words) = words(line);
    let lead_width = lead.as_ref().map_or(0, Span::width).min(width - 1);
    let words: Vec<Word> = words.into_iter().flat_map(|w| w.split(width - indent.max(lead_width))).collect();
    #[allow(clippy::cast_precision_loss, reason = "widths of terminal text are far below 2^52")]
    let widths = [(width - lead_width) as f64, (width - indent) as f64];
    let rows = textwrap::wrap_algorithms::wrap_first_fit(&words, &widths);
    let mut out: Vec<Line<'static>> = Vec::with_capacity(rows.len().max(1));
    for (i, row) in rows.into_iter().enumerate() {
        let mut spans = Vec::new();
        match (i, &lead) {
            (0, Some(lead)) => spans.push(lead.clone()),
            (0, None) => {}
            _ if indent > 0 => spans.push(Span::raw(" ".repeat(indent))),
            _ => {}
        }
        for (j, word) in row.iter().enumerate() {
            spans.extend(word.pieces.iter().map(|p| Span::styled(p.text.clone(), p.style)));
            if j + 1 < row.len() && word.spaces > 0 {
                spans.push(Span::styled(" ".repeat(word.spaces), word.space_style));
            }
        }
        out.push(Line::from(spans).style(line.style));
    }
    if out.is_empty() {
        out.push(Line::from(lead.into_iter().collect::<Vec<_>>()).style(line.style));
    }
    out
}

/// Every line wrapped with [`wrap_line`], each with the hanging indent `indent` gives it.
#[must_use]
pub fn wrap_lines(lines: &[Line<'_>], width: usize, indent: impl Fn(&Line<'_>) -> usize) -> Vec<Line<'static>> {
    lines.iter().flat_map(|line| wrap_line(line, width, indent(line))).collect()
}

/// Characters that open a list item.
const BULLETS: &[char] = &['✗', '✓', '·', '▶', '•', '-', '*', '→'];

/// The hanging indent of a list item: its leading spaces and its markers (bullets such as
/// `✗ ` or `▶ `, and letters such as `a) `), so a continuation starts under the item's text.
/// A line that is not a list item keeps its leading spaces only.
#[must_use]
pub fn item_indent(line: &Line<'_>) -> usize {
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let mut rest = text.trim_start_matches(' ');
    let mut indent = text.len() - rest.len();
    while let Some((token, after)) = rest.split_once(' ') {
        let mut chars = token.chars();
        let marker = match (chars.next(), chars.next(), chars.next()) {
            (Some(c), None, _) => BULLETS.contains(&c),
            (Some(c), Some(')'), None) => c.is_ascii_alphanumeric(),
            _ => false,
        };
        if !marker {
            break;
        }
        indent += display_width(token) + 1;
        rest = after;
    }
    indent
}

/// `text` whole when it is at most `width` columns wide, else cut and ended with `…`.
#[must_use]
pub fn fit(text: &str, width: usize) -> Cow<'_, str> {
    if unicode_width::UnicodeWidthStr::width(text) <= width {
        return Cow::Borrowed(text);
    }
    Cow::Owned(cut(text, width))
}

/// `text` cut to fit `width` columns with the `…` that says so, always ending with it (when
/// there is a column for it). Whole grapheme clusters only: cutting an emoji family or a
/// letter from its accent would draw a different character.
fn cut(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for cluster in unicode_segmentation::UnicodeSegmentation::graphemes(text, true) {
        let w = unicode_width::UnicodeWidthStr::width(cluster);
        if used + w + 1 > width {
            break;
        }
        out.push_str(cluster);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// `line` whole when it fits in `width` columns, else cut at a grapheme boundary and ended
/// with `…` in the style of the span it cut.
#[must_use]
pub fn fit_line(line: &Line<'_>, width: usize) -> Line<'static> {
    let owned = |span: &Span<'_>| Span::styled(span.content.to_string(), span.style);
    if line.width() <= width {
        return Line::from(line.spans.iter().map(owned).collect::<Vec<_>>()).style(line.style);
    }
    let mut left = width;
    let mut spans = Vec::with_capacity(line.spans.len());
    for span in &line.spans {
        let w = span.width();
        if w < left {
            spans.push(owned(span));
            left -= w;
            continue;
        }
        spans.push(Span::styled(cut(&span.content, left), span.style));
        break;
    }
    Line::from(spans).style(line.style)
}

#[cfg(test)]
mod tests;
