//! Issue 21: each experiment asks for a prediction before it reveals, in the Lab's panel and in
//! predict mode. The walkthrough's last step, in predict mode, asks the Lab's four questions
//! in the Lab's order, one at a time, and shows each one's short answer only once it is found
//! or shown; a peek counts as shown, not as an answer.

mod common;

use common::type_answer;

use qkv_tutor::app::{App, Message};
use qkv_tutor::engine::Attention;
use qkv_tutor::engine::experiments::Experiment;
use qkv_tutor::lesson::Lesson;
use qkv_tutor::message::{FieldMsg, ScreenId};
use qkv_tutor::quiz::NumericAnswer;
use qkv_tutor::scenario::{self, Scenario};
use qkv_tutor::screen::walkthrough::{Step, WalkMsg};
use qkv_tutor::theme::{Palette, Theme};
use qkv_tutor::walk::experiment::{Setup, prediction, report};
use qkv_tutor::widget::{AnswerBox, Standing};
use strum::IntoEnumIterator;

fn at_the_last_step(scenario: Scenario, theme: Theme, predict: bool) -> App {
    let mut app = App::new(scenario, Lesson::embedded(), theme).expect("fits");
    app.update(Message::ShowScreen(ScreenId::Walkthrough));
    if predict {
        app.update(Message::Walk(WalkMsg::TogglePredict));
    }
    app.update(Message::Walk(WalkMsg::Last));
    assert_eq!(app.walkthrough().current(app.document()), Some(Step::Ideas));
    app
}

fn screen(app: &App) -> String {
    common::screen_text(app, 80, 24)
}

/// The screen's words on one line, so a wrapped sentence can be found whole.
fn flat(app: &App) -> String {
    screen(app).lines().map(str::trim).collect::<Vec<_>>().join(" ")
}

/// What a learner who knows the answer types.
fn typed(answer: &NumericAnswer) -> String {
    match answer {
        NumericAnswer::Shape(rows, cols) => format!("{rows}x{cols}"),
        other => qkv_tutor::format::number(other.expected().expect("a number").value()),
    }
}

/// The Lab's questions on the lesson's numbers, in the Lab's order.
fn lab_questions(scenario: &Scenario) -> Vec<(Experiment, NumericAnswer, String)> {
    let a = Attention::compute(scenario.input.clone()).expect("fits");
    let encoder = scenario.encoder.as_ref().map(|e| &e.tokens);
    let cross = encoder.map(|e| Attention::cross(scenario.input.clone(), e).expect("fits"));
    let walked = cross.as_ref().unwrap_or(&a);
    let setup = Setup::new(walked, encoder);
    Experiment::iter()
        .map(|e| {
            let p = prediction(e, setup).expect("fits");
            let reveal = report(e, setup).expect("fits").reveal;
            (e, p.answer, reveal)
        })
        .collect()
}

#[test]
fn predict_mode_asks_the_labs_four_questions_one_at_a_time_before_any_answer_shows() {
    let lesson = Scenario::lesson();
    let questions = lab_questions(&lesson);
    let mut app = at_the_last_step(lesson, Theme::monochrome(), true);
    for (i, (experiment, answer, reveal)) in questions.iter().enumerate() {
        let text = flat(&app);
        assert!(text.contains(&format!("▶ {}:", experiment.title())), "{i}: {text}");
        assert_eq!(app.walkthrough().answer().map(AnswerBox::asked), Some(answer), "{experiment:?}");
        // The short answer's first words stay hidden until it is found.
        let opening: String = reveal.chars().take(12).collect();
        assert!(!text.contains(&format!("{}: {opening}", experiment.title())), "{experiment:?} too early: {text}");
        let wrong = if matches!(answer, NumericAnswer::Shape(..)) { "9x9" } else { "12345" };
        type_answer(&mut app, wrong);
        assert!(flat(&app).contains(&format!("not {wrong}")), "a wrong prediction is said back: {}", flat(&app));
        assert!(app.walkthrough().answer().is_some_and(|a| a.asked() == answer), "and can be retried");
        type_answer(&mut app, &typed(answer));
        assert!(flat(&app).contains(&format!("→ {}: {opening}", experiment.title())), "{}", flat(&app));
    }
    assert!(matches!(app.walkthrough().settled(&Step::Ideas), Some(Standing::Right { .. })));
    assert!(flat(&app).contains("✓ right"), "{}", flat(&app));
}

