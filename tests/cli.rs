//! The real binary, end to end: walk text, walk JSON, check, and every class of bad input.

mod common;

use common::{assert_rows_close, fixture_names, fixtures_dir, rows};
use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qkv-tutor")).args(args).output().expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn walk_prints_expansions_and_the_picture() {
    let out = run(&["walk"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    for expected in [
        "X [2×4] · W_Q [4×2] → Q [2×2]",
        "q2 entry 2: 1·0 + 0·1 + 2·1 + 1·1 = 3",
        "q2·k1 = 3·4 + 3·1 = 15",
        "q2·k2 = 3·2 + 3·2 = 12",
        "weights = [0.952574, 0.047426]",
        "c2 = [3.952574, 2.047426]",
        "compare with k1 -> score 15",
        "compare with k2 -> score 12",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
}

#[test]
fn walk_query_follows_the_chosen_token() {
    let text = stdout(&run(&["walk", "--query", "1"]));
    assert!(text.contains("q1·k2 = 2·2 + 4·2 = 12"), "{text}");
    assert!(text.contains("query from token 1"), "{text}");
}

#[test]
fn walk_causal_draws_masked_keys_as_masked() {
    let text = stdout(&run(&["walk", "--causal", "--query", "1"]));
    assert!(text.contains("compare with k2 -> masked"), "{text}");
    assert!(!text.contains("compare with k2 -> score"), "{text}");
}

#[test]
fn walk_json_reproduces_every_fixture() {
    for name in fixture_names() {
        let path = fixtures_dir().join(format!("{name}.scenario.json"));
        let out = run(&["walk", "--json", "--scenario", path.to_str().expect("utf-8 path")]);
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        let actual: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
        let text = std::fs::read_to_string(fixtures_dir().join(format!("{name}.expected.json"))).expect("read");
        let expected: serde_json::Value = serde_json::from_str(&text).expect("json");
        for field in ["q", "k", "v", "scores", "weights", "context"] {
            assert_rows_close(&format!("{name}.{field}"), &rows(&actual[field]), &rows(&expected[field]));
        }
    }
}

#[test]
fn check_accepts_a_good_file() {
    let path = fixtures_dir().join("three-tokens.scenario.json");
    let out = run(&["check", path.to_str().expect("utf-8")]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("fine: 3 tokens, D = 4, d_k = 3, d_v = 2"), "{}", stdout(&out));
}

const LESSON_W: &str =
    r#""w_q": [[1,0],[0,1],[1,1],[0,1]], "w_k": [[1,1],[1,0],[0,1],[1,-1]], "w_v": [[0,1],[1,0],[1,1],[1,0]]"#;

fn with_tokens(tokens: &str) -> String {
    format!(r#"{{"tokens": {tokens}, {LESSON_W}}}"#)
}

fn bad_cases() -> Vec<(&'static str, String, &'static str)> {
    let big_row = format!("[[{}]]", vec!["1"; 65].join(","));
    let many = format!("[{}]", vec!["[1,2,1,1]"; 17].join(","));
    vec![
        ("bad json", "{\"tokens\": [[1,2,\n".into(), ":2:"),
        ("not an object", "[1, 2]".into(), "JSON object"),
        ("missing field", r#"{"tokens": [[1,2,1,1]]}"#.into(), "missing field `w_q`"),
        (
            "unknown field",
            with_tokens("[[1,2,1,1]]").replace("{\"tokens\"", "{\"tokenz\": 1, \"tokens\""),
            "unknown field `tokenz`",
        ),
        ("ragged rows", with_tokens("[[1,2,1,1],[1,0,2]]"), "tokens[1]: has 3 numbers"),
        ("w rows not D", with_tokens("[[1,2,1]]"), "w_q: has 4 rows but each token has 3"),
        (
            "q and k widths",
            r#"{"tokens": [[1]], "w_q": [[1,2]], "w_k": [[1]], "w_v": [[1]]}"#.to_string(),
            "w_k: is 1 column wide but w_q is 2",
        ),
        ("empty tokens", with_tokens("[]"), "tokens: is empty"),
        ("empty row", with_tokens("[[]]"), "tokens[0]: is empty"),
        ("NaN string", with_tokens(r#"[[1,"NaN",1,1]]"#), "tokens[0][1]: invalid type: string \"NaN\""),
        ("Infinity string", with_tokens(r#"[["Infinity",2,1,1]]"#), "tokens[0][0]: invalid type: string \"Infinity\""),
        ("out of f64 range", with_tokens("[[1e400,2,1,1]]"), "number out of range"),
        ("beyond 1e6", with_tokens("[[1,2000000,1,1]]"), "tokens[0][1]: 2000000 is beyond"),
        ("17 tokens", with_tokens(&many), "tokens: has 17 rows; at most 16"),
        ("65 wide", with_tokens(&big_row), "tokens[0]: has 65 numbers; at most 64"),
        ("query zero", with_tokens("[[1,2,1,1]]").replace('}', r#", "query": 0}"#), "query: 0 is out of range"),
        ("query too big", with_tokens("[[1,2,1,1]]").replace('}', r#", "query": 2}"#), "query: 2 is out of range"),
    ]
}

#[test]
fn every_bad_scenario_exits_2_and_names_the_problem() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (label, content, expected) in bad_cases() {
        let path = dir.path().join(format!("{}.json", label.replace(' ', "-")));
        std::fs::write(&path, content).expect("write");
        for args in [vec!["walk", "--scenario"], vec!["check"]] {
            let mut args = args.clone();
            args.push(path.to_str().expect("utf-8"));
            let out = run(&args);
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(2), "{label}: {err}");
            assert!(err.contains(expected), "{label}: expected {expected:?} in {err}");
            assert!(
                err.contains(path.file_name().and_then(|n| n.to_str()).expect("name")),
                "{label}: names the file: {err}"
            );
            assert!(!err.contains("panicked") && !err.contains("RUST_BACKTRACE"), "{label}: {err}");
        }
    }
}

#[test]
fn syntax_errors_give_line_and_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("broken.json");
    std::fs::write(&path, "{\n  \"tokens\": [[1, 2,, 1]]\n}").expect("write");
    let err = stderr(&run(&["check", path.to_str().expect("utf-8")]));
    assert!(err.contains("broken.json:2:"), "{err}");
}

#[test]
fn oversized_missing_and_unreadable_files_exit_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let huge = dir.path().join("huge.json");
    std::fs::write(&huge, " ".repeat(1024 * 1024 + 10)).expect("write");
    let cases = [
        (huge.clone(), "at most 1048576 bytes"),
        (dir.path().join("absent.json"), "cannot read the file"),
        (dir.path().to_path_buf(), "cannot read the file"),
    ];
    for (path, expected) in cases {
        let out = run(&["walk", "--scenario", path.to_str().expect("utf-8")]);
        assert_eq!(out.status.code(), Some(2));
        assert!(stderr(&out).contains(expected), "{}", stderr(&out));
    }
}

#[test]
fn an_escape_in_a_file_name_is_shown_escaped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("evil\u{1b}]0;pwned\u{7}.json");
    let out = run(&["check", path.to_str().expect("utf-8")]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2));
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    assert!(err.contains("evil^[]0;pwned^G.json"), "{err}");
}

#[test]
fn bad_query_flag_and_bad_usage_exit_2() {
    let out = run(&["walk", "--query", "3"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--query 3 is out of range"));
    assert_eq!(run(&["walk", "--query", "x"]).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn help_and_version_work() {
    let help = run(&["--help"]);
    assert!(help.status.success());
    assert!(stdout(&help).contains("walk"));
    let version = stdout(&run(&["--version"]));
    assert!(version.contains(env!("CARGO_PKG_VERSION")), "{version}");
}

#[test]
fn shipped_scenarios_load() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/scenarios");
    let out = run(&["walk", "--scenario", dir.join("exercise.json").to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("x1 = [1, 2, 1, 0]"));
}

#[test]
fn the_tutor_reports_a_bad_scenario_before_taking_the_screen() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bad.json");
    std::fs::write(&path, "{\"tokens\": [[1, \"NaN\"]]}").expect("write");
    let out = run(&["--scenario", path.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("bad.json:1:") && stderr(&out).contains("tokens[0][1]"), "{}", stderr(&out));
    assert!(!stdout(&out).contains("\u{1b}[?1049h"), "the alternate screen was never entered");
}

#[test]
fn the_tutor_without_a_terminal_says_so() {
    let out = run(&[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("needs a terminal"), "{}", stderr(&out));
}

fn walk_json(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["walk", "--json"];
    all.extend_from_slice(args);
    let out = run(&all);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("valid JSON")
}

#[test]
fn walk_heads_text_and_json() {
    let text = stdout(&run(&["walk", "--heads", "2"]));
    assert!(
        text.contains("Head 1") && text.contains("Head 2") && text.contains("Concatenated context for token 2"),
        "{text}"
    );
    let json = walk_json(&["--heads", "2"]);
    assert_eq!(json["heads"].as_array().map(Vec::len), Some(2));
    assert_eq!(rows(&json["concatenated"]).len(), 2);
    let bad = run(&["walk", "--heads", "3"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("3 heads cannot split d_k = 2"), "{}", stderr(&bad));
}

#[test]
fn walk_fused_text_and_json() {
    let text = stdout(&run(&["walk", "--fused"]));
    assert!(text.contains("4×6") && text.contains("Equal to the three separate projections: yes"), "{text}");
    let json = walk_json(&["--fused"]);
    assert_eq!(json["equals_separate"], serde_json::Value::Bool(true));
    assert_eq!(rows(&json["q"]), vec![vec![2.0, 4.0], vec![3.0, 3.0]]);
}

#[test]
fn walk_decode_text_and_json() {
    let text = stdout(&run(&["walk", "--decode"]));
    assert!(text.contains("Step 2: only x2 is projected") && text.contains("16 saved"), "{text}");
    let json = walk_json(&["--decode"]);
    let steps = json["steps"].as_array().expect("steps");
    assert_eq!(steps.len(), 2);
    assert_eq!(steps[1]["scores"], serde_json::json!([15.0, 12.0]));
}

#[test]
fn walk_bug_text_and_json_for_every_bug() {
    let expectations = [
        ("shapes", "cannot multiply X [2×4] by W_Q (d_head×d_k) [2×2]"),
        ("no-transpose", "scores with the bug: [16, 10] [18, 9]"),
        ("shared-weights", "q = k = v"),
        ("heads-before-projection", "X head 1 [2×2] by W_Q [4×2]"),
        ("values-match", "not one weight did"),
    ];
    for (name, expected) in expectations {
        let text = stdout(&run(&["walk", "--bug", name]));
        assert!(text.contains(expected), "{name}: {text}");
        let json = walk_json(&["--bug", name]);
        assert_eq!(json["bug"], serde_json::Value::String(name.into()));
        assert!(json["correct_scores"].is_array(), "{name}");
    }
    assert_eq!(run(&["walk", "--bug", "nope"]).status.code(), Some(2));
    assert_eq!(run(&["walk", "--fused", "--decode"]).status.code(), Some(2), "one Lab view at a time");
}
