//! Text that must fit: footers that always end with the way to every key, statuses and
//! descriptions wrapped between words, labels cut with `…`, footers that offer only keys
//! that act, and plurals.

use qkv_tutor::app::{App, Message};
use qkv_tutor::lesson::Lesson;
use qkv_tutor::message::{Direction, FieldMsg, ScreenId};
use qkv_tutor::scenario::{LIBRARY, Scenario};
use qkv_tutor::screen::lab::{LabMsg, LabPanel};
use qkv_tutor::screen::playground::{GridId, PlayMsg};
use qkv_tutor::screen::present::PresentMsg;
use qkv_tutor::screen::quiz::QuizMsg;
use qkv_tutor::screen::walkthrough::{WalkMsg, step_count};
use qkv_tutor::screen::{Status, StatusKind};
use qkv_tutor::theme::Theme;
use qkv_tutor::widget::{GridModel, MatrixGrid};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use strum::IntoEnumIterator;

fn app() -> App {
    App::new(Scenario::lesson(), Lesson::embedded(), Theme::monochrome()).expect("lesson fits")
}

fn on(screen: ScreenId) -> App {
    let mut app = app();
    app.update(Message::ShowScreen(screen));
    app
}

fn rows(app: &App, width: u16, height: u16) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    terminal.draw(|frame| frame.render_widget(app, frame.area())).expect("draws");
    let buffer = terminal.backend().buffer();
    let symbols: Vec<&str> = buffer.content().iter().map(ratatui::buffer::Cell::symbol).collect();
    symbols.chunks(usize::from(width)).map(|row| row.concat().trim_end().to_string()).collect()
}

fn footer(app: &App) -> String {
    rows(app, 80, 24).pop().unwrap_or_default()
}

fn quiz(messages: &[QuizMsg]) -> App {
    let mut app = on(ScreenId::Quiz);
    for message in messages {
        app.update(Message::Quiz(*message));
    }
    app
}

fn practising(id: &str) -> App {
    let mut app = on(ScreenId::Quiz);
    app.practise(&[id]);
    assert!(app.quiz().session().is_some(), "{id} is in the lesson");
    app
}

/// A practice session of one free question, missed, then ended: the summary.
fn summary() -> App {
    let mut app = practising("interview-sentence");
    app.update(Message::Quiz(QuizMsg::Enter));
    app.update(Message::Field(FieldMsg::Insert('?')));
    app.update(Message::Field(FieldMsg::Submit));
    app.update(Message::Quiz(QuizMsg::Grade(qkv_tutor::progress::Grade::Again)));
    app.update(Message::Quiz(QuizMsg::Next));
    assert!(app.quiz().summary().is_some(), "the session ended on its summary");
    app
}

fn states() -> Vec<(&'static str, App)> {
    let mut states: Vec<(&str, App)> = ScreenId::iter().map(|s| (s.title(), on(s))).collect();
    let mut last = app();
    last.update(Message::Walk(WalkMsg::Last));
    states.push(("walkthrough, last step", last));
    let mut predicting = app();
    predicting.update(Message::Walk(WalkMsg::TogglePredict));
    predicting.update(Message::Walk(WalkMsg::Next));
    states.push(("walkthrough, predicting", predicting));
    states.push(("quiz menu", quiz(&[])));
    states.push(("quiz choice question", practising("interview-simplest")));
    states.push(("quiz numeric question, field focused", practising("numeric-score")));
    states.push(("quiz summary", summary()));
    states.push(("quiz drill, asking to leave", quiz(&[QuizMsg::Down, QuizMsg::Enter, QuizMsg::Back])));
    states.push(("quiz challenges", quiz(&[QuizMsg::Down, QuizMsg::Down, QuizMsg::Enter])));
    states.push(("apply now", quiz(&[QuizMsg::Down, QuizMsg::Down, QuizMsg::Down, QuizMsg::Enter, QuizMsg::Check])));
    let mut library = on(ScreenId::Playground);
    library.update(Message::Play(PlayMsg::OpenLibrary));
    states.push(("playground library", library));
    let mut editing = on(ScreenId::Playground);
    editing.update(Message::Play(PlayMsg::BeginEdit('7')));
    states.push(("playground, a cell being typed", editing));
    let mut explaining = on(ScreenId::Playground);
    explaining.update(Message::Play(PlayMsg::Select { grid: GridId::Scores, row: 1, col: 0 }));
    explaining.update(Message::Play(PlayMsg::Activate));
    states.push(("playground, explaining", explaining));
    for panel in LabPanel::iter() {
        let mut lab = on(ScreenId::Lab);
        lab.update(Message::Lab(LabMsg::SelectPanel(panel)));
        states.push((panel.lesson_key(), lab));
    }
    let mut presenting = app();
    presenting.update(Message::TogglePresent);
    states.push(("presenter, hidden", presenting.clone()));
    presenting.update(Message::Present(PresentMsg::Forward));
    states.push(("presenter, revealed", presenting));
    states.extend(class_states());
    states
}

