//! A student's keys while the class question owns their screen: the footer and the help
//! name only keys that act there, and each key they name does what it says. Driven through
//! the same event mapping and runner a served session uses, with a real room behind it.

use qkv_tutor::app::{App, Message, map_event};
use qkv_tutor::class::Classroom;
use qkv_tutor::lesson::Lesson;
use qkv_tutor::runner::Runner;
use qkv_tutor::scenario::Scenario;
use qkv_tutor::screen::present::PresentMsg;
use qkv_tutor::theme::Theme;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::sync::Arc;

fn app() -> App {
    App::new(Scenario::lesson(), Lesson::embedded(), Theme::monochrome()).expect("fits")
}

/// The teacher on slide 3 (q1 entry 1 = 2), and ada's tutor showing its question.
fn class() -> (Arc<Classroom>, Runner, App, Runner, App) {
    let room = Arc::new(Classroom::default());
    let teacher_runner = Runner { classroom: Some(Arc::clone(&room)), ..Runner::default() };
    let mut teacher = app().with_class("join".into());
    let effects = teacher.start_presenting();
    teacher_runner.settle(&mut teacher, effects);
    for _ in 0..4 {
        teacher_runner.drive(&mut teacher, Message::Present(PresentMsg::Forward));
    }
    let name = room.join("ada");
    let runner = Runner {
        classroom: Some(Arc::clone(&room)),
        student: Some((1, Some(name))),
        remote: true,
        ..Runner::default()
    };
    let mut student = app();
    assert!(runner.sync_class(&mut student), "the question reaches the student");
    (room, teacher_runner, teacher, runner, student)
}

fn press(runner: &Runner, app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    if let Some(message) = map_event(app, &Event::Key(KeyEvent::new(code, modifiers))) {
        runner.drive(app, message);
    }
}

fn screen(app: &App) -> Vec<String> {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).expect("backend");
    terminal.draw(|f| f.render_widget(app, f.area())).expect("draws");
    let buffer = terminal.backend().buffer();
    let symbols: Vec<&str> = buffer.content().iter().map(ratatui::buffer::Cell::symbol).collect();
    symbols.chunks(80).map(<[&str]>::concat).collect()
}

fn footer_keys(app: &App) -> Vec<&'static str> {
    app.footer_hints().into_iter().map(|(key, _)| key).collect()
}

/// Words a footer or help must not use while the question owns the screen: those keys wait.
fn offers_leaving(text: &str) -> bool {
    ["Tab", "screen", "F1", "1-5", "Ctrl-P", "presenter", "leave the field"].iter().any(|w| text.contains(w))
}

#[test]
fn an_open_question_offers_only_the_keys_that_act_and_each_does() {
    let (room, _, _, runner, mut ada) = class();
    assert!(ada.class_view().is_some_and(|v| !v.revealed));
    let footer = ada.footer_hints();
    assert!(footer.iter().all(|(k, w)| !offers_leaving(k) && !offers_leaving(w)), "{footer:?}");
    let drawn = screen(&ada).pop().unwrap_or_default();
    assert!(drawn.contains("Enter send") && !offers_leaving(&drawn), "the footer row at 80×24: {drawn:?}");
    // Each key the footer names acts: Ctrl-U clears, Enter sends, Alt-? opens the help.
    assert_eq!(footer_keys(&ada), ["Enter", "Ctrl-U", "Ctrl-C", "Alt-?"]);
    press(&runner, &mut ada, KeyCode::Char('9'), KeyModifiers::NONE);
    press(&runner, &mut ada, KeyCode::Char('u'), KeyModifiers::CONTROL);
    press(&runner, &mut ada, KeyCode::Char('2'), KeyModifiers::NONE);
    press(&runner, &mut ada, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!((room.tally().answered(), room.tally().right), (1, 1), "Ctrl-U cleared the 9; Enter sent 2");
    // Tab is not offered, and indeed does nothing: the question still owns the screen.
    press(&runner, &mut ada, KeyCode::Tab, KeyModifiers::NONE);
    assert!(screen(&ada).iter().any(|l| l.contains("What is q1 entry 1?")));
    press(&runner, &mut ada, KeyCode::Char('?'), KeyModifiers::ALT);
    assert!(ada.help_open(), "Alt-? opens the help");
    let help = ada.help_rows();
    assert!(help.iter().all(|(k, w)| !offers_leaving(k) && !offers_leaving(w)), "{help:?}");
    assert!(help.iter().any(|(k, _)| *k == "Enter"), "{help:?}");
    press(&runner, &mut ada, KeyCode::Esc, KeyModifiers::NONE);
    press(&runner, &mut ada, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(!ada.running(), "Ctrl-C quits");
}

#[test]
fn at_the_reveal_the_footer_offers_the_way_back_and_it_works() {
    let (_, teacher_runner, mut teacher, runner, mut ada) = class();
    teacher_runner.drive(&mut teacher, Message::Present(PresentMsg::Forward));
    runner.sync_class(&mut ada);
    assert!(ada.class_view().is_some_and(|v| v.revealed));
    assert_eq!(footer_keys(&ada), ["Esc", "Ctrl-C", "Alt-?"]);
    let drawn = screen(&ada).pop().unwrap_or_default();
    assert!(drawn.contains("Esc back to your tutor"), "{drawn:?}");
    press(&runner, &mut ada, KeyCode::Esc, KeyModifiers::NONE);
    assert!(!screen(&ada).iter().any(|l| l.contains("Class question")), "Esc went back to the tutor");
    assert!(footer_keys(&ada).contains(&"1-5"), "the tutor's own keys are back: {:?}", ada.footer_hints());
}
