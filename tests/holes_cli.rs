//! Issue 22 through the real binary, headless: `serve` with key files that are FIFOs,
//! devices, endless or huge; `progress` that only reads and an export that refuses what it
//! cannot read; and each message that used to mislead. Every run is bounded in time.
#![cfg(unix)]

use qkv_tutor::progress::{self, Grade, Progress};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const LIMIT: Duration = Duration::from_secs(20);

fn command(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_qkv-tutor"));
    command.args(args).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    command.env_remove("QKV_TUTOR_DATA_DIR").env_remove("QKV_TUTOR_CONFIG_DIR");
    command
}

/// Runs to the end, killing (and failing) a run that takes longer than `limit`; also the
/// highest resident memory seen while it ran, in KiB.
fn finish(mut child: Child, limit: Duration) -> (Output, Duration, u64) {
    let start = Instant::now();
    let mut peak = 0;
    while child.try_wait().expect("try_wait").is_none() {
        peak = peak.max(resident_kib(child.id()).unwrap_or(0));
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let elapsed = start.elapsed();
    (child.wait_with_output().expect("output"), elapsed, peak)
}

fn resident_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:") || l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn run(args: &[&str]) -> Output {
    finish(command(args).spawn().expect("spawn"), LIMIT).0
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn s(path: &Path) -> &str {
    path.to_str().expect("utf-8")
}

/// The command, run as a user without root's power over permissions: as is for a normal
/// user; as `nobody` through `setpriv` under root, with `dir` handed to `nobody`. `None`
/// (the test then skips, saying why) when root has no `setpriv`.
fn unprivileged(args: &[&str], dir: &Path) -> Option<Command> {
    if rustix::process::geteuid().as_raw() != 0 {
        return Some(command(args));
    }
    let nobody = 65534;
    let setpriv = Command::new("setpriv").arg("--version").output();
    if !setpriv.is_ok_and(|o| o.status.success()) {
        println!("skipped: running as root without setpriv; run the tests as another user");
        return None;
    }
    std::os::unix::fs::chown(dir, Some(nobody), Some(nobody)).expect("chown");
    for entry in std::fs::read_dir(dir).expect("list") {
        std::os::unix::fs::lchown(entry.expect("entry").path(), Some(nobody), Some(nobody)).expect("chown");
    }
    let mut wrapped = Command::new("setpriv");
    wrapped.args(["--reuid", "65534", "--regid", "65534", "--clear-groups", env!("CARGO_BIN_EXE_qkv-tutor")]);
    wrapped.args(args).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    wrapped.env_remove("QKV_TUTOR_DATA_DIR").env_remove("QKV_TUTOR_CONFIG_DIR");
    Some(wrapped)
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").args(["-m", "600"]).arg(path).status().expect("mkfifo runs");
    assert!(status.success());
}

fn sparse_gib(path: &Path) {
    let file = std::fs::File::create(path).expect("create");
    file.set_len(1 << 30).expect("sparse");
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
}

/// Each hostile key file: how to plant it, and the words its refusal must contain.
/// What a case is called, how its file is planted, and what the refusal must say.
type Case = (&'static str, fn(&Path), &'static str);

fn hostile(limit: &'static str) -> [Case; 5] {
    [
        ("a FIFO", mkfifo, "is a FIFO"),
        ("a device", |p| std::os::unix::fs::symlink("/dev/null", p).expect("link"), "is a character device"),
        ("/dev/zero", |p| std::os::unix::fs::symlink("/dev/zero", p).expect("link"), "is a character device"),
        ("1 GiB, sparse", sparse_gib, limit),
        ("a dangling link", |p| std::os::unix::fs::symlink("nowhere", p).expect("link"), "dangling link"),
    ]
}

/// `serve` on an ephemeral loopback port: it must stop within 2 s, small, saying `expected`.
fn assert_serve_refuses(data: &Path, extra: &[&str], what: &str, expected: &str) {
    let mut args = vec!["--data-dir", s(data), "serve", "--listen", "127.0.0.1:0"];
    args.extend_from_slice(extra);
    let (out, elapsed, peak_kib) = finish(command(&args).spawn().expect("spawn"), Duration::from_secs(2));
    let err = text(&out.stderr);
    assert_ne!(out.status.code(), Some(0), "{what}: refused");
    assert!(elapsed < Duration::from_secs(2), "{what}: took {elapsed:?}");
    assert!(peak_kib < 64 * 1024, "{what}: {peak_kib} KiB resident");
    assert!(err.contains(expected), "{what}: expected {expected:?} in {err}");
}

#[test]
fn serve_names_each_hostile_host_key_quickly_and_in_little_memory() {
    for (what, plant, expected) in hostile("larger than 64 KiB") {
        let dir = tempfile::tempdir().expect("temp");
        plant(&dir.path().join("ssh_host_ed25519_key"));
        assert_serve_refuses(dir.path(), &[], what, expected);
    }
    let dir = tempfile::tempdir().expect("temp");
    let key = dir.path().join("ssh_host_ed25519_key");
    std::fs::write(&key, "garbage\n").expect("write");
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    assert_serve_refuses(dir.path(), &[], "a text file", "not a key");
}

#[test]
fn serve_names_each_hostile_authorized_keys_file_quickly_and_in_little_memory() {
    for (what, plant, expected) in hostile("larger than 1 MiB") {
        let dir = tempfile::tempdir().expect("temp");
        let keys = dir.path().join("authorized_keys");
        plant(&keys);
        assert_serve_refuses(dir.path(), &["--authorized-keys", s(&keys)], what, expected);
    }
    let dir = tempfile::tempdir().expect("temp");
    assert_serve_refuses(dir.path(), &["--authorized-keys", "/dev/zero"], "/dev/zero named", "is a character device");
}

#[test]
fn serve_with_a_data_folder_it_cannot_write_is_the_machines_failure() {
    let dir = tempfile::tempdir().expect("temp");
    let args = ["--data-dir", s(dir.path()), "serve", "--listen", "127.0.0.1:0"];
    let Some(mut serve) = unprivileged(&args, dir.path()) else { return };
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o500)).expect("chmod");
    let out = finish(serve.spawn().expect("spawn"), LIMIT).0;
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700)).expect("chmod back");
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("cannot create it"), "{}", text(&out.stderr));
}

