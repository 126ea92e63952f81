//! A step asked again after an edit says why in one more line, and at 80×24 that line must
//! not cost the paired grids a row: every row of the W_Q column being paired stays on screen.

mod common;

use common::type_answer;

use qkv_tutor::app::{App, Message};
use qkv_tutor::engine::Projection;
use qkv_tutor::lesson::Lesson;
use qkv_tutor::message::{FieldMsg, ScreenId};
use qkv_tutor::scenario::Scenario;
use qkv_tutor::screen::playground::{GridId, PlayMsg};
use qkv_tutor::screen::walkthrough::{Step, WalkMsg};
use qkv_tutor::theme::Theme;

#[test]
fn a_reasked_projection_keeps_every_row_of_the_paired_column_at_80x24() {
    let mut app = App::new(Scenario::lesson(), Lesson::embedded(), Theme::monochrome()).expect("fits");
    app.update(Message::ShowScreen(ScreenId::Walkthrough));
    app.update(Message::Walk(WalkMsg::TogglePredict));
    let first_q = Step::Projection { projection: Projection::Query, token: 0, entry: 0 };
    while app.walkthrough().current(app.document()) != Some(first_q) {
        app.update(Message::Field(FieldMsg::Cancel));
        app.update(Message::Walk(WalkMsg::Next));
    }
    let value = app.document().attention().q[(0, 0)];
    type_answer(&mut app, &qkv_tutor::format::number(value));
    assert!(app.walkthrough().settled(&first_q).is_some());
    // x1's first entry feeds q1's first entry: the step asks again and says why.
    app.update(Message::ShowScreen(ScreenId::Playground));
    app.update(Message::Play(PlayMsg::Select { grid: GridId::X, row: 0, col: 0 }));
    app.update(Message::Play(PlayMsg::BeginEdit('5')));
    app.update(Message::Field(FieldMsg::Submit));
    app.update(Message::ShowScreen(ScreenId::Walkthrough));
    assert!(app.walkthrough().notice().is_some(), "asked again, with the reason");
    let text = common::screen_text(&app, 80, 24);
    assert!(text.contains("an edit changed this result"), "{text}");
    assert!(text.contains("W_Q [4×2] ─"), "the W_Q box shows every row (no ⇕): {text}");
    let w_q = app.document().attention().input.w_q.clone();
    for row in 0..w_q.nrows() {
        let cells = format!("│{}", row + 1);
        assert!(text.lines().any(|l| l.contains(&cells)), "W_Q row {} on screen: {text}", row + 1);
    }
}
