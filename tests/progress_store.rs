//! Progress on disk: round trips, damaged files moved aside byte for byte, backups restored,
//! interrupted saves, and a folder that cannot be written.
#![cfg(unix)]

use qkv_tutor::progress::{self, BACKUP_FILE, Grade, PROGRESS_FILE, Progress};
use std::path::Path;

const NOW: u64 = 1_800_000_000;

fn sample() -> Progress {
    let mut p = Progress::default();
    p.record("recall-shapes", "recall", Grade::Good, 1, NOW);
    p.record("numeric-score", "numeric", Grade::Again, 0, NOW);
    p.toggle_flag("models-vit", "models", NOW);
    p.record_challenge("challenge-equal-scores", 2);
    p
}

fn damaged_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found: Vec<_> = std::fs::read_dir(dir)
        .expect("list")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().contains(".damaged-"))
        .collect();
    found.sort();
    found
}

#[test]
fn progress_round_trips() {
    let dir = tempfile::tempdir().expect("temp");
    progress::save(dir.path(), &sample()).expect("saved");
    let report = progress::load(dir.path());
    assert_eq!(report.progress, sample());
    assert!(report.notices.is_empty());
}

#[test]
fn a_second_save_keeps_the_first_as_backup() {
    let dir = tempfile::tempdir().expect("temp");
    progress::save(dir.path(), &Progress::default()).expect("first");
    progress::save(dir.path(), &sample()).expect("second");
    let backup = std::fs::read(dir.path().join(BACKUP_FILE)).expect("backup exists");
    assert_eq!(progress::parse(&backup).expect("valid"), Progress::default());
}

#[test]
fn damaged_files_are_moved_aside_byte_for_byte_and_the_backup_restored() {
    let future = br#"{"format_version": 99, "cards": {}}"#.to_vec();
    let wrong_types = br#"{"format_version": 1, "cards": {"a": {"box": "one"}}}"#.to_vec();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("truncated", b"{\"format_version\": 1, \"cards\": {".to_vec()),
        ("invalid utf-8", vec![b'{', 0xff, 0xfe, b'}']),
        ("wrong types", wrong_types),
        ("future version", future),
    ];
    for (label, bytes) in cases {
        let dir = tempfile::tempdir().expect("temp");
        progress::save(dir.path(), &Progress::default()).expect("first save");
        progress::save(dir.path(), &sample()).expect("second save makes the backup");
        std::fs::write(dir.path().join(PROGRESS_FILE), &bytes).expect("damage");
        let report = progress::load(dir.path());
        let moved = damaged_files(dir.path());
        assert_eq!(moved.len(), 1, "{label}: moved aside");
        assert_eq!(std::fs::read(&moved[0]).expect("read"), bytes, "{label}: byte for byte");
        assert_eq!(report.progress, Progress::default(), "{label}: the backup (the first save) is restored");
        let said = report.notices.join(" | ");
        assert!(said.contains("damaged") && said.contains("restored"), "{label}: {said}");
        let main = std::fs::read(dir.path().join(PROGRESS_FILE)).expect("main restored");
        assert!(progress::parse(&main).is_ok(), "{label}: the main file is good again");
    }
}

#[test]
fn with_no_backup_a_damaged_file_means_a_fresh_start_not_a_crash() {
    let dir = tempfile::tempdir().expect("temp");
    std::fs::write(dir.path().join(PROGRESS_FILE), b"not json").expect("write");
    let report = progress::load(dir.path());
    assert_eq!(report.progress, Progress::default());
    assert!(report.notices.iter().any(|n| n.contains("fresh")), "{:?}", report.notices);
    assert_eq!(damaged_files(dir.path()).len(), 1);
}

#[test]
fn a_leftover_temporary_file_does_not_hide_the_last_good_progress() {
    let dir = tempfile::tempdir().expect("temp");
    progress::save(dir.path(), &sample()).expect("saved");
    std::fs::write(dir.path().join(".progress.json.12345.tmp"), b"{\"format_ver").expect("torn temp");
    assert_eq!(progress::load(dir.path()).progress, sample());
    progress::save(dir.path(), &Progress::default()).expect("a later save still works");
}

