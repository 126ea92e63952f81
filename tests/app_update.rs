#![allow(clippy::float_cmp, reason = "the lesson's numbers are small integers, exact in f64")]

//! Update and keymap tests on state: feed messages or keys, assert on fields.

use qkv_tutor::app::{App, StatusKind};
use qkv_tutor::document::Edit;
use qkv_tutor::keymap::{KeyContext, TextEntry, map_key};
use qkv_tutor::lesson::Lesson;
use qkv_tutor::message::{Direction, InputMsg, LabMsg, Message, PlayMsg, ScreenId, WalkMsg};
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
    app.update(Message::Play(PlayMsg::BeginEdit(text.chars().next().expect("text"))));
    type_text(app, &text[1..]);
    app.update(Message::Input(InputMsg::Submit));
}

#[test]
fn editing_w_k_changes_the_score_matrix() {
    let mut app = app();
    app.update(Message::ShowScreen(ScreenId::Playground));
    assert_eq!(app.document.attention.scores[(1, 0)], 15.0);
    edit_cell(&mut app, GridId::WK, 0, 0, "2");
    assert_eq!(app.document.attention.k[(0, 0)], 5.0, "k1 = x1 · column 1 of W_K");
    assert_eq!(app.document.attention.scores[(1, 0)], 18.0, "q2·k1 = 3·5 + 3·1");
    assert_eq!(app.status.as_ref().map(|s| s.kind), Some(StatusKind::Success));
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
        app.update(Message::Play(PlayMsg::Select { grid: GridId::X, row: 0, col: 0 }));
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
    app.update(Message::Play(PlayMsg::Select { grid: GridId::X, row: 1, col: 3 }));
    app.update(Message::Play(PlayMsg::Reshape(Edit::RemoveModelDim)));
    app.update(Message::Play(PlayMsg::Reshape(Edit::RemoveToken)));
    assert_eq!((app.playground.row, app.playground.col), (0, 2));
    assert_eq!(app.document.attention.tokens(), 1);
    app.update(Message::Play(PlayMsg::Reshape(Edit::RemoveToken)));
    assert_eq!(app.status.as_ref().map(|s| s.kind), Some(StatusKind::Error), "one token is the minimum");
}

#[test]
fn arrows_cross_from_one_grid_to_the_next() {
    let mut app = app();
    app.update(Message::Play(PlayMsg::Select { grid: GridId::X, row: 0, col: 3 }));
    app.update(Message::Play(PlayMsg::Move(Direction::Right)));
    assert_eq!((app.playground.grid, app.playground.col), (GridId::WQ, 0));
    app.update(Message::Play(PlayMsg::Move(Direction::Left)));
    assert_eq!((app.playground.grid, app.playground.col), (GridId::X, 3));
}

#[test]
fn enter_on_a_result_explains_it() {
    let mut app = app();
    app.update(Message::Play(PlayMsg::Select { grid: GridId::Scores, row: 1, col: 0 }));
    app.update(Message::Play(PlayMsg::Activate));
    assert_eq!(app.playground.explain, Some((GridId::Scores, 1, 0)));
    let lines = qkv_tutor::screen::playground::explanation_lines(GridId::Scores, 1, 0, &app.document.attention);
    assert!(lines.iter().any(|l| l.contains("3·4 + 3·1 = 15")), "{lines:?}");
}

fn go_to_step(app: &mut App, wanted: Step) {
    let index = app.steps().iter().position(|s| *s == wanted).expect("step exists");
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
            assert_eq!(term, Some(1), "k1's second entry is 1, not 2");
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
    assert!(app.walkthrough.step >= 1, "2 s at the default speed is at least one step");
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
    assert!(status.text.contains("bad.json:1:") && status.text.contains("tokens[0][1]"), "{}", status.text);
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

fn with(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, modifiers)
}

fn check_keys(cases: &[(KeyContext, KeyEvent, Option<Message>)]) {
    for (ctx, event, expected) in cases {
        assert_eq!(map_key(*event, *ctx), *expected, "{event:?} in {ctx:?}");
    }
}

const WALK: KeyContext =
    KeyContext { screen: ScreenId::Walkthrough, present: false, help_open: false, text_entry: TextEntry::None };
const PLAY: KeyContext = KeyContext { screen: ScreenId::Playground, ..WALK };

