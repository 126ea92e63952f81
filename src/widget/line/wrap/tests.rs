use super::*;
use ratatui::style::{Color, Stylize};

#[test]
fn a_line_too_wide_is_cut_with_an_ellipsis_at_its_width() {
    let line = Line::from(vec![Span::raw("READ-ONLY "), Span::raw("following token 2"), Span::raw("  title")]);
    assert_eq!(fit_line(&line, 80).to_string(), line.to_string(), "fits: unchanged");
    for width in [0, 1, 9, 10, 11, 20, 33] {
        let cut = fit_line(&line, width);
        assert!(cut.width() <= width, "{width}: {cut}");
        if width > 0 {
            assert!(cut.to_string().ends_with('…'), "{width}: {cut}");
            assert_eq!(cut.width(), width, "{width}: uses the whole row");
        }
    }
    assert_eq!(fit_line(&line, 12).to_string(), "READ-ONLY f…");
}

fn text(lines: &[Line]) -> Vec<String> {
    lines.iter().map(ToString::to_string).collect()
}

#[test]
fn a_list_item_keeps_its_hanging_indent() {
    let item = Line::from("  ✗ Under the causal mask, which keys may token t look at?");
    let rows = text(&wrap_line(&item, 30, item_indent(&item)));
    assert_eq!(rows, ["  ✗ Under the causal mask,", "    which keys may token t", "    look at?"]);
}

#[test]
fn no_word_is_cut_and_every_row_fits() {
    let sentence = "One matrix for all three roles: W_Q = W_K = W_V, so every token's q, k and v are the same vector.";
    let words: Vec<&str> = sentence.split(' ').collect();
    for width in 12..90 {
        let rows = text(&wrap_line(&Line::from(format!("    {sentence}")), width, 4));
        assert!(rows.iter().all(|r| display_width(r) <= width), "width {width}: {rows:?}");
        assert!(rows.iter().all(|r| r.starts_with("    ")), "width {width}: {rows:?}");
        let rejoined: Vec<&str> = rows.iter().flat_map(|r| r.split(' ')).filter(|w| !w.is_empty()).collect();
        assert_eq!(rejoined, words, "width {width}");
    }
}

#[test]
fn styles_follow_their_words_across_rows() {
    let red = Style::new().fg(Color::Red);
    let line = Line::from(vec![Span::raw("scale "), Span::styled("on", red), Span::raw(" (s) · mask off")]);
    let rows = wrap_line(&line, 9, 0);
    assert_eq!(text(&rows), ["scale on", "(s) ·", "mask off"]);
    assert_eq!(rows[0].spans[2], Span::styled("on", red));
    assert!(rows[1].spans.iter().all(|s| s.style == Style::new()));
}

#[test]
fn a_word_wider_than_the_row_is_split_not_lost() {
    let rows = text(&wrap_line(&Line::from("saved to /a/very/long/path/scenario.json"), 12, 0));
    assert_eq!(rows.concat().replace(' ', ""), "savedto/a/very/long/path/scenario.json");
    assert!(rows.iter().all(|r| display_width(r) <= 12), "{rows:?}");
}

#[test]
fn the_whole_line_style_and_empty_lines_survive() {
    let line = Line::from("a b").bold();
    assert!(wrap_line(&line, 1, 0).iter().all(|l| l.style == line.style));
    assert_eq!(text(&wrap_line(&Line::default(), 10, 2)), [""]);
}

#[test]
fn fit_keeps_what_fits_and_marks_a_cut() {
    assert_eq!(fit("action", 6), "action");
    assert_eq!(fit("action", 5), "acti…");
    assert_eq!(fit("describing", 9), "describi…");
    assert_eq!(fit("宽字宽字", 5), "宽字…");
    assert_eq!(fit("abc", 0), "");
    let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
    assert_eq!(fit(&format!("{family}{family}"), 3), format!("{family}…"), "never cut inside a cluster");
    assert_eq!(fit("e\u{301}e\u{301}e\u{301}", 2), "e\u{301}…");
}

#[test]
fn markers_set_the_hanging_indent() {
    assert_eq!(item_indent(&Line::from("  ✗ missed")), 4);
    assert_eq!(item_indent(&Line::from("· q entry 1: not filled in yet")), 2);
    assert_eq!(item_indent(&Line::from("▶ a) option")), 5);
    assert_eq!(item_indent(&Line::from("  b) option")), 5);
    assert_eq!(item_indent(&Line::from("Is a row of Q a query?")), 0, "a short word is not a marker");
    assert_eq!(item_indent(&Line::from("  hint 1: a nudge")), 2);
}