/// Class mode: the projector with the roster under a question, and a student's screen owned
/// by the question.
fn class_states() -> Vec<(&'static str, App)> {
    use qkv_tutor::class::{ClassQuestion, Classroom};
    use qkv_tutor::engine::{Derivation, Term};
    use qkv_tutor::quiz::Expected;
    let join = "ssh -p 2222 student@127.0.0.1 · class code tulip-42 · host key SHA256:R4sawXDLPYUbCtRhKmLNGyuUB+IpJxxPlr1ImJ+VKSg";
    let room = Classroom::default();
    for name in ["ada", "bob", "student"] {
        room.join(name);
    }
    let expected = Expected::plain(Derivation::new(vec![Term::new(1.0, 1.0), Term::new(2.0, 0.0)], 1.0));
    let prompt = "What is q1 entry 1?".to_owned();
    room.ask(Some(ClassQuestion {
        id: 1,
        prompt,
        target: "q1 entry 1".into(),
        expected,
        context: vec!["x1 = [1, 0]".into()],
    }));
    let mut projector = app().with_class(join.into());
    let _ = projector.start_presenting();
    projector.update(Message::ClassTally(Box::new(room.tally())));
    projector.update(Message::Present(PresentMsg::Roster));
    let mut student = app();
    student.update(Message::ClassView(room.view(1, Some("ada")).map(Box::new)));
    room.answer(1, Some("ada"), 1, "1*1+2*1").expect("an answer");
    room.reveal();
    let mut revealed = app();
    revealed.update(Message::ClassView(room.view(1, Some("ada")).map(Box::new)));
    vec![
        ("class projector, roster", projector),
        ("class student, question open", student),
        ("class student, revealed", revealed),
    ]
}

#[test]
fn every_footer_ends_with_the_way_to_every_key_at_both_sizes() {
    for (name, app) in states() {
        for (w, h) in [(80, 24), (120, 40)] {
            let last = rows(&app, w, h).pop().unwrap_or_default();
            assert!(last.ends_with("? all keys"), "{name} at {w}×{h}: {last:?}");
        }
    }
}

#[test]
fn while_typing_the_help_opens_with_alt_question_mark() {
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    let mut app = practising("numeric-score");
    assert!(app.focused_field().is_some());
    assert!(footer(&app).ends_with("Alt-? all keys"), "{}", footer(&app));
    let alt = Event::Key(KeyEvent::new(KeyCode::Char('?'), KeyModifiers::ALT));
    let message = qkv_tutor::app::map_event(&app, &alt).expect("a message");
    app.update(message);
    assert!(app.help_open(), "Alt-? opens the help over the field");
    let text = rows(&app, 120, 40).join("\n");
    assert!(text.contains("every printable key goes into the field") && text.contains("Alt-?"), "{text}");
}

const LONG: &str = "another qkv-tutor (process 6291) is using /home/learner/.local/share/qkv-tutor: progress \
                    is read only until it quits";

#[test]
fn a_long_status_takes_two_rows_and_shows_whole() {
    let mut app = on(ScreenId::Diagram);
    let bottom = |screen: &[String]| screen.iter().rposition(|r| r.starts_with(" └"));
    let before = bottom(&rows(&app, 80, 24));
    app.notify(Status::new(StatusKind::Error, LONG));
    let screen = rows(&app, 80, 24);
    let status = format!("{} {}", screen[21], screen[22]);
    let words: Vec<&str> = LONG.split(' ').collect();
    let shown: Vec<&str> = status.split(' ').filter(|w| !w.is_empty() && *w != "✗").collect();
    assert_eq!(shown, words, "every word, none cut:\n{}\n{}", screen[21], screen[22]);
    assert!(screen[22].starts_with("   "), "the second row hangs under the text: {:?}", screen[22]);
    let after = bottom(&screen);
    assert_eq!(after.map(|r| r + 1), before, "the body gave up one row: the plot ends a row higher");
    assert!(screen[23].ends_with("? all keys"));
}

