//! One student's tutor: input in, frames out, until they quit, leave, idle out or stall.

use super::input::Decoder;
use super::screen::Screen;
use super::shared::{Shared, shown_user};
use super::stream::Cutter;
use super::tutor;
use super::tutor::Tutor;
use russh::ChannelWriteHalf;
use russh::server::Msg;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;
use tokio::time::Instant;

/// Frames waiting for the client; when it is full, new frames are dropped.
const FRAME_QUEUE: usize = 4;

/// What the connection hands a new session.
pub(super) struct Link {
    pub input: mpsc::Receiver<Vec<u8>>,
    pub size: watch::Receiver<(u16, u16)>,
}

pub(super) struct Start {
    pub id: u64,
    pub peer: SocketAddr,
    pub user: String,
    pub cutter: Arc<Cutter>,
}

/// Why a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    Quit,
    Left,
    Idle,
    Stalled,
    Shutdown,
}

impl End {
    fn goodbye(self, idle: Duration) -> String {
        match self {
            End::Quit | End::Left | End::Stalled => "Goodbye from qkv-tutor.".to_owned(),
            End::Idle => {
                format!(
                    "qkv-tutor: closed after {} without a key.",
                    crate::format::plural(idle.as_secs() / 60, "minute")
                )
            }
            End::Shutdown => "qkv-tutor: the teacher stopped the server. Thank you!".to_owned(),
        }
    }

    fn word(self) -> &'static str {
        match self {
            End::Quit => "quit",
            End::Left => "disconnected",
            End::Idle => "idle timeout",
            End::Stalled => "stopped reading its output; dropped",
            End::Shutdown => "server stopping",
        }
    }
}

/// Runs one student's tutor to its end; the session slot was taken by the caller.
pub(super) async fn run(shared: Arc<Shared>, mut link: Link, writer: ChannelWriteHalf<Msg>, start: Start) {
    let began = Instant::now();
    let who = format!("{} ({}, session {})", start.peer, shown_user(&start.user), start.id);
    let progress = progress_dir(&shared, &start);
    // In class mode the student is their class name: `ada`, `ada-2` beside a live `ada`.
    let seat = shared.options.classroom.as_ref().map(|room| room.join(&start.user));
    let who = match &seat {
        Some(name) => format!("{who} as {}", shown_user(name)),
        None => who,
    };
    shared.log(&format!("joined {who}, {} active", shared.sessions.load(Ordering::SeqCst)));
    let (frames, frames_rx) = mpsc::channel(FRAME_QUEUE);
    let mut pump = tokio::spawn(pump(frames_rx, writer, shared.options.limits.stall));
    let size = *link.size.borrow_and_update();
    let class = shared.options.classroom.clone().map(|room| (room, start.id, seat.clone()));
    let end = match (tutor::new_tutor(&shared.options.lesson, class, size.0, size.1), Screen::open(frames, size)) {
        (Ok(mut tutor), Ok(mut screen)) => {
            if let Some((dir, _)) = &progress {
                tutor::keep_progress(&mut tutor, dir);
            }
            let end = drive(&mut tutor, &mut screen, &mut link, &mut pump, &shared).await;
            tutor::finish(&mut tutor);
            if end != End::Stalled {
                screen.close(&end.goodbye(shared.options.limits.idle)).await;
            }
            end
        }
        _ => End::Left,
    };
    if end == End::Stalled {
        // It is not reading, so it would not read a disconnect message either.
        start.cutter.cut();
    } else {
        let _ = tokio::time::timeout(Duration::from_secs(3), pump).await;
    }
    release(&shared, progress);
    if let (Some(room), Some(name)) = (&shared.options.classroom, &seat) {
        room.leave(name);
    }
    let minutes = began.elapsed().as_secs() / 60;
    shared.log(&format!(
        "left {who}: {} after {minutes} min, {} active",
        end.word(),
        shared.sessions.load(Ordering::SeqCst)
    ));
}

fn release(shared: &Shared, progress: Option<(PathBuf, Option<String>)>) {
    if let Some((dir, _)) = &progress {
        private_files(dir);
    }
    if let Some((_, Some(name))) = progress {
        shared.names.lock().unwrap_or_else(std::sync::PoisonError::into_inner).remove(&name);
    }
    shared.sessions.fetch_sub(1, Ordering::SeqCst);
}

