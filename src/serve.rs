//! `qkv-tutor serve`: the whole tutor over SSH, one tutor per student.
//!
//! One task per connection runs russh's session; after a pty and a shell request a session
//! task owns that student's `App` and terminal, fed by a bounded queue of input bytes, and a
//! pump task writes its frames to the channel within the client's SSH window. A client that
//! stops reading fills only its own queue: its frames are dropped (the next one repaints
//! everything), and after [`Limits::stall`] it is disconnected. Nothing is shared between
//! sessions except read-only data (the lesson), the session counter and the login limiter.

mod auth;
mod error;
mod handler;
pub mod hostkey;
mod input;
mod listen;
mod rate;
mod screen;
mod session;
mod shared;
mod stream;
mod tutor;

pub use error::{KeyFileError, ServeError};
pub use listen::Server;
pub use shared::{Access, Limits, Options};

/// Class mode: serves students in the background while `projector` runs the presenter in
/// this terminal; the class ends when the presenter quits (or a signal ends it). `ready`
/// prints the banner and returns the line students type, which the projector shows.
///
/// # Errors
/// When the runtime cannot start or the address cannot be bound.
pub fn run_class(
    options: Options,
    ready: impl FnOnce(&Server) -> String,
    projector: impl FnOnce(String) -> u8,
) -> Result<u8, ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    let server = runtime.block_on(Server::start(options))?;
    let join = ready(&server);
    shared::set_quiet(true);
    let status = projector(join);
    shared::set_quiet(false);
    shared::log(&format!("the presenter quit: closing {} sessions", server.sessions()));
    runtime.block_on(server.stop());
    Ok(status)
}

/// Runs the server until SIGINT, SIGTERM or SIGHUP; `ready` is called once it listens (to
/// print the address and fingerprint). Returns the exit status: 128 + the signal's number.
///
/// # Errors
/// When the runtime cannot start, the address cannot be bound or signals cannot be caught.
pub fn run(options: Options, ready: impl FnOnce(&Server)) -> Result<u8, ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    let (caught, on_signal) = tokio::sync::oneshot::channel::<i32>();
    let _waiting = catch_signals(caught)?;
    runtime.block_on(async move {
        let server = Server::start(options).await?;
        ready(&server);
        let signal = on_signal.await.unwrap_or(SIGTERM);
        shared::log(&format!("stopping on signal {signal}: closing {} sessions", server.sessions()));
        server.stop().await;
        Ok(128 + u8::try_from(signal).unwrap_or(0))
    })
}

/// SIGTERM's number, the status when the signal channel closes without a signal.
const SIGTERM: i32 = 15;

/// Sends the first SIGINT, SIGTERM or SIGHUP down `caught`.
#[cfg(unix)]
fn catch_signals(
    caught: tokio::sync::oneshot::Sender<i32>,
) -> Result<Option<tokio::sync::oneshot::Sender<i32>>, ServeError> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let _ = caught.send(signal);
        }
    });
    Ok(None)
}

/// Without Unix signals the server runs until its process is ended: the sender is kept
/// (returned) so the channel never closes.
#[cfg(not(unix))]
#[allow(clippy::unnecessary_wraps, reason = "the same signature as the Unix one")]
fn catch_signals(
    caught: tokio::sync::oneshot::Sender<i32>,
) -> Result<Option<tokio::sync::oneshot::Sender<i32>>, ServeError> {
    Ok(Some(caught))
}
