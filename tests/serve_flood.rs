//! Seats belong to students: logins that never ask for a tutor (`ssh -N`) and connections
//! that never speak are closed by the stated timers, so a student with the code gets in.

#[path = "serve/client.rs"]
mod client;

use client::{Student, connect, login, options, start};
use qkv_tutor::serve::Access;
use std::time::{Duration, Instant};

const CODE: &str = "tulip-42";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_of_silent_and_shell_less_logins_leaves_a_seat_within_15_s() {
    let mut config = options(Access::Code(CODE.to_owned()));
    config.max_sessions = 3;
    // A small pool, so the silent connections fill it and must time out for the student.
    config.limits.login_pool = 16;
    let server = start(config).await;
    let addr = server.local_addr();
    // Twenty logins with the right code that never ask for a terminal, like `ssh -N`.
    let mut idle = Vec::new();
    for _ in 0..20 {
        let mut handle = connect(addr).await;
        assert!(login(&mut handle, CODE).await, "the code is right");
        idle.push(handle);
    }
    // Thirty connections that never say a word.
    let mut silent = Vec::new();
    for _ in 0..30 {
        silent.push(tokio::net::TcpStream::connect(addr).await.expect("connects"));
    }
    let flooded = Instant::now();
    let student = tokio::time::timeout(Duration::from_secs(15), async {
        loop {
            let attempt = tokio::time::timeout(Duration::from_secs(5), Student::try_join_as(addr, "ada", CODE, 80, 24));
            if let Ok(Some(student)) = attempt.await {
                return student;
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
    })
    .await;
    let mut student = student.expect("a student with the code gets in within 15 s");
    assert!(flooded.elapsed() >= Duration::from_secs(5), "the pool was full: the silent connections had to time out");
    student.wait_for("the tutor", |s| s.contains("Walkthrough")).await;
    // The shell-less logins are closed by the 10-second rule, not left to hold a connection.
    let deadline = flooded + Duration::from_secs(20);
    while idle.iter().any(|h| !h.is_closed()) && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(idle.iter().all(russh::client::Handle::is_closed), "every -N login was closed");
    drop(silent);
    server.stop().await;
}