#[test]
fn keymap_table_for_screens() {
    let ctrl = KeyModifiers::CONTROL;
    check_keys(&[
        (WALK, key(KeyCode::Char('2')), Some(Message::ShowScreen(ScreenId::Playground))),
        (WALK, key(KeyCode::Char(' ')), Some(Message::Walk(WalkMsg::Next))),
        (WALK, key(KeyCode::Char('G')), Some(Message::Walk(WalkMsg::Last))),
        (WALK, key(KeyCode::Tab), Some(Message::NextScreen)),
        (WALK, key(KeyCode::Char('q')), Some(Message::Quit)),
        (WALK, with(KeyCode::Char('z'), ctrl), Some(Message::Suspend)),
        (PLAY, key(KeyCode::Char('2')), Some(Message::Play(PlayMsg::BeginEdit('2')))),
        (PLAY, key(KeyCode::Char('-')), Some(Message::Play(PlayMsg::BeginEdit('-')))),
        (PLAY, key(KeyCode::Char('j')), Some(Message::Play(PlayMsg::Move(Direction::Down)))),
        (PLAY, with(KeyCode::Char('r'), ctrl), Some(Message::Play(PlayMsg::Redo))),
        (PLAY, key(KeyCode::F(3)), Some(Message::ShowScreen(ScreenId::Diagram))),
    ]);
}

#[test]
fn keymap_table_while_typing() {
    let field = KeyContext { text_entry: TextEntry::Field, ..PLAY };
    let predicting = KeyContext { text_entry: TextEntry::Prediction, ..WALK };
    let help = KeyContext { help_open: true, ..WALK };
    check_keys(&[
        (field, key(KeyCode::Char('q')), Some(Message::Input(InputMsg::Char('q')))),
        (field, key(KeyCode::Enter), Some(Message::Input(InputMsg::Submit))),
        (field, key(KeyCode::Left), None),
        (field, with(KeyCode::Char('c'), KeyModifiers::CONTROL), Some(Message::Quit)),
        (predicting, key(KeyCode::Char('7')), Some(Message::Input(InputMsg::Char('7')))),
        (predicting, key(KeyCode::Right), Some(Message::Walk(WalkMsg::Next))),
        (predicting, key(KeyCode::Char('p')), Some(Message::Walk(WalkMsg::TogglePredict))),
        (help, key(KeyCode::Esc), Some(Message::ToggleHelp)),
        (help, key(KeyCode::Char('2')), None),
    ]);
}

#[test]
fn help_lists_every_bound_key_of_the_screen() {
    let rows = qkv_tutor::keymap::help_rows(ScreenId::Playground);
    for label in ["u", "Ctrl-R", "s", "m", "w", "o", "0-9 - .", "q"] {
        assert!(rows.iter().any(|(k, _)| *k == label), "{label} missing from help");
    }
}

fn click(column: u16, row: u16) -> ratatui::crossterm::event::MouseEvent {
    use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    MouseEvent { kind: MouseEventKind::Down(MouseButton::Left), column, row, modifiers: KeyModifiers::NONE }
}

#[test]
fn clicking_a_tab_switches_and_clicking_a_cell_selects_it() {
    use qkv_tutor::app::map_mouse;
    let mut app = app();
    app.update(Message::Resize(80, 24));
    let message = map_mouse(&click(20, 0), &app).expect("the Playground tab is there");
    assert_eq!(message, Message::ShowScreen(ScreenId::Playground));
    app.update(message);
    // In the 80×24 snapshot, x2's third entry sits at column 18, row 4.
    let message = map_mouse(&click(18, 4), &app).expect("a cell");
    assert_eq!(message, Message::Play(PlayMsg::Select { grid: GridId::X, row: 1, col: 2 }));
    app.update(message);
    assert_eq!((app.playground.grid, app.playground.row, app.playground.col), (GridId::X, 1, 2));
    assert_eq!(map_mouse(&click(1, 22), &app), None, "the info pane is not a cell");
}

#[test]
fn the_mouse_wheel_scrolls_and_tiny_terminals_ignore_the_mouse() {
    use qkv_tutor::app::map_mouse;
    use ratatui::crossterm::event::{MouseEvent, MouseEventKind};
    let mut app = app();
    app.update(Message::Resize(80, 24));
    let wheel = MouseEvent { kind: MouseEventKind::ScrollDown, column: 5, row: 5, modifiers: KeyModifiers::NONE };
    assert_eq!(map_mouse(&wheel, &app), Some(Message::Scroll(1)));
    app.update(Message::Resize(0, 0));
    assert_eq!(map_mouse(&click(20, 0), &app), None);
}

fn lab_panel(app: &mut App, key: &str) {
    let index = qkv_tutor::screen::lab::PANELS.iter().position(|k| *k == key).expect("panel");
    app.update(Message::Lab(LabMsg::SelectPanel(index)));
}

