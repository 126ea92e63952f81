//! What `serve` leaves on the teacher's disk and tells a refused student, through the real
//! server on loopback: `--keep-progress` folders are 0700 and their files 0600 from the first
//! write, one live session per name uses a name's folder, and a locked-out login is told
//! why and for how long.

#[path = "serve/client.rs"]
mod client;

use client::{Student, TIMEOUT, connect, login, options, start};
use qkv_tutor::serve::{Access, Limits};
use russh::client::KeyboardInteractiveAuthResponse;
use std::path::{Path, PathBuf};
use std::time::Duration;

const CODE: &str = "tulip-42";

/// Every folder and file under `root`, with its permission bits.
#[cfg(unix)]
fn modes(root: &Path) -> Vec<(PathBuf, u32)> {
    use std::os::unix::fs::PermissionsExt;
    let mut found = Vec::new();
    let mut todo = vec![root.to_path_buf()];
    while let Some(dir) = todo.pop() {
        for entry in std::fs::read_dir(&dir).expect("readable").flatten() {
            let meta = entry.metadata().expect("metadata");
            found.push((entry.path(), meta.permissions().mode() & 0o777));
            if meta.is_dir() {
                todo.push(entry.path());
            }
        }
    }
    found
}

#[cfg(unix)]
fn assert_private(root: &Path, when: &str) {
    let found = modes(root);
    assert!(found.iter().any(|(p, _)| p.ends_with("progress.json")), "{when}: a progress file: {found:?}");
    for (path, mode) in &found {
        let want = if path.is_dir() { 0o700 } else { 0o600 };
        assert_eq!(*mode, want, "{when}: {} is {mode:o}", path.display());
    }
}

#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kept_progress_is_private_from_the_first_write_and_a_name_has_one_live_session() {
    let dir = tempfile::tempdir().expect("temp");
    // Under the usual umask (022) a file written plainly would be 0644.
    let mut config = options(Access::Code(CODE.to_owned()));
    config.keep_progress = Some(dir.path().to_path_buf());
    let server = start(config).await;
    let mut ada = Student::join_as(server.local_addr(), "ada", CODE, 100, 30).await;
    ada.wait_for("the first frame", |s| s.contains("Step 1 of")).await;
    let mut twin = Student::join_as(server.local_addr(), "ada", CODE, 100, 30).await;
    twin.wait_for("the first frame", |s| s.contains("Step 1 of")).await;
    ada.answer_first_question().await;
    twin.answer_first_question().await;
    // Both are still connected: the files are already private, not only at the end.
    assert_private(dir.path(), "while both sessions are live");
    let sessions: Vec<_> = std::fs::read_dir(dir.path().join("sessions")).expect("a sessions folder").collect();
    assert_eq!(sessions.len(), 1, "the second live ada got a folder of her own, not ada's");
    assert!(dir.path().join("students").join("ada").join("progress.json").exists());
    for student in [&mut ada, &mut twin] {
        student.send(b"q").await;
        assert!(student.wait_closed().await);
    }
    // Once ada has left, her name's folder is free for her again.
    let mut back = Student::join_as(server.local_addr(), "ada", CODE, 100, 30).await;
    back.wait_for("the first frame", |s| s.contains("Step 1 of")).await;
    back.send(b"\x1bOS").await;
    back.wait_for("her progress back", |s| s.contains("seen 1")).await;
    back.send(b"q").await;
    assert!(back.wait_closed().await);
    assert_private(dir.path(), "after every session ended");
    assert_eq!(std::fs::read_dir(dir.path().join("sessions")).expect("sessions").count(), 1, "no new session folder");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_locked_out_student_is_told_why_and_for_how_long() {
    let window = Duration::from_secs(60);
    let mut config = options(Access::Code(CODE.to_owned()));
    config.limits = Limits { max_failures: 3, failure_window: window, ..config.limits };
    let server = start(config).await;
    for attempt in 1..=3 {
        let mut handle = connect(server.local_addr()).await;
        assert!(!login(&mut handle, "tulip-43").await, "wrong code accepted on attempt {attempt}");
    }
    // The next student at this computer types the right code at the keyboard-interactive
    // prompt, as OpenSSH offers it: the prompt comes back with the reason and the wait.
    let mut handle = connect(server.local_addr()).await;
    let first = tokio::time::timeout(TIMEOUT, handle.authenticate_keyboard_interactive_start("ada", None))
        .await
        .expect("in time")
        .expect("answered");
    assert!(matches!(first, KeyboardInteractiveAuthResponse::InfoRequest { .. }), "{first:?}");
    let reply = tokio::time::timeout(TIMEOUT, handle.authenticate_keyboard_interactive_respond(vec![CODE.into()]))
        .await
        .expect("in time")
        .expect("answered");
    let KeyboardInteractiveAuthResponse::InfoRequest { instructions, .. } = reply else {
        panic!("a locked-out login is asked again with a reason, not refused bare: {reply:?}");
    };
    assert!(instructions.contains("too many wrong codes from this computer"), "why: {instructions}");
    let seconds: u64 = instructions
        .split("try again in ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("how long: {instructions}"));
    assert!((1..=window.as_secs()).contains(&seconds), "a wait within the window: {seconds} s");
    server.stop().await;
}
