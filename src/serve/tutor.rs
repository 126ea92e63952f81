//! Every touch of the tutor's `App` that `serve` makes, in one place, so that a redesign of
//! the app changes this file only.

use crate::app::{App, Clock, map_mouse};
use crate::lesson::Lesson;
use crate::message::{Message, PlayMsg};
use crate::scenario::Scenario;
use crate::theme::Theme;
use ratatui::crossterm::event::Event;
use std::path::Path;

/// A tutor for one remote student, on the lesson's numbers, sized to their terminal.
///
/// `App::new` takes an owned lesson, so each session clones it once (a few tens of KiB).
///
/// # Errors
/// When the built-in scenario does not fit its shapes (it always does).
pub fn new_tutor(lesson: &Lesson, cols: u16, rows: u16) -> anyhow::Result<App> {
    let mut app = App::new(Scenario::lesson(), lesson.clone(), Theme::default())?;
    app.clock = Clock::System;
    app.seed = app.now();
    app.update(Message::Resize(cols, rows));
    Ok(app)
}

/// The student's terminal changed size.
pub fn resize(app: &mut App, cols: u16, rows: u16) {
    app.update(Message::Resize(cols, rows));
}

/// Time passed; returns whether the screen changed because of it (autoplay, a drill's clock).
pub fn tick(app: &mut App) -> bool {
    let animating = app.animating();
    app.update(Message::Tick);
    animating
}

/// Progress for this session is kept in `dir` (only with `serve --keep-progress`).
pub fn keep_progress(app: &mut App, dir: &Path) {
    app.progress = crate::progress::load(dir).progress;
    app.data_dir = Some(dir.to_path_buf());
}

/// One input event from the student's terminal. Returns whether it did anything.
///
/// Over SSH some keys must not act on the teacher's machine: Ctrl-Z would stop the whole
/// server, and writing the handout or saving/loading a scenario file would touch the
/// teacher's disk at a path the student chose.
pub fn feed(app: &mut App, event: &Event) -> bool {
    let message = match event {
        Event::Mouse(mouse) => map_mouse(mouse, app),
        other => crate::keymap::map_event(other, app.key_context()),
    };
    match message {
        None | Some(Message::Suspend | Message::Resize(..)) => false,
        Some(Message::WriteHandout | Message::Play(PlayMsg::AskSave | PlayMsg::AskLoad)) => {
            app.status = Some(crate::app::Status {
                text: "not available over SSH: files stay on the teacher's computer".to_owned(),
                kind: crate::app::StatusKind::Error,
            });
            true
        }
        Some(message) => {
            app.update(message);
            true
        }
    }
}

/// The session is over: one more try at saving anything not yet saved.
pub fn finish(app: &mut App) {
    app.save_if_unsaved();
}

/// False once the student quit.
#[must_use]
pub fn running(app: &App) -> bool {
    app.running
}

/// Draws the whole tutor.
pub fn draw(app: &App, frame: &mut ratatui::Frame) {
    frame.render_widget(app, frame.area());
}

/// How often the tutor wants a tick, in milliseconds.
#[must_use]
pub fn tick_ms() -> u64 {
    crate::app::view_tick_ms()
}
