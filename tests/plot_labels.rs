//! The Diagram's vector plot, drawn through the real App: for every shipped scenario whose
//! queries and keys have two entries, following every token, at 80×24 and 120×40, in Unicode
//! and in ASCII, every arrow's label is on screen whole, either beside a tip inside the plot
//! or in the legend beside it, and no two labels overlap or touch.

use qkv_tutor::app::{App, Message};
use qkv_tutor::document::Document;
use qkv_tutor::lesson::Lesson;
use qkv_tutor::message::ScreenId;
use qkv_tutor::scenario::{self, Scenario};
use qkv_tutor::screen::diagram::{DiagramMsg, Glyphs, LEGEND_TITLE};
use qkv_tutor::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn themes() -> [Theme; 2] {
    [Theme::monochrome(), Theme { ascii: true, ..Theme::monochrome() }]
}

/// The screen as rows of cell symbols.
type Cells = Vec<Vec<String>>;

fn draw(app: &App, w: u16, h: u16) -> Cells {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("backend");
    terminal.draw(|frame| frame.render_widget(app, frame.area())).expect("draws");
    let buffer = terminal.backend().buffer();
    let symbols: Vec<String> = buffer.content().iter().map(|c| c.symbol().to_string()).collect();
    symbols.chunks(usize::from(w).max(1)).map(<[String]>::to_vec).collect()
}

fn text(cells: &Cells) -> String {
    cells.iter().map(|row| row.concat()).collect::<Vec<_>>().join("\n")
}

/// Where `word` starts in `row` between columns `from..to`, as whole words: the cells either
/// side are not letters or digits. Each cell holds one character (the shipped labels are ASCII).
fn find_words(row: &[String], word: &str, from: usize, to: usize) -> Vec<usize> {
    let chars: Vec<String> = word.chars().map(String::from).collect();
    let is_word = |c: Option<&String>| c.is_some_and(|s| s.chars().any(char::is_alphanumeric));
    (from..to.saturating_sub(chars.len() - 1))
        .filter(|&c| chars.iter().enumerate().all(|(i, ch)| row.get(c + i) == Some(ch)))
        .filter(|&c| c == from || !is_word(row.get(c - 1)))
        .filter(|&c| c + chars.len() >= to || !is_word(row.get(c + chars.len())))
        .collect()
}

/// The plot's inside as (top, left, bottom, right), exclusive of the border, found from its
/// title and its corners.
fn plot_box(cells: &Cells) -> (usize, usize, usize, usize) {
    let corner = |s: &str| ["┌", "┐", "└", "┘", "+"].contains(&s);
    let (top, title) = cells
        .iter()
        .enumerate()
        .find_map(|(r, row)| find_words(row, "q and k on a plane", 0, row.len()).first().map(|c| (r, *c)))
        .expect("the plot's title");
    let left = (0..title).rev().find(|c| corner(&cells[top][*c])).expect("top left corner");
    let right = (title..cells[top].len()).find(|c| corner(&cells[top][*c])).expect("top right corner");
    let bottom = (top + 1..cells.len()).find(|r| corner(&cells[*r][left])).expect("bottom corner");
    (top + 1, left + 1, bottom, right)
}

/// A label found inside the plot: row, first column, width.
type Found = (usize, usize, usize);

/// Whether the cell holds `mark` with no letter or digit either side, as a tip's number does.
fn lone_mark(row: &[String], c: usize, mark: &str) -> bool {
    let is_word = |s: Option<&String>| s.is_some_and(|s| s.chars().any(char::is_alphanumeric));
    row[c] == mark && !is_word(c.checked_sub(1).and_then(|l| row.get(l))) && !is_word(row.get(c + 1))
}

