//! One answer component: a prediction stays answered until an edit changes its number, and
//! the same slip gets the same diagnosis in predict mode, the quiz, Apply now's checker and
//! the class question.
#![allow(clippy::float_cmp, reason = "the lesson's numbers are small integers, exact in f64")]

use qkv_tutor::app::{App, Message};
use qkv_tutor::class::{ClassQuestion, Classroom};
use qkv_tutor::document::Edit;
use qkv_tutor::engine::Derivation;
use qkv_tutor::lesson::Lesson;
use qkv_tutor::message::{FieldMsg, ScreenId};
use qkv_tutor::quiz::{Diagnosis, Form, Generator, SplitMix, Verdict, check_answer, generate, seed_for};
use qkv_tutor::scenario::Scenario;
use qkv_tutor::screen::playground::{GridId, PlayMsg};
use qkv_tutor::screen::walkthrough::{Step, WalkMsg, asks};
use qkv_tutor::theme::Theme;
use qkv_tutor::widget::Standing;

fn app() -> App {
    App::new(Scenario::lesson(), Lesson::embedded(), Theme::monochrome()).expect("lesson fits")
}

fn type_answer(app: &mut App, text: &str) {
    app.update(Message::Field(FieldMsg::ClearToStart));
    for c in text.chars() {
        app.update(Message::Field(FieldMsg::Insert(c)));
    }
    app.update(Message::Field(FieldMsg::Submit));
}

fn go_to(app: &mut App, wanted: Step) {
    app.update(Message::Walk(WalkMsg::First));
    for _ in 0..60 {
        if app.walkthrough().current(app.document()) == Some(wanted) {
            return;
        }
        app.update(Message::Walk(WalkMsg::Next));
    }
    panic!("no step {wanted:?}");
}

fn predict_diagnosis(app: &mut App, step: Step, text: &str) -> Diagnosis {
    go_to(app, step);
    type_answer(app, text);
    match app.walkthrough().verdict() {
        Some(Verdict::Wrong { diagnosis, .. }) => diagnosis.clone(),
        other => panic!("{text} at {step:?}: {other:?}"),
    }
}

const Q2K1: Step = Step::Score { query: 1, key: 0 };

#[test]
fn a_right_prediction_stays_through_stepping_away_and_autoplay() {
    let mut app = app();
    app.update(Message::Walk(WalkMsg::TogglePredict));
    go_to(&mut app, Q2K1);
    let score = app.document().attention().scores[(1, 0)];
    type_answer(&mut app, &score.to_string());
    assert_eq!(app.walkthrough().settled(&Q2K1), Some(Standing::Right { misses: 0 }));
    app.update(Message::Walk(WalkMsg::Next));
    app.update(Message::Walk(WalkMsg::Prev));
    assert!(app.walkthrough().shows_result(app.document()), "stepping away and back keeps it");
    assert!(app.focused_field().is_none(), "nothing is asked again");
    // Autoplay passes the settled step and waits at the next open question, after it.
    let settled_at = app.walkthrough().step();
    app.update(Message::Walk(WalkMsg::Prev));
    app.update(Message::Field(FieldMsg::Cancel));
    app.update(Message::Walk(WalkMsg::Reveal));
    app.update(Message::Walk(WalkMsg::ToggleAutoplay));
    for _ in 0..10 {
        app.update(Message::Tick { ms: 10_000, now: 0 });
    }
    assert_eq!(app.walkthrough().step(), settled_at + 1, "it went past q2·k1 and waits at q2·k2");
    assert!(app.walkthrough().answer().is_some(), "q2·k2 asks");
    assert_eq!(app.walkthrough().settled(&Q2K1), Some(Standing::Right { misses: 0 }), "autoplay keeps it");
}

