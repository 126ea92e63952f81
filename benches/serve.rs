//! `serve` as a process, measured from SSH clients on loopback: memory per session and
//! keystroke to frame (median and p95) with 1, 50 and 200 students connected, and time to
//! first frame for the first student and for one joining a full room.
//! Run with `cargo bench --bench serve`; it prints one `| what | figure |` row per line.
//!
//! Every student is a task that keeps reading its screen, as a real terminal does, so no
//! idle client trips the server's stalled-reader rule while the bench runs.

#[path = "../tests/serve/client.rs"]
mod client;

use client::Student;
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{Barrier, mpsc, oneshot};

const CODE: &str = "bench-code";
/// The class sizes measured.
const COUNTS: [usize; 3] = [1, 50, 200];
/// The server's seat cap for the bench: above the largest class, so none is refused.
const SEATS: &str = "256";
/// Students whose keystrokes are timed one at a time at each size, and rounds each.
const PROBES: usize = 10;
const ROUNDS: usize = 10;

/// What a student task is asked to do.
enum Order {
    /// Time this many Tab / Shift-Tab round trips, after everyone at the barrier is ready;
    /// the samples go back.
    Keys {
        rounds: usize,
        together: Arc<Barrier>,
        reply: oneshot::Sender<Vec<Duration>>,
    },
    Quit,
}

fn percentile(samples: &[Duration], p: usize) -> Duration {
    let mut sorted = samples.to_vec();
    sorted.sort();
    let at = (sorted.len() * p / 100).min(sorted.len().saturating_sub(1));
    sorted.get(at).copied().unwrap_or_default()
}

fn rss_kib(pid: u32) -> u32 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("/proc status");
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).expect("VmRSS");
    line.split_whitespace().nth(1).and_then(|n| n.parse().ok()).expect("a number")
}

