//! The conventions of a command-line tool, through the real binary (issue 15): completions,
//! the manual page, environment variables in `--help`, flags a command would ignore refused,
//! and one exit status per kind of failure.

use std::path::Path;
use std::process::{Command, Output};

fn run_env(args: &[&str], envs: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_qkv-tutor"));
    command.args(args).env_remove("QKV_TUTOR_DATA_DIR").env_remove("QKV_TUTOR_CONFIG_DIR");
    for (k, v) in envs {
        command.env(k, v);
    }
    command.output().expect("the binary runs")
}

fn run(args: &[&str]) -> Output {
    run_env(args, &[])
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn available(tool: &str) -> bool {
    Command::new("sh").args(["-c", &format!("command -v {tool}")]).output().is_ok_and(|o| o.status.success())
}

#[test]
fn the_bash_completion_script_is_valid_bash_and_completes_the_commands() {
    let out = run(&["completions", "bash"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let script = text(&out.stdout);
    for word in ["walk", "check", "progress", "notes", "serve", "completions", "--data-dir"] {
        assert!(script.contains(word), "the script completes {word}");
    }
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("qkv-tutor.bash");
    std::fs::write(&file, &out.stdout).expect("write");
    let checked = Command::new("bash").arg("-n").arg(&file).output().expect("bash runs");
    assert!(checked.status.success(), "bash -n refused it: {}", text(&checked.stderr));
}

#[test]
fn every_shell_gets_its_own_kind_of_script() {
    let expected = [
        ("zsh", "#compdef qkv-tutor"),
        ("fish", "complete -c qkv-tutor"),
        ("elvish", "edit:completion:arg-completer[qkv-tutor]"),
        ("powershell", "Register-ArgumentCompleter"),
    ];
    for (shell, marker) in expected {
        let out = run(&["completions", shell]);
        assert!(out.status.success(), "{shell}: {}", text(&out.stderr));
        assert!(text(&out.stdout).contains(marker), "{shell}: no {marker:?}");
    }
    let bad = run(&["completions", "tcsh"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn the_manual_page_parses_and_has_its_sections() {
    let out = run(&["man"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let page = text(&out.stdout);
    assert!(
        page.starts_with(".ie") || page.contains(".TH qkv-tutor 1"),
        "a roff page: {}",
        &page[..80.min(page.len())]
    );
    for section in ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "SUBCOMMANDS"] {
        assert!(page.contains(&format!(".SH {section}")), "no {section} section");
    }
    if !available("man") {
        println!("note: `man` is not installed; the page was checked for its sections only");
        return;
    }
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("qkv-tutor.1");
    std::fs::write(&file, &out.stdout).expect("write");
    let shown = Command::new("man").arg("--warnings").arg("-l").arg(&file).env("MANWIDTH", "80").output().expect("man");
    assert!(shown.status.success(), "{}", text(&shown.stderr));
    assert!(text(&shown.stderr).trim().is_empty(), "groff warnings: {}", text(&shown.stderr));
    let rendered = text(&shown.stdout);
    assert!(rendered.contains("SYNOPSIS") && rendered.contains("--data-dir"), "{rendered}");
}

#[test]
fn help_names_every_environment_variable() {
    let help = text(&run(&["--help"]).stdout);
    for variable in ["QKV_TUTOR_DATA_DIR", "QKV_TUTOR_CONFIG_DIR", "QKV_TUTOR_RUNTIME_DIR", "NO_COLOR"] {
        assert!(help.contains(variable), "--help does not mention {variable}");
    }
    assert!(help.contains("[env: QKV_TUTOR_DATA_DIR]"), "clap shows the data folder's variable: {help}");
}

#[test]
fn flags_a_command_would_ignore_are_refused() {
    let scenario = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/scenarios/lesson.json");
    let scenario = scenario.to_str().expect("utf-8");
    let cases: Vec<Vec<&str>> = vec![
        vec!["check", scenario, "--scale"],
        vec!["check", scenario, "--scenario", scenario],
        vec!["--causal", "progress"],
        vec!["progress", "--scenario", "lesson"],
        vec!["notes", "--once", "--scale"],
        vec!["notes", "--once", "--data-dir", "/tmp"],
        vec!["completions", "bash", "--causal"],
        vec!["man", "--scenario", "lesson"],
        vec!["--theme", "light", "walk"],
        vec!["--present", "check", scenario],
        vec!["walk", "--config-dir", "/tmp"],
    ];
    for args in cases {
        let out = run(&args);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("does not apply to `qkv-tutor"), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?} did nothing");
    }
    let from_env = run_env(&["walk", "--json"], &[("QKV_TUTOR_DATA_DIR", "/nonexistent")]);
    assert!(from_env.status.success(), "a variable is not a flag: {}", text(&from_env.stderr));
    let lesson = Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons/qkv-projections.json");
    let both = run(&["check", scenario, "--lesson", lesson.to_str().expect("utf-8")]);
    assert_eq!(both.status.code(), Some(2), "one file to check, not two: {}", text(&both.stderr));
    let empty = run(&["--data-dir", "", "progress"]);
    assert_eq!(empty.status.code(), Some(2), "an empty --data-dir is refused");
}

#[test]
fn walk_formats_json_alias_and_markdown_with_a_lab_view() {
    for lab in [vec!["--heads", "2"], vec!["--fused"], vec!["--decode"], vec!["--bug", "shapes"]] {
        let mut args = vec!["walk", "--format", "markdown"];
        args.extend(&lab);
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(text(&out.stderr).contains("print text or json"), "{args:?}: {}", text(&out.stderr));
        let mut json = vec!["walk", "--json"];
        json.extend(&lab);
        let mut format = vec!["walk", "--format", "json"];
        format.extend(&lab);
        assert_eq!(run(&json).stdout, run(&format).stdout, "{lab:?}: --json is --format json");
    }
    assert_eq!(run(&["walk", "--json"]).stdout, run(&["walk", "--format", "json"]).stdout);
    assert_eq!(run(&["walk", "--json", "--format", "json"]).stdout, run(&["walk", "--json"]).stdout);
    let both = run(&["walk", "--json", "--format", "markdown"]);
    assert_eq!(both.status.code(), Some(2), "two formats at once");
}

/// One run per kind of failure. Signals (128 + N) are checked where they are sent:
/// `tests/pty.rs` (SIGINT 130, SIGQUIT 131, SIGTERM 143, SIGHUP 129 from the tutor) and
/// `tests/serve_ssh.rs` (143 and 130 from `serve`).
#[test]
fn exit_statuses_usage_and_bad_input_2_runtime_1() {
    let usage = run(&["walk", "--frobnicate"]);
    assert_eq!(usage.status.code(), Some(2), "a bad flag: {}", text(&usage.stderr));
    let dir = tempfile::tempdir().expect("temp");
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, br#"{"tokens": [[1, 2]], "w_q": [[1]], "w_k": [[1]], "w_v": "x"}"#).expect("write");
    let input = run(&["walk", "--scenario", bad.to_str().expect("utf-8")]);
    assert_eq!(input.status.code(), Some(2), "a malformed scenario: {}", text(&input.stderr));
    assert!(text(&input.stderr).contains("bad.json"), "{}", text(&input.stderr));
    let data = dir.path().join("data");
    let nowhere = dir.path().join("no-such-folder").join("progress.json");
    let export =
        run(&["progress", "--data-dir", data.to_str().expect("utf-8"), "--export", nowhere.to_str().expect("utf-8")]);
    assert_eq!(export.status.code(), Some(1), "a write that failed: {}", text(&export.stderr));
    assert!(text(&export.stderr).contains("no-such-folder"), "it says where: {}", text(&export.stderr));
    assert!(!nowhere.exists());
}
