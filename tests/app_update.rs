#![allow(
    clippy::float_cmp,
    reason = "the lesson's numbers are small integers, exact in f64"
)]

//! Update and keymap tests on state: feed messages or keys, assert on fields.

use qkv_tutor::app::{App, StatusKind};
use qkv_tutor::keymap::{KeyContext, TextEntry, map_key};
use qkv_tutor::lesson::Lesson;
use qkv_tutor::message::{Direction, InputMsg, Message, PlayMsg, ScreenId, WalkMsg};
use qkv_tutor::scenario::Scenario;
use qkv_tutor::screen::playground::GridId;
use qkv_tutor::screen::walkthrough::{Step, Verdict};
use qkv_tutor::theme::Theme;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn app() -> App {
    App::new(Scenario::lesson(), Lesson::embedded(), Theme::monochrome()).expect("lesson fits")
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Message::Input(InputMsg::Char(c)));
    }
}

fn edit_cell(app: &mut App, grid: GridId, row: usize, col: usize, text: &str) {
    app.update(Message::Play(PlayMsg::Select { grid, row, col }));
    app.update(Message::Play(PlayMsg::BeginEdit(
        text.chars().next().expect("text"),
    )));
    type_text(app, &text[1..]);
    app.update(Message::Input(InputMsg::Submit));
}

#[test]
fn editing_w_k_changes_the_score_matrix() {
    let mut app = app();
    app.update(Message::ShowScreen(ScreenId::Playground));
    assert_eq!(app.document.attention.scores[(1, 0)], 15.0);
    edit_cell(&mut app, GridId::WK, 0, 0, "2");
    assert_eq!(
        app.document.attention.k[(0, 0)],
        5.0,
        "k1 = x1 · column 1 of W_K"
    );
    assert_eq!(
        app.document.attention.scores[(1, 0)],
        18.0,
        "q2·k1 = 3·5 + 3·1"
    );
    assert_eq!(
        app.status.as_ref().map(|s| s.kind),
        Some(StatusKind::Success)
    );
}

#[test]
fn the_pty_scenario_zero_in_the_first_cell_gives_9() {
    let mut app = app();
    app.update(Message::ShowScreen(ScreenId::Playground));
    app.update(Message::Play(PlayMsg::BeginEdit('0')));
    app.update(Message::Input(InputMsg::Submit));
    assert_eq!(app.document.attention.scores[(1, 0)], 9.0);
}

#[test]
fn bad_entries_are_refused_with_a_message_and_no_change() {
    for (text, expected) in [
        ("NaN", "not a finite number"),
        ("1e309", "overflows"),
        ("0x10", "hexadecimal"),
        ("1,5", "dot"),
        ("2000000", "beyond"),
    ] {
        let mut app = app();
        app.update(Message::ShowScreen(ScreenId::Playground));
        let before = app.document.scenario.clone();
        app.update(Message::Play(PlayMsg::Select {
            grid: GridId::X,
            row: 0,
            col: 0,
        }));
        app.playground.edit = Some(text.to_string());
        app.update(Message::Input(InputMsg::Submit));
        assert_eq!(app.document.scenario, before, "{text}");
        let status = app.status.clone().expect("a message");
        assert_eq!(status.kind, StatusKind::Error, "{text}");
        assert!(status.text.contains(expected), "{text}: {}", status.text);
        assert!(!app.document.can_undo(), "{text}: nothing to undo");
    }
}

#[test]
fn undo_restores_and_redo_reapplies() {
    let mut app = app();
    edit_cell(&mut app, GridId::X, 0, 0, "0");
    assert_eq!(app.document.attention.scores[(1, 0)], 9.0);
    app.update(Message::Play(PlayMsg::Undo));
    assert_eq!(app.document.attention.scores[(1, 0)], 15.0);
    assert_eq!(app.document.scenario, Scenario::lesson());
    app.update(Message::Play(PlayMsg::Redo));
    assert_eq!(app.document.attention.scores[(1, 0)], 9.0);
}

#[test]
fn escape_cancels_an_edit_and_keeps_the_old_value() {
    let mut app = app();
    app.update(Message::Play(PlayMsg::BeginEdit('7')));
    app.update(Message::Input(InputMsg::Cancel));
    assert_eq!(app.playground.edit, None);
    assert_eq!(app.document.scenario, Scenario::lesson());
}

