//! The real binary in a real pseudo-terminal: raw mode, the alternate screen, key handling and
//! restoring the terminal. Every wait is on screen contents, never on a fixed sleep.
#![cfg(unix)]

mod common;

use common::pty::{Session, TIMEOUT, restored};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::Read;
use std::num::NonZeroU16;
use std::time::{Duration, Instant};

/// The q2 row of the score matrix, read off the screen.
fn score_row(screen: &vt100::Screen) -> Option<String> {
    let contents = screen.contents();
    let lines: Vec<&str> = contents.lines().collect();
    let title = lines.iter().position(|l| l.contains("Scores Q·Kᵀ"))?;
    let row = lines.get(title + 3)?;
    let end = row.find("││").unwrap_or(row.len());
    Some(row[..end].to_string())
}

#[test]
fn editing_the_first_cell_changes_the_score_and_q_quits_cleanly() {
    let mut session = Session::start(&[]);
    session.wait_for_text("Step 1 of");
    assert!(session.parser.lock().expect("parser").screen().alternate_screen());
    session.send("2");
    session.wait_for("the playground", |s| score_row(s).is_some_and(|row| row.contains("15")));
    session.send("0");
    session.wait_for_text("0▏");
    session.send("\r");
    session.wait_for("9 where 15 was", |s| {
        score_row(s).is_some_and(|row| row.split_whitespace().collect::<Vec<_>>() == ["│q2", "9", "12"])
    });
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
    session.wait_for("the terminal restored", restored);
    session.assert_cooked();
}

#[test]
fn a_panic_restores_the_terminal_once_and_reports() {
    let mut session = Session::start(&[("QKV_TUTOR_TEST_PANIC", "1"), ("RUST_BACKTRACE", "0")]);
    assert_eq!(session.wait_exit(), 101);
    session.wait_for("the terminal restored", restored);
    session.wait_for_text("a deliberate panic after the first frame");
    session.assert_cooked();
    let raw = String::from_utf8_lossy(&session.raw.lock().expect("raw")).into_owned();
    assert_eq!(raw.matches("\u{1b}[?1049l").count(), 1, "the alternate screen is left exactly once");
}

#[test]
fn int_quit_term_and_hup_restore_the_terminal_and_exit_128_plus_n() {
    for (signal, status) in [("-INT", 130), ("-QUIT", 131), ("-TERM", 143), ("-HUP", 129)] {
        let mut session = Session::start(&[]);
        session.wait_for_text("Step 1 of");
        session.assert_raw();
        session.signal(signal);
        assert_eq!(session.wait_exit(), status, "{signal}");
        session.wait_for("the terminal restored", restored);
        session.assert_cooked();
    }
}

