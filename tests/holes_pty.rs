//! Issue 22 in real pseudo-terminals: a lock file that cannot be locked (a FIFO, a link, a
//! folder, another user's file) makes the tutor read-only exactly as a second tutor is, so
//! two writers never run at once; and a configuration "folder" that is a file is named so.
#![cfg(unix)]

mod common;

use common::pty::Session;
use qkv_tutor::progress;
use std::path::Path;
use std::process::Command;

/// Opens the quiz (which must say that answers are not saved), answers the first free-recall
/// question and grades it with `grade`.
fn answer_read_only(session: &mut Session, grade: &str, shown: &str) {
    session.send("\u{1b}OS");
    session.wait_for_text("seen 0");
    session.wait_for_text("read-only: answers are not saved");
    session.send("\r");
    session.wait_for_text("Why does each token get three projected vectors");
    session.send("\r");
    session.wait_for_text("Your answer:");
    session.send("separate jobs\r");
    session.wait_for_text("Model answer:");
    session.send(grade);
    session.wait_for_text(shown);
}

fn mkfifo(path: &Path) {
    assert!(Command::new("mkfifo").arg(path).status().expect("mkfifo runs").success());
}

/// Two tutors on a folder whose lock file is `make`'s: both read-only, both exit 1 after
/// a change, and neither writes progress.
fn two_tutors_never_both_write(make: fn(&Path)) {
    let dir = tempfile::tempdir().expect("temp");
    make(&dir.path().join(progress::LOCK_FILE));
    let data = dir.path().to_str().expect("utf-8");
    let mut first = Session::start_with(&[], &["--data-dir", data]);
    let mut second = Session::start_with(&[], &["--data-dir", data]);
    for (session, grade, shown) in [(&mut first, "g", "✓ right"), (&mut second, "a", "✗ scored as a miss")] {
        session.wait_for_text("READ-ONLY");
        answer_read_only(session, grade, shown);
        session.wait_for_text("READ-ONLY");
    }
    for session in [&mut first, &mut second] {
        session.send("q");
        assert_eq!(session.wait_exit(), 1, "unsaved answers are not a success");
        session.wait_for_text("NOT saved");
        session.wait_for_text("the lock file is");
    }
    assert!(!dir.path().join(progress::PROGRESS_FILE).exists(), "nobody saved");
}

#[test]
fn a_fifo_as_the_lock_file_makes_both_tutors_read_only() {
    two_tutors_never_both_write(mkfifo);
}

#[test]
fn a_symlink_as_the_lock_file_makes_both_tutors_read_only() {
    two_tutors_never_both_write(|p| std::os::unix::fs::symlink("elsewhere", p).expect("link"));
}

#[test]
fn a_folder_as_the_lock_file_makes_both_tutors_read_only() {
    two_tutors_never_both_write(|p| std::fs::create_dir(p).expect("mkdir"));
}

#[test]
fn an_unreadable_lock_file_makes_the_tutor_read_only() {
    use std::os::unix::fs::PermissionsExt;
    if rustix::process::geteuid().as_raw() == 0 {
        println!("skipped: root opens a file of mode 000 (another user's, for others); run the tests as another user");
        return;
    }
    let dir = tempfile::tempdir().expect("temp");
    let lock = dir.path().join(progress::LOCK_FILE);
    std::fs::write(&lock, b"").expect("write");
    std::fs::set_permissions(&lock, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let data = dir.path().to_str().expect("utf-8");
    let mut session = Session::start_with(&[], &["--data-dir", data]);
    session.wait_for_text("READ-ONLY");
    answer_read_only(&mut session, "g", "✓ right");
    session.send("q");
    assert_eq!(session.wait_exit(), 1);
    session.wait_for_text("NOT saved");
    assert!(!dir.path().join(progress::PROGRESS_FILE).exists());
}

#[test]
fn a_configuration_folder_that_is_a_file_is_named_as_such() {
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("cfg");
    std::fs::write(&file, b"x").expect("write");
    let config = file.to_str().expect("utf-8");
    let data = dir.path().to_str().expect("utf-8");
    let mut session =
        Session::start_with(&[("QKV_TUTOR_CONFIG_DIR", config)], &["--data-dir", data, "--theme", "light"]);
    session.wait_for_text("not a folder");
    assert!(!session.screen().contains("File exists"), "{}", session.screen());
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}