/// The text between the last two borders of each row: the innermost box on the right.
fn rows_inside_box(screen: &str) -> Vec<&str> {
    screen
        .lines()
        .filter_map(|line| {
            let parts: Vec<&str> = line.split('│').collect();
            (parts.len() >= 3).then(|| parts[parts.len() - 2])
        })
        .collect()
}

#[test]
fn a_status_too_long_for_two_rows_is_cut_with_an_ellipsis_and_kept_whole_in_the_help() {
    let mut app = on(ScreenId::Diagram);
    let text = format!("{LONG}; {LONG}");
    app.notify(Status::new(StatusKind::Info, text.clone()));
    let screen = rows(&app, 80, 24);
    assert!(screen[22].ends_with('…') && screen[22].starts_with(" progress"), "{:?}", screen[22]);
    assert!(!screen[22].trim_start().contains("  "), "one space between words: {:?}", screen[22]);
    app.update(Message::ToggleHelp);
    let help: String = rows(&app, 120, 40).join("\n");
    // Only what is inside the help's box: the screen drawn around it is not part of it.
    let inside: Vec<&str> = rows_inside_box(&help);
    let flat: String = inside.join(" ").split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains(&text), "the help keeps the whole message:\n{help}");
}

#[test]
fn the_help_lists_the_last_ten_statuses_newest_first() {
    let mut app = on(ScreenId::Diagram);
    for i in 1..=12 {
        app.notify(Status::new(StatusKind::Info, format!("message number {i}")));
    }
    app.notify(Status::new(StatusKind::Info, "message number 12"));
    let recent: Vec<String> = app.recent_statuses().map(|s| s.text.clone()).collect();
    let expected: Vec<String> = (3..=12).rev().map(|i| format!("message number {i}")).collect();
    assert_eq!(recent, expected, "ten, newest first, a repeat listed once");
    app.update(Message::ToggleHelp);
    let help = rows(&app, 120, 40).join("\n");
    let at = |i: usize| help.find(&format!("message number {i}\n")).or_else(|| help.find(&format!("number {i} ")));
    assert!(help.contains("Recent messages"), "{help}");
    assert!(at(12).is_some() && at(3).is_some() && at(2).is_none(), "{help}");
    assert!(at(12) < at(11), "newest first:\n{help}");
}

#[test]
fn library_descriptions_wrap_between_words_at_80_columns() {
    let mut app = on(ScreenId::Playground);
    app.update(Message::Play(PlayMsg::OpenLibrary));
    for (index, (name, text)) in LIBRARY.iter().enumerate() {
        let description = qkv_tutor::scenario::parse(text, name).expect("valid").description.expect("described");
        let screen = rows(&app, 80, 24);
        let inside: Vec<String> =
            screen.iter().map(|r| r.trim_start().trim_start_matches('│').trim_end_matches('│').to_string()).collect();
        let title = inside.iter().position(|r| r.trim() == format!("▶ {name}")).expect("the chosen one is in view");
        let shown: Vec<&str> = inside[title + 1..]
            .iter()
            .take_while(|r| r.starts_with("    ") && !r.trim().is_empty())
            .flat_map(|r| r.split_whitespace())
            .collect();
        let words: Vec<&str> = description.split_whitespace().collect();
        assert_eq!(shown, words, "{name}: every word whole\n{}", screen.join("\n"));
        assert!(index + 1 == LIBRARY.len() || !shown.is_empty());
        app.update(Message::Play(PlayMsg::Move(Direction::Down)));
    }
}

#[test]
fn footers_offer_no_key_that_does_nothing() {
    let mut library = on(ScreenId::Playground);
    library.update(Message::Play(PlayMsg::OpenLibrary));
    let text = footer(&library);
    assert!(text.contains("Enter load") && !text.contains("edit/explain"), "{text}");
    let mut lab = on(ScreenId::Lab);
    lab.update(Message::Lab(LabMsg::SelectPanel(LabPanel::Heads)));
    let most = qkv_tutor::screen::lab::valid_head_counts(lab.document().attention()).last().copied();
    while lab.lab().heads() < most.unwrap_or(1) {
        lab.update(Message::Lab(LabMsg::More));
    }
    let text = footer(&lab);
    assert!(!text.contains("+ more") && text.contains("- fewer"), "at the most heads: {text}");
    lab.update(Message::Lab(LabMsg::Fewer));
    assert!(footer(&lab).contains("+ more"), "{}", footer(&lab));
    // The hints the footer is drawn from: at 80 columns a lower-priority one may not fit.
    let reset = |app: &App| app.footer_hints().iter().any(|(k, h)| *k == "r" && *h == "reset");
    let mut playground = on(ScreenId::Playground);
    assert!(!reset(&playground), "nothing to reset yet: {}", footer(&playground));
    playground.update(Message::Play(PlayMsg::Reshape(qkv_tutor::document::Edit::ToggleScale)));
    assert!(reset(&playground), "{:?}", playground.footer_hints());
    let mut walk = app();
    walk.update(Message::Walk(WalkMsg::Last));
    assert!(!footer(&walk).contains("autoplay"), "{}", footer(&walk));
    assert!(!walk.walkthrough().acts(WalkMsg::ToggleAutoplay, step_count(walk.document().attention()), false));
    walk.update(Message::Walk(WalkMsg::Prev));
    walk.update(Message::Walk(WalkMsg::ToggleAutoplay));
    walk.update(Message::Walk(WalkMsg::Next));
    assert!(walk.walkthrough().autoplaying(), "autoplay stays on at the last step");
    assert!(footer(&walk).contains("a autoplay"), "it can still be turned off: {}", footer(&walk));
}

