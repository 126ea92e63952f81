//! In predict mode every step opens its answer field. An empty field has no cursor to move,
//! so ← and → step, as they do outside it; once something is typed they move the cursor,
//! and typed keys stay text. The footer says which.

mod common;

use qkv_tutor::app::{App, map_event};
use qkv_tutor::lesson::Lesson;
use qkv_tutor::message::ScreenId;
use qkv_tutor::scenario::Scenario;
use qkv_tutor::theme::Theme;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

fn press(app: &mut App, code: KeyCode) {
    let event = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    if let Some(message) = map_event(app, &event) {
        app.update(message);
    }
}

fn predicting() -> App {
    let mut app = App::new(Scenario::lesson(), Lesson::embedded(), Theme::monochrome()).expect("fits");
    app.update(qkv_tutor::app::Message::ShowScreen(ScreenId::Walkthrough));
    press(&mut app, KeyCode::Char('p'));
    press(&mut app, KeyCode::Char('l'));
    assert!(app.focused_field().is_some(), "the shapes step asks, field focused");
    app
}

#[test]
fn arrows_step_from_an_empty_field_and_move_the_cursor_in_a_typed_one() {
    let mut app = predicting();
    let start = app.walkthrough().step();
    let text = common::screen_text(&app, 80, 24);
    assert!(text.contains("←/→ step if empty"), "the footer says so: {text}");
    press(&mut app, KeyCode::Right);
    assert_eq!(app.walkthrough().step(), start + 1, "→ on an empty field steps on");
    assert!(app.focused_field().is_some_and(|f| f.text().is_empty()), "the next step asks");
    press(&mut app, KeyCode::Left);
    assert_eq!(app.walkthrough().step(), start, "← steps back");
    press(&mut app, KeyCode::Char('l'));
    assert_eq!(app.walkthrough().step(), start, "a letter is text, never a command");
    assert_eq!(app.focused_field().map(|f| f.text().to_string()), Some("l".to_string()));
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Left);
    assert_eq!(app.walkthrough().step(), start, "with text typed the arrows move the cursor");
    assert!(!common::screen_text(&app, 80, 24).contains("←/→ step if empty"), "and the footer no longer offers it");
}

#[test]
fn arrows_keep_a_half_answered_step_and_a_peek() {
    use qkv_tutor::app::Message;
    use qkv_tutor::message::FieldMsg;
    use qkv_tutor::screen::walkthrough::WalkMsg;
    let mut app = predicting();
    let shapes = app.walkthrough().step();
    for c in "2x2".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.walkthrough().stage(), 1, "Q's shape found, K's asked, the field empty again");
    press(&mut app, KeyCode::Right);
    assert_eq!((app.walkthrough().step(), app.walkthrough().stage()), (shapes, 1), "→ keeps the half-answered step");
    assert!(!common::screen_text(&app, 80, 24).contains("step if empty"), "and the footer does not offer it");
    // The last step: a peek at the first experiment, then the arrows must not wipe it.
    app.update(Message::Field(FieldMsg::Cancel));
    app.update(Message::Walk(WalkMsg::Last));
    app.update(Message::Field(FieldMsg::Cancel));
    app.update(Message::Walk(WalkMsg::Reveal));
    let last = app.walkthrough().step();
    press(&mut app, KeyCode::Left);
    assert_eq!((app.walkthrough().step(), app.walkthrough().stage()), (last, 1), "the peek stays counted");
}
