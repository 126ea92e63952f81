//! Taking over the terminal and always giving it back: on quit, on error (a guard restores on
//! drop), on panic (a hook), on SIGINT, SIGQUIT, SIGTERM and SIGHUP (flags the loop checks),
//! and around Ctrl-Z, SIGTSTP and SIGCONT.
//! Restoring is idempotent, so whichever path comes first does it exactly once.

use crate::app::{App, Message, map_event};
use crate::runner::Runner;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use ratatui::crossterm::{cursor, execute, queue};
use std::io::{self, BufWriter, Stdout, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::time::{Duration, Instant};

type Tui = Terminal<CrosstermBackend<BufWriter<Stdout>>>;

/// Room for a whole frame of the largest drawn area with its colours, so each frame leaves
/// in one write: stdout's own line buffer would send it in 1,024-byte pieces.
const FRAME_BYTES: usize = 256 * 1024;

/// The backend the tutor draws through: everything it queues goes out at the next flush.
fn backend<W: Write>(out: W) -> CrosstermBackend<BufWriter<W>> {
    CrosstermBackend::new(BufWriter::with_capacity(FRAME_BYTES, out))
}

/// True while the terminal is in the tutor's hands.
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// The exit status of a terminating signal once it arrived (0 before): the panic hook reads
/// it, since a terminal that vanished can make a write panic just before SIGHUP lands.
static SIGNALLED: AtomicU8 = AtomicU8::new(0);

fn enter() -> io::Result<Tui> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let mut backend = backend(io::stdout());
    // Queued, not executed: they leave with the first frame, in the same write.
    queue!(backend, EnterAlternateScreen, EnableMouseCapture, EnableBracketedPaste, cursor::Hide)?;
    let size = ratatui::backend::Backend::size(&backend)?;
    let viewport = ratatui::Viewport::Fixed(capped(size.width, size.height));
    Terminal::with_options(backend, ratatui::TerminalOptions { viewport })
}

/// The area drawn: the whole window up to the largest the tutor draws. Ratatui keeps two
/// buffers the size of the viewport, so a 10000×10000 pane would otherwise cost gigabytes.
fn capped(width: u16, height: u16) -> ratatui::layout::Rect {
    ratatui::layout::Rect::new(0, 0, width.min(crate::app::MAX_WIDTH), height.min(crate::app::MAX_HEIGHT))
}

/// Follows a window resize with the fixed, capped viewport.
fn follow_resize(terminal: &mut Tui, width: u16, height: u16) -> io::Result<()> {
    let area = capped(width, height);
    if terminal.get_frame().area() != area {
        terminal.resize(area)?;
    }
    Ok(())
}

/// Leaves raw mode and the alternate screen and shows the cursor, once.
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = execute!(io::stdout(), DisableBracketedPaste, DisableMouseCapture, LeaveAlternateScreen, cursor::Show);
        let _ = disable_raw_mode();
    }
}

struct RestoreGuard;

impl Drop for RestoreGuard {
    fn drop(&mut self) {
        restore();
    }
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        // A panic from a terminal that is going away ends the program as the hangup it is.
        let start = Instant::now();
        while start.elapsed() < Duration::from_millis(200) {
            let status = SIGNALLED.load(Ordering::SeqCst);
            if status != 0 {
                std::process::exit(i32::from(status));
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        previous(info);
    }));
}

/// SIGINT, SIGQUIT, SIGTERM and SIGHUP (a closed window, a dropped ssh session, `kill`) end
/// the loop cleanly with the shell's 128+N. A watcher thread records the signal for the
/// loop; if the loop has not finished within [`GRACE`] (a vanished terminal can leave the
/// input reader spinning on end-of-file without returning), the watcher restores the
/// terminal and exits itself. Progress is saved after every answer, so that exit loses
/// nothing.
///
/// SIGTSTP from outside (`kill -TSTP`) is caught instead of stopping the process with the
/// terminal still raw: the loop gives the terminal back and stops itself with SIGSTOP, which
/// also works where the kernel would discard SIGTSTP (an orphaned process group). SIGCONT
/// after any stop (even an uncatchable `kill -STOP`, after which the shell may have reset
/// the terminal) makes the loop take the terminal again and redraw everything.
struct Signals {
    pending: Arc<AtomicU8>,
    stop: Arc<AtomicBool>,
    continued: Arc<AtomicBool>,
}