#[test]
fn reshaping_keeps_the_selection_inside_the_grids() {
    let mut app = app();
    app.update(Message::Play(PlayMsg::Select {
        grid: GridId::X,
        row: 1,
        col: 3,
    }));
    app.update(Message::Play(PlayMsg::RemoveModelDim));
    app.update(Message::Play(PlayMsg::RemoveToken));
    assert_eq!((app.playground.row, app.playground.col), (0, 2));
    assert_eq!(app.document.attention.tokens(), 1);
    app.update(Message::Play(PlayMsg::RemoveToken));
    assert_eq!(
        app.status.as_ref().map(|s| s.kind),
        Some(StatusKind::Error),
        "one token is the minimum"
    );
}

#[test]
fn arrows_cross_from_one_grid_to_the_next() {
    let mut app = app();
    app.update(Message::Play(PlayMsg::Select {
        grid: GridId::X,
        row: 0,
        col: 3,
    }));
    app.update(Message::Play(PlayMsg::Move(Direction::Right)));
    assert_eq!((app.playground.grid, app.playground.col), (GridId::WQ, 0));
    app.update(Message::Play(PlayMsg::Move(Direction::Left)));
    assert_eq!((app.playground.grid, app.playground.col), (GridId::X, 3));
}

#[test]
fn enter_on_a_result_explains_it() {
    let mut app = app();
    app.update(Message::Play(PlayMsg::Select {
        grid: GridId::Scores,
        row: 1,
        col: 0,
    }));
    app.update(Message::Play(PlayMsg::Activate));
    assert_eq!(app.playground.explain, Some((GridId::Scores, 1, 0)));
    let lines = qkv_tutor::screen::playground::explanation_lines(
        GridId::Scores,
        1,
        0,
        &app.document.attention,
    );
    assert!(
        lines.iter().any(|l| l.contains("3·4 + 3·1 = 15")),
        "{lines:?}"
    );
}

fn go_to_step(app: &mut App, wanted: Step) {
    let index = app
        .steps()
        .iter()
        .position(|s| *s == wanted)
        .expect("step exists");
    for _ in 0..index {
        app.update(Message::Walk(WalkMsg::Next));
    }
}

#[test]
fn predict_mode_accepts_a_right_answer() {
    let mut app = app();
    app.update(Message::Walk(WalkMsg::TogglePredict));
    go_to_step(&mut app, Step::Score { query: 1, key: 0 });
    assert_eq!(app.key_context().text_entry, TextEntry::Prediction);
    type_text(&mut app, "15");
    app.update(Message::Input(InputMsg::Submit));
    assert_eq!(app.walkthrough.verdict, Some(Verdict::Right));
    assert!(app.walkthrough.revealed);
}

#[test]
fn predict_mode_flags_a_wrong_answer_with_the_first_wrong_term() {
    let mut app = app();
    app.update(Message::Walk(WalkMsg::TogglePredict));
    go_to_step(&mut app, Step::Score { query: 1, key: 0 });
    type_text(&mut app, "3*4 + 3*2");
    app.update(Message::Input(InputMsg::Submit));
    match app.walkthrough.verdict.clone() {
        Some(Verdict::Wrong { term, .. }) => {
            assert_eq!(term, Some(1), "k1's second entry is 1, not 2")
        }
        other => panic!("expected a wrong verdict, got {other:?}"),
    }
}

#[test]
fn the_walkthrough_follows_playground_edits() {
    let mut app = app();
    edit_cell(&mut app, GridId::X, 0, 0, "0");
    let step = Step::Score { query: 1, key: 0 };
    let derivation = step.derivation(&app.document.attention).expect("a score");
    assert_eq!(derivation.value, 9.0);
}

#[test]
fn autoplay_steps_on_ticks() {
    let mut app = app();
    app.update(Message::Walk(WalkMsg::ToggleAutoplay));
    for _ in 0..30 {
        app.update(Message::Tick);
    }
    assert!(
        app.walkthrough.step >= 1,
        "2 s at the default speed is at least one step"
    );
}

