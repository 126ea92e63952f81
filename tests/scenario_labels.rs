//! Labels in scenario files: validated with the field named, kept by save and load, shown
//! by `walk --json`, and the shipped `meaning` scenario reads as it claims.

use qkv_tutor::engine::Attention;
use qkv_tutor::scenario::{self, Labels, Scenario};
use std::process::Command;

const BASE: &str = r#""tokens": [[1, 2, 1, 1], [1, 0, 2, 1]],
  "w_q": [[1, 0], [0, 1], [1, 1], [0, 1]],
  "w_k": [[1, 1], [1, 0], [0, 1], [1, -1]],
  "w_v": [[0, 1], [1, 0], [1, 1], [1, 0]]"#;

fn with(extra: &str) -> String {
    format!("{{ {BASE}, {extra} }}")
}

fn refusal(extra: &str) -> String {
    scenario::parse(&with(extra), "mine.json").expect_err("refused").to_string()
}

#[test]
fn labels_parse_when_they_fit() {
    let s = scenario::parse(
        &with(r#""token_labels": ["the", "cat"], "dim_labels": ["a", "b", "c", "d"], "head_labels": ["x", "y"]"#),
        "ok",
    )
    .expect("valid");
    assert_eq!(s.labels.tokens, ["the", "cat"]);
    assert_eq!(s.labels.dims.len(), 4);
    assert_eq!(s.labels.head(1), Some("y"));
}

#[test]
fn a_wrong_count_is_refused_with_the_field() {
    let message = refusal(r#""token_labels": ["only one"]"#);
    assert!(message.starts_with("mine.json: token_labels: has 1 labels but there are 2 tokens"), "{message}");
    let message = refusal(r#""dim_labels": ["a", "b", "c"]"#);
    assert!(message.contains("dim_labels: has 3 labels but there are 4"), "{message}");
    let message = refusal(r#""head_labels": ["a", "b", "c"]"#);
    assert!(message.contains("head_labels:") && message.contains("d_k"), "{message}");
}

#[test]
fn a_long_label_is_refused_and_sixteen_characters_are_fine() {
    let sixteen = "a".repeat(16);
    assert!(scenario::parse(&with(&format!(r#""token_labels": ["{sixteen}", "ü"]"#)), "ok").is_ok());
    let message = refusal(&format!(r#""token_labels": ["x", "{}"]"#, "b".repeat(17)));
    assert!(message.contains("token_labels[1]: has 17 characters; a label may have at most 16"), "{message}");
    let message = refusal(r#""token_labels": ["x", "  "]"#);
    assert!(message.contains("token_labels[1]: is empty"), "{message}");
}

#[test]
fn control_escape_and_direction_characters_are_refused_and_never_echoed_raw() {
    for (label, shown) in [(r"\u001b[2J", "^["), (r"a\u0007", "^G"), (r"\u202Eevil", "\\u{202E}"), (r"tab\there", "^I")]
    {
        let message = refusal(&format!(r#""dim_labels": ["ok", "{label}", "c", "d"]"#));
        assert!(message.contains("dim_labels[1]: holds the control or direction character"), "{message}");
        assert!(message.contains(shown), "{label}: {message}");
        assert!(!message.chars().any(qkv_tutor::sanitize::is_dangerous), "{message:?}");
    }
}

#[test]
fn labels_round_trip_through_save_and_load() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("labelled.json");
    let mut original = Scenario::lesson();
    original.labels = Labels {
        tokens: vec!["the".into(), "cat".into()],
        dims: vec!["noun".into(), "furry".into(), "animal".into(), "action".into()],
        heads: vec!["describing".into(), "doer".into()],
    };
    scenario::save(&path, &original).expect("saved");
    assert_eq!(scenario::load(&path).expect("loads"), original);
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains("\"token_labels\"") && text.contains("\"head_labels\""), "{text}");
    let plain = Scenario::lesson();
    assert!(!scenario::to_json(&plain).contains("labels"), "no labels, no empty lists written");
}

#[test]
fn walk_json_shows_token_and_dim_labels() {
    let out = Command::new(env!("CARGO_BIN_EXE_qkv-tutor"))
        .args(["walk", "--scenario", "meaning", "--json"])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let shipped = scenario::shipped("meaning").expect("shipped").expect("valid");
    assert_eq!(json["token_labels"], serde_json::json!(shipped.labels.tokens));
    assert_eq!(json["dim_labels"], serde_json::json!(shipped.labels.dims));
    assert_eq!(json["head_labels"], serde_json::json!(shipped.labels.heads));
    let lesson = Command::new(env!("CARGO_BIN_EXE_qkv-tutor")).args(["walk", "--json"]).output().expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&lesson.stdout).expect("json");
    assert!(json.get("token_labels").is_none(), "the lesson has no labels");
}

#[test]
fn meaning_cats_query_scores_furry_highest() {
    let s = scenario::shipped("meaning").expect("shipped").expect("valid");
    let a = Attention::compute(s.input.clone()).expect("fits");
    let cat = s.labels.tokens.iter().position(|t| t == "cat").expect("a cat");
    let furry = s.labels.tokens.iter().position(|t| t == "furry").expect("furry");
    assert_eq!(s.query_index(), cat, "the scenario follows cat");
    assert_eq!(qkv_tutor::engine::top_key(&a, cat), Some(furry));
    let reason = qkv_tutor::engine::explain_score(&a, cat, furry);
    let lead = reason.leading(1)[0];
    assert_eq!(s.labels.head(lead.column), Some("describing"), "the describing column carries it");
    assert!(a.weights[(cat, furry)] > 0.5, "most of cat's attention: {}", a.weights);
    let sat = s.labels.tokens.iter().position(|t| t == "sat").expect("sat");
    assert_eq!(qkv_tutor::engine::top_key(&a, sat), Some(cat), "the verb's query finds its doer");
}