const GRACE: Duration = Duration::from_millis(500);

impl Signals {
    /// Without Unix signals (Windows) nothing is caught: the console's Ctrl-C is a key in raw
    /// mode, and closing the window ends the process.
    #[cfg(not(unix))]
    #[allow(clippy::unnecessary_wraps, reason = "the same signature as the Unix one")]
    fn register() -> io::Result<Self> {
        let flag = || Arc::new(AtomicBool::new(false));
        Ok(Self { pending: Arc::new(AtomicU8::new(0)), stop: flag(), continued: flag() })
    }

    #[cfg(unix)]
    fn register() -> io::Result<Self> {
        use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
        let pending = Arc::new(AtomicU8::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let continued = Arc::new(AtomicBool::new(false));
        signal_hook::flag::register(SIGTSTP, Arc::clone(&stop))?;
        signal_hook::flag::register(SIGCONT, Arc::clone(&continued))?;
        let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGQUIT, SIGTERM, SIGHUP])?;
        let seen = Arc::clone(&pending);
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let status = 128 + u8::try_from(signal).unwrap_or(0);
                seen.store(status, Ordering::SeqCst);
                SIGNALLED.store(status, Ordering::SeqCst);
                std::thread::sleep(GRACE);
                restore();
                std::process::exit(i32::from(status));
            }
        });
        Ok(Self { pending, stop, continued })
    }

    /// The exit status a shell expects after the signal, if one arrived.
    fn pending(&self) -> Option<u8> {
        Some(self.pending.load(Ordering::SeqCst)).filter(|status| *status != 0)
    }

    /// True once after each SIGTSTP.
    fn take_stop(&self) -> bool {
        self.stop.swap(false, Ordering::SeqCst)
    }

    /// True once after each SIGCONT.
    fn take_continued(&self) -> bool {
        self.continued.swap(false, Ordering::SeqCst)
    }
}

/// In raw mode Ctrl-Z is only a key: give the terminal back, stop, and on `fg` take it again.
/// A fresh `Terminal` on a cleared screen redraws everything at the current size, without
/// asking the terminal for its cursor position (which a busy terminal may never answer).
fn suspend(terminal: &mut Tui, signals: &Signals) -> io::Result<()> {
    restore();
    // Without job control (Windows) there is nothing to stop: the tutor simply comes back.
    #[cfg(unix)]
    signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)?;
    *terminal = enter()?;
    signals.take_continued();
    Ok(())
}

/// After a stop this process did not arrange, the terminal may have been reset behind its
/// back (the shell restores cooked mode): leave and enter again, so raw mode, the alternate
/// screen and mouse reporting are all re-applied, and redraw from scratch.
fn reenter(terminal: &mut Tui) -> io::Result<()> {
    restore();
    *terminal = enter()?;
    Ok(())
}

/// Ctrl-Z (the app's request) or SIGTSTP suspends; a SIGCONT this process did not cause
/// takes the terminal again. True when the screen must be redrawn from scratch.
fn suspend_or_resume(app: &mut App, runner: &Runner, terminal: &mut Tui, signals: &Signals) -> io::Result<bool> {
    let stop = app.take_suspend_request() | signals.take_stop();
    if stop {
        suspend(terminal, signals)?;
    } else if signals.take_continued() {
        reenter(terminal)?;
    } else {
        return Ok(false);
    }
    let size = terminal.size()?;
    runner.drive(app, Message::Resize(size.width, size.height));
    Ok(true)
}