/// The server's CPU time so far (user + system), from `/proc`, in milliseconds; Linux
/// counts it in ticks of 10 ms (`USER_HZ` is 100 on every Linux this runs on).
fn cpu_ms(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("/proc stat");
    let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<f64> = after_name.split_whitespace().filter_map(|f| f.parse().ok()).collect();
    // After the name: state (not a number, skipped), then utime and stime are the 12th and
    // 13th numbers.
    (fields.get(10).copied().unwrap_or(0.0) + fields.get(11).copied().unwrap_or(0.0)) * 10.0
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

async fn first_frame(addr: SocketAddr) -> (Duration, Student) {
    let start = Instant::now();
    let mut student = Student::join(addr, CODE, 100, 30).await;
    student.wait_for("the first frame", |s| s.contains("Step 1 of")).await;
    (start.elapsed(), student)
}

async fn quit(mut student: Student) {
    student.send(b"q").await;
    student.wait_closed().await;
}

/// Tab to the playground and Shift-Tab back, timing each until the new screen is drawn.
async fn keystrokes(student: &mut Student, rounds: usize) -> Vec<Duration> {
    let mut samples = Vec::new();
    for _ in 0..rounds {
        let start = Instant::now();
        student.send(b"\t").await;
        student.wait_for("the playground", |s| s.contains("Scores Q·Kᵀ")).await;
        samples.push(start.elapsed());
        let start = Instant::now();
        student.send(b"\x1b[Z").await;
        student.wait_for("the walkthrough", |s| s.contains("Step 1 of")).await;
        samples.push(start.elapsed());
    }
    samples
}

/// A connected student that keeps reading until it is given an order.
struct Seat {
    orders: mpsc::Sender<Order>,
    done: tokio::task::JoinHandle<()>,
}

fn seat(mut student: Student) -> Seat {
    let (orders, mut inbox) = mpsc::channel(1);
    let done = tokio::spawn(async move {
        loop {
            match inbox.try_recv() {
                Ok(Order::Keys { rounds, together, reply }) => {
                    together.wait().await;
                    drop(reply.send(keystrokes(&mut student, rounds).await));
                }
                Ok(Order::Quit) | Err(mpsc::error::TryRecvError::Disconnected) => break,
                Err(mpsc::error::TryRecvError::Empty) => student.read_for(Duration::from_millis(50)).await,
            }
        }
        quit(student).await;
    });
    Seat { orders, done }
}

/// Asks each of `seats` for `rounds` timed round trips, all starting at once.
async fn time_keys(seats: &[&Seat], rounds: usize) -> Vec<Duration> {
    let together = Arc::new(Barrier::new(seats.len()));
    let mut replies = Vec::new();
    for seat in seats {
        let (reply, samples) = oneshot::channel();
        let order = Order::Keys { rounds, together: Arc::clone(&together), reply };
        seat.orders.send(order).await.expect("the student is there");
        replies.push(samples);
    }
    let mut samples = Vec::new();
    for reply in replies {
        samples.extend(reply.await.expect("samples"));
    }
    samples
}

/// Keystrokes of up to [`PROBES`] students spread over the room, one student at a time.
async fn one_at_a_time(seats: &[Seat]) -> Vec<Duration> {
    let step = (seats.len() / PROBES).max(1);
    let mut samples = Vec::new();
    for seat in seats.iter().step_by(step).take(PROBES) {
        samples.extend(time_keys(&[seat], ROUNDS).await);
    }
    samples
}

/// Every student presses Tab at the same moment (as a whole class does after a reveal).
async fn all_at_once(seats: &[Seat]) -> Vec<Duration> {
    time_keys(&seats.iter().collect::<Vec<_>>(), 1).await
}

fn row(what: &str, figure: &str) {
    println!("| {what} | {figure} |");
}

fn keys_rows(count: usize, what: &str, samples: &[Duration]) {
    let n = samples.len();
    row(&format!("keystroke to frame, {count} connected, {what} (median of {n})"), &ms(percentile(samples, 50)));
    row(&format!("keystroke to frame, {count} connected, {what} (p95 of {n})"), &ms(percentile(samples, 95)));
}

async fn measure(addr: SocketAddr, pid: u32) {
    let mut firsts = Vec::new();
    for _ in 0..7 {
        let (took, student) = first_frame(addr).await;
        firsts.push(took);
        quit(student).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let base = rss_kib(pid);
    println!("| what | figure |");
    println!("|---|---|");
    row(
        "server memory, no sessions (VmRSS after 7 sessions came and went)",
        &format!("{:.1} MiB", f64::from(base) / 1024.0),
    );
    row("first frame, session 1: connect, key exchange, login, pty, shell (median of 7)", &ms(percentile(&firsts, 50)));
    let mut seats = Vec::new();
    for count in COUNTS {
        while seats.len() < count {
            seats.push(seat(first_frame(addr).await.1));
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
        let loaded = rss_kib(pid);
        let per = f64::from(loaded.saturating_sub(base)) / 1024.0 / f64::from(u32::try_from(count).expect("few"));
        row(
            &format!("memory per session, {count} connected at 100x30 ((VmRSS - base) / {count})"),
            &format!("{per:.2} MiB"),
        );
        keys_rows(count, "screen switch at 100x30, one student at a time", &one_at_a_time(&seats).await);
        if count > 1 {
            let cpu = cpu_ms(pid);
            let samples = all_at_once(&seats).await;
            let per_frame = (cpu_ms(pid) - cpu) / f64::from(u32::try_from(samples.len()).expect("few"));
            keys_rows(count, "every student at once", &samples);
            row(
                &format!("server CPU per frame, {count} at once (user + system / frames)"),
                &format!("{per_frame:.2} ms"),
            );
        }
    }
    let mut last = Vec::new();
    for _ in 0..7 {
        let (took, student) = first_frame(addr).await;
        last.push(took);
        quit(student).await;
    }
    row(
        &format!("first frame, one more student with {} connected (median of 7)", seats.len()),
        &ms(percentile(&last, 50)),
    );
    for seat in seats {
        let _ = seat.orders.send(Order::Quit).await;
        let _ = seat.done.await;
    }
}

fn main() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut server = Command::new(env!("CARGO_BIN_EXE_qkv-tutor"))
        .arg("--data-dir")
        .arg(data.path())
        .args(["serve", "--listen", "127.0.0.1:0", "--code", CODE, "--max-sessions", SEATS])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("server starts");
    let stdout = server.stdout.take().expect("stdout");
    let port: u16 = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .find_map(|l| l.strip_prefix("students type: ssh -p ")?.split_whitespace().next()?.parse().ok())
        .expect("the banner gives the port");
    let addr: SocketAddr = ([127, 0, 0, 1], port).into();
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    runtime.block_on(measure(addr, server.id()));
    let _ = server.kill();
    let _ = server.wait();
}