async fn drive(
    app: &mut Tutor,
    screen: &mut Screen,
    link: &mut Link,
    pump: &mut JoinHandle<()>,
    shared: &Shared,
) -> End {
    let limits = shared.options.limits;
    let mut stop = shared.stop.clone();
    let mut decoder = Decoder::default();
    let mut tick = tokio::time::interval(Duration::from_millis(tutor::tick_ms()));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut last_input = Instant::now();
    let mut dirty = true;
    loop {
        if !tutor::running(app) {
            return End::Quit;
        }
        if dirty && screen.draw(app).is_err() {
            return End::Stalled;
        }
        dirty = tokio::select! {
            bytes = link.input.recv() => {
                let Some(bytes) = bytes else { return End::Left };
                last_input = Instant::now();
                decoder.decode(&bytes).iter().fold(false, |changed, event| tutor::feed(app, event) | changed)
            }
            changed = link.size.changed() => {
                if changed.is_err() {
                    return End::Left;
                }
                let (cols, rows) = *link.size.borrow_and_update();
                tutor::resize(app, cols, rows);
                screen.resize((cols, rows)).is_ok()
            }
            _ = tick.tick() => {
                if screen.recover(app).is_err() {
                    return End::Stalled;
                }
                tutor::tick(app)
            }
            () = tokio::time::sleep_until(last_input + limits.idle) => return End::Idle,
            _ = stop.changed() => return End::Shutdown,
            _ = &mut *pump => return End::Stalled,
        };
    }
}

/// Writes frames to the channel within the client's window; a frame that cannot be written
/// within `stall` means the client stopped reading, and the pump gives up.
async fn pump(mut frames: mpsc::Receiver<Vec<u8>>, writer: ChannelWriteHalf<Msg>, stall: Duration) {
    while let Some(frame) = frames.recv().await {
        match tokio::time::timeout(stall, writer.data_bytes(frame)).await {
            Ok(Ok(())) => {}
            Ok(Err(_)) | Err(_) => return,
        }
    }
    let _ = tokio::time::timeout(Duration::from_secs(2), async {
        let _ = writer.exit_status(0).await;
        let _ = writer.eof().await;
        let _ = writer.close().await;
    })
    .await;
}

/// Tells a student the class is full, and closes.
pub(super) async fn full(writer: ChannelWriteHalf<Msg>, max: usize) {
    let students = crate::format::plural(max, "student");
    let text = format!("qkv-tutor: the class is full ({students}). Try again in a minute.\r\n");
    let _ = tokio::time::timeout(Duration::from_secs(5), async {
        let _ = writer.data_bytes(text.into_bytes()).await;
        let _ = writer.exit_status(1).await;
        let _ = writer.eof().await;
        let _ = writer.close().await;
    })
    .await;
}

/// With `--keep-progress DIR`: a student who logs in under their own name (not the shared
/// `student`) gets `DIR/NAME` back next time; everyone else gets a folder of their own.
/// Returns the folder and the name it reserved. The folders are the teacher's alone (0700).
fn progress_dir(shared: &Shared, start: &Start) -> Option<(PathBuf, Option<String>)> {
    let root = shared.options.keep_progress.as_ref()?;
    let user = &start.user;
    let own_name = user.len() <= 24
        && user != "student"
        && !user.is_empty()
        && user.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    let mut names = shared.names.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if own_name && names.insert(user.clone()) {
        return Some((private_dir(root.join("students").join(user)), Some(user.clone())));
    }
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    Some((private_dir(root.join("sessions").join(format!("{now}-{}", start.id))), None))
}

/// Creates `dir` (and its parents) readable by the teacher only; progress files in it are
/// made private when the session ends (see [`release`]).
fn private_dir(dir: PathBuf) -> PathBuf {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    let _ = builder.create(&dir);
    dir
}

/// Makes every file in `dir` readable by the teacher only (the progress writer uses the
/// default mode).
fn private_files(dir: &std::path::Path) {
    #[cfg(unix)]
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(0o600));
    }
}
