#![allow(clippy::float_cmp, reason = "masked weights are exactly zero and the lesson scores exact integers")]

//! Every shipped scenario loads, validates and shows the property its description claims.

use qkv_tutor::engine::{Attention, bugs};
use qkv_tutor::scenario::{self, LIBRARY};
use std::path::Path;

fn attention(name: &str) -> (scenario::Scenario, Attention) {
    let s = scenario::shipped(name).expect("shipped").expect("valid");
    (s.clone(), Attention::compute(s.input).expect("fits"))
}

#[test]
fn every_shipped_scenario_loads_from_its_file_too() {
    for (name, text) in LIBRARY {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/scenarios").join(format!("{name}.json"));
        assert_eq!(std::fs::read_to_string(&path).expect("the file exists"), text, "{name}: compiled copy matches");
        let s = scenario::load(&path).expect("valid");
        assert!(s.description.as_deref().is_some_and(|d| !d.is_empty()), "{name} has a description");
    }
}

#[test]
fn each_scenario_shows_what_it_claims() {
    let (_, a) = attention("shared-matrix");
    assert!(a.q == a.k && a.k == a.v, "q = k = v");
    let (_, a) = attention("transpose-trap");
    assert_eq!(a.tokens(), a.key_width(), "T = d_k");
    let wrong = bugs::missing_transpose(&a).expect("Q·K multiplies silently");
    assert_ne!(wrong, a.scores, "and gives wrong scores");
    let (_, a) = attention("saturated-softmax");
    let last = a.tokens() - 1;
    assert!(a.weights.row(last).iter().any(|w| *w > 0.999), "{}", a.weights);
    let (s, a) = attention("four-tokens-causal");
    assert!(s.input.causal && a.tokens() == 4);
    assert!((0..4).all(|r| (r + 1..4).all(|c| a.weights[(r, c)] == 0.0)), "future weights are 0");
    let (s, _) = attention("decimals-scaled");
    assert!(s.input.scale && s.input.x.iter().any(|v| v.fract() != 0.0), "decimals and scaling");
    let (_, a) = attention("exercise");
    assert_eq!(a.input.x.row(0).iter().copied().collect::<Vec<_>>(), [1.0, 2.0, 1.0, 0.0]);
    let (_, a) = attention("lesson");
    assert_eq!((a.scores[(1, 0)], a.scores[(1, 1)]), (15.0, 12.0));
}

#[test]
fn walk_accepts_a_shipped_name() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_qkv-tutor"))
        .args(["walk", "--scenario", "four-tokens-causal", "--query", "1"])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("compare with k2 -> masked"));
}

#[test]
fn four_tokens_causal_follows_a_token_whose_row_the_mask_changes() {
    let (s, masked) = attention("four-tokens-causal");
    let query = s.query_index();
    assert!(query + 1 < masked.tokens(), "not the last token, whose row no mask can change");
    let open =
        Attention::compute(qkv_tutor::engine::AttentionInput { causal: false, ..s.input.clone() }).expect("fits");
    let differs = (0..masked.tokens()).any(|b| (masked.weights[(query, b)] - open.weights[(query, b)]).abs() > 1e-6);
    assert!(differs, "the followed token's weights change with the mask");
    let walk = |extra: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_qkv-tutor"))
            .args(["walk", "--scenario", "four-tokens-causal"])
            .args(extra)
            .output()
            .expect("runs");
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .find(|l| l.trim_start().starts_with("weights ="))
            .map(str::to_owned)
    };
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("open.json");
    let text = scenario::LIBRARY.iter().find(|(n, _)| *n == "four-tokens-causal").expect("shipped").1;
    std::fs::write(&path, text.replace("\"causal\": true", "\"causal\": false")).expect("write");
    let unmasked = std::process::Command::new(env!("CARGO_BIN_EXE_qkv-tutor"))
        .args(["walk", "--scenario", path.to_str().expect("utf-8")])
        .output()
        .expect("runs");
    let unmasked = String::from_utf8_lossy(&unmasked.stdout)
        .lines()
        .find(|l| l.trim_start().starts_with("weights ="))
        .map(str::to_owned);
    assert!(walk(&[]).is_some() && walk(&[]) != unmasked, "{:?} vs {unmasked:?}", walk(&[]));
    assert_eq!(walk(&["--causal"]), walk(&[]), "--causal only confirms the scenario's own mask");
}