#[test]
fn an_edit_of_an_input_asks_again_and_says_why() {
    let mut app = app();
    app.update(Message::Walk(WalkMsg::TogglePredict));
    go_to(&mut app, Q2K1);
    let score = app.document().attention().scores[(1, 0)];
    type_answer(&mut app, &score.to_string());
    // An edit that leaves q2·k1 alone (x1 feeds k1 only through W_K's rows... so edit W_V).
    app.update(Message::ShowScreen(ScreenId::Playground));
    app.update(Message::Play(PlayMsg::Select { grid: GridId::WV, row: 0, col: 0 }));
    app.update(Message::Play(PlayMsg::BeginEdit('7')));
    app.update(Message::Field(FieldMsg::Submit));
    app.update(Message::ShowScreen(ScreenId::Walkthrough));
    assert!(app.walkthrough().shows_result(app.document()), "W_V does not touch q2·k1: still answered");
    // W_K's first entry feeds k1, so q2·k1 changes.
    app.update(Message::ShowScreen(ScreenId::Playground));
    app.update(Message::Play(PlayMsg::Select { grid: GridId::WK, row: 0, col: 0 }));
    app.update(Message::Play(PlayMsg::BeginEdit('9')));
    app.update(Message::Field(FieldMsg::Submit));
    app.update(Message::ShowScreen(ScreenId::Walkthrough));
    assert_ne!(app.document().attention().scores[(1, 0)], score, "the edit moved the score");
    assert!(!app.walkthrough().shows_result(app.document()), "the changed score is asked again");
    assert_eq!(app.walkthrough().settled(&Q2K1), None);
    let notice = app.walkthrough().notice().unwrap_or_default();
    assert!(notice.contains("an edit changed") && notice.contains(&score.to_string()), "{notice}");
}

#[test]
fn showing_a_result_is_not_answering_it() {
    let mut app = app();
    app.update(Message::Walk(WalkMsg::TogglePredict));
    go_to(&mut app, Q2K1);
    app.update(Message::Field(FieldMsg::Cancel));
    app.update(Message::Walk(WalkMsg::Reveal));
    assert_eq!(app.walkthrough().settled(&Q2K1), Some(Standing::Shown));
}

#[test]
fn the_same_slips_get_the_same_diagnosis_in_predict_mode_apply_now_and_class() {
    // q2·k1 = 3·4 + 3·1 = 15 on the lesson's numbers.
    let mut app = app();
    app.update(Message::Walk(WalkMsg::TogglePredict));
    let d: Derivation = app.document().attention().score_derivation(1, 0);
    let room = Classroom::default();
    let expected = asks(Q2K1, app.document().attention())[0].answer.expected().expect("a number");
    room.ask(Some(ClassQuestion {
        id: 1,
        prompt: "q2·k1?".into(),
        target: "q2·k1".into(),
        expected,
        context: Vec::new(),
    }));
    let slips = [("12", "missing"), ("-15", "sign"), ("9", "sign of term 2"), ("10", "multiplies")];
    for (student, (typed, words)) in (0u64..).zip(slips) {
        let in_predict = predict_diagnosis(&mut app, Q2K1, typed);
        let in_apply = match check_answer(typed, &d) {
            Ok(Verdict::Wrong { diagnosis, .. }) => diagnosis,
            other => panic!("{other:?}"),
        };
        let in_class = match room.answer(student, None, 1, typed) {
            Ok(Verdict::Wrong { diagnosis, .. }) => diagnosis,
            other => panic!("{other:?}"),
        };
        assert_eq!(in_predict, in_apply, "{typed}");
        assert_eq!(in_predict, in_class, "{typed}");
        assert!(in_predict.to_string().contains(words), "{typed}: {in_predict}");
    }
}

