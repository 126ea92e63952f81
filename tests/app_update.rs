//! The app on state: messages and keys in, state and effects out. No test assigns a field;
//! files are touched only where a runner performs the effects.
#![allow(clippy::float_cmp, reason = "the lesson's numbers are small integers, exact in f64")]

use qkv_tutor::app::{App, Message, map_event};
use qkv_tutor::document::Edit;
use qkv_tutor::effect::{Done, Effect, EffectError, SaveRefusal};
use qkv_tutor::lesson::Lesson;
use qkv_tutor::message::{Direction, FieldMsg, ScreenId};
use qkv_tutor::runner::Runner;
use qkv_tutor::scenario::Scenario;
use qkv_tutor::screen::StatusKind;
use qkv_tutor::screen::diagram::DiagramMsg;
use qkv_tutor::screen::lab::{LabMsg, LabPanel};
use qkv_tutor::screen::playground::{GridId, PlayMsg};
use qkv_tutor::screen::walkthrough::{Step, WalkMsg};
use qkv_tutor::theme::Theme;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use strum::IntoEnumIterator;

fn app() -> App {
    App::new(Scenario::lesson(), Lesson::embedded(), Theme::monochrome()).expect("lesson fits")
}

/// Sends a key the way the terminal does, through the keymap.
fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    press_with(app, code, KeyModifiers::NONE)
}

fn press_with(app: &mut App, code: KeyCode, modifiers: KeyModifiers) -> Vec<Effect> {
    let event = Event::Key(KeyEvent::new(code, modifiers));
    let message = map_event(app, &event).expect("every key press means something, if only 'nothing here'");
    app.update(message)
}