#[test]
fn a_shown_experiment_counts_as_shown_and_the_next_is_still_asked() {
    let lesson = Scenario::lesson();
    let questions = lab_questions(&lesson);
    let mut app = at_the_last_step(lesson, Theme::monochrome(), true);
    app.update(Message::Field(FieldMsg::Cancel));
    app.update(Message::Walk(WalkMsg::Reveal));
    let (first, _, reveal) = &questions[0];
    let opening: String = reveal.chars().take(12).collect();
    assert!(flat(&app).contains(&format!("→ {}: {opening}", first.title())), "{}", flat(&app));
    let (second, answer, _) = &questions[1];
    assert!(flat(&app).contains(&format!("▶ {}:", second.title())), "the next is asked: {}", flat(&app));
    assert_eq!(app.walkthrough().answer().map(AnswerBox::asked), Some(answer));
    for (_, answer, _) in &questions[1..] {
        type_answer(&mut app, &typed(answer));
    }
    assert_eq!(app.walkthrough().settled(&Step::Ideas), Some(Standing::Shown), "a peek is not an answer");
    assert!(flat(&app).contains("shown, not answered"), "{}", flat(&app));
}

#[test]
fn the_walkthrough_asks_what_the_lab_asks_in_both_parts_after_an_edit() {
    use qkv_tutor::document::Edit;
    use qkv_tutor::screen::playground::PlayMsg;
    use qkv_tutor::screen::walkthrough::experiment_asks;
    let translation = scenario::shipped("translation").expect("shipped").expect("valid");
    let mut app = at_the_last_step(translation, Theme::monochrome(), true);
    // A third decoder token: the cross question becomes 3×3 on this scenario, 2×3 on the
    // shipped one, so the walk must use the document's own encoder.
    app.update(Message::Play(PlayMsg::Reshape(Edit::AddToken)));
    app.update(Message::ShowScreen(ScreenId::Walkthrough));
    app.update(Message::Walk(WalkMsg::Last));
    for part in 0..2 {
        let setup = app.lab().setup(app.document());
        let lab: Vec<NumericAnswer> = Experiment::iter().map(|e| prediction(e, setup).expect("fits").answer).collect();
        assert_eq!(lab.last(), Some(&NumericAnswer::Shape(3, 3)), "the Lab on the edited scenario");
        let walked = app.walkthrough().walked(app.document());
        let asked: Vec<NumericAnswer> =
            experiment_asks(&walked.attention, walked.encoder()).into_iter().map(|(.., a)| a.answer).collect();
        assert_eq!(asked, lab, "part {part}");
        assert_eq!(app.walkthrough().answer().map(AnswerBox::asked), lab.first(), "part {part}");
        app.update(Message::Walk(WalkMsg::TogglePart));
    }
}

#[test]
fn common_slips_in_the_spread_question_are_named() {
    let mut app = at_the_last_step(Scenario::lesson(), Theme::monochrome(), true);
    type_answer(&mut app, "11.31");
    assert!(flat(&app).contains("round it to the nearest whole number"), "{}", flat(&app));
    type_answer(&mut app, "128");
    assert!(flat(&app).contains("that is the variance"), "{}", flat(&app));
}

#[test]
fn across_two_sequences_the_cross_question_is_the_walked_encoders_shape() {
    let translation = scenario::shipped("translation").expect("shipped").expect("valid");
    let questions = lab_questions(&translation);
    let cross = questions.iter().find(|(e, ..)| *e == Experiment::Cross).expect("cross");
    assert_eq!(cross.1, NumericAnswer::Shape(2, 3), "2 decoder tokens ask 3 encoder tokens");
    let mut app = at_the_last_step(translation, Theme::monochrome(), true);
    for (_, answer, _) in &questions {
        type_answer(&mut app, &typed(answer));
    }
    assert!(matches!(app.walkthrough().settled(&Step::Ideas), Some(Standing::Right { .. })), "{}", flat(&app));
}

#[test]
fn the_last_step_keeps_its_question_and_field_on_screen_at_80x24() {
    for (name, ascii) in [("unicode", false), ("ascii", true)] {
        let lesson = Scenario::lesson();
        let questions = lab_questions(&lesson);
        let theme = Theme::resolve(Some(Palette::Monochrome), ascii);
        let mut app = at_the_last_step(lesson, theme, true);
        for (_, answer, _) in &questions[..3] {
            type_answer(&mut app, &typed(answer));
        }
        let text = screen(&app);
        assert!(text.contains("Your prediction"), "{text}");
        assert!(flat(&app).contains("What shape is Q"), "the last question whole: {text}");
        insta::assert_snapshot!(format!("walkthrough_last_step_predicting_{name}_80x24"), text);
    }
    let app = at_the_last_step(Scenario::lesson(), Theme::monochrome(), false);
    assert!(flat(&app).contains("Try the why in the Lab (5)"), "{}", flat(&app));
}
