//! Honest grades: a shown solution is never an answer, a right answer after the hint that
//! gave it away is not right, a drill's record changes only when a drill finishes, and the
//! missed ones come back drawn afresh.

use qkv_tutor::app::{App, Message, map_event};
use qkv_tutor::lesson::Lesson;
use qkv_tutor::message::{FieldMsg, ScreenId};
use qkv_tutor::progress::{DrillRecord, Progress};
use qkv_tutor::quiz::{Form, NumericAnswer, Question, resolve};
use qkv_tutor::scenario::Scenario;
use qkv_tutor::screen::quiz::{Ending, Mark, Page, Phase, QuizMsg, Session, SessionKind};
use qkv_tutor::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};

fn app() -> App {
    App::new(Scenario::lesson(), Lesson::embedded(), Theme::monochrome()).expect("fits")
}

fn quiz(app: &mut App, message: QuizMsg) {
    app.update(Message::Quiz(message));
}

fn press(app: &mut App, code: KeyCode) {
    let message = map_event(app, &Event::Key(KeyEvent::from(code))).expect("the key acts");
    app.update(message);
}

fn current(app: &App) -> Question {
    app.quiz().session().and_then(Session::current).cloned().expect("a question is asked")
}

fn mark(app: &App) -> Mark {
    match app.quiz().session().expect("a session").run().phase() {
        Phase::Answered { mark, .. } => *mark,
        other => panic!("not answered: {other:?}"),
    }
}

fn text(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("backend");
    terminal.draw(|frame| frame.render_widget(app, frame.area())).expect("draws");
    let buffer = terminal.backend().buffer();
    let symbols: Vec<&str> = buffer.content().iter().map(ratatui::buffer::Cell::symbol).collect();
    symbols.chunks(usize::from(buffer.area.width)).map(<[&str]>::concat).collect::<Vec<_>>().join("\n")
}

const THREE: [&str; 3] = ["shapes-q", "interview-simplest", "numeric-score"];

#[test]
fn showing_every_solution_answers_nothing_and_misses_nothing_claimed() {
    let mut app = app();
    app.practise(&THREE);
    for _ in THREE {
        quiz(&mut app, QuizMsg::Solution);
        assert_eq!(mark(&app), Mark::Shown);
        quiz(&mut app, QuizMsg::Next);
    }
    let summary = app.quiz().summary().expect("the session ended");
    let counts =
        (summary.answered(), summary.count(Mark::Right), summary.count(Mark::Missed), summary.count(Mark::Shown));
    assert_eq!(counts, (0, 0, 0, 3));
    assert!(!summary.all_right() && summary.to_practise().len() == 3);
    let shown = text(&app);
    assert!(shown.contains("Answered 0 (0 right, 0 missed) · shown 3"), "{shown}");
    assert!(!shown.contains("nothing missed"), "{shown}");
    for id in THREE {
        let card = &app.progress().cards[id];
        assert_eq!((card.leitner_box, card.due <= card.last, card.right, card.wrong), (1, true, 0, 0), "{id}");
    }
}

#[test]
fn nothing_missed_only_when_every_question_was_answered_right() {
    let mut app = app();
    app.practise(&["interview-simplest", "shapes-q"]);
    for shown in [false, true] {
        let Form::Choice { options } = current(&app).form else { panic!("a choice question") };
        if shown {
            quiz(&mut app, QuizMsg::Solution);
        } else {
            quiz(&mut app, QuizMsg::Pick(options.iter().position(|o| o.correct).expect("a right option")));
        }
        quiz(&mut app, QuizMsg::Next);
    }
    let shown = text(&app);
    assert!(shown.contains("Answered 1 (1 right, 0 missed) · shown 1") && !shown.contains("nothing missed"), "{shown}");
    app.practise(&["interview-simplest"]);
    let Form::Choice { options } = current(&app).form else { panic!("a choice question") };
    quiz(&mut app, QuizMsg::Pick(options.iter().position(|o| o.correct).expect("a right option")));
    quiz(&mut app, QuizMsg::Next);
    assert!(text(&app).contains("✓ nothing missed"));
}

