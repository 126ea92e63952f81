//! Whole-process figures that criterion cannot take: bytes written for one cell edit through
//! the real crossterm backend, start to first complete frame in a pseudo-terminal (and vim's,
//! when vim is installed, taken in turn), `walk --json` as a process beside an empty Rust
//! binary (`examples/empty.rs`), `--version` and `/bin/true` in the same loop, and peak memory
//! of a session.
//! Run with `cargo bench --bench process`; it prints one `| what | figure |` row per line.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use qkv_tutor::app::App;
use qkv_tutor::app::Message;
use qkv_tutor::lesson::Lesson;
use qkv_tutor::message::{FieldMsg, ScreenId};
use qkv_tutor::scenario::Scenario;
use qkv_tutor::screen::playground::PlayMsg;
use qkv_tutor::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A writer that only counts what the backend sends.
#[derive(Default, Clone)]
struct Counting(Arc<AtomicUsize>);

impl Write for Counting {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.fetch_add(bytes.len(), Ordering::SeqCst);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn bytes_for_one_edit() -> usize {
    let mut app = App::new(Scenario::lesson(), Lesson::embedded(), Theme::default()).expect("fits");
    app.update(Message::Resize(120, 40));
    app.update(Message::ShowScreen(ScreenId::Playground));
    let counter = Counting::default();
    let backend = CrosstermBackend::new(counter.clone());
    let options =
        ratatui::TerminalOptions { viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 120, 40)) };
    let mut terminal = Terminal::with_options(backend, options).expect("terminal");
    terminal.draw(|f| f.render_widget(&app, f.area())).expect("first frame");
    let before = counter.0.load(Ordering::SeqCst);
    app.update(Message::Play(PlayMsg::BeginEdit('0')));
    app.update(Message::Field(FieldMsg::Submit));
    terminal.draw(|f| f.render_widget(&app, f.area())).expect("second frame");
    counter.0.load(Ordering::SeqCst) - before
}

fn rows() -> NonZeroU16 {
    NonZeroU16::new(40).expect("rows")
}

/// Spawns `program` in a 120×40 pty and returns the time until `ready` holds, and the pid.
type Spawned = (
    Duration,
    Option<u32>,
    Box<dyn portable_pty::Child + Send + Sync>,
    Box<dyn Write + Send>,
    Arc<Mutex<vt100::Parser>>,
);

fn time_to_screen(program: &str, args: &[&str], ready: &str) -> Spawned {
    let pty =
        native_pty_system().openpty(PtySize { rows: 40, cols: 120, pixel_width: 0, pixel_height: 0 }).expect("pty");
    let mut command = CommandBuilder::new(program);
    command.args(args);
    command.env("TERM", "xterm-256color");
    let data = std::env::temp_dir().join("qkv-tutor-bench-data");
    command.env("QKV_TUTOR_DATA_DIR", &data);
    let parser = Arc::new(Mutex::new(vt100::Parser::new(rows(), NonZeroU16::new(120).expect("cols"), 0)));
    let mut reader = pty.master.try_clone_reader().expect("reader");
    let feed = Arc::clone(&parser);
    let start = Instant::now();
    let child = pty.slave.spawn_command(command).expect("spawn");
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            feed.lock().expect("parser").process(&buf[..n]);
        }
    });
    while !parser.lock().expect("parser").screen().contents().contains(ready) {
        assert!(start.elapsed() < Duration::from_secs(10), "{program} never showed {ready}");
        std::thread::sleep(Duration::from_micros(200));
    }
    let elapsed = start.elapsed();
    let pid = child.process_id();
    let writer = pty.master.take_writer().expect("writer");
    std::mem::forget(pty.master);
    (elapsed, pid, child, writer, parser)
}

/// Peak memory after a tour of every screen: playground edit, diagram, a quiz question, the Lab.
fn session_peak_kib(binary: &str) -> u64 {
    let (_, pid, mut child, mut writer, parser) = time_to_screen(binary, &[], "Step 1 of");
    let wait_for = |text: &str| {
        let start = Instant::now();
        while !parser.lock().expect("parser").screen().contents().contains(text) {
            assert!(start.elapsed() < Duration::from_secs(10), "never showed {text}");
            std::thread::sleep(Duration::from_millis(1));
        }
    };
    for (keys, ready) in [
        ("2", "Scores"),
        ("0\r", "everything recomputed"),
        ("\u{1b}OR", "query from token"),
        ("\u{1b}OS", "Practice"),
        ("\r", "question 1 of"),
        ("\u{1b}[15~", "Parallel graders"),
    ] {
        writer.write_all(keys.as_bytes()).expect("keys");
        writer.flush().expect("flush");
        wait_for(ready);
    }
    let peak = pid.and_then(peak_memory_kib).unwrap_or(0);
    let _ = child.kill();
    let _ = child.wait();
    peak
}