/// Runs the interactive tutor until the user quits or a signal arrives; returns the exit status.
///
/// # Errors
/// When the terminal cannot be set up or read; it is restored first.
pub fn run(app: &mut App, runner: &Runner) -> io::Result<u8> {
    run_then(app, runner, |_| {})
}

/// As [`run`], with `after_first_frame` run once the first frame is out: work the first
/// frame does not need (loading progress, taking the lock, moving old settings) waits for
/// it, so the tutor shows up as soon as it can. What it changes is drawn next.
///
/// # Errors
/// As [`run`].
pub fn run_then(app: &mut App, runner: &Runner, after_first_frame: impl FnOnce(&mut App)) -> io::Result<u8> {
    let signals = Signals::register()?;
    install_panic_hook();
    let mut terminal = enter()?;
    let _guard = RestoreGuard;
    let size = terminal.size()?;
    runner.drive(app, Message::Resize(size.width, size.height));
    let first = terminal.draw(|frame| frame.render_widget(&*app, frame.area())).map(drop);
    after_first_frame(app);
    let result = first.and_then(|()| event_loop(app, runner, &mut terminal, &signals));
    release(terminal);
    hangup_status(result, &signals)
}

/// Ratatui's `Terminal` shows the cursor when dropped and reports a failure with
/// `eprintln!`, which panics when stderr is the same vanished terminal (a hangup). The
/// cursor is shown here instead; when that fails the terminal is gone, and so is anything
/// dropping it could restore.
fn release(mut terminal: Tui) {
    if terminal.show_cursor().is_err() {
        std::mem::forget(terminal);
    }
}

/// A terminal that vanished makes reads and writes fail just before (or after) SIGHUP lands;
/// give the signal a moment, so a hangup ends the program as a hangup, not as an I/O error.
fn hangup_status(result: io::Result<u8>, signals: &Signals) -> io::Result<u8> {
    let Err(error) = result else { return result };
    let start = std::time::Instant::now();
    while start.elapsed() < Duration::from_millis(200) {
        if let Some(status) = signals.pending() {
            return Ok(status);
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    Err(error)
}

/// Debug builds only: lets the pseudo-terminal tests prove that a panic restores the terminal.
fn panic_for_test_if_asked() {
    assert!(
        !(cfg!(debug_assertions) && std::env::var_os("QKV_TUTOR_TEST_PANIC").is_some()),
        "QKV_TUTOR_TEST_PANIC: a deliberate panic after the first frame"
    );
}

/// Unix seconds now, for the tick message.
fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

fn event_loop(app: &mut App, runner: &Runner, terminal: &mut Tui, signals: &Signals) -> io::Result<u8> {
    let tick = Duration::from_millis(crate::app::TICK_MS);
    let mut last_tick = Instant::now();
    let mut dirty = true;
    while app.running() {
        if dirty {
            terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
            dirty = false;
            panic_for_test_if_asked();
        }
        if let Some(status) = signals.pending() {
            return Ok(status);
        }
        if event::poll(tick.saturating_sub(last_tick.elapsed()))?
            && let Some(message) = map_event(app, &event::read()?)
        {
            if let Message::Resize(width, height) = message {
                follow_resize(terminal, width, height)?;
            }
            runner.drive(app, message);
            dirty = true;
        }
        if last_tick.elapsed() >= tick {
            let ms = u64::try_from(last_tick.elapsed().as_millis()).unwrap_or(u64::MAX);
            last_tick = Instant::now();
            let before = app.status().cloned();
            let animating = app.animating();
            runner.drive(app, Message::Tick { ms, now: now() });
            let class = runner.sync_class(app);
            dirty |= class || animating || app.status() != before.as_ref();
        }
        dirty |= suspend_or_resume(app, runner, terminal, signals)?;
    }
    Ok(0)
}

#[cfg(test)]
mod tests;
