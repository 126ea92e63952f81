//! The walkthrough always shows what it computes. On every computing step of every shipped
//! scenario, following each token, the row and the column being paired and the cell being
//! filled are on screen inside their own grid boxes, at 80×24 and 120×40, in predict mode as
//! well; and so they are in generated scenarios as large as the tutor accepts (T = 16,
//! D = d_k = d_v = 64), where every grid is far larger than its box.
//!
//! The labels expected are worked out here from the scenario and the step (the lesson's
//! names `x2`, `q2`, ..., a scenario's label cut to 8 characters, or the column's number),
//! not read back from the screen.

use qkv_tutor::app::{App, Message};
use qkv_tutor::engine::{Attention, AttentionInput, Matrix, Projection};
use qkv_tutor::lesson::Lesson;
use qkv_tutor::scenario::{self, Labels, Scenario};
use qkv_tutor::screen::present::PresentMsg;
use qkv_tutor::screen::walkthrough::{Step, WalkMsg, step_count, steps};
use qkv_tutor::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// The screen as rows of cell symbols, so an index into a row is a screen column.
struct Screen {
    cells: Vec<Vec<String>>,
}

fn draw(app: &App, width: u16, height: u16) -> Screen {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    terminal.draw(|frame| frame.render_widget(app, frame.area())).expect("draws");
    let buffer = terminal.backend().buffer();
    let symbols: Vec<String> = buffer.content().iter().map(|c| c.symbol().to_string()).collect();
    Screen { cells: symbols.chunks(usize::from(width)).map(<[String]>::to_vec).collect() }
}

/// A grid's frame on screen, by its corners.
struct GridBox {
    left: usize,
    top: usize,
    right: usize,
    bottom: usize,
}

impl Screen {
    fn text(&self, y: usize, from: usize, to: usize) -> String {
        self.cells[y][from..to].concat()
    }

    fn dump(&self) -> String {
        self.cells.iter().map(|row| row.concat()).collect::<Vec<_>>().join("\n")
    }

    /// The box whose top border starts `┌ {title} `.
    fn find_box(&self, title: &str) -> Option<GridBox> {
        let wanted: Vec<String> = format!("┌ {title} ").chars().map(String::from).collect();
        for (top, row) in self.cells.iter().enumerate() {
            let Some(left) = (0..row.len()).find(|&x| row[x..].starts_with(&wanted)) else { continue };
            let right = (left + 1..row.len()).find(|&x| row[x] == "┐")?;
            let bottom = (top + 1..self.cells.len()).find(|&y| self.cells[y][left] == "└")?;
            return Some(GridBox { left, top, right, bottom });
        }
        None
    }
}

impl GridBox {
    fn header(&self, screen: &Screen) -> String {
        screen.text(self.top + 1, self.left + 1, self.right)
    }

    fn rows(&self, screen: &Screen) -> Vec<String> {
        (self.top + 2..self.bottom).map(|y| screen.text(y, self.left + 1, self.right)).collect()
    }

    /// A row of numbers starts with `label` and a space.
    fn has_row(&self, screen: &Screen, label: &str) -> bool {
        // Whole, or cut with … where the label column is narrower than the label.
        let cut = |n: usize| format!("{}…", label.chars().take(n).collect::<String>());
        self.rows(screen).iter().any(|row| {
            row.strip_prefix(label).is_some_and(|rest| rest.starts_with(' '))
                || (2..=label.chars().count()).any(|n| row.starts_with(&cut(n)))
        })
    }

    /// The header names the column: the whole name, or as much of it as a cell holds (at
    /// least four characters), standing alone between spaces.
    fn has_col(&self, screen: &Screen, name: &str) -> bool {
        let header = format!("{} ", self.header(screen));
        let length = name.chars().count();
        (length.min(4)..=length).any(|n| {
            let shown: String = name.chars().take(n).collect();
            header.contains(&format!(" {shown} "))
        }) || (2..=length).any(|n| {
            let shown: String = name.chars().take(n).collect();
            header.contains(&format!(" {shown}… ")) || header.contains(&format!(" {shown}…"))
        })
    }
}

/// What one grid must show on a step: its title, the row and the column header in view.
struct Wanted {
    title: String,
    row: Option<String>,
    col: Option<String>,
}

fn wanted(title: String, row: Option<String>, col: Option<String>) -> Wanted {
    Wanted { title, row, col }
}

/// The label as the scenario gives it: the grid shows it whole, or cut with `…`.
fn short(label: &str) -> String {
    label.to_string()
}

/// `q2`, or `q2 furry` when the scenario names its tokens.
fn token_row(prefix: &str, t: usize, labels: &Labels) -> String {
    match labels.tokens.get(t) {
        Some(label) => format!("{prefix}{} {}", t + 1, short(label)),
        None => format!("{prefix}{}", t + 1),
    }
}