#[test]
fn loading_a_bad_file_keeps_the_previous_state_and_says_why() {
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("bad.json");
    std::fs::write(&path, "{\"tokens\": [[1, \"x\"]]}").expect("write");
    let mut app = app();
    app.update(Message::ShowScreen(ScreenId::Playground));
    app.update(Message::Play(PlayMsg::AskLoad));
    type_text(&mut app, path.to_str().expect("utf-8"));
    app.update(Message::Input(InputMsg::Submit));
    assert_eq!(app.document.scenario, Scenario::lesson());
    let status = app.status.expect("a message");
    assert!(
        status.text.contains("bad.json:1:") && status.text.contains("tokens[0][1]"),
        "{}",
        status.text
    );
}

#[test]
fn save_then_load_round_trips_through_the_prompt() {
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("mine.json");
    let mut app = app();
    edit_cell(&mut app, GridId::WV, 2, 1, "-2.5");
    app.update(Message::Play(PlayMsg::AskSave));
    app.playground.prompt.as_mut().expect("prompt").text = path.to_str().expect("utf-8").into();
    app.update(Message::Input(InputMsg::Submit));
    let saved = app.document.scenario.clone();
    app.update(Message::Play(PlayMsg::Reset));
    app.update(Message::Play(PlayMsg::AskLoad));
    type_text(&mut app, path.to_str().expect("utf-8"));
    app.update(Message::Input(InputMsg::Submit));
    assert_eq!(app.document.scenario.input, saved.input);
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

#[test]
fn keymap_table() {
    let walk = KeyContext {
        screen: ScreenId::Walkthrough,
        help_open: false,
        text_entry: TextEntry::None,
    };
    let play = KeyContext {
        screen: ScreenId::Playground,
        ..walk
    };
    let field = KeyContext {
        text_entry: TextEntry::Field,
        ..play
    };
    let predicting = KeyContext {
        text_entry: TextEntry::Prediction,
        ..walk
    };
    let help = KeyContext {
        help_open: true,
        ..walk
    };
    let cases = [
        (
            walk,
            key(KeyCode::Char('2')),
            Some(Message::ShowScreen(ScreenId::Playground)),
        ),
        (
            walk,
            key(KeyCode::Char(' ')),
            Some(Message::Walk(WalkMsg::Next)),
        ),
        (
            walk,
            key(KeyCode::Char('G')),
            Some(Message::Walk(WalkMsg::Last)),
        ),
        (walk, key(KeyCode::Tab), Some(Message::NextScreen)),
        (walk, key(KeyCode::Char('q')), Some(Message::Quit)),
        (
            walk,
            KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL),
            Some(Message::Suspend),
        ),
        (
            play,
            key(KeyCode::Char('2')),
            Some(Message::Play(PlayMsg::BeginEdit('2'))),
        ),
        (
            play,
            key(KeyCode::Char('-')),
            Some(Message::Play(PlayMsg::BeginEdit('-'))),
        ),
        (
            play,
            key(KeyCode::Char('j')),
            Some(Message::Play(PlayMsg::Move(Direction::Down))),
        ),
        (
            play,
            KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL),
            Some(Message::Play(PlayMsg::Redo)),
        ),
        (
            field,
            key(KeyCode::Char('q')),
            Some(Message::Input(InputMsg::Char('q'))),
        ),
        (
            field,
            key(KeyCode::Enter),
            Some(Message::Input(InputMsg::Submit)),
        ),
        (field, key(KeyCode::Left), None),
        (
            field,
            KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
            Some(Message::Quit),
        ),
        (
            predicting,
            key(KeyCode::Char('7')),
            Some(Message::Input(InputMsg::Char('7'))),
        ),
        (
            predicting,
            key(KeyCode::Right),
            Some(Message::Walk(WalkMsg::Next)),
        ),
        (
            predicting,
            key(KeyCode::Char('p')),
            Some(Message::Walk(WalkMsg::TogglePredict)),
        ),
        (help, key(KeyCode::Esc), Some(Message::ToggleHelp)),
        (help, key(KeyCode::Char('2')), None),
    ];
    for (ctx, event, expected) in cases {
        assert_eq!(map_key(event, ctx), expected, "{event:?} in {ctx:?}");
    }
}

#[test]
fn help_lists_every_bound_key_of_the_screen() {
    let rows = qkv_tutor::keymap::help_rows(ScreenId::Playground);
    for label in ["u", "Ctrl-R", "s", "m", "w", "o", "0-9 - .", "q"] {
        assert!(
            rows.iter().any(|(k, _)| *k == label),
            "{label} missing from help"
        );
    }
}
