//! The `progress` command, `check --lesson` and `--lesson`, through the real binary.

use qkv_tutor::progress::{self, Grade, Progress};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn run_with_input(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_qkv-tutor"))
        .args(args)
        .env_remove("QKV_TUTOR_DATA_DIR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write");
    child.wait_with_output().expect("wait")
}

fn run(args: &[&str]) -> Output {
    run_with_input(args, "")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn seeded(dir: &Path) {
    let mut p = Progress::default();
    p.record("shapes-q", "shapes", Grade::Good, 0, 100);
    p.record("models-vit", "models", Grade::Again, 1, 100);
    p.toggle_flag("models-vit", "models", 100);
    progress::save(dir, &p).expect("saved");
}

#[test]
fn progress_summarises_seen_due_accuracy_and_flags() {
    let dir = tempfile::tempdir().expect("temp");
    let d = dir.path().to_str().expect("utf-8");
    let empty = text(&run(&["progress", "--data-dir", d]).stdout);
    let total = qkv_tutor::lesson::Lesson::embedded().questions.len();
    assert!(
        empty.contains(&format!("Questions seen: 0 of {total}")) && empty.contains("Last drill: none yet"),
        "{empty}"
    );
    seeded(dir.path());
    let out = text(&run(&["progress", "--data-dir", d]).stdout);
    assert!(out.contains(&format!("Questions seen: 2 of {total}")), "{out}");
    let shapes = out.lines().find(|l| l.trim_start().starts_with("shapes ")).unwrap_or_default();
    let models = out.lines().find(|l| l.trim_start().starts_with("models ")).unwrap_or_default();
    assert!(shapes.ends_with(" 1 of 1 right (100%)") && models.ends_with(" 0 of 1 right (0%)"), "{out}");
    assert!(out.contains("causal-mask") && out.contains("kv-cache"), "every topic is listed: {out}");
    assert!(out.contains("Flagged questions: \n  models-vit"), "{out}");
}

#[test]
fn export_then_import_moves_progress_and_a_broken_import_changes_nothing() {
    let (from, to) = (tempfile::tempdir().expect("temp"), tempfile::tempdir().expect("temp"));
    seeded(from.path());
    let file = from.path().join("moved.json");
    let f = file.to_str().expect("utf-8");
    assert!(run(&["progress", "--data-dir", from.path().to_str().expect("utf-8"), "--export", f]).status.success());
    let broken = to.path().join("broken.json");
    std::fs::write(&broken, b"{\"format_version\": 1, \"cards\": ").expect("write");
    let t = to.path().to_str().expect("utf-8");
    let refused = run(&["progress", "--data-dir", t, "--import", broken.to_str().expect("utf-8")]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(text(&refused.stderr).contains("nothing was imported"), "{}", text(&refused.stderr));
    assert!(!to.path().join(progress::PROGRESS_FILE).exists());
    assert!(run(&["progress", "--data-dir", t, "--import", f]).status.success());
    assert_eq!(progress::load(to.path()).progress, progress::load(from.path()).progress);
}

#[test]
fn reset_asks_first_and_keeps_a_backup() {
    let dir = tempfile::tempdir().expect("temp");
    seeded(dir.path());
    let d = dir.path().to_str().expect("utf-8");
    let declined = run_with_input(&["progress", "--data-dir", d, "--reset"], "n\n");
    assert!(text(&declined.stderr).contains("Clear all quiz progress"), "it asks");
    assert!(text(&declined.stdout).contains("nothing was cleared"));
    assert_eq!(progress::load(dir.path()).progress.cards.len(), 2);
    let accepted = run_with_input(&["progress", "--data-dir", d, "--reset"], "y\n");
    assert!(text(&accepted.stdout).contains("progress cleared"), "{}", text(&accepted.stdout));
    assert!(progress::load(dir.path()).progress.cards.is_empty());
    let backup = std::fs::read(dir.path().join(progress::BACKUP_FILE)).expect("backup");
    assert_eq!(progress::parse(&backup).expect("valid").cards.len(), 2);
}

#[test]
fn check_lesson_accepts_the_shipped_lesson_and_refuses_hostile_text() {
    let lessons = Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons/qkv-projections.json");
    let out = run(&["check", "--lesson", lessons.to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let total = qkv_tutor::lesson::Lesson::embedded().questions.len();
    let across = qkv_tutor::lesson::Lesson::embedded().steps.keys().filter(|k| k.starts_with("cross_")).count();
    assert!(across > 0, "the shipped lesson words its cross-attention steps");
    let counts = format!("fine: 10 steps ({across} with cross-attention words), {total} questions, 3 challenges");
    assert!(stdout.contains(&counts), "{stdout}");
    assert!(stdout.contains("Questions by topic") && stdout.contains("Questions by form"), "{stdout}");
    assert!(stdout.contains("The correct option is the longest in") && !stdout.contains("WARNING"), "{stdout}");
    let dir = tempfile::tempdir().expect("temp");
    let original = std::fs::read_to_string(&lessons).expect("read");
    let cases = [
        ("title", original.replace("Three jobs for one token", "\\u001b]0;pwned\\u0007 title"), "steps.roles.title"),
        ("clipboard", original.replace("Shapes come first", "\\u001b]52;c;ZXZpbA==\\u0007"), "steps.shapes.title"),
        ("clear", original.replace("Where this leads", "\\u001b[2J\\u001b[H"), "steps.ideas.title"),
        ("long", original.replacen("Exam rule\"", &format!("{}\"", "x".repeat(90)), 1), "is 90 characters long"),
        (
            "bad field",
            original.replacen("\"format_version\": 1", "\"format_version\": 1, \"extra\": 3", 1),
            "unknown field",
        ),
    ];
    for (label, content, expected) in cases {
        let path = dir.path().join(format!("{label}.json"));
        std::fs::write(&path, content).expect("write");
        let p = path.to_str().expect("utf-8");
        for args in [vec!["check", "--lesson", p], vec!["--lesson", p]] {
            let out = run(&args);
            let err = text(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{label}: {err}");
            assert!(err.contains(expected), "{label}: expected {expected} in {err}");
            assert!(
                !err.contains('\u{1b}') && !out.stdout.contains(&0x1b),
                "{label}: nothing raw reaches the terminal"
            );
        }
    }
}

#[test]
fn check_lesson_warns_when_the_longest_option_is_usually_right() {
    let lessons = Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons/qkv-projections.json");
    let mut value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&lessons).expect("read")).expect("json");
    for q in value["questions"].as_array_mut().expect("questions") {
        for o in q.get_mut("options").and_then(serde_json::Value::as_array_mut).into_iter().flatten() {
            if o["correct"] == true {
                let longer = format!("{} {}", o["text"].as_str().expect("text"), "(padded) ".repeat(12));
                o["text"] = longer.into();
            }
        }
    }
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("long.json");
    std::fs::write(&path, serde_json::to_string(&value).expect("text")).expect("write");
    let out = run(&["check", "--lesson", path.to_str().expect("utf-8")]);
    assert!(out.status.success(), "a warning, not a refusal: {}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("(100%)") && stdout.contains("WARNING: above 35%"), "{stdout}");
}