fn seeded(dir: &Path) -> Progress {
    let mut p = Progress::default();
    p.record("shapes-q", "shapes", Grade::Good, 0, 100);
    // Twice, so the backup holds it too.
    progress::save(dir, &p).expect("saved");
    progress::save(dir, &p).expect("saved");
    p
}

#[test]
fn exporting_damaged_progress_fails_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp");
    std::fs::write(dir.path().join(progress::PROGRESS_FILE), "{broken").expect("write");
    let out_file = dir.path().join("out.json");
    let out = run(&["progress", "--data-dir", s(dir.path()), "--export", s(&out_file)]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("damaged") && err.contains("nothing was exported"), "{err}");
    assert!(!out_file.exists(), "no file written");
    assert!(!text(&out.stdout).contains("exported"));
}

#[test]
fn exporting_unreadable_progress_fails_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp");
    seeded(dir.path());
    let main = dir.path().join(progress::PROGRESS_FILE);
    let out_file = dir.path().join("out.json");
    let args = ["progress", "--data-dir", s(dir.path()), "--export", s(&out_file)];
    let Some(mut export) = unprivileged(&args, dir.path()) else { return };
    std::fs::set_permissions(&main, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let out = finish(export.spawn().expect("spawn"), LIMIT).0;
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("cannot be read") && err.contains("nothing was exported"), "{err}");
    assert!(!out_file.exists());
}

#[test]
fn progress_only_reads_renames_nothing_and_notes_on_stderr() {
    let dir = tempfile::tempdir().expect("temp");
    let saved = seeded(dir.path());
    let main = dir.path().join(progress::PROGRESS_FILE);
    std::fs::write(&main, "{broken").expect("damage");
    let out = run(&["progress", "--data-dir", s(dir.path())]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(std::fs::read(&main).expect("still there"), b"{broken", "not renamed, not restored");
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.contains("damaged")), "{names:?}");
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(!stdout.contains("note"), "stdout is the report: {stdout}");
    assert!(stderr.contains("damaged") && stderr.contains("showing the backup"), "{stderr}");
    assert!(stdout.contains("Questions seen: 1 of"), "the backup's card is shown: {stdout}");
    assert_eq!(progress::peek(&dir.path().join(progress::BACKUP_FILE)), Ok(Some(saved.clone())));
    assert!(saved.cards.contains_key("shapes-q"));
}

