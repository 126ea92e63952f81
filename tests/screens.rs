//! Whole-app snapshots of every screen on ratatui's TestBackend, a size sweep, and style checks
//! that snapshots cannot see.

use qkv_tutor::app::App;
use qkv_tutor::app::Message;
use qkv_tutor::lesson::Lesson;
use qkv_tutor::message::{FieldMsg, ScreenId};
use qkv_tutor::scenario::Scenario;
use qkv_tutor::screen::quiz::QuizMsg;
use qkv_tutor::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;
use strum::IntoEnumIterator;

fn app() -> App {
    App::new(Scenario::lesson(), Lesson::embedded(), Theme::monochrome()).expect("lesson fits")
}

fn draw(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    terminal.draw(|frame| frame.render_widget(app, frame.area())).expect("draws");
    terminal
}

fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let width = usize::from(buffer.area.width);
    let symbols: Vec<&str> = buffer.content().iter().map(ratatui::buffer::Cell::symbol).collect();
    symbols.chunks(width.max(1)).map(<[&str]>::concat).collect::<Vec<_>>().join("\n")
}

fn on(screen: ScreenId) -> App {
    let mut app = app();
    app.update(Message::ShowScreen(screen));
    app
}

macro_rules! snapshot_both_sizes {
    ($name:ident, $app:expr) => {
        #[test]
        fn $name() {
            let app = $app;
            for (w, h) in [(80, 24), (120, 40)] {
                let terminal = draw(&app, w, h);
                insta::assert_snapshot!(format!("{}_{w}x{h}", stringify!($name)), terminal.backend());
            }
        }
    };
}

snapshot_both_sizes!(walkthrough_first_step, app());
snapshot_both_sizes!(walkthrough_score_step, {
    let mut app = app();
    for _ in 0..15 {
        app.update(Message::Walk(qkv_tutor::screen::walkthrough::WalkMsg::Next));
    }
    app
});
snapshot_both_sizes!(playground, on(ScreenId::Playground));
snapshot_both_sizes!(diagram, on(ScreenId::Diagram));
snapshot_both_sizes!(help_overlay, {
    let mut app = on(ScreenId::Playground);
    app.update(Message::ToggleHelp);
    app
});

#[test]
fn playground_score_pane_shows_15_and_12() {
    let text = screen_text(&draw(&on(ScreenId::Playground), 80, 24));
    let q2_scores = text.lines().find(|l| l.contains("q2") && l.contains("15")).expect("a row with q2 and 15");
    assert!(q2_scores.contains("12"), "{q2_scores}");
}

#[test]
fn every_screen_renders_at_every_size_without_panic() {
    let mut apps: Vec<App> = ScreenId::iter().map(on).collect();
    let mut help = on(ScreenId::Walkthrough);
    help.update(Message::ToggleHelp);
    apps.push(help);
    let mut backend = Terminal::new(TestBackend::new(1, 1)).expect("backend");
    for width in 0..=130u16 {
        for height in 0..=45u16 {
            backend.backend_mut().resize(width, height);
            for app in &apps {
                backend.draw(|frame| frame.render_widget(app, frame.area())).expect("draws");
            }
        }
    }
}

#[test]
fn too_small_terminal_says_what_it_needs() {
    let text = screen_text(&draw(&app(), 60, 20));
    assert!(text.contains("at least 80×24") && text.contains("60×20"), "{text}");
}

#[test]
fn selected_cell_is_reversed_without_colour() {
    let terminal = draw(&on(ScreenId::Playground), 80, 24);
    let buffer = terminal.backend().buffer();
    let reversed: String = buffer
        .content()
        .iter()
        .filter(|c| c.modifier.contains(Modifier::REVERSED))
        .map(ratatui::buffer::Cell::symbol)
        .collect();
    assert!(reversed.contains('1'), "x1's first entry is selected: {reversed:?}");
    assert!(buffer.content().iter().all(|c| c.fg == ratatui::style::Color::Reset), "monochrome uses no colour");
}

