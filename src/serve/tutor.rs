//! One student's tutor: the app and the runner that performs its effects. Every touch of
//! the app that `serve` makes is here, so the rest of `serve` knows only this type.

use crate::app::{App, Message, map_event};
use crate::effect::EffectError;
use crate::engine::EngineError;
use crate::lesson::Lesson;
use crate::runner::Runner;
use crate::scenario::Scenario;
use crate::screen::playground::PlayMsg;
use crate::screen::{Status, StatusKind};
use crate::theme::Theme;
use ratatui::crossterm::event::Event;
use std::path::Path;
use std::sync::Arc;

/// Class mode for one student: the room, their session's number and the name they gave.
pub type Class = (Arc<crate::class::Classroom>, u64, Option<String>);

/// A tutor for one remote student, on the lesson's numbers. Its runner is remote: no file
/// the student names is read or written, and progress is kept only under `--keep-progress`.
pub struct Tutor {
    app: App,
    runner: Runner,
}

/// A tutor sized to the student's terminal; the lesson is shared, not copied.
///
/// # Errors
/// When the built-in scenario does not fit its shapes (it always does).
pub fn new_tutor(lesson: &Arc<Lesson>, class: Option<Class>, cols: u16, rows: u16) -> Result<Tutor, EngineError> {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let app = App::new(Scenario::lesson(), Arc::clone(lesson), Theme::default())?.with_time(now, now);
    let (classroom, student) = match class {
        Some((room, id, name)) => (Some(room), Some((id, name))),
        None => (None, None),
    };
    let told = student.as_ref().and_then(|(_, name)| name.clone()).map(|name| format!("in this class you are {name}"));
    let mut tutor = Tutor { app, runner: Runner { remote: true, classroom, student, ..Runner::default() } };
    tutor.runner.sync_class(&mut tutor.app);
    if let Some(told) = told {
        tutor.app.notify(Status::new(StatusKind::Info, told));
    }
    tutor.send(Message::Resize(cols, rows));
    Ok(tutor)
}

impl Tutor {
    fn send(&mut self, message: Message) {
        self.runner.drive(&mut self.app, message);
    }
}

/// The student's terminal changed size.
pub fn resize(tutor: &mut Tutor, cols: u16, rows: u16) {
    tutor.send(Message::Resize(cols, rows));
}

/// Time passed; returns whether the screen changed because of it (autoplay, a drill's clock,
/// a status message expiring).
pub fn tick(tutor: &mut Tutor) -> bool {
    let animating = tutor.app.animating();
    let before = tutor.app.status().cloned();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    tutor.send(Message::Tick { ms: tick_ms(), now });
    let class = tutor.runner.sync_class(&mut tutor.app);
    class || animating || tutor.app.status() != before.as_ref()
}

/// Progress for this session is kept in `dir` (only with `serve --keep-progress`).
pub fn keep_progress(tutor: &mut Tutor, dir: &Path) {
    tutor.app.load_progress(crate::progress::load(dir).progress);
    tutor.runner.data_dir = Some(dir.to_path_buf());
}

/// One input event from the student's terminal. Returns whether it did anything.
///
/// Ctrl-Z would stop the whole server, so it means nothing here; the keys that would open a
/// file prompt or write the handout say at once that files stay on the teacher's computer
/// (the remote runner refuses those effects too).
pub fn feed(tutor: &mut Tutor, event: &Event) -> bool {
    match map_event(&tutor.app, event) {
        None | Some(Message::Suspend) => false,
        Some(Message::WriteHandout | Message::Play(PlayMsg::AskSave | PlayMsg::AskLoad)) => {
            tutor.app.notify(Status::new(StatusKind::Error, EffectError::Remote.to_string()));
            true
        }
        Some(message) => {
            tutor.send(message);
            true
        }
    }
}

/// The session is over: one more try at saving anything not yet saved.
pub fn finish(tutor: &mut Tutor) {
    let last = tutor.app.pending_save().into_iter().collect();
    tutor.runner.settle(&mut tutor.app, last);
}

/// False once the student quit.
#[must_use]
pub fn running(tutor: &Tutor) -> bool {
    tutor.app.running()
}

/// Draws the whole tutor.
pub fn draw(tutor: &Tutor, frame: &mut ratatui::Frame) {
    frame.render_widget(&tutor.app, frame.area());
}

/// How often the tutor wants a tick, in milliseconds.
#[must_use]
pub fn tick_ms() -> u64 {
    crate::app::TICK_MS
}