/// Finds `label` beside a tip in the plot, or as `N: label` in the legend right of the plot
/// with N standing alone in the plot. Returns where it is in the plot, if it is there.
fn locate(cells: &Cells, label: &str, glyphs: Glyphs, context: &str) -> Option<Found> {
    let (top, left, bottom, right) = plot_box(cells);
    let inside: Vec<(usize, usize)> = (top..bottom)
        .flat_map(|r| find_words(&cells[r], label, left, right).into_iter().map(move |c| (r, c)))
        .collect();
    let legend: Vec<String> = (0..cells.len())
        .filter_map(|r| {
            let line = cells[r][right + 1..].concat();
            let at = line.find(&format!(": {label}"))?;
            let after = line[at + 2 + label.len()..].chars().next();
            (after.is_none_or(|c| !c.is_alphanumeric())).then(|| line[..at].trim().to_string())
        })
        .collect();
    let width = label.chars().count();
    match (inside.as_slice(), legend.as_slice()) {
        ([(r, c)], []) => {
            let head = (r.saturating_sub(1)..=r + 1).filter(|row| (top..bottom).contains(row)).any(|row| {
                (c.saturating_sub(2)..=c + width + 1).filter(|col| (left..right).contains(col)).any(|col| {
                    let own = row == *r && (*c..c + width).contains(&col);
                    !own && (cells[row][col] == glyphs.head
                        || (1..=9).any(|n| lone_mark(&cells[row], col, &n.to_string())))
                })
            });
            assert!(head, "{context}: {label:?} at row {r} column {c} is beside no tip\n{}", text(cells));
            Some((*r, *c, width))
        }
        ([], [mark]) => {
            let on_plot = (top..bottom).any(|r| (left..right).any(|c| lone_mark(&cells[r], c, mark)));
            assert!(on_plot, "{context}: legend mark {mark:?} for {label:?} is not on the plot\n{}", text(cells));
            assert!(text(cells).contains(LEGEND_TITLE), "{context}: the legend has its title");
            None
        }
        _ => panic!(
            "{context}: {label:?} should be once, in the plot or the legend: {inside:?} {legend:?}\n{}",
            text(cells)
        ),
    }
}

/// What each arrow is called on the plot, the query's first: the lesson's name, the token's
/// label, and for a zero vector (which has no arrow) that it is zero.
fn expected_labels(doc: &Document, query: usize) -> Vec<String> {
    // A two-sequence scenario draws cross-attention: the keys are the encoder's, with its labels.
    let cross = qkv_tutor::screen::diagram::cross_of(doc);
    let a = cross.as_ref().map_or(doc.attention(), |(a, _)| a);
    let key_labels = cross.as_ref().map_or(doc.labels(), |(_, l)| l);
    let name = |letter: &str, t: usize, labels: &qkv_tutor::scenario::Labels, zero: bool| {
        let base = labels.token(t).map_or(format!("{letter}{}", t + 1), |l| format!("{letter}{} {l}", t + 1));
        if zero { format!("{base} = [0, 0]") } else { base }
    };
    let mut labels = vec![name("q", query, doc.labels(), a.q[(query, 0)] == 0.0 && a.q[(query, 1)] == 0.0)];
    labels.extend((0..a.keys()).map(|b| name("k", b, key_labels, a.k[(b, 0)] == 0.0 && a.k[(b, 1)] == 0.0)));
    labels
}

/// Every shipped scenario with d_k = 2, from the list the binary resolves `--scenario` with.
fn plane_scenarios() -> Vec<(&'static str, Scenario)> {
    let all: Vec<(&str, Scenario)> = scenario::LIBRARY
        .iter()
        .map(|(name, _)| (*name, scenario::shipped(name).expect("listed").expect("valid")))
        .collect();
    let planar: Vec<(&str, Scenario)> = all.into_iter().filter(|(_, s)| s.input.w_k.ncols() == 2).collect();
    assert!(planar.iter().any(|(n, _)| *n == "meaning") && planar.len() >= 5, "the plot is tested somewhere");
    planar
}

fn check_labels(cells: &Cells, labels: &[String], glyphs: Glyphs, context: &str) {
    let found: Vec<(&String, Found)> =
        labels.iter().filter_map(|l| locate(cells, l, glyphs, context).map(|f| (l, f))).collect();
    for (i, (a, (ra, ca, wa))) in found.iter().enumerate() {
        for (b, (rb, cb, wb)) in &found[i + 1..] {
            let apart = ra != rb || ca + wa < *cb || cb + wb < *ca;
            assert!(apart, "{context}: {a:?} and {b:?} overlap or touch\n{}", text(cells));
        }
    }
}

#[test]
fn every_label_is_whole_and_apart_for_every_scenario_token_size_and_glyph_set() {
    for (name, scenario) in plane_scenarios() {
        let doc = Document::new(scenario.clone()).expect("fits");
        let tokens = doc.attention().tokens();
        for theme in themes() {
            let mut app = App::new(scenario.clone(), Lesson::embedded(), theme).expect("fits");
            app.update(Message::ShowScreen(ScreenId::Diagram));
            for step in 0..tokens {
                let query = (scenario.query_index() + step) % tokens;
                let labels = expected_labels(&doc, query);
                for (w, h) in SIZES {
                    let cells = draw(&app, w, h);
                    let context = format!("{name}, token {}, {w}x{h}, ascii {}", query + 1, theme.ascii);
                    let shown = text(&cells);
                    let header = |side: &str| format!("query from {side} {}:", query + 1);
                    assert!(shown.contains(&header("token")) || shown.contains(&header("decoder token")), "{context}");
                    check_labels(&cells, &labels, Glyphs::for_theme(theme), &context);
                }
                app.update(Message::Diagram(DiagramMsg::NextQuery));
            }
        }
    }
}