#[test]
fn every_lab_panel_at_both_sizes() {
    for panel in qkv_tutor::screen::lab::LabPanel::iter() {
        let key = panel.lesson_key();
        let mut app = on(ScreenId::Lab);
        app.update(Message::Lab(qkv_tutor::screen::lab::LabMsg::SelectPanel(panel)));
        for (w, h) in [(80, 24), (120, 40)] {
            let terminal = draw(&app, w, h);
            insta::assert_snapshot!(format!("lab_{key}_{w}x{h}"), terminal.backend());
        }
    }
}

#[test]
fn lab_masked_weights_are_drawn_as_masked() {
    let mut app = on(ScreenId::Lab);
    let exam = qkv_tutor::screen::lab::LabPanel::ExamRule;
    app.update(Message::Lab(qkv_tutor::screen::lab::LabMsg::SelectPanel(exam)));
    let text = screen_text(&draw(&app, 80, 24));
    let masked_row = text.lines().find(|l| l.contains("q1         1")).expect("q1 with the mask");
    assert!(masked_row.contains('·'), "{masked_row}");
}

fn quiz_app() -> App {
    on(ScreenId::Quiz)
}

fn quiz_on(id: &str) -> App {
    let mut app = quiz_app();
    app.practise(&[id]);
    assert!(app.quiz().session().is_some(), "{id} is in the lesson");
    app
}

/// Opens a page of the quiz menu the way a learner does: down to it, then Enter.
fn quiz_page(downs: usize) -> App {
    let mut app = quiz_app();
    for _ in 0..downs {
        quiz_key(&mut app, QuizMsg::Down);
    }
    quiz_key(&mut app, QuizMsg::Enter);
    app
}

fn quiz_key(app: &mut App, message: qkv_tutor::screen::quiz::QuizMsg) {
    app.update(Message::Quiz(message));
}

#[test]
fn quiz_screens_at_both_sizes() {
    let mut cases: Vec<(&str, App)> = vec![("quiz_menu", quiz_app()), ("quiz_choice", quiz_on("interview-simplest"))];
    let mut answered = quiz_on("interview-simplest");
    quiz_key(&mut answered, QuizMsg::Pick(1));
    cases.push(("quiz_choice_answered", answered));
    let mut numeric = quiz_on("numeric-score");
    quiz_key(&mut numeric, QuizMsg::Hint);
    quiz_key(&mut numeric, QuizMsg::Hint);
    numeric.update(Message::Field(FieldMsg::Insert('7')));
    cases.push(("quiz_numeric_with_hints", numeric));
    let mut free = quiz_on("recall-cache-kv");
    quiz_key(&mut free, QuizMsg::Enter);
    free.update(Message::Field(FieldMsg::Insert('X')));
    free.update(Message::Field(FieldMsg::Submit));
    cases.push(("quiz_free_grading", free));
    let mut summary = App::new(Scenario::lesson(), Lesson::embedded(), Theme::monochrome())
        .expect("lesson fits")
        .with_drill_minutes(1);
    summary.update(Message::ShowScreen(ScreenId::Quiz));
    quiz_key(&mut summary, QuizMsg::Down);
    quiz_key(&mut summary, QuizMsg::Enter);
    let first = summary.quiz().session().and_then(|s| s.current()).cloned().expect("a question");
    if let qkv_tutor::quiz::Form::Choice { options } = &first.form {
        let wrong = options.iter().position(|o| !o.correct).expect("a wrong option");
        quiz_key(&mut summary, QuizMsg::Pick(wrong));
    } else if let qkv_tutor::quiz::Form::Numeric(answer) = &first.form {
        // Wrong, then right on the second try: the question ends as missed.
        summary.update(Message::Field(FieldMsg::Insert('9')));
        summary.update(Message::Field(FieldMsg::Submit));
        summary.update(Message::Field(FieldMsg::ClearToStart));
        for c in answer.text().chars() {
            summary.update(Message::Field(FieldMsg::Insert(c)));
        }
        summary.update(Message::Field(FieldMsg::Submit));
    }
    for _ in 0..600 {
        summary.update(Message::Tick { ms: 100, now: 0 });
    }
    cases.push(("quiz_drill_summary", summary));
    cases.push(("quiz_challenges", quiz_page(2)));
    let mut apply = quiz_page(3);
    quiz_key(&mut apply, QuizMsg::Check);
    cases.push(("quiz_apply_now", apply));
    for (name, app) in cases {
        for (w, h) in [(80, 24), (120, 40)] {
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), draw(&app, w, h).backend());
        }
    }
}