fn peak_memory_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// Spawns `program` once and returns the wall time until it exits.
fn run_time(program: &Path, args: &[&str]) -> Duration {
    let start = Instant::now();
    let out = std::process::Command::new(program).args(args).output().expect("runs");
    let elapsed = start.elapsed();
    assert!(out.status.success(), "{} {args:?} failed", program.display());
    elapsed
}

/// The pty harness's own floor: an empty Rust binary spawned the same way, until it exits.
fn time_to_exit_in_pty(program: &Path) -> Duration {
    let pty =
        native_pty_system().openpty(PtySize { rows: 40, cols: 120, pixel_width: 0, pixel_height: 0 }).expect("pty");
    let mut command = CommandBuilder::new(program);
    command.env("TERM", "xterm-256color");
    let start = Instant::now();
    let mut child = pty.slave.spawn_command(command).expect("spawn");
    while child.try_wait().expect("try_wait").is_none() {
        assert!(start.elapsed() < Duration::from_secs(10), "the empty binary never exited");
        std::thread::sleep(Duration::from_micros(200));
    }
    start.elapsed()
}

/// First frames, the tutor's and vim's taken in turn so both see the same load, with an
/// empty binary's start in the same harness as the floor both pay.
fn first_frames(binary: &str) {
    let file = std::env::temp_dir().join("qkv-tutor-bench.txt");
    std::fs::write(&file, "attention\n").expect("write");
    let vim = Path::new("/usr/bin/vim").exists();
    let empty = Path::new(binary).parent().map(|dir| dir.join("examples").join("empty")).filter(|p| p.exists());
    let (mut ours, mut vims, mut floors) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..15 {
        if let Some(empty) = &empty {
            floors.push(time_to_exit_in_pty(empty));
        }
        let (elapsed, _, mut child, ..) = time_to_screen(binary, &[], "Step 1 of");
        ours.push(elapsed);
        let _ = child.kill();
        let _ = child.wait();
        if vim {
            let (elapsed, _, mut child, ..) =
                time_to_screen("vim", &["-u", "NONE", file.to_str().expect("utf-8")], "attention");
            vims.push(elapsed);
            let _ = child.kill();
            let _ = child.wait();
        }
    }
    let ms = |samples: Vec<Duration>| median(samples).as_secs_f64() * 1000.0;
    println!("| start to first complete frame in a pty (median of 15) | {:.2} ms |", ms(ours));
    if vim {
        println!("| vim -u NONE, start to first screen, same pty, in turn (median of 15) | {:.2} ms |", ms(vims));
    }
    if !floors.is_empty() {
        println!(
            "| an empty Rust binary in the same pty, start to exit, in turn (median of 15) | {:.2} ms |",
            ms(floors)
        );
    }
}

/// `walk --json` against the floor of any Rust program, taken in turn in one loop.
fn whole_processes(binary: &str) {
    let binary = Path::new(binary);
    let empty = binary.parent().map(|dir| dir.join("examples").join("empty")).filter(|p| p.exists());
    let mut runs: Vec<(&str, &Path, &[&str], Vec<Duration>)> = vec![
        ("walk --json as a whole process", binary, &["walk", "--json"], Vec::new()),
        ("qkv-tutor --version as a whole process", binary, &["--version"], Vec::new()),
        ("/bin/true as a whole process", Path::new("/bin/true"), &[], Vec::new()),
    ];
    if let Some(empty) = &empty {
        runs.insert(1, ("an empty Rust binary (examples/empty.rs) as a whole process", empty, &[], Vec::new()));
    }
    for _ in 0..40 {
        for (_, program, args, samples) in &mut runs {
            samples.push(run_time(program, args));
        }
    }
    for (what, _, _, samples) in runs {
        println!("| {what} (median of 40, in turn) | {:.2} ms |", median(samples).as_secs_f64() * 1000.0);
    }
}

fn main() {
    // QKV_BENCH_BINARY measures another build of the tutor (a release-profile trial, say) in
    // the same harness; its folder's examples/empty is the floor it is compared with.
    let chosen = std::env::var("QKV_BENCH_BINARY").ok();
    let binary = chosen.as_deref().unwrap_or(env!("CARGO_BIN_EXE_qkv-tutor"));
    println!("| bytes written to the terminal for one cell edit (120x40) | {} B |", bytes_for_one_edit());
    first_frames(binary);
    #[allow(clippy::cast_precision_loss, reason = "a few MiB")]
    let peak = session_peak_kib(binary) as f64 / 1024.0;
    println!("| peak memory of a session after touring every screen (VmHWM) | {peak:.1} MiB |");
    whole_processes(binary);
}