#[test]
fn column_labels_show_whole_where_they_fit_and_end_in_an_ellipsis_where_not() {
    let mut model = GridModel::new("X".into(), vec!["x1".into()], vec![vec![1.0, 0.0, 2.0]]);
    model.col_labels = vec!["noun".into(), "describing".into(), "action".into()];
    let header = |width: u16| {
        let mut buf = Buffer::empty(Rect::new(0, 0, width, 4));
        (&MatrixGrid { model: &model, theme: Theme::monochrome() }).render(buf.area, &mut buf);
        (0..width).map(|x| buf[(x, 1)].symbol().to_string()).collect::<String>()
    };
    let wide = header(60);
    assert!(wide.contains("noun") && wide.contains("describi…") && wide.contains("action"), "{wide}");
    let narrow = header(22);
    assert!(narrow.contains("noun") && narrow.contains("des…") && narrow.contains("act…"), "{narrow}");
    assert!(narrow.ends_with('│'), "nothing past the border: {narrow}");
}

#[test]
fn apply_nows_check_list_stays_above_the_status_at_80x24() {
    let mut app = quiz(&[QuizMsg::Down, QuizMsg::Down, QuizMsg::Down, QuizMsg::Enter]);
    // Four wrong entries in q and k (Left from the first grid wraps to q): each check then
    // explains itself at length, and the list no longer fits.
    for step in [QuizMsg::Left, QuizMsg::Left, QuizMsg::Down, QuizMsg::Right] {
        app.update(Message::Quiz(step));
        app.update(Message::Quiz(QuizMsg::Enter));
        app.update(Message::Field(FieldMsg::Insert('5')));
        app.update(Message::Field(FieldMsg::Submit));
    }
    app.update(Message::Quiz(QuizMsg::Check));
    let screen = rows(&app, 80, 24);
    let status = app.status().expect("the check's tally").text.clone();
    assert!(screen[22].contains(&status), "the status row is the status: {:?}", screen[22]);
    let more = screen.iter().position(|r| r.contains("more check")).expect("a count of what is not shown");
    assert!(more < 22, "the count is inside the body:\n{}", screen.join("\n"));
    assert!(screen[more].contains("not shown"), "{}", screen[more]);
}

#[test]
fn counts_of_one_are_singular() {
    use qkv_tutor::quiz::plural;
    assert_eq!(plural(1u64, "edit"), "1 edit");
    assert_eq!(plural(0u64, "edit"), "0 edits");
    assert_eq!(plural(2u64, "scored answer"), "2 scored answers");
    let text = rows(&summary(), 120, 40).join("\n");
    assert!(text.contains("Answered 1 (0 right, 1 missed) · shown 0 · 0 hints used"), "{text}");
    let mut lab = on(ScreenId::Lab);
    lab.update(Message::Lab(LabMsg::SelectPanel(LabPanel::AnswerSheet)));
    lab.update(Message::Lab(LabMsg::Fewer));
    assert_eq!(lab.status().map(|s| s.text.as_str()), Some("window: 1 token"));
    assert!(rows(&lab, 120, 40).join("\n").contains("window: 1 token ·"));
}

#[test]
fn a_missed_question_that_wraps_keeps_its_indent_in_the_summary() {
    let screen = rows(&summary(), 80, 24);
    let first = screen.iter().position(|r| r.starts_with("   ✗ Say, without looking")).expect("the missed one");
    assert!(screen[first + 1].starts_with("     ") && !screen[first + 1].trim().is_empty(), "{screen:#?}");
}