/// Asks for every hint, then answers right: shown, not right, and due again at once.
fn answer_after_every_hint(id: &str, answer: impl Fn(&mut App, &Question)) {
    let mut app = app();
    app.practise(&[id]);
    let question = current(&app);
    assert!(!question.hints.is_empty(), "{id} has hints");
    for _ in &question.hints {
        quiz(&mut app, QuizMsg::Hint);
    }
    answer(&mut app, &question);
    assert_eq!(mark(&app), Mark::Shown, "{id}: the last hint gave the answer");
    let card = &app.progress().cards[id];
    assert_eq!((card.right, card.wrong, card.leitner_box), (0, 0, 1), "{id}");
    assert!(card.due <= card.last, "{id} is due again at once");
}

#[test]
fn an_answer_typed_after_the_hint_that_gave_it_away_counts_as_shown() {
    answer_after_every_hint("numeric-key-entry", |app, q| {
        let Form::Numeric(NumericAnswer::Number { value, .. }) = &q.form else { panic!("numeric") };
        for c in qkv_tutor::format::number(*value).chars() {
            app.update(Message::Field(FieldMsg::Insert(c)));
        }
        app.update(Message::Field(FieldMsg::Submit));
    });
    answer_after_every_hint("interview-simplest", |app, q| {
        let Form::Choice { options } = &q.form else { panic!("a choice question") };
        quiz(app, QuizMsg::Pick(options.iter().position(|o| o.correct).expect("a right option")));
    });
}

#[test]
fn a_right_answer_before_the_last_hint_is_still_right() {
    let mut app = app();
    app.practise(&["interview-simplest"]);
    let question = current(&app);
    assert!(question.hints.len() > 1, "a nudge comes before the answer");
    quiz(&mut app, QuizMsg::Hint);
    let Form::Choice { options } = &question.form else { panic!("a choice question") };
    quiz(&mut app, QuizMsg::Pick(options.iter().position(|o| o.correct).expect("a right option")));
    assert_eq!(mark(&app), Mark::Right);
}

fn with_record(minutes: u64) -> App {
    let mut progress = Progress::default();
    progress.drills.push(DrillRecord { at: 1, right: 14, total: 16, misses: Vec::new() });
    let mut app = app().with_progress(progress).with_drill_minutes(minutes);
    app.update(Message::ShowScreen(ScreenId::Quiz));
    quiz(&mut app, QuizMsg::Down);
    quiz(&mut app, QuizMsg::Enter);
    assert!(matches!(app.quiz().session().map(Session::kind), Some(SessionKind::Drill { .. })));
    app
}

#[test]
fn esc_on_a_new_drill_asks_first_and_leaving_keeps_the_old_record() {
    let mut app = with_record(10);
    if !matches!(current(&app).form, Form::Choice { .. }) {
        // A typed answer has the keyboard: the first Esc only puts the answer aside.
        press(&mut app, KeyCode::Esc);
        assert!(app.quiz().session().is_some_and(|s| !s.leaving()), "{}", current(&app).id);
    }
    press(&mut app, KeyCode::Esc);
    assert!(app.quiz().session().is_some_and(Session::leaving), "Esc asks before leaving");
    assert!(text(&app).contains("Leave the drill now?"));
    press(&mut app, KeyCode::Char('n'));
    assert!(app.quiz().session().is_some_and(|s| !s.leaving()), "n keeps going");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('y'));
    let summary = app.quiz().summary().expect("left for the summary");
    assert_eq!((summary.ending(), summary.outcomes().len()), (Ending::LeftEarly, 0));
    let drills = &app.progress().drills;
    assert_eq!((drills.len(), drills[0].right, drills[0].total), (1, 14, 16), "the old record stays");
    assert!(text(&app).contains("your last drill record stays 14/16"), "{}", text(&app));
}

#[test]
fn a_drill_that_runs_out_of_time_while_asking_to_leave_is_recorded() {
    let mut app = with_record(1);
    press(&mut app, KeyCode::Esc);
    for _ in 0..(10 * 60 * 15) {
        app.update(Message::Tick { ms: 100, now: 0 });
        if matches!(app.quiz().page(), Page::Summary(_)) {
            break;
        }
    }
    let summary = app.quiz().summary().expect("the clock ended the drill");
    assert_eq!(summary.ending(), Ending::Finished);
    assert_eq!(app.progress().drills.len(), 2, "a finished drill is recorded");
}