#[test]
fn lab_heads_step_through_valid_counts_only() {
    let mut app = app();
    lab_panel(&mut app, "heads");
    app.update(Message::Lab(LabMsg::More));
    assert_eq!(
        qkv_tutor::screen::lab::effective_heads(&app.lab, &app.document.attention),
        2,
        "d_k = 2 allows at most 2"
    );
    app.update(Message::Lab(LabMsg::Fewer));
    assert_eq!(qkv_tutor::screen::lab::effective_heads(&app.lab, &app.document.attention), 1);
}

#[test]
fn lab_answer_sheet_drops_the_oldest_token() {
    let mut app = app();
    lab_panel(&mut app, "answer_sheet");
    app.update(Message::Lab(LabMsg::Arrive));
    let (tokens, names, left) = qkv_tutor::screen::lab::window_tokens(&app.lab, &app.document.attention);
    assert_eq!((tokens.nrows(), names, left), (2, vec![2, 3], vec![1]));
    app.update(Message::Lab(LabMsg::More));
    app.update(Message::Lab(LabMsg::Arrive));
    let (tokens, names, left) = qkv_tutor::screen::lab::window_tokens(&app.lab, &app.document.attention);
    assert_eq!((tokens.nrows(), names, left), (3, vec![2, 3, 4], vec![1]), "a window of 3 keeps the newest three");
}

#[test]
fn lab_decode_steps_stay_in_range() {
    let mut app = app();
    lab_panel(&mut app, "memory_shortcut");
    for _ in 0..5 {
        app.update(Message::Lab(LabMsg::StepForward));
    }
    assert_eq!(app.lab.decode_step, 1, "two tokens: steps 0 and 1");
    app.update(Message::Lab(LabMsg::StepBack));
    assert_eq!(app.lab.decode_step, 0);
}

#[test]
fn the_scenario_library_loads_a_shipped_scenario_and_undo_returns() {
    let mut app = app();
    app.update(Message::ShowScreen(ScreenId::Playground));
    app.update(Message::Play(PlayMsg::OpenLibrary));
    for _ in 0..5 {
        app.update(Message::Play(PlayMsg::Move(Direction::Down)));
    }
    app.update(Message::Play(PlayMsg::Activate));
    assert_eq!(app.playground.library, None);
    assert!(app.document.scenario.input.causal && app.document.attention.tokens() == 4, "four-tokens-causal");
    app.update(Message::Play(PlayMsg::Undo));
    assert_eq!(app.document.scenario, Scenario::lesson());
    app.update(Message::Play(PlayMsg::OpenLibrary));
    app.update(Message::CloseOverlay);
    assert_eq!(app.playground.library, None, "Esc closes it");
}

#[test]
fn the_handout_key_writes_the_current_numbers_and_says_where() {
    let dir = tempfile::tempdir().expect("temp");
    let mut app = app();
    app.handout_path = dir.path().join("handout.md");
    edit_cell(&mut app, GridId::X, 0, 0, "0");
    app.update(Message::WriteHandout);
    let text = std::fs::read_to_string(&app.handout_path).expect("written");
    assert!(
        text.contains("- **k1 = [3, 0]**") && text.contains("| x1 | 0 | 2 | 1 | 1 |"),
        "the edited numbers: {text}"
    );
    assert!(app.status.expect("said").text.contains("handout.md"));
}

#[test]
fn presenter_mode_reveals_before_it_moves_on() {
    use qkv_tutor::message::PresentMsg;
    let mut app = app();
    app.update(Message::Present(PresentMsg::Toggle));
    assert!(app.key_context().present);
    app.update(Message::Present(PresentMsg::Forward));
    app.update(Message::Present(PresentMsg::Forward));
    assert_eq!((app.walkthrough.step, app.present), (2, Some(false)), "roles and shapes have nothing to reveal");
    app.update(Message::Present(PresentMsg::Forward));
    assert_eq!((app.walkthrough.step, app.present), (2, Some(true)), "first the number is revealed");
    app.update(Message::Present(PresentMsg::Forward));
    assert_eq!((app.walkthrough.step, app.present), (3, Some(false)), "then the next slide, hidden again");
    let notes = qkv_tutor::screen::present::notes_for(
        app.current_step().expect("step"),
        3,
        20,
        &app.document.attention,
        &app.lesson,
        false,
    );
    assert!(notes.ask.contains("q1 entry 2") && notes.answer.ends_with("= 4"), "{notes:?}");
    app.update(Message::Present(PresentMsg::Toggle));
    assert_eq!(app.present, None);
}
