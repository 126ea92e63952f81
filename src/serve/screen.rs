//! A student's terminal as ratatui sees it: a backend whose writer buffers the bytes of a
//! frame and, on flush, hands them to the session's bounded frame queue without waiting.

use super::tutor;
use super::tutor::Tutor;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture};
use ratatui::crossterm::terminal::{Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::crossterm::{cursor, queue, style};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use tokio::sync::mpsc;

/// Terminal sizes beyond this are clamped: it bounds a frame's size and a session's memory.
pub const MAX_COLS: u16 = 400;
pub const MAX_ROWS: u16 = 200;

/// The bytes of one flush go to the pump as one message.
pub(super) type Frames = mpsc::Sender<Vec<u8>>;

/// Buffers writes; `flush` queues them for the pump, or drops them when the queue is full.
struct Sink {
    buffer: Vec<u8>,
    frames: Frames,
    dropped: Arc<AtomicBool>,
}

impl Write for Sink {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        match self.frames.try_send(std::mem::take(&mut self.buffer)) {
            Ok(()) => Ok(()),
            Err(mpsc::error::TrySendError::Full(_)) => {
                self.dropped.store(true, Ordering::Relaxed);
                Ok(())
            }
            Err(mpsc::error::TrySendError::Closed(_)) => Err(io::ErrorKind::BrokenPipe.into()),
        }
    }
}

pub(super) struct Screen {
    terminal: Terminal<CrosstermBackend<Sink>>,
    frames: Frames,
    size: (u16, u16),
    dropped: Arc<AtomicBool>,
    /// Some output was dropped: what the student sees is unknown until a full repaint.
    stale: bool,
}

/// A size the server is willing to draw: zero means the client did not say.
#[must_use]
pub(super) fn clamp(cols: u32, rows: u32) -> (u16, u16) {
    let fit = |n: u32, default: u16, max: u16| if n == 0 { default } else { u16::try_from(n).unwrap_or(max).min(max) };
    (fit(cols, 80, MAX_COLS), fit(rows, 24, MAX_ROWS))
}

impl Screen {
    /// Takes over the student's terminal: alternate screen, mouse, bracketed paste.
    pub(super) fn open(frames: Frames, size: (u16, u16)) -> io::Result<Self> {
        let dropped = Arc::new(AtomicBool::new(false));
        let terminal = fresh(frames.clone(), size, Arc::clone(&dropped))?;
        let mut screen = Self { terminal, frames, size, dropped, stale: false };
        queue!(
            screen.terminal.backend_mut(),
            EnterAlternateScreen,
            EnableMouseCapture,
            EnableBracketedPaste,
            cursor::Hide
        )?;
        screen.repaint_prefix()?;
        Ok(screen)
    }

    /// The next draw repaints everything, at this size.
    pub(super) fn resize(&mut self, size: (u16, u16)) -> io::Result<()> {
        self.terminal = fresh(self.frames.clone(), size, Arc::clone(&self.dropped))?;
        self.size = size;
        self.repaint_prefix()
    }

    fn repaint_prefix(&mut self) -> io::Result<()> {
        queue!(self.terminal.backend_mut(), style::ResetColor, Clear(ClearType::All))
    }

    pub(super) fn draw(&mut self, app: &Tutor) -> io::Result<()> {
        self.terminal.draw(|frame| tutor::draw(app, frame))?;
        self.stale |= self.dropped.swap(false, Ordering::Relaxed);
        Ok(())
    }

    /// After dropped frames, once the queue has room again: a full repaint.
    pub(super) fn recover(&mut self, app: &Tutor) -> io::Result<()> {
        if !self.stale || self.frames.capacity() == 0 {
            return Ok(());
        }
        self.stale = false;
        self.resize(self.size)?;
        self.draw(app)
    }

    /// Gives the terminal back, with a last line for the student; waits for the queue.
    pub(super) async fn close(mut self, goodbye: &str) {
        let out = self.terminal.backend_mut();
        let _ = queue!(out, DisableBracketedPaste, DisableMouseCapture, LeaveAlternateScreen, cursor::Show);
        let _ = write!(out, "{goodbye}\r\n");
        // Wait for room in the queue, so that this last frame is not the one dropped.
        if let Ok(Ok(permit)) = tokio::time::timeout(std::time::Duration::from_secs(2), self.frames.reserve()).await {
            drop(permit);
            let _ = out.flush();
        }
    }
}

fn fresh(
    frames: Frames,
    (cols, rows): (u16, u16),
    dropped: Arc<AtomicBool>,
) -> io::Result<Terminal<CrosstermBackend<Sink>>> {
    let sink = Sink { buffer: Vec::with_capacity(4096), frames, dropped };
    let viewport = Viewport::Fixed(Rect::new(0, 0, cols, rows));
    Terminal::with_options(CrosstermBackend::new(sink), TerminalOptions { viewport })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_clamped_and_zero_means_default() {
        assert_eq!(clamp(0, 0), (80, 24));
        assert_eq!(clamp(100, 30), (100, 30));
        assert_eq!(clamp(u32::MAX, 70_000), (MAX_COLS, MAX_ROWS));
    }
}
