//! One keystroke to a finished frame: the key mapped to a message, the update (which
//! recomputes everything), and a full render into a buffer, at 120×40.
//! Run with `cargo bench --bench frame`.

use criterion::{Criterion, criterion_group, criterion_main};
use qkv_tutor::app::App;
use qkv_tutor::app::Message;
use qkv_tutor::app::map_event;
use qkv_tutor::engine::Matrix;
use qkv_tutor::lesson::Lesson;
use qkv_tutor::message::ScreenId;
use qkv_tutor::scenario::Scenario;
use qkv_tutor::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use std::hint::black_box;

fn largest() -> Scenario {
    #[allow(clippy::cast_precision_loss, reason = "small indices")]
    let fill = |r: usize, c: usize| ((r * 31 + c * 17) % 13) as f64 - 6.0;
    let mut scenario = Scenario::lesson();
    scenario.input.x = Matrix::from_fn(16, 64, fill);
    scenario.input.w_q = Matrix::from_fn(64, 64, fill);
    scenario.input.w_k = Matrix::from_fn(64, 64, |r, c| fill(c, r));
    scenario.input.w_v = Matrix::from_fn(64, 64, fill);
    scenario
}

fn app(scenario: Scenario) -> App {
    let mut app = App::new(scenario, Lesson::embedded(), Theme::default()).expect("fits");
    app.update(Message::Resize(120, 40));
    app.update(Message::ShowScreen(ScreenId::Playground));
    app
}

/// Types `1` and Enter into the selected cell, then draws the whole screen.
fn keystroke_to_frame(app: &mut App, buffer: &mut Buffer) {
    for code in [KeyCode::Char('1'), KeyCode::Enter] {
        if let Some(message) = map_event(app, &Event::Key(KeyEvent::new(code, KeyModifiers::NONE))) {
            app.update(message);
        }
    }
    buffer.reset();
    (&*app).render(buffer.area, buffer);
}

fn frames(c: &mut Criterion) {
    let mut buffer = Buffer::empty(Rect::new(0, 0, 120, 40));
    let mut lesson = app(Scenario::lesson());
    c.bench_function("keystroke to frame, lesson size, 120x40", |b| {
        b.iter(|| keystroke_to_frame(black_box(&mut lesson), &mut buffer));
    });
    c.bench_function("render only, lesson size, 120x40", |b| {
        b.iter(|| {
            buffer.reset();
            (&lesson).render(buffer.area, &mut buffer);
        });
    });
    c.bench_function("update only (type 1, Enter), lesson size", |b| {
        b.iter(|| {
            for code in [KeyCode::Char('1'), KeyCode::Enter] {
                if let Some(message) = map_event(&lesson, &Event::Key(KeyEvent::new(code, KeyModifiers::NONE))) {
                    lesson.update(message);
                }
            }
        });
    });
    let mut big = app(largest());
    c.bench_function("keystroke to frame, T=16 D=64 d_k=d_v=64, 120x40", |b| {
        b.iter(|| keystroke_to_frame(black_box(&mut big), &mut buffer));
    });
}

criterion_group!(benches, frames);
criterion_main!(benches);
