//! Whole-app snapshots of every screen on ratatui's TestBackend, a size sweep, and style checks
//! that snapshots cannot see.

use qkv_tutor::app::App;
use qkv_tutor::lesson::Lesson;
use qkv_tutor::message::{Message, ScreenId};
use qkv_tutor::scenario::Scenario;
use qkv_tutor::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;

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
        app.update(Message::Walk(qkv_tutor::message::WalkMsg::Next));
    }
    app
});
snapshot_both_sizes!(playground, on(ScreenId::Playground));
snapshot_both_sizes!(diagram, on(ScreenId::Diagram));
snapshot_both_sizes!(quiz_placeholder, on(ScreenId::Quiz));
snapshot_both_sizes!(lab_placeholder, on(ScreenId::Lab));
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
    let mut apps: Vec<App> = ScreenId::ALL.iter().map(|s| on(*s)).collect();
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
    for (index, key) in qkv_tutor::screen::lab::PANELS.iter().enumerate() {
        let mut app = on(ScreenId::Lab);
        app.update(Message::Lab(qkv_tutor::message::LabMsg::SelectPanel(index)));
        for (w, h) in [(80, 24), (120, 40)] {
            let terminal = draw(&app, w, h);
            insta::assert_snapshot!(format!("lab_{key}_{w}x{h}"), terminal.backend());
        }
    }
}

#[test]
fn lab_masked_weights_are_drawn_as_masked() {
    let mut app = on(ScreenId::Lab);
    let exam = qkv_tutor::screen::lab::PANELS.iter().position(|k| *k == "exam_rule").expect("panel");
    app.update(Message::Lab(qkv_tutor::message::LabMsg::SelectPanel(exam)));
    let text = screen_text(&draw(&app, 80, 24));
    let masked_row = text.lines().find(|l| l.contains("q1         1")).expect("q1 with the mask");
    assert!(masked_row.contains('·'), "{masked_row}");
}