/// A column's header: the scenario's name for it, else its number.
fn column(names: &[String], j: usize) -> String {
    names.get(j).map_or_else(|| (j + 1).to_string(), |l| short(l))
}

fn shape(name: &str, m: &Matrix) -> String {
    format!("{name} [{}×{}]", m.nrows(), m.ncols())
}

/// The grids a computing step pairs and fills, and what each must keep in view. `keys` names
/// the keys' tokens: the encoder's across two sequences, else `labels` again.
fn expected(step: Step, a: &Attention, labels: &Labels, keys: &Labels) -> Vec<Wanted> {
    match step {
        Step::Projection { projection, token, entry } => {
            let (weight, result, letter) = match projection {
                Projection::Query => ("W_Q", "Q", "q"),
                Projection::Key => ("W_K", "K", "k"),
                Projection::Value => ("W_V", "V", "v"),
            };
            let heads: &[String] = if projection == Projection::Value { &[] } else { &labels.heads };
            let col = column(heads, entry);
            // Across two sequences, keys and values come from the encoder's X.
            let (x, names) = match (&a.encoder, projection) {
                (Some(encoder), Projection::Key | Projection::Value) => (shape("X encoder", encoder), keys),
                (Some(_), Projection::Query) => (shape("X decoder", &a.input.x), labels),
                (None, _) => (shape("X", &a.input.x), labels),
            };
            vec![
                wanted(x, Some(token_row("x", token, names)), None),
                wanted(shape(weight, a.input.weight(projection)), None, Some(col.clone())),
                wanted(shape(result, a.projected(projection)), Some(token_row(letter, token, names)), Some(col)),
            ]
        }
        Step::Score { query, key } => vec![
            wanted(shape("Q", a.projected(Projection::Query)), Some(token_row("q", query, labels)), None),
            wanted(shape("K", a.projected(Projection::Key)), Some(token_row("k", key, keys)), None),
            wanted(
                format!("scores for q{}", query + 1),
                Some(format!("q{}", query + 1)),
                Some(column(&keys.tokens, key)),
            ),
        ],
        Step::Context { query, entry } => vec![
            wanted(shape("Weights", &a.weights), Some(token_row("q", query, labels)), None),
            wanted(shape("V", a.projected(Projection::Value)), None, Some(column(&[], entry))),
            wanted(
                format!("context c{} [1×{}]", query + 1, a.value_width()),
                Some(format!("c{}", query + 1)),
                Some(column(&[], entry)),
            ),
        ],
        _ => Vec::new(),
    }
}

/// Every problem with one drawn step, as a sentence naming the grid and the label.
fn problems(screen: &Screen, wants: Vec<Wanted>) -> Vec<String> {
    let mut found = Vec::new();
    for want in wants {
        let Some(grid) = screen.find_box(&want.title) else {
            found.push(format!("no box titled {:?}", want.title));
            continue;
        };
        if let Some(row) = want.row.as_deref().filter(|r| !grid.has_row(screen, r)) {
            found.push(format!("{:?} does not show row {row:?}", want.title));
        }
        if let Some(col) = want.col.as_deref().filter(|c| !grid.has_col(screen, c)) {
            found.push(format!("{:?} does not show column {col:?}", want.title));
        }
    }
    found
}

/// Walks a scenario following `query`, drawing each step whose index `sample` accepts at
/// every size, and returns what went wrong (with the first screen that showed it).
fn walk(name: &str, scenario: &Scenario, query: usize, predict: bool, sample: impl Fn(Step) -> bool) -> Vec<String> {
    let mut followed = scenario.clone();
    followed.query = Some(query);
    let mut app = App::new(followed, Lesson::embedded(), Theme::monochrome()).expect("the scenario fits");
    if predict {
        app.update(Message::Walk(WalkMsg::TogglePredict));
    }
    // A two-sequence scenario walks cross-attention.
    let (a, keys) = match &scenario.encoder {
        Some(encoder) => (
            Attention::cross(scenario.input.clone(), &encoder.tokens).expect("the encoder fits"),
            Labels { tokens: encoder.labels.clone(), ..scenario.labels.clone() },
        ),
        None => (Attention::compute(scenario.input.clone()).expect("the scenario fits"), scenario.labels.clone()),
    };
    let mut failures = Vec::new();
    for (index, step) in steps(&a, query).into_iter().enumerate() {
        if index > 0 {
            app.update(Message::Walk(WalkMsg::Next));
        }
        if !sample(step) {
            continue;
        }
        for (w, h) in SIZES {
            let screen = draw(&app, w, h);
            assert!(screen.dump().contains(&format!("Step {} of", index + 1)), "{name}: the app is on step {index}");
            let found = problems(&screen, expected(step, &a, &scenario.labels, &keys));
            if !found.is_empty() {
                let mode = if predict { " predict" } else { "" };
                failures.push(format!("{name} following {} {w}×{h}{mode} {step:?}: {found:?}", query + 1));
                if failures.len() == 1 {
                    failures.push(screen.dump());
                }
            }
        }
    }
    failures
}

