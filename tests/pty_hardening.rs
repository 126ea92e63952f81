//! Issue 13 at the process level, in real pseudo-terminals: an external SIGTSTP and a stop
//! behind the tutor's back, two tutors on one data folder, progress that cannot be saved,
//! FIFOs where the settings and progress belong, and speaker notes that follow live
//! presenters only. Every wait is bounded.
#![cfg(unix)]

mod common;

use common::pty::{Session, restored};
use qkv_tutor::progress;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const LIMIT: Duration = Duration::from_secs(20);

fn pid_of(session: &Session) -> u32 {
    session.child.process_id().expect("pid")
}

/// The process's state letter from /proc (`T` when stopped).
fn state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat.rsplit_once(") ")?.1.chars().next()
}

fn wait_until(what: &str, ready: impl Fn() -> bool) {
    let start = Instant::now();
    while !ready() {
        assert!(start.elapsed() < LIMIT, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn raw_count(session: &Session, sequence: &str) -> usize {
    String::from_utf8_lossy(&session.raw.lock().expect("raw")).matches(sequence).count()
}

#[test]
fn an_external_sigtstp_gives_the_terminal_back_and_sigcont_resumes_with_working_keys() {
    let mut session = Session::start(&[]);
    session.wait_for_text("Step 1 of");
    session.assert_raw();
    session.signal("-TSTP");
    session.wait_for("the terminal restored on SIGTSTP", restored);
    session.assert_cooked();
    let pid = pid_of(&session);
    wait_until("the tutor to stop", || state(pid) == Some('T'));
    session.signal("-CONT");
    session.wait_for("a redraw after SIGCONT", |s| s.alternate_screen() && s.contents().contains("Step 1 of"));
    session.assert_raw();
    session.send("2");
    session.wait_for_text("Scores");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn after_a_stop_it_could_not_catch_sigcont_takes_the_terminal_again() {
    let mut session = Session::start(&[]);
    session.wait_for_text("Step 1 of");
    let entered = raw_count(&session, "\u{1b}[?1049h");
    let pid = pid_of(&session);
    session.signal("-STOP");
    wait_until("the tutor to stop", || state(pid) == Some('T'));
    let tty = session.master.tty_name().expect("tty name");
    assert!(Command::new("stty").arg("-F").arg(&tty).arg("sane").status().expect("stty").success());
    session.assert_cooked();
    session.signal("-CONT");
    wait_until("the alternate screen entered again", || raw_count(&session, "\u{1b}[?1049h") > entered);
    session.wait_for("a full redraw", |s| s.alternate_screen() && s.contents().contains("Step 1 of"));
    wait_until("raw mode again", || session.stty().contains("-icanon"));
    session.send("2");
    session.wait_for_text("Scores");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

/// Opens the quiz, answers the first free-recall question and grades it with `grade` (a, h, g or e).
fn answer_first_question(session: &mut Session, grade: &str, shown: &str) {
    session.send("\u{1b}OS");
    session.wait_for_text("seen 0");
    session.send("\r");
    session.wait_for_text("Why does each token get three projected vectors");
    session.send("\r");
    session.wait_for_text("Your answer:");
    session.send("separate jobs\r");
    session.wait_for_text("Model answer:");
    session.send(grade);
    session.wait_for_text(shown);
}

fn card(dir: &Path) -> Option<progress::Card> {
    progress::load(dir).progress.cards.get("recall-three-views").cloned()
}

#[test]
fn a_second_tutor_on_the_same_folder_is_read_only_and_cannot_undo_the_first() {
    let dir = tempfile::tempdir().expect("temp");
    let data = dir.path().to_str().expect("utf-8");
    let mut first = Session::start_with(&[], &["--data-dir", data]);
    first.wait_for_text("Step 1 of");
    let mut second = Session::start_with(&[], &["--data-dir", data]);
    second.wait_for_text("another qkv-tutor (process");
    answer_first_question(&mut first, "a", "✗ scored as a miss");
    wait_until("the first tutor's answer on disk", || card(dir.path()).is_some_and(|c| c.wrong == 1));
    answer_first_question(&mut second, "g", "✓ right");
    second.send("q");
    assert_eq!(second.wait_exit(), 1, "quitting with unsaved answers is not a success");
    second.wait_for_text("NOT saved");
    let kept = card(dir.path()).expect("the first tutor's card");
    assert_eq!((kept.right, kept.wrong), (0, 1), "the first tutor's answer stands");
    first.send("q");
    assert_eq!(first.wait_exit(), 0);
}

#[test]
fn quitting_with_progress_that_could_not_be_saved_says_so_and_exits_1() {
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("plain");
    std::fs::write(&file, b"not a folder").expect("write");
    let data = file.join("data");
    let mut session = Session::start_with(&[], &["--data-dir", data.to_str().expect("utf-8")]);
    session.wait_for_text("Step 1 of");
    answer_first_question(&mut session, "g", "✓ right");
    session.send("q");
    assert_eq!(session.wait_exit(), 1);
    session.wait_for("the terminal restored", restored);
    session.wait_for_text("NOT saved");
    session.wait_for_text("1 questions changed");
}

#[test]
fn fifos_in_place_of_settings_and_progress_do_not_block_the_start() {
    let dir = tempfile::tempdir().expect("temp");
    for name in ["settings.json", progress::PROGRESS_FILE] {
        assert!(Command::new("mkfifo").arg(dir.path().join(name)).status().expect("mkfifo").success());
    }
    let data = dir.path().to_str().expect("utf-8");
    let mut session = Session::start_with(&[("QKV_TUTOR_CONFIG_DIR", data)], &["--data-dir", data]);
    session.wait_for_text("Step 1 of");
    session.wait_for_text("is a FIFO");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
    let kind = std::fs::symlink_metadata(dir.path().join(progress::PROGRESS_FILE)).expect("kept").file_type();
    assert!(std::os::unix::fs::FileTypeExt::is_fifo(&kind), "never replaced");
}

#[test]
fn a_damaged_settings_file_is_set_aside_before_new_settings_are_saved() {
    let dir = tempfile::tempdir().expect("temp");
    std::fs::write(dir.path().join("settings.json"), b"{\"theme\": ").expect("write");
    let data = dir.path().to_str().expect("utf-8");
    let mut session = Session::start_with(&[("QKV_TUTOR_CONFIG_DIR", data)], &["--data-dir", data, "--theme", "light"]);
    session.wait_for_text("Step 1 of");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
    let aside: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().contains("settings.json.damaged-"))
        .collect();
    assert_eq!(aside.len(), 1, "the damaged file is kept");
    assert_eq!(std::fs::read(&aside[0]).expect("read"), b"{\"theme\": ");
    let saved = std::fs::read_to_string(dir.path().join("settings.json")).expect("saved");
    assert!(saved.contains("light"), "{saved}");
}

fn notes(runtime: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_qkv-tutor"))
        .args(["notes", "--once"])
        .env("QKV_TUTOR_RUNTIME_DIR", runtime)
        .output()
        .expect("notes runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn notes_follow_the_latest_live_presenter_and_say_when_it_stops() {
    let runtime = tempfile::tempdir().expect("temp");
    let dir = runtime.path().to_str().expect("utf-8");
    let mut first = Session::start_with(&[("QKV_TUTOR_RUNTIME_DIR", dir)], &["--present"]);
    first.wait_for_text("slide 1 / 21");
    let mut second = Session::start_with(&[("QKV_TUTOR_RUNTIME_DIR", dir)], &["--present"]);
    second.wait_for_text("slide 1 / 21");
    // The first press reveals slide 1, the second moves on.
    second.send(" ");
    second.wait_for_text("x1 → query q1");
    second.send(" ");
    second.wait_for_text("slide 2 / 21");
    wait_until("the notes to follow the second presenter", || notes(runtime.path()).contains("Slide 2 of 21"));
    first.send("q");
    assert_eq!(first.wait_exit(), 0);
    assert!(notes(runtime.path()).contains("Slide 2 of 21"), "one presenter quitting leaves the other followed");
    second.signal("-STOP");
    wait_until("a silent presenter to count as stopped", || notes(runtime.path()).contains("presenter stopped"));
    second.signal("-CONT");
    wait_until("a resumed presenter to be followed again", || notes(runtime.path()).contains("Slide 2 of 21"));
    second.signal("-KILL");
    second.wait_exit();
    assert!(notes(runtime.path()).contains("presenter stopped"), "a killed presenter is not followed");
}

/// The peak resident memory of a process, from /proc (Linux).
fn peak_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn a_huge_pane_costs_no_more_than_the_largest_drawn_area() {
    let mut session = Session::start(&[]);
    session.wait_for_text("Step 1 of");
    let huge = portable_pty::PtySize { rows: 10_000, cols: 10_000, pixel_width: 0, pixel_height: 0 };
    session.master.resize(huge).expect("resize");
    // A key after the resize: once its step shows, the huge frame has been drawn.
    session.send("\u{1b}[C");
    session.wait_for_text("Step 2 of");
    let pid = session.child.process_id().expect("a pid");
    let peak = peak_kib(pid).expect("VmHWM on Linux");
    assert!(peak < 256 * 1024, "peak memory {peak} KiB on a 10000×10000 pane");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}