#[test]
fn ctrl_z_gives_the_terminal_back_and_resuming_redraws() {
    let mut session = Session::start(&[]);
    session.wait_for_text("Step 1 of");
    session.send("\u{1a}");
    session.wait_for("the terminal restored on suspend", restored);
    session.signal("-CONT");
    session.wait_for("a full redraw after resume", |s| s.alternate_screen() && s.contents().contains("Step 1 of"));
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn no_color_output_has_no_colour_escapes() {
    let mut session = Session::start(&[("NO_COLOR", "1")]);
    session.wait_for_text("Step 1 of");
    session.send("2");
    session.wait_for_text("Scores");
    let raw = String::from_utf8_lossy(&session.raw.lock().expect("raw")).into_owned();
    let colours = sgr_colour_codes(&raw);
    assert!(colours.is_empty(), "colour escapes in NO_COLOR output: {colours:?}");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

/// Every SGR parameter in the output that sets a colour (not the resets 39 and 49).
fn sgr_colour_codes(output: &str) -> Vec<String> {
    let mut found = Vec::new();
    for chunk in output.split("\u{1b}[").skip(1) {
        let Some(end) = chunk.find(|c: char| !(c.is_ascii_digit() || c == ';')) else {
            continue;
        };
        if !chunk[end..].starts_with('m') {
            continue;
        }
        for param in chunk[..end].split(';') {
            if let Ok(n) = param.parse::<u16>()
                && matches!(n, 30..=38 | 40..=48 | 90..=97 | 100..=107)
            {
                found.push(chunk[..end].to_string());
            }
        }
    }
    found
}

#[test]
fn colour_is_on_without_no_color() {
    let mut session = Session::start(&[]);
    session.wait_for_text("Step 1 of");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
    let raw = String::from_utf8_lossy(&session.raw.lock().expect("raw")).into_owned();
    assert!(!sgr_colour_codes(&raw).is_empty(), "the colour check can fail");
}

#[test]
fn an_answered_question_is_saved_and_seen_on_the_next_run() {
    let dir = tempfile::tempdir().expect("temp");
    let data = dir.path().to_str().expect("utf-8");
    let mut first = Session::start_with(&[], &["--data-dir", data]);
    first.wait_for_text("Step 1 of");
    first.send("\u{1b}OS");
    first.wait_for_text("seen 0");
    first.send("\r");
    first.wait_for_text("Why does each token get three projected vectors");
    first.send("\r");
    first.wait_for_text("Your answer:");
    first.send("separate jobs\r");
    first.wait_for_text("Model answer:");
    first.send("g");
    first.wait_for_text("✓ right");
    first.send("q");
    assert_eq!(first.wait_exit(), 0);
    let saved = std::fs::read_to_string(dir.path().join("progress.json")).expect("the progress file is on disk");
    assert!(saved.contains("recall-three-views"), "{saved}");
    let mut second = Session::start_with(&[], &["--data-dir", data]);
    second.wait_for_text("Step 1 of");
    second.send("\u{1b}OS");
    second.wait_for_text("seen 1");
    second.send("q");
    assert_eq!(second.wait_exit(), 0);
}

#[test]
fn closing_the_terminal_ends_the_tutor_instead_of_leaving_it_spinning() {
    let pty =
        native_pty_system().openpty(PtySize { rows: 30, cols: 100, pixel_width: 0, pixel_height: 0 }).expect("pty");
    let data = tempfile::tempdir().expect("temp");
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_qkv-tutor"));
    command.env("TERM", "xterm-256color");
    command.env("QKV_TUTOR_DATA_DIR", data.path());
    let mut child = pty.slave.spawn_command(command).expect("spawn");
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().expect("reader");
    let mut parser = vt100::Parser::new(NonZeroU16::new(30).expect("rows"), NonZeroU16::new(100).expect("cols"), 0);
    let mut buf = [0u8; 4096];
    while !parser.screen().contents().contains("Step 1 of") {
        let n = reader.read(&mut buf).expect("read");
        assert!(n > 0, "no first frame");
        parser.process(&buf[..n]);
    }
    drop(reader);
    drop(pty.master);
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            assert_eq!(status.exit_code(), 129, "a hangup ends it like SIGHUP");
            break;
        }
        assert!(start.elapsed() < TIMEOUT, "the tutor kept running after its terminal closed");
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn hostile_files_cannot_touch_the_terminal() {
    let dir = tempfile::tempdir().expect("temp");
    let lessons = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons/qkv-projections.json");
    let original = std::fs::read_to_string(lessons).expect("read");
    let hostile = original
        .replace("Three jobs for one token", "\\u001b]0;pwned\\u0007 roles")
        .replace("Shapes come first", "\\u001b]52;c;ZXZpbA==\\u0007 shapes")
        .replace("Where this leads", "\\u001b[2J\\u001b[H ideas");
    let lesson = dir.path().join("hostile.json");
    std::fs::write(&lesson, hostile).expect("write");
    let evil_name = dir.path().join("evil\u{1b}]0;pwned\u{7}.json");
    std::fs::write(&evil_name, "{").expect("write");
    for args in
        [vec!["--lesson", lesson.to_str().expect("utf-8")], vec!["--scenario", evil_name.to_str().expect("utf-8")]]
    {
        let mut session = Session::start_with(&[], &args);
        assert_eq!(session.wait_exit(), 2);
        session.wait_for_text("qkv-tutor:");
        let raw = String::from_utf8_lossy(&session.raw.lock().expect("raw")).into_owned();
        for sequence in ["\u{1b}]0;", "\u{1b}]52;", "\u{1b}[2J", "\u{7}"] {
            assert!(!raw.contains(sequence), "{sequence:?} reached the terminal: {raw:?}");
        }
        assert!(!raw.contains("\u{1b}]"), "no operating-system command at all, so the title is unchanged");
        assert!(raw.contains("^["), "the escape is shown escaped: {raw:?}");
    }
}

#[test]
fn a_non_utf8_locale_draws_in_ascii() {
    let mut session = Session::start_with(&[("LANG", "C"), ("LC_ALL", "C")], &[]);
    session.wait_for_text("Step 1 of");
    session.send("2");
    session.wait_for_text("|q2");
    let screen = session.screen();
    assert!(screen.is_ascii(), "{screen}");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn speaker_notes_follow_the_presenter_and_wait_when_it_stops() {
    let runtime = tempfile::tempdir().expect("temp");
    let dir = runtime.path().to_str().expect("utf-8");
    let notes = || {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_qkv-tutor"))
            .args(["notes", "--once"])
            .env("QKV_TUTOR_RUNTIME_DIR", dir)
            .output()
            .expect("notes runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert!(notes().contains("Waiting for the presenter"), "the notes can start first");
    let mut session = Session::start_with(&[("QKV_TUTOR_RUNTIME_DIR", dir)], &["--present"]);
    session.wait_for_text("slide 1 / 21");
    // The first press reveals slide 1, the second moves on.
    session.send(" ");
    session.wait_for_text("x1 → query q1");
    session.send(" ");
    session.wait_for_text("slide 2 / 21");
    let following = notes();
    assert!(following.contains("Slide 2 of 21") && following.contains("Q [2×2]"), "{following}");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
    assert!(notes().contains("Waiting for the presenter"), "a stopped presenter leaves the notes waiting");
}

#[test]
fn predict_mode_keeps_q_in_the_answer_and_accepts_a_retry_on_the_same_step() {
    let mut tutor = Session::start_with(&[], &[]);
    tutor.wait_for_text("Step 1 of");
    tutor.send("p");
    tutor.wait_for_text("[predict mode]");
    // The shapes step asks first: answer Q's shape, then show the rest and move on.
    tutor.send("\u{1b}[C");
    tutor.wait_for_text("[2×4]·[4×2] → ?");
    tutor.send("2x2\r");
    tutor.wait_for_text("right: now K");
    tutor.send("\u{1b}");
    tutor.wait_for_text("answer put aside");
    tutor.send("s");
    tutor.wait_for_text("shown, not");
    tutor.send("\u{1b}[C");
    tutor.wait_for_text("Step 3 of");
    tutor.wait_for_text("Your prediction:");
    tutor.send("q");
    tutor.wait_for_text("Your prediction: q");
    assert!(tutor.child.try_wait().expect("try_wait").is_none(), "q in the field did not quit");
    // Ctrl-U clears it; 3 is wrong for q1 entry 1 (1·1 + 2·0 + 1·1 + 1·0 = 2).
    tutor.send("\u{15}3\r");
    tutor.wait_for_text("try again");
    assert!(tutor.screen().contains("Step 3 of"), "still on the same step:\n{}", tutor.screen());
    tutor.send("2\r");
    tutor.wait_for_text("✓ right");
    assert!(tutor.screen().contains("Step 3 of") && tutor.screen().contains("= 2"), "{}", tutor.screen());
    tutor.send("q");
    assert_eq!(tutor.wait_exit(), 0);
}

#[test]
fn in_apply_now_a_digit_on_a_w_q_cell_types_and_tab_switches() {
    let mut tutor = Session::start_with(&[], &[]);
    tutor.wait_for_text("Step 1 of");
    tutor.send("4");
    tutor.wait_for_text("Practice");
    tutor.send("\u{1b}[B\u{1b}[B\u{1b}[B\r");
    tutor.wait_for_text("Apply now: take x");
    tutor.send("1");
    tutor.wait_for_text("1▏");
    tutor.send("\r");
    tutor.wait_for_text("0-9 type");
    let screen = tutor.screen();
    assert!(screen.contains("Apply now: take x") && !screen.contains("Step 1 of"), "still on the Quiz:\n{screen}");
    tutor.send("\t");
    tutor.wait_for_text("1-5");
    assert!(!tutor.screen().contains("Apply now: take x"), "Tab switched screens:\n{}", tutor.screen());
    tutor.send("q");
    assert_eq!(tutor.wait_exit(), 0);
}