#[test]
fn the_forgotten_root_is_named_in_predict_mode_and_in_the_quiz() {
    let mut app = app();
    app.update(Message::Play(PlayMsg::Reshape(Edit::ToggleScale)));
    app.update(Message::ShowScreen(ScreenId::Walkthrough));
    app.update(Message::Walk(WalkMsg::TogglePredict));
    go_to(&mut app, Q2K1);
    let raw = app.document().attention().scores[(1, 0)];
    type_answer(&mut app, &raw.to_string());
    assert_eq!(app.walkthrough().stage(), 1, "the raw score first");
    type_answer(&mut app, &raw.to_string());
    let Some(Verdict::Wrong { diagnosis: in_predict, .. }) = app.walkthrough().verdict().cloned() else {
        panic!("the raw score is not the scaled one")
    };
    assert_eq!(in_predict, Diagnosis::ForgotScale { key_width: 2 });
    let status = app.status().map(|s| s.text.clone()).unwrap_or_default();
    assert!(!status.contains("marked term"), "no term is marked for a forgotten √d_k: {status}");

    // The quiz's scaled-score question: the raw q·k typed gets the same diagnosis.
    let mut quiz = App::new(Scenario::lesson(), Lesson::embedded(), Theme::monochrome()).expect("fits").with_time(0, 7);
    quiz.practise(&["numeric-scaled-score"]);
    let generated = generate(Generator::ScaledScore, &mut SplitMix::new(seed_for("numeric-scaled-score", 7)));
    let numbers = |name: &str| -> Vec<f64> {
        let text = generated.field(name).expect("field").trim_matches(['[', ']']).to_string();
        text.split(',').map(|p| p.trim().parse().expect("number")).collect()
    };
    let raw: f64 = numbers("q").iter().zip(numbers("k")).map(|(a, b)| a * b).sum();
    let width = numbers("q").len();
    type_answer(&mut quiz, &raw.to_string());
    let session = quiz.quiz().session().expect("a session");
    assert!(matches!(session.current().map(|q| &q.form), Some(Form::Numeric(_))));
    let Some(Verdict::Wrong { diagnosis: in_quiz, .. }) = session.run().answer().and_then(|a| a.verdict()) else {
        panic!("{raw} is not the scaled score")
    };
    assert_eq!(*in_quiz, Diagnosis::ForgotScale { key_width: width });
    assert_eq!(in_quiz.to_string().split(':').next(), in_predict.to_string().split(':').next(), "the same words");
}

#[test]
fn in_apply_now_digits_type_into_the_cell_and_tab_still_switches() {
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    let mut app = app();
    let press = |app: &mut App, code: KeyCode| {
        let event = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
        let message = qkv_tutor::app::map_event(app, &event).expect("a message");
        app.update(message);
    };
    app.update(Message::ShowScreen(ScreenId::Quiz));
    for _ in 0..3 {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    assert!(app.quiz().grid_focused(), "Apply now opens on the W_Q grid");
    assert!(app.digits_type());
    assert!(app.footer_hints().iter().any(|(k, h)| *k == "0-9" && *h == "type"), "the footer says digits type");
    press(&mut app, KeyCode::Char('1'));
    assert_eq!(app.screen(), ScreenId::Quiz, "1 typed on a cell is not the Walkthrough tab");
    assert_eq!(app.focused_field().map(|f| f.text().to_string()).as_deref(), Some("1"));
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.quiz().apply().expect("Apply now").matrix(qkv_tutor::screen::quiz::ApplyGrid::WQ)[(0, 0)],
        1.0,
        "the 1 landed in W_Q's first cell"
    );
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen(), ScreenId::Quiz, "5 did not open the Lab");
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.screen(), ScreenId::Lab, "Tab still switches");
    press(&mut app, KeyCode::Char('1'));
    assert_eq!(app.screen(), ScreenId::Walkthrough, "off a grid, digits switch screens");
}

