//! Hostile input: a seeded stream of random events through update and render with the
//! state's invariants checked after each, and property tests that throw arbitrary text at
//! every parser. `cargo test --test hardening -- --ignored` runs the ten-million-event soak.

use proptest::prelude::*;
use qkv_tutor::app::{App, Message, map_event};
use qkv_tutor::lesson::{self, Lesson};
use qkv_tutor::message::ScreenId;
use qkv_tutor::quiz::SplitMix;
use qkv_tutor::scenario::{self, Scenario};
use qkv_tutor::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use strum::IntoEnumIterator;

/// Keys that matter somewhere in the app. Saving, opening and the handout are only effects
/// here (no runner performs them), so the stream writes nothing.
const CHARS: &str = "0123456789-.+eExhjklqpagGtTdDcCvVsmuUr[]?fnbyzwoHLq[], ×·*";

fn random_key(rng: &mut SplitMix) -> KeyEvent {
    let codes = [
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Backspace,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::F(1 + u8::try_from(rng.index(5)).unwrap_or(0)),
    ];
    let chars: Vec<char> = CHARS.chars().collect();
    if rng.index(3) == 0 {
        return KeyEvent::new(codes[rng.index(codes.len())], KeyModifiers::NONE);
    }
    let modifiers = match rng.index(20) {
        0 => KeyModifiers::CONTROL,
        1 => KeyModifiers::ALT,
        _ => KeyModifiers::NONE,
    };
    KeyEvent::new(KeyCode::Char(chars[rng.index(chars.len())]), modifiers)
}

fn random_event(rng: &mut SplitMix, size: (u16, u16)) -> Event {
    let coordinate = |rng: &mut SplitMix, max: u16| u16::try_from(rng.index(usize::from(max) + 2)).unwrap_or(0);
    match rng.index(40) {
        0 => {
            let sizes = [(0, 0), (1, 1), (80, 24), (120, 40), (79, 23), (200, 60), (10_000, 10_000), (u16::MAX, 3)];
            let (w, h) = sizes[rng.index(sizes.len())];
            Event::Resize(w, h)
        }
        1 => {
            let long = "7".repeat(5_000);
            let pastes = ["12", "\u{1b}]0;title\u{7}", "1,5", "NaN", "\u{202e}evil", "9e99", "-0", long.as_str()];
            Event::Paste(pastes[rng.index(pastes.len())].into())
        }
        2..=5 => {
            let kinds = [MouseEventKind::Down(MouseButton::Left), MouseEventKind::ScrollDown, MouseEventKind::ScrollUp];
            let kind = kinds[rng.index(kinds.len())];
            let (column, row) = (coordinate(rng, size.0), coordinate(rng, size.1));
            Event::Mouse(MouseEvent { kind, column, row, modifiers: KeyModifiers::NONE })
        }
        _ => Event::Key(random_key(rng)),
    }
}

fn check_invariants(app: &App) {
    let a = &app.document().attention();
    let (t, d, dk, dv) = (a.tokens(), a.model_width(), a.key_width(), a.value_width());
    assert!((1..=16).contains(&t) && (1..=64).contains(&d) && (1..=64).contains(&dk) && (1..=64).contains(&dv));
    for (m, rows, cols) in
        [(&a.input.w_q, d, dk), (&a.input.w_k, d, dk), (&a.input.w_v, d, dv), (&a.q, t, dk), (&a.k, t, dk)]
    {
        assert_eq!(m.shape(), (rows, cols));
    }
    for (m, rows, cols) in [(&a.v, t, dv), (&a.scores, t, t), (&a.weights, t, t), (&a.context, t, dv)] {
        assert_eq!(m.shape(), (rows, cols));
    }
    let all =
        a.q.iter()
            .chain(a.k.iter())
            .chain(a.v.iter())
            .chain(a.scores.iter())
            .chain(a.weights.iter())
            .chain(a.context.iter());
    assert!(all.copied().all(f64::is_finite), "every displayed number is finite");
    for r in 0..t {
        let sum: f64 = a.weights.row(r).iter().sum();
        assert!((sum - 1.0).abs() < 1e-9);
        assert!((0..t).filter(|c| !a.is_visible(r, *c)).all(|c| a.weights[(r, c)] == 0.0), "masked means zero");
    }
    let p = app.playground();
    let grid = p.grid().matrix(a);
    assert!(p.row() < grid.nrows() && p.col() < grid.ncols() && app.document().query() < t);
    let walked = app.walkthrough().walked(app.document());
    assert!(app.walkthrough().step() < qkv_tutor::screen::walkthrough::step_count(&walked.attention));
    assert!(app.lab().decode_step() < t);
    if let Some(field) = app.focused_field() {
        assert!(field.text().chars().count() <= 4096, "fields keep their caps, pastes included");
    }
    if let Some(session) = app.quiz().session() {
        assert!(session.index() <= session.queue().len());
    }
}