fn type_keys(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn edit_cell(app: &mut App, grid: GridId, row: usize, col: usize, text: &str) {
    app.update(Message::ShowScreen(ScreenId::Playground));
    app.update(Message::Play(PlayMsg::Select { grid, row, col }));
    app.update(Message::Play(PlayMsg::BeginEdit(text.chars().next().expect("text"))));
    for c in text.chars().skip(1) {
        app.update(Message::Field(FieldMsg::Insert(c)));
    }
    app.update(Message::Field(FieldMsg::Submit));
}

fn go_to_step(app: &mut App, wanted: Step) {
    app.update(Message::Walk(WalkMsg::First));
    for _ in 0..40 {
        if app.walkthrough().current(app.document()) == Some(wanted) {
            return;
        }
        app.update(Message::Walk(WalkMsg::Next));
    }
    panic!("no step {wanted:?}");
}

fn status_text(app: &App) -> String {
    app.status().map(|s| s.text.clone()).unwrap_or_default()
}

#[test]
fn editing_w_k_changes_the_score_matrix() {
    let mut app = app();
    app.update(Message::ShowScreen(ScreenId::Playground));
    assert_eq!(app.document().attention().scores[(1, 0)], 15.0);
    edit_cell(&mut app, GridId::WK, 0, 0, "2");
    assert_eq!(app.document().attention().k[(0, 0)], 5.0, "k1 = x1 · column 1 of W_K");
    assert_eq!(app.document().attention().scores[(1, 0)], 18.0, "q2·k1 = 3·5 + 3·1");
    assert_eq!(app.status().map(|s| s.kind), Some(StatusKind::Success));
}

#[test]
fn bad_entries_are_refused_beside_the_field_and_change_nothing() {
    for (text, expected) in [
        ("NaN", "not a finite number"),
        ("1e309", "overflows"),
        ("0x10", "hexadecimal"),
        ("1,5", "dot"),
        ("2000000", "beyond"),
        ("abc", "not a number"),
    ] {
        let mut app = app();
        app.update(Message::ShowScreen(ScreenId::Playground));
        edit_cell(&mut app, GridId::X, 0, 0, text);
        assert_eq!(app.document().scenario().input, Scenario::lesson().input, "{text}");
        let note = app.playground().edit().and_then(|f| f.note()).unwrap_or_default().to_string();
        assert!(note.contains(expected), "{text}: {note}");
    }
}

#[test]
fn undo_restores_and_redo_reapplies() {
    let mut app = app();
    edit_cell(&mut app, GridId::X, 0, 0, "5");
    app.update(Message::Play(PlayMsg::Undo));
    assert_eq!(app.document().attention().input.x[(0, 0)], 1.0);
    app.update(Message::Play(PlayMsg::Redo));
    assert_eq!(app.document().attention().input.x[(0, 0)], 5.0);
}

#[test]
fn reshaping_keeps_the_selection_inside_the_grids() {
    let mut app = app();
    app.update(Message::Play(PlayMsg::Select { grid: GridId::X, row: 1, col: 3 }));
    app.update(Message::Play(PlayMsg::Reshape(Edit::RemoveToken)));
    app.update(Message::Play(PlayMsg::Reshape(Edit::RemoveModelDim)));
    let p = app.playground();
    assert_eq!((p.row(), p.col()), (0, 2));
    assert_eq!(app.document().query(), 0, "the followed token stays a real token");
}

#[test]
fn predict_mode_takes_q_as_text_and_retries_until_right() {
    let mut app = app();
    press(&mut app, KeyCode::Char('p'));
    go_to_step(&mut app, Step::Projection { projection: qkv_tutor::engine::Projection::Query, token: 1, entry: 1 });
    assert!(app.focused_field().is_some(), "the answer field opens by itself");
    type_keys(&mut app, "q");
    assert!(app.running(), "q in a field is text, not quit");
    assert_eq!(app.focused_field().map(|f| f.text().to_string()).as_deref(), Some("q"));
    press_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_keys(&mut app, "2");
    press(&mut app, KeyCode::Enter);
    assert!(app.focused_field().is_some(), "a wrong answer keeps the field open");
    assert_eq!(app.screen(), ScreenId::Walkthrough, "the digit did not switch screens");
    type_keys(&mut app, "3");
    press(&mut app, KeyCode::Enter);
    let w = app.walkthrough();
    assert!(w.shows_result(app.document()) && w.answer().is_none(), "the right answer is accepted on the same step");
}

#[test]
fn predict_mode_names_the_first_wrong_term_and_accepts_x_as_times() {
    let mut app = app();
    app.update(Message::Walk(WalkMsg::TogglePredict));
    go_to_step(&mut app, Step::Projection { projection: qkv_tutor::engine::Projection::Query, token: 1, entry: 1 });
    type_keys(&mut app, "1x0 + 0x1 + 3x1 + 1x1");
    press(&mut app, KeyCode::Enter);
    let Some(wrong @ qkv_tutor::quiz::Verdict::Wrong { .. }) = app.walkthrough().verdict() else { panic!("wrong") };
    let term = wrong.term();
    assert_eq!(term, Some(2));
    press_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_keys(&mut app, "1×0 + 0·1 + 2*1 + 1x1");
    press(&mut app, KeyCode::Enter);
    assert!(app.walkthrough().shows_result(app.document()));
}

#[test]
fn predict_mode_hides_the_opening_vectors() {
    let mut app = app();
    app.update(Message::Walk(WalkMsg::TogglePredict));
    app.update(Message::Walk(WalkMsg::First));
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).expect("backend");
    terminal.draw(|f| f.render_widget(&app, f.area())).expect("draws");
    let text: String = terminal.backend().buffer().content().iter().map(ratatui::buffer::Cell::symbol).collect();
    assert!(!text.contains("[3, 3]") && !text.contains("[4, 1]"), "q2 and k1 are not given away");
}

#[test]
fn the_save_prompt_default_is_replaced_by_the_first_typed_character() {
    let mut app = app();
    app.update(Message::ShowScreen(ScreenId::Playground));
    press(&mut app, KeyCode::Char('w'));
    type_keys(&mut app, "my-qkv.json");
    let effects = press(&mut app, KeyCode::Enter);
    let [Effect::SaveScenario { path, overwrite: false, .. }] = effects.as_slice() else { panic!("{effects:?}") };
    assert_eq!(path.to_str(), Some("my-qkv.json"));
}

#[test]
fn ctrl_u_clears_a_field() {
    let mut app = app();
    app.update(Message::ShowScreen(ScreenId::Playground));
    press(&mut app, KeyCode::Char('o'));
    type_keys(&mut app, "somewhere/else.json");
    press_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert_eq!(app.focused_field().map(qkv_tutor::widget::TextField::text), Some(""));
}