#[test]
fn alt_digits_always_switch_and_the_score_blank_takes_digits() {
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    let mut app = app();
    let press_with = |app: &mut App, code: KeyCode, modifiers: KeyModifiers| {
        let event = Event::Key(KeyEvent::new(code, modifiers));
        let message = qkv_tutor::app::map_event(app, &event).expect("a message");
        app.update(message);
    };
    let press = |app: &mut App, code: KeyCode| press_with(app, code, KeyModifiers::NONE);
    app.update(Message::ShowScreen(ScreenId::Playground));
    assert!(app.digits_type(), "a playground cell takes digits");
    press_with(&mut app, KeyCode::Char('4'), KeyModifiers::ALT);
    assert_eq!(app.screen(), ScreenId::Quiz, "Alt-4 on a cell still opens the Quiz");
    assert!(app.focused_field().is_none(), "and typed nothing");
    for _ in 0..3 {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('n'));
    assert!(!app.digits_type(), "task 2 starts on a word blank, where digits switch");
    for _ in 0..6 {
        press(&mut app, KeyCode::Down);
    }
    assert!(app.digits_type(), "the q·k blank takes a number");
    assert!(app.footer_hints().iter().any(|(k, h)| *k == "0-9" && *h == "type"), "and the footer says so");
    press(&mut app, KeyCode::Char('5'));
    assert_eq!(app.screen(), ScreenId::Quiz, "5 on the q·k blank is not the Lab tab");
    assert_eq!(app.focused_field().map(|f| f.text().to_string()).as_deref(), Some("5"));
    press_with(&mut app, KeyCode::F(5), KeyModifiers::NONE);
    assert_eq!(app.screen(), ScreenId::Lab, "F5 switches even from a focused field");
}

#[test]
fn a_stale_answer_is_not_given_away_by_the_next_step() {
    use qkv_tutor::engine::Projection;
    let first = Step::Projection { projection: Projection::Query, token: 0, entry: 0 };
    let second = Step::Projection { projection: Projection::Query, token: 0, entry: 1 };
    let mut app = app();
    app.update(Message::Walk(WalkMsg::TogglePredict));
    for step in [first, second] {
        go_to(&mut app, step);
        let value = app.document().attention().q[(0, step_entry(step))].to_string();
        type_answer(&mut app, &value);
    }
    // W_Q's first entry feeds q1 entry 1 only: make that entry a number seen nowhere else.
    let a = app.document().attention();
    let wanted = 123.0;
    let new_weight = a.input.w_q[(0, 0)] + (wanted - a.q[(0, 0)]) / a.input.x[(0, 0)];
    app.update(Message::ShowScreen(ScreenId::Playground));
    app.update(Message::Play(PlayMsg::Select { grid: GridId::WQ, row: 0, col: 0 }));
    let text = new_weight.to_string();
    let mut chars = text.chars();
    app.update(Message::Play(PlayMsg::BeginEdit(chars.next().unwrap_or('0'))));
    for c in chars {
        app.update(Message::Field(FieldMsg::Insert(c)));
    }
    app.update(Message::Field(FieldMsg::Submit));
    app.update(Message::ShowScreen(ScreenId::Walkthrough));
    assert!((app.document().attention().q[(0, 0)] - wanted).abs() < 1e-9, "the edit made q1 entry 1 = 123");
    go_to(&mut app, second);
    assert!(app.walkthrough().shows_result(app.document()), "q1 entry 2 did not change: still answered");
    let shown = screen(&app);
    assert!(!shown.contains("123"), "q1 entry 1 is asked again, so step 2 must not show it:\n{}", lines(&shown));
    go_to(&mut app, first);
    type_answer(&mut app, "123");
    go_to(&mut app, second);
    assert!(screen(&app).contains("123"), "worked out again, it shows");
}

fn step_entry(step: Step) -> usize {
    match step {
        Step::Projection { entry, .. } => entry,
        _ => 0,
    }
}

fn screen(app: &App) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).expect("backend");
    terminal.draw(|frame| frame.render_widget(app, frame.area())).expect("draws");
    terminal.backend().buffer().content().iter().map(ratatui::buffer::Cell::symbol).collect()
}

fn lines(screen: &str) -> String {
    screen
        .chars()
        .collect::<Vec<_>>()
        .chunks(120)
        .map(|row| row.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}
