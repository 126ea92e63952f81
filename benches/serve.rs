//! `serve` as a process, measured from SSH clients on loopback: memory per idle session,
//! time to first frame for the first and the fiftieth student, keystroke to frame over SSH.
//! Run with `cargo bench --bench serve`; it prints one `| what | figure |` row per line.

#[path = "../tests/serve/client.rs"]
mod client;

use client::Student;
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CODE: &str = "bench-code";
const STUDENTS: usize = 50;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn rss_kib(pid: u32) -> u32 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("/proc status");
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).expect("VmRSS");
    line.split_whitespace().nth(1).and_then(|n| n.parse().ok()).expect("a number")
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

async fn measure(addr: SocketAddr, pid: u32) {
    let mut firsts = Vec::new();
    for _ in 0..7 {
        let (took, student) = first_frame(addr).await;
        firsts.push(took);
        quit(student).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let base = rss_kib(pid);
    let mut idle = Vec::new();
    for _ in 0..STUDENTS - 1 {
        idle.push(first_frame(addr).await.1);
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let loaded = rss_kib(pid);
    let mut fiftieth = Vec::new();
    for _ in 0..7 {
        let (took, student) = first_frame(addr).await;
        fiftieth.push(took);
        quit(student).await;
    }
    let keys = keystrokes(&mut idle[0], 50).await;
    let idle_count = u32::try_from(idle.len()).expect("few");
    let per_session = f64::from(loaded.saturating_sub(base)) / f64::from(idle_count) / 1024.0;
    println!("| what | figure |");
    println!("|---|---|");
    println!(
        "| server memory, no sessions (VmRSS after 7 sessions came and went) | {:.1} MiB |",
        f64::from(base) / 1024.0
    );
    println!("| memory per idle session, 100x30 ((VmRSS with 49 idle - base) / 49) | {per_session:.2} MiB |");
    println!(
        "| first frame, session 1: connect, key exchange, login, pty, shell (median of 7) | {} |",
        ms(median(firsts))
    );
    println!("| first frame, session 50, with 49 idle sessions open (median of 7) | {} |", ms(median(fiftieth)));
    println!(
        "| keystroke to frame over SSH on loopback, screen switch at 100x30 (median of 100) | {} |",
        ms(median(keys))
    );
    for student in idle {
        quit(student).await;
    }
}

fn main() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut server = Command::new(env!("CARGO_BIN_EXE_qkv-tutor"))
        .arg("--data-dir")
        .arg(data.path())
        .args(["serve", "--listen", "127.0.0.1:0", "--code", CODE])
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