#[test]
fn saving_over_an_existing_file_asks_first() {
    let mut app = app();
    app.update(Message::ShowScreen(ScreenId::Playground));
    let path = std::path::PathBuf::from("taken.json");
    app.update(Message::Done(Done::ScenarioSaved { path: path.clone(), result: Err(SaveRefusal::Exists) }));
    assert_eq!(app.playground().pending_overwrite(), Some(&path));
    assert!(status_text(&app).contains("replace it? y/n"));
    let effects = press(&mut app, KeyCode::Char('y'));
    assert!(matches!(effects.as_slice(), [Effect::SaveScenario { overwrite: true, .. }]), "{effects:?}");
    app.update(Message::Done(Done::ScenarioSaved { path: path.clone(), result: Err(SaveRefusal::Exists) }));
    let effects = press(&mut app, KeyCode::Char('n'));
    assert!(effects.is_empty() && app.playground().pending_overwrite().is_none());
}

#[test]
fn save_then_open_round_trips_the_numbers_and_the_followed_token() {
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("mine.json");
    let runner = Runner::default();
    let mut app = app();
    edit_cell(&mut app, GridId::WV, 2, 1, "-2.5");
    app.update(Message::Diagram(DiagramMsg::PrevQuery));
    let saved = app.document().scenario();
    assert_eq!(saved.query, Some(0));
    app.update(Message::ShowScreen(ScreenId::Playground));
    runner.drive(&mut app, Message::Play(PlayMsg::AskSave));
    type_keys(&mut app, path.to_str().expect("utf-8"));
    runner.drive(&mut app, Message::Field(FieldMsg::Submit));
    assert!(status_text(&app).contains("saved to"), "{}", status_text(&app));
    app.update(Message::Play(PlayMsg::Reset));
    runner.drive(&mut app, Message::Play(PlayMsg::AskLoad));
    type_keys(&mut app, path.to_str().expect("utf-8"));
    runner.drive(&mut app, Message::Field(FieldMsg::Submit));
    assert_eq!(app.document().scenario(), saved);
}

#[test]
fn opening_a_bad_file_keeps_the_previous_state_and_says_where() {
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("bad.json");
    std::fs::write(&path, "{\"tokens\": [[1, \"x\"]]}").expect("write");
    let mut app = app();
    app.update(Message::ShowScreen(ScreenId::Playground));
    Runner::default().drive(
        &mut app,
        Message::Done(Done::ScenarioOpened {
            path: path.clone(),
            result: qkv_tutor::scenario::load(&path).map(Box::new).map_err(|e| EffectError::failed(&e)),
        }),
    );
    assert_eq!(app.document().scenario().input, Scenario::lesson().input);
    let text = status_text(&app);
    assert!(text.contains("bad.json:1:") && text.contains("tokens[0][1]"), "{text}");
}

#[test]
fn the_followed_token_is_visible_everywhere_and_reset_restores_the_baselines() {
    let mut app = app();
    app.update(Message::ShowScreen(ScreenId::Diagram));
    press(&mut app, KeyCode::Left);
    assert_eq!(app.document().query(), 0);
    assert!(status_text(&app).contains("following token 1"), "changing it says so");
    for screen in ScreenId::iter() {
        app.update(Message::ShowScreen(screen));
        let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).expect("backend");
        terminal.draw(|f| f.render_widget(&app, f.area())).expect("draws");
        let text: String = terminal.backend().buffer().content().iter().map(ratatui::buffer::Cell::symbol).collect();
        assert!(text.contains("following token 1"), "{screen:?} shows the followed token");
    }
    assert_eq!(app.document().query(), 0, "screen changes keep it");
    app.update(Message::ShowScreen(ScreenId::Playground));
    press(&mut app, KeyCode::Char('r'));
    assert_eq!(app.document().query(), 1, "r restores the baseline's own token");
    go_to_step(&mut app, Step::Score { query: 1, key: 0 });
    let d = app.walkthrough().current(app.document()).and_then(|s| s.derivation(app.document().attention()));
    assert_eq!(d.map(|d| d.value), Some(15.0), "the lesson's 15 again");
}

#[test]
fn a_library_load_follows_the_scenarios_own_token_and_becomes_the_baseline() {
    let mut app = app();
    app.update(Message::ShowScreen(ScreenId::Playground));
    app.update(Message::Play(PlayMsg::OpenLibrary));
    let index = qkv_tutor::scenario::LIBRARY.iter().position(|(n, _)| *n == "four-tokens-causal").expect("shipped");
    for _ in 0..index {
        app.update(Message::Play(PlayMsg::Move(Direction::Down)));
    }
    app.update(Message::Play(PlayMsg::Activate));
    let own = qkv_tutor::scenario::shipped("four-tokens-causal").expect("shipped").expect("valid");
    assert_eq!(app.document().query(), own.query_index());
    assert_eq!(app.document().baseline(), &own);
    app.update(Message::Play(PlayMsg::Undo));
    assert_eq!(app.document().scenario().input, Scenario::lesson().input);
}

