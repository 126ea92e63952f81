//! Labels are judged, counted and cut by grapheme cluster: invisible text (format
//! characters, separators, tags, bidi marks, fillers) is refused with its code point named,
//! and what is accepted (an emoji family, a letter with its accent, wide CJK) is drawn whole
//! in every frame, never cut inside a cluster.

use qkv_tutor::app::{App, Message};
use qkv_tutor::lesson::Lesson;
use qkv_tutor::message::ScreenId;
use qkv_tutor::scenario::{self, Scenario};
use qkv_tutor::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use strum::IntoEnumIterator;

const BASE: &str = r#""tokens": [[1, 2, 1, 1], [1, 0, 2, 1]],
  "w_q": [[1, 0], [0, 1], [1, 1], [0, 1]],
  "w_k": [[1, 1], [1, 0], [0, 1], [1, -1]],
  "w_v": [[0, 1], [1, 0], [1, 1], [1, 0]]"#;

const FAMILY: &str = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}";

fn with_tokens(first: &str, second: &str) -> Result<Scenario, String> {
    let labels = serde_json::to_string(&[first, second]).expect("json");
    scenario::parse(&format!("{{ {BASE}, \"token_labels\": {labels} }}"), "mine.json").map_err(|e| e.to_string())
}

#[test]
fn every_invisible_category_is_refused_with_its_code_point() {
    let cases = [
        ("only a zero-width space", "\u{200B}", "U+200B"),
        ("only a byte-order mark", "\u{FEFF}", "U+FEFF"),
        ("only a Hangul filler", "\u{3164}", "U+3164"),
        ("the soft hyphen", "soft\u{AD}ly", "U+00AD"),
        ("the Arabic letter mark", "a\u{61C}b", "U+061C"),
        ("a left-to-right mark", "a\u{200E}b", "U+200E"),
        ("the line separator", "a\u{2028}b", "U+2028"),
        ("the paragraph separator", "a\u{2029}b", "U+2029"),
        ("a tag character", "flag\u{E0067}\u{E007F}", "U+E0067"),
        ("a word joiner", "a\u{2060}b", "U+2060"),
    ];
    for (what, label, code) in cases {
        let message = with_tokens("ok", label).expect_err(what);
        assert!(message.contains("token_labels[1]") && message.contains(code), "{what}: {message}");
        assert!(!message.chars().any(|c| c == '\u{2028}' || c == '\u{61C}'), "{what}: nothing raw: {message:?}");
    }
}

#[test]
fn clusters_count_as_one_character_each() {
    assert!(with_tokens(&FAMILY.repeat(16), "cafe\u{301}").is_ok(), "sixteen families are sixteen characters");
    let message = with_tokens(&FAMILY.repeat(17), "x").expect_err("seventeen");
    assert!(message.contains("has 17 characters"), "{message}");
    let zalgo = format!("a{}", "\u{301}".repeat(300));
    assert!(with_tokens(&zalgo, "x").expect_err("one letter, 601 bytes").contains("bytes"));
}

fn frames(scenario: &Scenario) -> Vec<(String, Vec<Vec<String>>)> {
    let mut out = Vec::new();
    for screen in ScreenId::iter() {
        let mut app = App::new(scenario.clone(), Lesson::embedded(), Theme::monochrome()).expect("fits");
        app.update(Message::ShowScreen(screen));
        for (w, h) in [(80, 24), (120, 40)] {
            let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("backend");
            terminal.draw(|frame| frame.render_widget(&app, frame.area())).expect("draws");
            let buffer = terminal.backend().buffer();
            let cells: Vec<String> = buffer.content().iter().map(|c| c.symbol().to_string()).collect();
            let rows = cells.chunks(usize::from(w)).map(<[String]>::to_vec).collect();
            out.push((format!("{screen:?} {w}x{h}"), rows));
        }
    }
    out
}

#[test]
fn accepted_clusters_are_drawn_whole_or_cut_before_them_in_every_frame() {
    let scenario = with_tokens(&format!("{FAMILY}{FAMILY}{FAMILY}{FAMILY}{FAMILY}{FAMILY}"), "cafe\u{301}宽字")
        .expect("visible labels");
    let mut whole = 0;
    for (context, rows) in frames(&scenario) {
        for row in &rows {
            for cell in row {
                let part_of_family = cell.contains('\u{1F468}') || cell.contains('\u{1F466}');
                assert!(!part_of_family || cell == FAMILY, "{context}: a family cut to {cell:?}");
                assert!(!cell.starts_with('\u{301}'), "{context}: an accent without its letter");
                whole += usize::from(cell == FAMILY);
            }
        }
    }
    assert!(whole > 0, "the family is shown somewhere");
}

#[test]
fn stripped_separators_and_tags_leave_no_cell_behind() {
    let text = qkv_tutor::sanitize::strip("a\u{2028}b\u{2029}c\u{E0067}d\u{61C}e");
    let mut terminal = Terminal::new(TestBackend::new(8, 1)).expect("backend");
    terminal.draw(|f| f.render_widget(ratatui::widgets::Paragraph::new("XXXXXXXX"), f.area())).expect("first");
    terminal.draw(|f| f.render_widget(ratatui::widgets::Paragraph::new(text.as_str()), f.area())).expect("second");
    let row: String = terminal.backend().buffer().content().iter().map(ratatui::buffer::Cell::symbol).collect();
    assert_eq!(row, "abcde   ", "each letter in its own cell, the rest cleared");
}