/// The x axis's row inside the plot, the one with most axis marks, and the column of the y
/// axis, the one with most of its marks (the crossing itself may hold a zero vector's tip).
fn axes(cells: &Cells, glyphs: Glyphs) -> (usize, usize) {
    let (top, left, bottom, right) = plot_box(cells);
    let count = |cells: Vec<&String>, mark: &str| cells.into_iter().filter(|s| *s == mark).count();
    let row = (top..bottom).max_by_key(|r| count((left..right).map(|c| &cells[*r][c]).collect(), glyphs.across));
    let row = row.expect("a plot has rows");
    let col = (left..right)
        .map(|c| (count((top..bottom).map(|r| &cells[r][c]).collect(), glyphs.up), c))
        .filter(|(n, _)| *n > 0)
        .max_by_key(|(n, _)| *n)
        .map(|(_, c)| c)
        // An arrow along the whole y axis hides its marks: the origin ends the axis row's
        // first run of axis marks.
        .or_else(|| (left..right).find(|c| cells[row][*c] != glyphs.across));
    (row, col.expect("a plot has columns"))
}

fn meaning_app(theme: Theme) -> App {
    let mut app = App::new(scenario::shipped("meaning").expect("shipped").expect("valid"), Lesson::embedded(), theme)
        .expect("fits");
    app.update(Message::ShowScreen(ScreenId::Diagram));
    app
}

#[test]
fn an_ascii_arrowhead_is_not_an_axis_mark() {
    let g = Glyphs::ASCII;
    for axis in [g.across, g.up, g.origin] {
        assert_ne!(g.head, axis, "the head must not read as an axis");
        assert_ne!(g.body.map(String::from).as_deref(), Some(axis), "nor the arrow's body");
    }
    assert!([g.across, g.up, g.origin, g.head].iter().all(|s| s.is_ascii()));
    // Unicode glyphs pushed through the ASCII pass keep the same distinction.
    let down = |s: &str| qkv_tutor::ascii::replacement(s).unwrap_or(s).to_string();
    let u = Glyphs::UNICODE;
    assert!([u.across, u.up, u.origin].iter().all(|axis| down(axis) != down(u.head)));
}

#[test]
fn an_arrow_along_the_x_axis_shows_its_body_and_head_over_the_axis() {
    // The meaning scenario follows cat, whose q3 = [2, 0] lies on the x axis.
    for theme in themes() {
        let g = Glyphs::for_theme(theme);
        for (w, h) in SIZES {
            let cells = draw(&meaning_app(theme), w, h);
            let (row, origin) = axes(&cells, g);
            let (_, _, _, right) = plot_box(&cells);
            let after: Vec<&str> = cells[row][origin + 1..right].iter().map(String::as_str).collect();
            let Some(head) = after.iter().rposition(|s| *s == g.head) else {
                panic!("{w}x{h}: q3's head on the axis row {row}\n{}", text(&cells))
            };
            let body = &after[..head];
            assert!(!body.is_empty(), "{w}x{h}");
            assert!(body.iter().all(|s| *s != g.across), "{w}x{h}: arrow over axis: {}", after.concat());
            assert!(after[head + 1..].contains(&g.across), "{w}x{h}: the axis goes on past q3");
        }
    }
}

#[test]
fn with_nothing_below_the_x_axis_the_plot_spends_little_room_there() {
    // Following cat, every vector has y >= 0, so the x axis sits near the bottom of the plot.
    let cells = draw(&meaning_app(Theme::monochrome()), 120, 40);
    let (top, _, bottom, _) = plot_box(&cells);
    let (row, _) = axes(&cells, Glyphs::UNICODE);
    assert!(bottom - row <= (bottom - top) / 5, "axis at row {row} of {top}..{bottom}\n{}", text(&cells));
}

#[test]
fn other_sizes_keep_the_labels_apart_and_tiny_ones_do_not_panic() {
    for (name, scenario) in plane_scenarios() {
        let doc = Document::new(scenario.clone()).expect("fits");
        let tokens = doc.attention().tokens();
        let mut app = App::new(scenario.clone(), Lesson::embedded(), Theme::monochrome()).expect("fits");
        app.update(Message::ShowScreen(ScreenId::Diagram));
        for step in 0..tokens {
            let query = (scenario.query_index() + step) % tokens;
            for (w, h) in [(0, 0), (1, 1), (20, 6), (60, 20), (100, 30), (200, 60)] {
                let cells = draw(&app, w, h);
                if text(&cells).contains("q and k on a plane") {
                    let context = format!("{name}, token {}, {w}x{h}", query + 1);
                    check_labels(&cells, &expected_labels(&doc, query), Glyphs::UNICODE, &context);
                }
            }
            app.update(Message::Diagram(DiagramMsg::NextQuery));
        }
    }
}