#[test]
fn a_scenario_opened_at_start_marks_nothing_as_edited() {
    let own = qkv_tutor::scenario::shipped("decimals-scaled").expect("shipped").expect("valid");
    let app = App::new(own.clone(), Lesson::embedded(), Theme::monochrome()).expect("fits");
    assert_eq!(app.document().baseline(), &own);
    for grid in [GridId::X, GridId::WQ, GridId::WK, GridId::WV] {
        let model = qkv_tutor::screen::playground::grid_model(
            grid,
            app.playground(),
            app.document().attention(),
            app.document().baseline(),
            false,
        );
        assert!(model.marks.iter().flatten().all(|m| *m != qkv_tutor::widget::CellMark::Changed), "{grid:?}");
    }
}

#[test]
fn digits_switch_screens_from_the_quiz_menu_but_type_in_the_playground() {
    let mut app = app();
    press(&mut app, KeyCode::Char('4'));
    assert_eq!(app.screen(), ScreenId::Quiz);
    press(&mut app, KeyCode::Char('2'));
    assert_eq!(app.screen(), ScreenId::Playground);
    press(&mut app, KeyCode::Char('5'));
    assert_eq!(app.screen(), ScreenId::Playground, "a digit here starts an edit");
    assert_eq!(app.focused_field().map(qkv_tutor::widget::TextField::text), Some("5"));
}

#[test]
fn a_status_message_clears_on_the_next_action_or_after_a_few_seconds() {
    let mut app = app();
    app.update(Message::Walk(WalkMsg::TogglePredict));
    assert!(app.status().is_some());
    app.update(Message::Walk(WalkMsg::Next));
    assert!(app.status().is_none(), "the next action clears it");
    app.update(Message::Walk(WalkMsg::TogglePredict));
    for _ in 0..60 {
        app.update(Message::Tick { ms: 100, now: 0 });
    }
    assert!(app.status().is_none(), "six seconds clear it");
}

#[test]
fn a_status_belongs_to_the_screen_that_raised_it() {
    let mut app = app();
    app.update(Message::Walk(WalkMsg::TogglePredict));
    app.update(Message::Walk(WalkMsg::Answer));
    app.update(Message::ShowScreen(ScreenId::Lab));
    app.update(Message::Lab(LabMsg::NextPanel));
    assert!(app.status().is_none());
}

#[test]
fn a_key_that_does_nothing_here_says_so() {
    let mut app = app();
    app.update(Message::ShowScreen(ScreenId::Lab));
    press(&mut app, KeyCode::Char('z'));
    assert!(status_text(&app).contains("z does nothing here"), "{}", status_text(&app));
}

#[test]
fn the_footer_lists_only_keys_that_act_now() {
    let mut app = app();
    assert!(!app.footer_hints().iter().any(|(_, h)| *h == "back"), "no step before the first");
    app.update(Message::Walk(WalkMsg::Next));
    assert!(app.footer_hints().iter().any(|(_, h)| *h == "back"));
    app.update(Message::ShowScreen(ScreenId::Playground));
    assert!(!app.footer_hints().iter().any(|(_, h)| *h == "undo"), "nothing to undo yet");
    edit_cell(&mut app, GridId::X, 0, 0, "3");
    assert!(app.footer_hints().iter().any(|(_, h)| *h == "undo"));
    assert!(app.help_rows().iter().any(|(k, _)| *k == "0-9 - ."));
}

#[test]
fn autoplay_steps_on_ticks_and_stops_at_the_end() {
    let mut app = app();
    app.update(Message::Walk(WalkMsg::ToggleAutoplay));
    for _ in 0..21 {
        app.update(Message::Tick { ms: 100, now: 0 });
    }
    assert_eq!(app.walkthrough().step(), 1);
    app.update(Message::Walk(WalkMsg::Last));
    app.update(Message::Walk(WalkMsg::ToggleAutoplay));
    for _ in 0..60 {
        app.update(Message::Tick { ms: 100, now: 0 });
    }
    assert!(!app.walkthrough().autoplaying() && app.walkthrough().step() > 1, "it stops at the last step");
}