#[test]
fn quiz_pages_render_at_every_size_without_panic() {
    let mut apps = vec![quiz_on("interview-simplest"), quiz_on("numeric-q-shape")];
    apps.push(quiz_page(3));
    let mut terminal = Terminal::new(TestBackend::new(1, 1)).expect("backend");
    for width in (0..=130u16).step_by(3) {
        for height in 0..=45u16 {
            terminal.backend_mut().resize(width, height);
            for app in &apps {
                terminal.draw(|frame| frame.render_widget(app, frame.area())).expect("draws");
            }
        }
    }
}

#[test]
fn each_theme_at_both_sizes() {
    use qkv_tutor::theme::{Palette, Theme};
    for palette in Palette::iter() {
        for ascii in [false, true] {
            let mut app = App::new(Scenario::lesson(), Lesson::embedded(), Theme { palette, ascii }).expect("fits");
            app.update(Message::ShowScreen(ScreenId::Playground));
            app.update(Message::Play(qkv_tutor::screen::playground::PlayMsg::Select {
                grid: qkv_tutor::screen::playground::GridId::Scores,
                row: 1,
                col: 0,
            }));
            app.update(Message::Play(qkv_tutor::screen::playground::PlayMsg::Activate));
            for (w, h) in [(80, 24), (120, 40)] {
                let terminal = draw(&app, w, h);
                let name = format!("theme_{}{}_{w}x{h}", palette.name(), if ascii { "_ascii" } else { "" });
                insta::assert_snapshot!(name.clone(), terminal.backend());
                let buffer = terminal.backend().buffer();
                if ascii {
                    assert!(buffer.content().iter().all(|c| c.symbol().is_ascii()), "{name}");
                }
                let coloured = buffer.content().iter().any(|c| c.fg != ratatui::style::Color::Reset);
                assert_eq!(coloured, palette != Palette::Monochrome, "{name}");
                let selected = buffer.content().iter().any(|c| c.modifier.contains(Modifier::REVERSED));
                let highlighted = buffer.content().iter().any(|c| c.modifier.contains(Modifier::UNDERLINED));
                assert!(selected && highlighted, "{name}: selection and highlights never rely on colour alone");
            }
        }
    }
}

#[test]
fn presenter_mode_hidden_and_revealed() {
    use qkv_tutor::screen::present::PresentMsg;
    let mut app = app();
    app.update(Message::TogglePresent);
    app.update(Message::Present(PresentMsg::Last));
    // Back past the ideas, the residual step, two context entries, the softmax and q2·k2.
    for _ in 0..6 {
        app.update(Message::Present(PresentMsg::Back));
    }
    assert_eq!(app.present().map(|p| p.revealed()), Some(false), "a score slide, still hidden");
    let mut revealed = app.clone();
    revealed.update(Message::Present(PresentMsg::Forward));
    assert_eq!(revealed.present().map(|p| p.revealed()), Some(true));
    for (name, app) in [("present_hidden", &app), ("present_revealed", &revealed)] {
        for (w, h) in [(80, 24), (160, 48)] {
            let terminal = draw(app, w, h);
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), terminal.backend());
            let text = screen_text(&terminal);
            assert!(text.contains("slide 15 / 21") && !text.contains("Walkthrough │"), "chrome hidden: {text}");
        }
    }
    let hidden = screen_text(&draw(&app, 80, 24));
    assert!(hidden.contains("q2·k1 = 3·4 + 3·1 =") && !hidden.contains("= 15"), "{hidden}");
}