#[test]
fn import_and_reset_claim_a_backup_only_when_there_was_progress() {
    let import_dir = tempfile::tempdir().expect("temp");
    let import = import_dir.path().join("import.json");
    std::fs::write(&import, serde_json::to_string(&Progress::default()).expect("json")).expect("write");
    let data = tempfile::tempdir().expect("temp");
    let first = run(&["progress", "--data-dir", s(data.path()), "--import", s(&import)]);
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert!(!text(&first.stdout).contains("backup"), "nothing was there: {}", text(&first.stdout));
    let second = run(&["progress", "--data-dir", s(data.path()), "--import", s(&import)]);
    assert!(text(&second.stdout).contains("the previous progress is kept as the backup"));
    let empty = tempfile::tempdir().expect("temp");
    let reset = run(&["progress", "--data-dir", s(empty.path()), "--reset", "--yes"]);
    assert!(reset.status.success(), "{}", text(&reset.stderr));
    assert_eq!(text(&reset.stdout), "progress cleared\n");
}

#[test]
fn a_drill_dated_in_the_far_future_is_not_just_now() {
    let dir = tempfile::tempdir().expect("temp");
    let text_in = format!(
        r#"{{"format_version": 1, "drills": [{{"at": {}, "right": 1, "total": 2, "misses": ["q"]}}]}}"#,
        u64::MAX
    );
    std::fs::write(dir.path().join(progress::PROGRESS_FILE), text_in).expect("write");
    let out = run(&["progress", "--data-dir", s(dir.path())]);
    let said = text(&out.stdout);
    assert!(said.contains("Last drill: 1 of 2 right, dated in the future") && !said.contains("just now"), "{said}");
}

#[test]
fn walk_models_refuses_what_it_would_ignore() {
    for extra in [&["--scenario", "lesson"][..], &["--query", "1"], &["--scale"], &["--format", "markdown"]] {
        let mut args = vec!["walk", "--models"];
        args.extend_from_slice(extra);
        let out = run(&args);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{extra:?}: {err}");
        assert!(err.contains("does not apply to `qkv-tutor walk --models`"), "{extra:?}: {err}");
    }
    assert!(run(&["walk", "--models", "--format", "json"]).status.success());
}

#[test]
fn help_names_every_shipped_scenario() {
    let help = text(&run(&["--help"]).stdout).replace('\n', " ");
    for (name, _) in qkv_tutor::scenario::LIBRARY {
        assert!(help.contains(name), "{name} missing from --help");
    }
}

#[test]
fn notes_once_without_notes_exits_1_even_with_a_planted_future_heartbeat() {
    let runtime = tempfile::tempdir().expect("temp");
    let notes = || {
        let mut c = command(&["notes", "--once"]);
        c.env("QKV_TUTOR_RUNTIME_DIR", runtime.path());
        finish(c.spawn().expect("spawn"), LIMIT).0
    };
    let none = notes();
    assert_eq!(none.status.code(), Some(1), "{}", text(&none.stderr));
    assert!(text(&none.stdout).contains("Waiting for the presenter"));
    let me = std::process::id();
    let planted = format!(
        r#"{{"pid": {me}, "heartbeat_ms": {}, "changed_ms": 1, "notes": {{"presenting": true, "slide": 3, "slides": 20, "title": "t", "say": "s", "ask": "a", "answer": "1", "revealed": false}}}}"#,
        u64::MAX
    );
    std::fs::write(runtime.path().join(format!("presenter-{me}.json")), &planted).expect("write");
    let future = notes();
    assert_eq!(future.status.code(), Some(1), "a heartbeat from the future is not live");
    assert!(!text(&future.stdout).contains("Slide 3"), "{}", text(&future.stdout));
    let now_ms = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("clock").as_millis();
    let impossible =
        planted.replace(&u64::MAX.to_string(), &now_ms.to_string()).replace("\"slide\": 3", "\"slide\": 99");
    std::fs::write(runtime.path().join(format!("presenter-{me}.json")), impossible).expect("write");
    let out = notes();
    assert!(!text(&out.stdout).contains("Slide 99"), "slide 99 of 20 is not shown: {}", text(&out.stdout));
}