#[test]
fn autoplay_waits_at_a_prompt_in_predict_mode() {
    let mut app = app();
    app.update(Message::Walk(WalkMsg::TogglePredict));
    go_to_step(&mut app, Step::Projection { projection: qkv_tutor::engine::Projection::Query, token: 0, entry: 0 });
    let step = app.walkthrough().step();
    app.update(Message::Walk(WalkMsg::ToggleAutoplay));
    for _ in 0..100 {
        app.update(Message::Tick { ms: 100, now: 0 });
    }
    assert_eq!(app.walkthrough().step(), step);
}

fn click(column: u16, row: u16) -> Event {
    use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    })
}

#[test]
fn clicking_a_tab_switches_and_clicking_a_cell_selects_it() {
    let mut app = app();
    app.update(Message::Resize(80, 24));
    let message = map_event(&app, &click(20, 0)).expect("the Playground tab is there");
    assert_eq!(message, Message::ShowScreen(ScreenId::Playground));
    app.update(message);
    // In the 80×24 snapshot, x2's third entry sits at column 18, row 4.
    let message = map_event(&app, &click(18, 4)).expect("a cell");
    assert_eq!(message, Message::Play(PlayMsg::Select { grid: GridId::X, row: 1, col: 2 }));
    app.update(message);
    let p = app.playground();
    assert_eq!((p.grid(), p.row(), p.col()), (GridId::X, 1, 2));
    assert_eq!(map_event(&app, &click(1, 22)), None, "the info pane is not a cell");
}

#[test]
fn lab_panels_are_chosen_by_name_and_heads_step_through_valid_counts() {
    let mut app = app();
    app.update(Message::ShowScreen(ScreenId::Lab));
    app.update(Message::Lab(LabMsg::SelectPanel(LabPanel::Heads)));
    assert_eq!(app.lab().panel(), LabPanel::Heads);
    for _ in 0..4 {
        app.update(Message::Lab(LabMsg::More));
    }
    let heads = qkv_tutor::screen::lab::effective_heads(app.lab(), app.document().attention());
    assert_eq!(heads, 2, "d_k = d_v = 2 allows 1 or 2 heads");
    assert!(status_text(&app).contains("most"));
}

#[test]
fn the_handout_effect_lands_in_a_new_file_and_says_where() {
    let dir = tempfile::tempdir().expect("temp");
    std::fs::write(dir.path().join("qkv-tutor-handout.md"), "my own notes").expect("write");
    let runner = Runner { handout_dir: Some(dir.path().to_path_buf()), ..Runner::default() };
    let mut app = app();
    edit_cell(&mut app, GridId::X, 0, 0, "0");
    runner.drive(&mut app, Message::WriteHandout);
    let kept = std::fs::read_to_string(dir.path().join("qkv-tutor-handout.md")).expect("kept");
    assert_eq!(kept, "my own notes", "an existing handout is never overwritten");
    let text = std::fs::read_to_string(dir.path().join("qkv-tutor-handout-2.md")).expect("written");
    assert!(text.contains("| x1 | 0 | 2 | 1 | 1 |"), "the edited numbers: {text}");
    assert!(status_text(&app).contains("qkv-tutor-handout-2.md"));
}

#[test]
fn presenter_mode_reveals_before_it_moves_on_and_follows_the_scenarios_token() {
    use qkv_tutor::screen::present::PresentMsg;
    let mut app = app();
    app.update(Message::Diagram(DiagramMsg::PrevQuery));
    let effects = app.update(Message::TogglePresent);
    assert!(matches!(effects.as_slice(), [Effect::PublishNotes(_)]));
    let at = |app: &App| app.present().map(|p| (p.slide(), p.revealed()));
    for _ in 0..4 {
        app.update(Message::Present(PresentMsg::Forward));
    }
    assert_eq!(at(&app), Some((2, false)), "roles and shapes are revealed, then left");
    app.update(Message::Present(PresentMsg::Forward));
    assert_eq!(at(&app), Some((2, true)), "first the number is revealed");
    app.update(Message::Present(PresentMsg::Forward));
    assert_eq!(at(&app), Some((3, false)), "then the next slide, hidden again");
    app.update(Message::Present(PresentMsg::Last));
    // Back past the ideas, the residual step, two context entries and the softmax.
    for _ in 0..6 {
        app.update(Message::Present(PresentMsg::Back));
    }
    let step = app.present().and_then(|p| p.step(app.document()));
    assert_eq!(step, Some(Step::Score { query: 1, key: 0 }), "the scenario's own token 2, not the diagram's");
    press(&mut app, KeyCode::Esc);
    assert!(app.present().is_none());
}