/// Presenter mode through every slide `sample` accepts, at a laptop's and a projector's
/// size: its two paired grids (drawn with the plain names) keep the paired row and column in
/// view.
fn present(name: &str, scenario: &Scenario, sample: impl Fn(Step) -> bool) -> Vec<String> {
    let mut app = App::new(scenario.clone(), Lesson::embedded(), Theme::monochrome()).expect("the scenario fits");
    app.update(Message::TogglePresent);
    let a = Attention::compute(scenario.input.clone()).expect("the scenario fits");
    let mut failures = Vec::new();
    for slide in 0..step_count(&a) {
        let step = app.present().and_then(|p| p.step(app.document())).expect("presenting a slide");
        for (w, h) in [(80, 24), (160, 48)].into_iter().filter(|_| sample(step)) {
            let screen = draw(&app, w, h);
            assert!(screen.dump().contains(&format!("slide {} /", slide + 1)), "{name}: on slide {slide}");
            let plain = Labels::default();
            let found = problems(&screen, expected(step, &a, &plain, &plain).into_iter().take(2).collect());
            if !found.is_empty() {
                failures.push(format!("{name} presenting {w}×{h} {step:?}: {found:?}\n{}", screen.dump()));
            }
        }
        // The first reveals the number, the second moves on.
        app.update(Message::Present(PresentMsg::Forward));
        app.update(Message::Present(PresentMsg::Forward));
    }
    failures
}

fn assert_none(failures: &[String]) {
    assert!(failures.is_empty(), "{} problems:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_shipped_step_shows_the_paired_row_column_and_landing_cell() {
    let mut failures = Vec::new();
    for (name, _) in scenario::LIBRARY {
        let scenario = scenario::shipped(name).expect("shipped").expect("valid");
        for query in 0..scenario.input.x.nrows() {
            for predict in [false, true] {
                failures.extend(walk(name, &scenario, query, predict, |_| true));
            }
        }
        failures.extend(present(name, &scenario, |_| true));
    }
    assert_none(&failures);
}

const VALUES: [f64; 7] = [-2.0, -1.5, -0.25, 0.0, 0.5, 1.0, 2.75];

fn matrix(rows: usize, cols: usize, seed: usize) -> Matrix {
    Matrix::from_fn(rows, cols, |r, c| VALUES[(r * 31 + c * 17 + seed) % VALUES.len()])
}

/// A scenario of the given shape; `named` gives every token, dimension and column a label
/// as long as a file may hold.
fn generated(t: usize, d: usize, dk: usize, dv: usize, named: bool) -> Scenario {
    let mut scenario = Scenario::lesson();
    scenario.input = AttentionInput {
        x: matrix(t, d, 0),
        w_q: matrix(d, dk, 1),
        w_k: matrix(d, dk, 2),
        w_v: matrix(d, dv, 3),
        scale: true,
        causal: named,
    };
    scenario.labels = if named {
        let list = |prefix: &str, n: usize| (1..=n).map(|i| format!("{prefix}{i:02}-a-long-label")).collect();
        Labels { tokens: list("t", t), dims: list("d", d), heads: list("h", dk) }
    } else {
        Labels::default()
    };
    scenario
}

/// The first, a middle and the last entry of a row or column of `n`.
fn edges(i: usize, n: usize) -> bool {
    i == 0 || i == n / 2 || i + 1 == n
}

#[test]
fn the_largest_scenarios_keep_the_last_token_and_column_in_view() {
    let (t, d) = (16, 64);
    let mut failures = Vec::new();
    for (dk, dv, named) in [(64, 64, false), (64, 64, true), (3, 64, true), (64, 2, false)] {
        let scenario = generated(t, d, dk, dv, named);
        let name = format!("T={t} D={d} d_k={dk} d_v={dv}{}", if named { " labelled" } else { "" });
        let sample = |step: Step| match step {
            Step::Projection { projection, token, entry } => {
                let width = if projection == Projection::Value { dv } else { dk };
                edges(token, t) && edges(entry, width)
            }
            Step::Score { key, .. } => edges(key, t),
            Step::Context { entry, .. } => edges(entry, dv),
            _ => false,
        };
        for query in [t - 1, t / 2] {
            failures.extend(walk(&name, &scenario, query, false, sample));
        }
        failures.extend(present(&name, &scenario, sample));
    }
    assert_none(&failures);
}