#[test]
fn no_hidden_slide_shows_what_the_notes_give_as_its_answer() {
    use qkv_tutor::screen::present::{PresentMsg, notes_for};
    let mut app = app();
    app.update(Message::TogglePresent);
    let count = qkv_tutor::screen::walkthrough::step_count(app.document().attention());
    for slide in 0..count {
        let present = app.present().expect("presenting");
        assert_eq!((present.slide(), present.revealed()), (slide, false));
        let step = present.step(app.document()).expect("a step");
        let notes = notes_for(step, slide, count, app.document().attention(), app.lesson(), false);
        for (w, h) in [(80, 24), (120, 40), (200, 60)] {
            let text = screen_text(&draw(&app, w, h));
            assert!(!text.contains(&notes.answer), "slide {}: {}", slide + 1, notes.answer);
            for piece in notes.answer.split("; ").filter(|p| p.contains('[') || p.contains('×')) {
                assert!(!text.contains(piece), "slide {} shows {piece:?} before the reveal", slide + 1);
            }
            if step == qkv_tutor::screen::walkthrough::Step::Ideas {
                assert!(!text.contains("Memory shortcut"), "the ideas stay hidden");
            }
        }
        app.update(Message::Present(PresentMsg::Forward));
        assert_eq!(app.present().map(|p| p.revealed()), Some(true), "slide {}: → reveals first", slide + 1);
        app.update(Message::Present(PresentMsg::Forward));
    }
    let end = screen_text(&draw(&app, 120, 40));
    assert!(end.contains("the end"), "the last slide says so: {end}");
}

#[test]
fn slides_are_centred_on_a_large_projector() {
    let mut app = app();
    app.update(Message::TogglePresent);
    let terminal = draw(&app, 200, 60);
    let text = screen_text(&terminal);
    let first = text.lines().position(|l| !l.trim().is_empty()).expect("something drawn");
    let indent = text.lines().nth(first).map_or(0, |l| l.len() - l.trim_start().len());
    assert!(first >= 3 && indent >= 20, "centred, not top left: row {first}, column {indent}");
}

#[test]
fn the_vector_plot_moves_with_an_edit_and_falls_back_to_ascii() {
    use qkv_tutor::screen::playground::{GridId, PlayMsg};
    let plain = on(ScreenId::Diagram);
    let before = screen_text(&draw(&plain, 120, 40));
    assert!(before.contains("q and k on a plane") && before.contains("k1: ") && before.contains("= 15"), "{before}");
    let mut edited = app();
    edited.update(Message::ShowScreen(ScreenId::Playground));
    edited.update(Message::Play(PlayMsg::Select { grid: GridId::X, row: 0, col: 0 }));
    edited.update(Message::Play(PlayMsg::BeginEdit('0')));
    edited.update(Message::Field(FieldMsg::Submit));
    edited.update(Message::ShowScreen(ScreenId::Diagram));
    edited.update(Message::Diagram(qkv_tutor::screen::diagram::DiagramMsg::NextQuery));
    let after = screen_text(&draw(&edited, 120, 40));
    assert!(after.contains("= 9") && after != before, "the edit moved the arrows: {after}");
    let mut ascii =
        App::new(Scenario::lesson(), Lesson::embedded(), Theme { ascii: true, ..Theme::monochrome() }).expect("fits");
    ascii.update(Message::ShowScreen(ScreenId::Diagram));
    for (w, h) in [(80, 24), (120, 40)] {
        let terminal = draw(&ascii, w, h);
        assert!(terminal.backend().buffer().content().iter().all(|c| c.symbol().is_ascii()));
        insta::assert_snapshot!(format!("diagram_plane_ascii_{w}x{h}"), terminal.backend());
    }
}

#[test]
fn the_first_frame_leaves_the_question_bank_unparsed_until_the_quiz_needs_it() {
    let mut app = app();
    let _ = draw(&app, 80, 24);
    assert!(!app.lesson().questions.is_parsed(), "the walkthrough's first frame needs no question");
    app.update(Message::ShowScreen(ScreenId::Quiz));
    let _ = draw(&app, 80, 24);
    assert!(app.lesson().questions.is_parsed(), "the quiz lists the bank");
}

#[test]
fn a_read_only_tab_bar_keeps_the_followed_token_whole_at_80_columns() {
    let mut app = app();
    app.set_read_only();
    let text = screen_text(&draw(&app, 80, 24));
    let tabs = text.lines().next().unwrap_or_default();
    assert!(tabs.contains("READ-ONLY") && tabs.contains(" token 2"), "{tabs}");
}