fn stream(events: usize, seed: u64) {
    let mut app = App::new(Scenario::lesson(), Lesson::embedded(), Theme::default()).expect("fits");
    let mut rng = SplitMix::new(seed);
    for _ in 0..events {
        let event = random_event(&mut rng, app.size());
        if let Some(message) = map_event(&app, &event).filter(|m| *m != Message::Quit) {
            app.update(message);
        }
        if rng.index(10) == 0 {
            app.update(Message::Tick { ms: 100, now: 0 });
        }
        app.take_suspend_request();
        assert!(app.running());
        check_invariants(&app);
        // The runner draws at most the capped area, so a huge pane costs no more than that.
        let (w, h) = app.size();
        let (w, h) = (w.min(qkv_tutor::app::MAX_WIDTH), h.min(qkv_tutor::app::MAX_HEIGHT));
        let mut buffer = Buffer::empty(Rect::new(0, 0, w, h));
        (&app).render(buffer.area, &mut buffer);
    }
}

#[test]
fn a_hundred_thousand_random_events_break_nothing() {
    for seed in 0..4 {
        stream(25_000, seed);
    }
}

#[test]
fn every_screen_survives_its_own_random_keys() {
    for screen in ScreenId::iter() {
        let mut app = App::new(Scenario::lesson(), Lesson::embedded(), Theme::default()).expect("fits");
        app.update(Message::Resize(80, 24));
        app.update(Message::ShowScreen(screen));
        let mut rng = SplitMix::new(99);
        for _ in 0..5_000 {
            if let Some(message) = map_event(&app, &Event::Key(random_key(&mut rng))).filter(|m| *m != Message::Quit) {
                app.update(message);
            }
            assert!(app.running());
            check_invariants(&app);
        }
    }
}

#[test]
#[ignore = "the long soak: ten million events, about 20 minutes with --release"]
fn ten_million_random_events_break_nothing() {
    for seed in 0..100 {
        stream(100_000, 1000 + seed);
    }
}

const ESC: char = '\u{1b}';

fn mutate(text: &str, edits: &[(usize, u8)]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for (at, byte) in edits {
        if bytes.is_empty() {
            break;
        }
        let at = at % bytes.len();
        match byte % 3 {
            0 => bytes[at] = *byte,
            1 => bytes.insert(at, *byte),
            _ => {
                bytes.remove(at);
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn the_scenario_loader_never_panics(edits in prop::collection::vec((any::<usize>(), any::<u8>()), 0..6)) {
        let text = mutate(scenario::LESSON_JSON, &edits);
        match scenario::parse(&text, "fuzz") {
            Ok(s) => prop_assert!(qkv_tutor::engine::Attention::compute(s.input).is_ok()),
            Err(e) => prop_assert!(!e.to_string().contains(ESC) && e.to_string().starts_with("fuzz"), "{}", e),
        }
    }

    #[test]
    fn the_scenario_loader_survives_arbitrary_text(text in "\\PC{0,200}") {
        let _ = scenario::parse(&text, "fuzz");
    }

    #[test]
    fn the_lesson_loader_never_panics(edits in prop::collection::vec((any::<usize>(), any::<u8>()), 0..6)) {
        let text = mutate(lesson::EMBEDDED_JSON, &edits);
        if let Err(e) = lesson::parse(&text, "fuzz") {
            prop_assert!(!e.to_string().contains(ESC), "{}", e);
        }
    }
}