/// Root ignores permission bits, so the folder is also made immutable where that works.
fn make_read_only(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    let probe = dir.join("probe");
    if std::fs::write(&probe, b"x").is_err() {
        return true;
    }
    let _ = std::fs::remove_file(&probe);
    let status = std::process::Command::new("chattr").arg("+i").arg(dir).status();
    status.is_ok_and(|s| s.success()) && std::fs::write(&probe, b"x").is_err()
}

fn make_writable(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::process::Command::new("chattr").arg("-i").arg(dir).status();
    let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755));
}

#[test]
fn a_save_into_a_read_only_folder_reports_and_leaves_the_old_file() {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("temp");
    progress::save(dir.path(), &sample()).expect("saved");
    let before = std::fs::read(dir.path().join(PROGRESS_FILE)).expect("read");
    assert!(make_read_only(dir.path()), "this machine cannot make a read-only folder for the test");
    let result = progress::save(dir.path(), &Progress::default());
    make_writable(dir.path());
    let error = result.expect_err("read-only").to_string();
    assert!(error.contains("cannot save progress"), "{error}");
    assert_eq!(std::fs::read(dir.path().join(PROGRESS_FILE)).expect("read"), before);
}

#[test]
fn an_unreadable_progress_file_is_never_replaced_not_even_by_the_backup() {
    let dir = tempfile::tempdir().expect("temp");
    progress::save(dir.path(), &Progress::default()).expect("first");
    progress::save(dir.path(), &sample()).expect("second, so a backup exists");
    let main = dir.path().join(PROGRESS_FILE);
    std::fs::remove_file(&main).expect("remove");
    // A link to itself cannot be opened (ELOOP), for root too: a file that exists but
    // cannot be read, like one without read permission.
    std::os::unix::fs::symlink(PROGRESS_FILE, &main).expect("link");
    let report = progress::load(dir.path());
    assert_eq!(report.progress, Progress::default(), "the backup is used in memory");
    let said = report.notices.join(" | ");
    assert!(said.contains("cannot be read") && said.contains("will not be saved"), "{said}");
    assert!(std::fs::symlink_metadata(&main).expect("still there").file_type().is_symlink(), "untouched");
    let reason = progress::saving_disabled(dir.path()).expect("saving is disabled");
    assert!(reason.contains("cannot be read"), "{reason}");
    let error = progress::save(dir.path(), &sample()).expect_err("refused").to_string();
    assert!(error.contains("saving is disabled"), "{error}");
    assert!(std::fs::symlink_metadata(&main).expect("still there").file_type().is_symlink(), "still untouched");
}

#[test]
fn a_symlinked_progress_file_stays_a_link_to_the_saved_file() {
    let dir = tempfile::tempdir().expect("temp");
    let dotfiles = dir.path().join("dotfiles");
    std::fs::create_dir(&dotfiles).expect("mkdir");
    let data = dir.path().join("data");
    std::fs::create_dir(&data).expect("mkdir");
    std::os::unix::fs::symlink(dotfiles.join("progress.json"), data.join(PROGRESS_FILE)).expect("link");
    progress::save(&data, &Progress::default()).expect("first");
    progress::save(&data, &sample()).expect("second");
    assert!(std::fs::symlink_metadata(data.join(PROGRESS_FILE)).expect("meta").file_type().is_symlink());
    let saved = std::fs::read(dotfiles.join("progress.json")).expect("the target holds it");
    assert_eq!(progress::parse(&saved).expect("valid"), sample());
    assert_eq!(progress::load(&data).progress, sample());
}

#[test]
fn drills_and_counters_that_cannot_be_true_make_the_file_damaged() {
    let cases = [
        (r#"{"format_version": 1, "drills": [{"at": 1, "right": 5, "total": 2, "misses": []}]}"#, "drills[0].right"),
        (
            r#"{"format_version": 1, "drills": [{"at": 1, "right": 0, "total": 1, "misses": ["a", "b"]}]}"#,
            "drills[0].misses",
        ),
        (
            r#"{"format_version": 1, "cards": {"q": {"box": 7, "due": 0, "seen": 1, "right": 1, "wrong": 0, "hints": 0, "topic": "recall", "last": 0}}}"#,
            "box",
        ),
        (r#"{"format_version": 1} {"format_version": 1}"#, "after the end"),
    ];
    for (text, expected) in cases {
        let error = progress::parse(text.as_bytes()).expect_err("refused").to_string();
        assert!(error.contains(expected), "expected {expected:?} in {error}");
    }
}
