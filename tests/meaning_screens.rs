//! The `meaning` scenario on screen: its labels on the grids, the result matrix filling as
//! the walkthrough goes, the score's reason, the residual step and the vector plot, at 80×24
//! and 120×40, in Unicode and in ASCII. The walkthrough and diagram are drawn through their
//! labelled renderers (what the app shows once it passes the document's labels).

use qkv_tutor::app::{App, Message};
use qkv_tutor::document::Document;
use qkv_tutor::engine::Projection;
use qkv_tutor::lesson::Lesson;
use qkv_tutor::message::ScreenId;
use qkv_tutor::scenario::{self, Scenario};
use qkv_tutor::screen::diagram::DiagramView;
use qkv_tutor::screen::walkthrough::{Step, WalkthroughState, WalkthroughView, step_count, steps};
use qkv_tutor::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn meaning() -> Scenario {
    scenario::shipped("meaning").expect("shipped").expect("valid")
}

fn themes() -> [(Theme, &'static str); 2] {
    [(Theme::monochrome(), ""), (Theme { ascii: true, ..Theme::monochrome() }, "_ascii")]
}

fn text_of(buffer: &Buffer) -> String {
    let width = usize::from(buffer.area.width).max(1);
    let symbols: Vec<&str> = buffer.content().iter().map(ratatui::buffer::Cell::symbol).collect();
    symbols.chunks(width).map(<[&str]>::concat).collect::<Vec<_>>().join("\n")
}

/// Draws with `paint` on a fresh terminal, with the ASCII pass the app applies.
fn draw(w: u16, h: u16, theme: Theme, paint: impl Fn(Rect, &mut Buffer)) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("backend");
    terminal
        .draw(|frame| {
            let area = frame.area();
            paint(area, frame.buffer_mut());
            if theme.ascii {
                qkv_tutor::ascii::downgrade(frame.buffer_mut(), area);
            }
        })
        .expect("draws");
    if theme.ascii {
        assert!(terminal.backend().buffer().content().iter().all(|c| c.symbol().is_ascii()), "plain ASCII");
    }
    terminal
}

fn walkthrough_at(step: Step, name: &str, expect: &[&str]) {
    let doc = Document::new(meaning()).expect("fits");
    let lesson = Lesson::embedded();
    let all = steps(doc.attention(), doc.query());
    let index = all.iter().position(|s| *s == step).expect("the step exists");
    let state = WalkthroughState::at_step(index);
    for (theme, suffix) in themes() {
        for (w, h) in SIZES {
            let view = WalkthroughView {
                state: &state,
                step,
                count: step_count(doc.attention()),
                attention: doc.attention(),
                keys: None,
                cross: None,
                lesson: &lesson,
                theme,
            };
            let terminal = draw(w, h, theme, |area, buf| view.render_labeled(doc.labels(), area, buf));
            let text = text_of(terminal.backend().buffer());
            for wanted in expect {
                // The ASCII pass writes each symbol's stand-in.
                let wanted: String = if theme.ascii {
                    wanted
                        .chars()
                        .map(|c| qkv_tutor::ascii::replacement(&c.to_string()).map_or(c.to_string(), str::to_string))
                        .collect()
                } else {
                    (*wanted).to_string()
                };
                assert!(text.contains(&wanted), "{name} {w}x{h}{suffix}: {wanted:?} in\n{text}");
            }
            insta::assert_snapshot!(format!("meaning_{name}_{w}x{h}{suffix}"), terminal.backend());
        }
    }
}

#[test]
fn a_projection_step_fills_k_with_the_labels_on_its_rows() {
    // cat's key, first entry: the, furry done; cat's q done; cat's k2 and all of sat still `·`.
    let step = Step::Projection { projection: Projection::Key, token: 2, entry: 0 };
    walkthrough_at(step, "walkthrough_filling", &["x3 cat", "K [4×2]", "k2 furry", "·"]);
}

#[test]
fn the_score_step_says_which_column_makes_furry_score_high() {
    walkthrough_at(Step::Score { query: 2, key: 1 }, "walkthrough_score", &["(describing)", "scores for q3"]);
}

#[test]
fn the_residual_step_adds_the_context_back_to_cat() {
    walkthrough_at(Step::Output { query: 2 }, "walkthrough_output", &["x3 \"cat\" + c3·W_O", "(furry)"]);
}

#[test]
fn the_vector_plot_names_the_arrow_tips() {
    let doc = Document::new(meaning()).expect("fits");
    for (theme, suffix) in themes() {
        for (w, h) in SIZES {
            let view = DiagramView { attention: doc.attention(), query: doc.query(), scroll: 0, theme };
            let terminal = draw(w, h, theme, |area, buf| view.render_labeled(doc.labels(), area, buf));
            let text = text_of(terminal.backend().buffer());
            assert!(text.contains("k2 \"furry\"") && text.contains("q3 \"cat\""), "{w}x{h}{suffix}:\n{text}");
            if h >= 40 {
                assert!(text.contains("q and k on a plane") && text.contains("k2 furry"), "{w}x{h}{suffix}:\n{text}");
            }
            insta::assert_snapshot!(format!("meaning_diagram_{w}x{h}{suffix}"), terminal.backend());
        }
    }
}

#[test]
fn the_playground_shows_the_labels_on_rows_and_columns() {
    for (theme, suffix) in themes() {
        let mut app = App::new(meaning(), Lesson::embedded(), theme).expect("fits");
        app.update(Message::ShowScreen(ScreenId::Playground));
        for (w, h) in SIZES {
            let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("backend");
            terminal.draw(|frame| frame.render_widget(&app, frame.area())).expect("draws");
            let text = text_of(terminal.backend().buffer());
            assert!(text.contains("x2 furry") && text.contains("noun"), "{w}x{h}{suffix}:\n{text}");
            insta::assert_snapshot!(format!("meaning_playground_{w}x{h}{suffix}"), terminal.backend());
        }
    }
}

#[test]
fn the_diagram_wraps_its_lines_instead_of_cutting_the_context() {
    // Cross-attention draws its own numbers; tests/cross_walk.rs checks that diagram.
    for name in ["lesson", "meaning"] {
        let Some(Ok(scenario)) = scenario::shipped(name) else { continue };
        let mut app = App::new(scenario, Lesson::embedded(), Theme::monochrome()).expect("fits");
        app.update(Message::ShowScreen(ScreenId::Diagram));
        let attention = app.document().attention();
        let query = app.document().query();
        let context = qkv_tutor::format::vector(attention.context.row(query).iter().copied());
        for (w, h) in [(80, 24), (120, 40)] {
            let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("backend");
            terminal.draw(|frame| frame.render_widget(&app, frame.area())).expect("draws");
            let joined: String =
                text_of(terminal.backend().buffer()).lines().map(str::trim).collect::<Vec<_>>().join(" ");
            assert!(joined.contains(&format!("= {context}")), "{name} {w}x{h}: the whole context {context}");
        }
    }
}