#[test]
fn practising_the_missed_ones_reshuffles_options_and_draws_new_numbers() {
    let ids = ["interview-simplest", "numeric-score"];
    let mut app = app();
    app.practise(&ids);
    let asked: Vec<Question> = ids
        .iter()
        .map(|id| resolve(app.lesson().questions.iter().find(|q| q.id == *id).expect("in the lesson"), 1))
        .collect();
    assert_eq!(current(&app), asked[0], "the session's draw is seed 1's");
    let Form::Choice { options } = &asked[0].form else { panic!("a choice question") };
    quiz(&mut app, QuizMsg::Pick(options.iter().position(|o| !o.correct).expect("a wrong option")));
    quiz(&mut app, QuizMsg::Next);
    quiz(&mut app, QuizMsg::Solution);
    quiz(&mut app, QuizMsg::Next);
    quiz(&mut app, QuizMsg::Missed);
    let review = app.quiz().session().expect("a review");
    assert_eq!(review.kind(), SessionKind::Review);
    assert_eq!(review.queue().len(), 2, "the missed one and the shown one");
    for (old, new) in asked.iter().zip(review.queue()) {
        assert_eq!(old.id, new.id);
        assert_ne!(old.form, new.form, "{} is drawn afresh", old.id);
    }
    let Form::Choice { options: again } = &review.queue()[0].form else { panic!("still a choice") };
    let sorted = |o: &[qkv_tutor::quiz::OptionSpec]| {
        let mut texts: Vec<String> = o.iter().map(|o| o.text.clone()).collect();
        texts.sort();
        texts
    };
    assert_eq!(sorted(options), sorted(again), "the same options, in a new order");
}

#[test]
fn a_number_missed_once_still_counts_when_the_drill_runs_out_of_time() {
    let mut app = with_record(1);
    for _ in 0..60 {
        if matches!(current(&app).form, Form::Numeric(_)) {
            break;
        }
        quiz(&mut app, QuizMsg::Solution);
        quiz(&mut app, QuizMsg::Next);
    }
    let question = current(&app);
    assert!(matches!(question.form, Form::Numeric(_)), "the drill asks a number");
    quiz(&mut app, QuizMsg::Enter);
    for c in "98765".chars() {
        app.update(Message::Field(FieldMsg::Insert(c)));
    }
    app.update(Message::Field(FieldMsg::Submit));
    assert!(matches!(app.quiz().session().map(|s| s.run().phase()), Some(Phase::Asking)), "a miss can be retried");
    for _ in 0..(10 * 60 * 2) {
        app.update(Message::Tick { ms: 100, now: 0 });
        if matches!(app.quiz().page(), Page::Summary(_)) {
            break;
        }
    }
    let summary = app.quiz().summary().expect("the clock ended the drill");
    let outcome = summary.outcomes().iter().find(|o| o.id() == question.id);
    assert_eq!(
        outcome.map(qkv_tutor::screen::quiz::Outcome::mark),
        Some(Mark::Missed),
        "the wrong first try is a miss"
    );
    let record = app.progress().drills.last().expect("recorded");
    assert!(record.misses.contains(&question.id), "and the drill's record says so");
}

#[test]
fn a_long_summary_says_how_many_more_it_could_not_show() {
    let mut app = app();
    let ids: Vec<String> = Lesson::embedded().questions.iter().take(40).map(|q| q.id.clone()).collect();
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    app.practise(&refs);
    for _ in 0..refs.len() {
        quiz(&mut app, QuizMsg::Solution);
        quiz(&mut app, QuizMsg::Next);
    }
    let summary = app.quiz().summary().expect("the practice ended");
    let shown = summary.count(Mark::Shown);
    assert_eq!(shown, refs.len(), "every solution was shown");
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("backend");
    terminal.draw(|frame| frame.render_widget(&app, frame.area())).expect("draws");
    let buffer = terminal.backend().buffer();
    let rows: Vec<String> =
        buffer.content().chunks(80).map(|row| row.iter().map(ratatui::buffer::Cell::symbol).collect()).collect();
    let listed = rows.iter().filter(|r| r.trim_start().starts_with("· ")).count();
    let more = rows.iter().find_map(|r| r.split("… and ").nth(1)?.split(' ').next()?.parse::<usize>().ok());
    assert_eq!(more, Some(shown - listed), "{}", rows.join("\n"));
    assert!(rows.iter().any(|r| r.contains("m: practise them again")), "the keys stay on screen");
}
