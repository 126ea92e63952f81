//! Hostile files through the real binary (issue 13): FIFOs, devices and links where files
//! belong, planted escape sequences, trailing garbage, oversized imports. Every run has a
//! timeout, so a read that blocks fails the test instead of hanging it.
#![cfg(unix)]

use qkv_tutor::progress::{self, Grade, Progress};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const LIMIT: Duration = Duration::from_secs(10);

/// Runs the binary with `args` and no input, killing it (and failing) after [`LIMIT`].
fn run_in(args: &[&str], stdin: Stdio, envs: &[(&str, &Path)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_qkv-tutor"));
    command.args(args).stdin(stdin).stdout(Stdio::piped()).stderr(Stdio::piped());
    command.env_remove("QKV_TUTOR_DATA_DIR");
    for (k, v) in envs {
        command.env(k, v);
    }
    finish(command.spawn().expect("spawn"), &args.join(" "))
}

fn run(args: &[&str]) -> Output {
    run_in(args, Stdio::null(), &[])
}

fn finish(mut child: Child, what: &str) -> Output {
    let start = Instant::now();
    while child.try_wait().expect("try_wait").is_none() {
        if start.elapsed() > LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`qkv-tutor {what}` hung for {LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child.wait_with_output().expect("output")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn fifo(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let status = Command::new("mkfifo").arg(&path).status().expect("mkfifo runs");
    assert!(status.success());
    path
}

fn s(path: &Path) -> &str {
    path.to_str().expect("utf-8")
}

#[test]
fn fifos_and_devices_are_refused_by_kind_without_hanging() {
    let dir = tempfile::tempdir().expect("temp");
    let pipe = fifo(dir.path(), "pipe.json");
    let data = dir.path().join("data");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["check", s(&pipe)], "is a FIFO"),
        (vec!["walk", "--scenario", s(&pipe)], "is a FIFO"),
        (vec!["check", "--lesson", s(&pipe)], "is a FIFO"),
        (vec!["walk", "--lesson", s(&pipe)], "is a FIFO"),
        (vec!["progress", "--data-dir", s(&data), "--import", s(&pipe)], "is a FIFO"),
        (vec!["check", "/dev/zero"], "is a character device"),
        (vec!["progress", "--data-dir", s(&data), "--import", "/dev/zero"], "is a character device"),
        (vec!["check", s(dir.path())], "is a directory"),
    ];
    for (args, expected) in cases {
        let out = run(&args);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(expected), "{args:?}: expected {expected:?} in {err}");
        assert!(!err.contains("0 bytes"), "{args:?}: a device is not an empty file: {err}");
    }
}

#[test]
fn a_fifo_in_place_of_progress_is_reported_and_never_replaced() {
    let dir = tempfile::tempdir().expect("temp");
    let pipe = fifo(dir.path(), progress::PROGRESS_FILE);
    let out = run(&["progress", "--data-dir", s(dir.path())]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stderr);
    assert!(said.contains("is a FIFO") && said.contains("left as it is"), "notes go to stderr: {said}");
    let reset = run(&["progress", "--data-dir", s(dir.path()), "--reset", "--yes"]);
    assert_ne!(reset.status.code(), Some(0), "the reset must not replace what it cannot read");
    assert!(text(&reset.stderr).contains("saving is disabled"), "{}", text(&reset.stderr));
    let kind = std::fs::symlink_metadata(&pipe).expect("still there").file_type();
    assert!(std::os::unix::fs::FileTypeExt::is_fifo(&kind), "the FIFO is still a FIFO");
}

#[test]
fn reset_reading_an_endless_stdin_declines_instead_of_aborting() {
    let dir = tempfile::tempdir().expect("temp");
    let mut p = Progress::default();
    p.record("shapes-q", "shapes", Grade::Good, 0, 100);
    progress::save(dir.path(), &p).expect("saved");
    let zero = std::fs::File::open("/dev/zero").expect("open");
    let out = run_in(&["progress", "--data-dir", s(dir.path()), "--reset"], Stdio::from(zero), &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("nothing was cleared"));
    assert_eq!(progress::load(dir.path()).progress, p);
}

#[test]
fn an_export_onto_a_fifo_is_refused_and_the_fifo_stays() {
    let dir = tempfile::tempdir().expect("temp");
    let pipe = fifo(dir.path(), "out.json");
    let data = dir.path().join("data");
    let out = run(&["progress", "--data-dir", s(&data), "--export", s(&pipe)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("is a FIFO"), "{}", text(&out.stderr));
    let kind = std::fs::symlink_metadata(&pipe).expect("still there").file_type();
    assert!(std::os::unix::fs::FileTypeExt::is_fifo(&kind));
}

/// A progress file with one planted card whose id and topic are escape sequences.
fn hostile_progress() -> String {
    let card = r#"{"box": 1, "due": 0, "seen": 1, "right": 1, "wrong": 0, "hints": 0, "topic": "TOPIC", "flagged": true, "last": 0}"#;
    let id = "x\\u001b]52;c;ZXZpbA==\\u0007\\u009b2J\\u202e";
    let topic = "recall\\u001b[31m";
    format!(r#"{{"format_version": 1, "cards": {{"{id}": {}}}}}"#, card.replace("TOPIC", topic))
}

#[test]
fn planted_escape_sequences_never_reach_the_terminal() {
    let dir = tempfile::tempdir().expect("temp");
    std::fs::write(dir.path().join(progress::PROGRESS_FILE), hostile_progress()).expect("write");
    let out = run(&["progress", "--data-dir", s(dir.path())]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let all = [out.stdout.clone(), out.stderr.clone()].concat();
    let shown = text(&all);
    for bad in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'] {
        assert!(!shown.contains(bad), "{bad:?} reached the terminal: {shown:?}");
    }
    assert!(shown.contains("damaged") && shown.contains("cards[\"x^[]52;c;ZXZpbA==^G"), "{shown}");
    let import = dir.path().join("import.json");
    std::fs::write(&import, hostile_progress()).expect("write");
    let other = tempfile::tempdir().expect("temp");
    let out = run(&["progress", "--data-dir", s(other.path()), "--import", s(&import)]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("nothing was imported") && !err.contains('\u{1b}'), "{err:?}");
    assert!(!other.path().join(progress::PROGRESS_FILE).exists());
}

#[test]
fn an_import_larger_than_the_loader_accepts_is_refused() {
    let dir = tempfile::tempdir().expect("temp");
    let import = dir.path().join("big.json");
    let padding = " ".repeat(usize::try_from(progress::MAX_BYTES).expect("fits"));
    std::fs::write(&import, format!("{{\"format_version\": 1{padding}}}")).expect("write");
    let data = dir.path().join("data");
    let out = run(&["progress", "--data-dir", s(&data), "--import", s(&import)]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("larger than 8 MiB") && err.contains("nothing was imported"), "{err}");
    assert!(!data.join(progress::PROGRESS_FILE).exists());
}

#[test]
fn counters_add_up_without_wrapping_in_the_summary() {
    let dir = tempfile::tempdir().expect("temp");
    let mut p = Progress::default();
    for i in 0..500 {
        p.record(&format!("q{i}"), "roles", Grade::Good, 0, 100);
        let card = p.cards.get_mut(&format!("q{i}")).expect("card");
        (card.seen, card.right) = (progress::MAX_COUNT, progress::MAX_COUNT);
    }
    progress::save(dir.path(), &p).expect("saved");
    let out = run(&["progress", "--data-dir", s(dir.path())]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    let roles = said.lines().find(|l| l.trim_start().starts_with("roles")).expect("the roles line");
    assert!(roles.ends_with("5000000000 of 5000000000 right (100%)"), "{said}");
}

#[test]
fn a_file_as_the_data_folder_is_named_as_not_a_folder() {
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("plain");
    std::fs::write(&file, b"mine").expect("write");
    let out = run(&["progress", "--data-dir", s(&file), "--reset", "--yes"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("is not a folder") && !err.contains("os error 17"), "{err}");
    assert_eq!(std::fs::read(&file).expect("read"), b"mine");
}

#[test]
fn leftover_temporary_files_of_killed_saves_are_cleaned_on_start() {
    let dir = tempfile::tempdir().expect("temp");
    let mut child = Command::new("true").spawn().expect("spawn");
    let dead = child.id();
    child.wait().expect("wait");
    let leftover = dir.path().join(format!(".progress.json.{dead}.tmp"));
    std::fs::write(&leftover, b"{\"format_ver").expect("write");
    let keep = dir.path().join("notes.txt");
    std::fs::write(&keep, b"mine").expect("write");
    assert!(run(&["progress", "--data-dir", s(dir.path())]).status.success());
    assert!(leftover.exists(), "`progress` only reads: it deletes nothing");
    // A command that changes progress takes the lock, and with it the folder's cleaning.
    assert!(run(&["progress", "--data-dir", s(dir.path()), "--reset", "--yes"]).status.success());
    assert!(!leftover.exists(), "the torn temporary file is gone");
    assert!(keep.exists());
}

#[test]
fn trailing_content_bom_utf16_and_empty_files_are_named() {
    let dir = tempfile::tempdir().expect("temp");
    let scenario = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/scenarios/lesson.json"))
        .expect("lesson scenario");
    let lesson = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons/qkv-projections.json"))
        .expect("lesson");
    let utf16: Vec<u8> = scenario.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let key = "k".repeat(100_000);
    let cases: Vec<(&str, Vec<u8>, &str, bool)> = vec![
        ("garbage", format!("{scenario} xyz").into_bytes(), "after the end", false),
        ("two", format!("{scenario}{scenario}").into_bytes(), "after the end", false),
        ("lesson-garbage", format!("{lesson}\n{{}}").into_bytes(), "after the end", true),
        ("bom", format!("\u{FEFF}{scenario}").into_bytes(), "1:1: the file starts with a byte-order mark", false),
        ("utf16", utf16, "1:1: the file is UTF-16", false),
        ("empty", Vec::new(), "1:1: the file is empty", false),
        ("long-key", scenario.replacen('{', &format!("{{\"{key}\": 1,"), 1).into_bytes(), "…`", false),
    ];
    for (label, bytes, expected, is_lesson) in cases {
        let path = dir.path().join(format!("{label}.json"));
        std::fs::write(&path, bytes).expect("write");
        let args = if is_lesson { vec!["check", "--lesson", s(&path)] } else { vec!["check", s(&path)] };
        let out = run(&args);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{label}: {err}");
        assert!(err.contains(expected), "{label}: expected {expected:?} in {err}");
        assert!(err.len() < 400, "{label}: the message is short ({} bytes)", err.len());
    }
}

#[test]
fn notes_ignore_a_link_to_dev_zero_and_say_a_killed_presenter_stopped() {
    let runtime = tempfile::tempdir().expect("temp");
    let dir = runtime.path();
    std::os::unix::fs::symlink("/dev/zero", dir.join("presenter-1.json")).expect("link");
    let once = || run_in(&["notes", "--once"], Stdio::null(), &[("QKV_TUTOR_RUNTIME_DIR", dir)]);
    let out = once();
    let waiting = out.status.code() == Some(1) && text(&out.stdout).contains("Waiting for the presenter");
    assert!(waiting, "no notes: said, and exit 1: {}", text(&out.stderr));
    let stale = format!(
        r#"{{"pid": {}, "heartbeat_ms": 1000, "changed_ms": 1000, "notes": {{"presenting": true, "slide": 3, "slides": 20, "title": "t", "say": "s", "ask": "a", "answer": "1", "revealed": false}}}}"#,
        std::process::id()
    );
    std::fs::write(dir.join(format!("presenter-{}.json", std::process::id())), stale).expect("write");
    let said = text(&once().stdout);
    assert!(said.contains("presenter stopped") && !said.contains("Slide 3"), "{said}");
}

#[test]
fn notes_use_a_private_folder_in_the_cache_without_xdg_runtime_dir() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().expect("temp");
    let mut command = Command::new(env!("CARGO_BIN_EXE_qkv-tutor"));
    command.args(["notes", "--once"]).stdout(Stdio::piped()).stderr(Stdio::piped());
    command.env_remove("QKV_TUTOR_RUNTIME_DIR").env_remove("XDG_RUNTIME_DIR").env_remove("XDG_CACHE_HOME");
    command.env("HOME", home.path()).env("USER", "qkv-test-user");
    let out = finish(command.spawn().expect("spawn"), "notes --once");
    assert_eq!(out.status.code(), Some(1), "no presenter, no notes: {}", text(&out.stderr));
    let folder = home.path().join(".cache/qkv-tutor/runtime");
    let mode = std::fs::symlink_metadata(&folder).expect("created").permissions().mode() & 0o777;
    assert_eq!(mode, 0o700);
    assert!(!std::env::temp_dir().join("qkv-tutor-qkv-test-user").exists(), "never the shared /tmp");
}

#[test]
fn notes_piped_into_head_end_when_head_does() {
    let runtime = tempfile::tempdir().expect("temp");
    let mut child = Command::new(env!("CARGO_BIN_EXE_qkv-tutor"))
        .arg("notes")
        .env("QKV_TUTOR_RUNTIME_DIR", runtime.path())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0u8; 8];
    stdout.read_exact(&mut first).expect("the first line arrives");
    drop(stdout);
    let out = finish(child, "notes (reader gone)");
    assert!(out.status.success(), "a closed pipe is a clean end: {:?}", out.status);
}

#[test]
fn an_export_to_dev_stdout_on_a_pipe_is_refused_by_kind() {
    let dir = tempfile::tempdir().expect("temp");
    let out = run(&["progress", "--data-dir", s(dir.path()), "--export", "/dev/stdout"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("is a FIFO"), "{}", text(&out.stderr));
    assert!(std::fs::symlink_metadata("/dev/stdout").expect("meta").file_type().is_symlink(), "/dev/stdout is a link");
}
