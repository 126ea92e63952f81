use super::*;
use crate::lesson::Lesson;
use crate::scenario::Scenario;
use crate::theme::Theme;

/// Counts the writes that reach the terminal.
#[derive(Default, Clone)]
struct Writes(Arc<std::sync::Mutex<Vec<usize>>>);

impl Write for Writes {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.lock().expect("writes").push(bytes.len());
        Ok(bytes.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn the_first_frame_leaves_in_one_write() {
    let mut app = App::new(Scenario::lesson(), Lesson::embedded(), Theme::default()).expect("fits");
    app.update(Message::Resize(120, 40));
    let writes = Writes::default();
    let mut backend = backend(writes.clone());
    queue!(backend, EnterAlternateScreen, cursor::Hide).expect("queued");
    let viewport = ratatui::Viewport::Fixed(capped(120, 40));
    let mut terminal = Terminal::with_options(backend, ratatui::TerminalOptions { viewport }).expect("terminal");
    terminal.draw(|frame| frame.render_widget(&app, frame.area())).expect("drawn");
    let writes = writes.0.lock().expect("writes").clone();
    assert_eq!(writes.len(), 1, "{writes:?}");
    assert!(writes[0] > 1024, "a whole frame: {writes:?}");
}