#[test]
fn the_softmax_weight_can_be_predicted_to_three_decimals() {
    let mut app = app();
    app.update(Message::Walk(WalkMsg::TogglePredict));
    go_to_step(&mut app, Step::Softmax { query: 1 });
    assert!(app.focused_field().is_some(), "the softmax step asks");
    let weight = app.document().attention().weights[(1, 0)];
    type_keys(&mut app, "0.5");
    press(&mut app, KeyCode::Enter);
    assert!(app.walkthrough().answer().is_some(), "0.5 is not e^15/(e^15+e^12)");
    press_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_keys(&mut app, &format!("{weight:.3}"));
    press(&mut app, KeyCode::Enter);
    assert!(app.walkthrough().shows_result(app.document()), "{weight:.3} is accepted");
    assert_eq!(app.screen(), ScreenId::Walkthrough, "the 5 of 0.953 typed text, it did not open the Lab");
}

#[test]
fn with_scaling_on_a_score_step_asks_for_the_score_divided_by_root_d_k() {
    let mut app = app();
    app.update(Message::Play(PlayMsg::Reshape(Edit::ToggleScale)));
    app.update(Message::ShowScreen(ScreenId::Walkthrough));
    app.update(Message::Walk(WalkMsg::TogglePredict));
    go_to_step(&mut app, Step::Score { query: 1, key: 0 });
    type_keys(&mut app, "15");
    press(&mut app, KeyCode::Enter);
    assert!(
        app.walkthrough().stage() == 1 && !app.walkthrough().shows_result(app.document()),
        "the raw score first, then the scaled one"
    );
    assert!(status_text(&app).contains("√d_k = √2"), "{}", status_text(&app));
    type_keys(&mut app, "15");
    press(&mut app, KeyCode::Enter);
    assert!(!app.walkthrough().shows_result(app.document()), "15 is not 15 / √2");
    press_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_keys(&mut app, "10.607");
    press(&mut app, KeyCode::Enter);
    assert!(app.walkthrough().shows_result(app.document()), "15 / √2 = 10.607 to 3 decimals");
}

#[test]
fn the_memory_shortcut_footer_offers_only_the_step_keys_that_move() {
    let mut app = app();
    app.update(Message::ShowScreen(ScreenId::Lab));
    app.update(Message::Lab(LabMsg::SelectPanel(LabPanel::MemoryShortcut)));
    let keys = |app: &App| app.footer_hints().iter().map(|(k, _)| *k).collect::<Vec<_>>();
    assert!(keys(&app).contains(&"→") && !keys(&app).contains(&"←"), "first step: {:?}", keys(&app));
    let tokens = app.document().attention().tokens();
    for _ in 1..tokens {
        app.update(Message::Lab(LabMsg::StepForward));
    }
    assert_eq!(app.lab().decode_step() + 1, tokens, "at the last step");
    assert!(keys(&app).contains(&"←") && !keys(&app).contains(&"→"), "last step: {:?}", keys(&app));
}

#[test]
fn the_memory_shortcut_keeps_its_whole_sentence_on_screen_at_80_by_24() {
    let mut app = app();
    app.update(Message::ShowScreen(ScreenId::Lab));
    app.update(Message::Lab(LabMsg::SelectPanel(LabPanel::MemoryShortcut)));
    let sentence = qkv_tutor::walk::lab::lesson_memory_sentence(app.document().attention());
    let last_words: Vec<&str> = sentence.split_whitespace().rev().take(3).collect();
    for _ in 0..app.document().attention().tokens() {
        let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).expect("backend");
        terminal.draw(|frame| frame.render_widget(&app, frame.area())).expect("draws");
        let text: String = terminal.backend().buffer().content().iter().map(ratatui::buffer::Cell::symbol).collect();
        for word in &last_words {
            let rows: Vec<String> = text.chars().collect::<Vec<_>>().chunks(80).map(|r| r.iter().collect()).collect();
            assert!(
                text.contains(word),
                "step {}: {word:?} of the closing sentence\n{}",
                app.lab().decode_step() + 1,
                rows.join("\n")
            );
        }
        app.update(Message::Lab(LabMsg::StepForward));
    }
}
