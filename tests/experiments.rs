//! The four experiments: the laws each one shows, checked on the engine, through the real
//! binary, in the scenario format, and on screen (80×24, Unicode and ASCII).

mod common;

use qkv_tutor::app::{App, Message};
use qkv_tutor::engine::experiments::{
    asymmetry, cross_attention, permute_rows, reversed_order, scale_spread, shared_qk, shuffle,
};
use qkv_tutor::engine::{AttentionInput, Matrix};
use qkv_tutor::lesson::Lesson;
use qkv_tutor::message::{FieldMsg, ScreenId};
use qkv_tutor::scenario::{self, Scenario};
use qkv_tutor::screen::lab::{LabMsg, LabPanel};
use qkv_tutor::theme::Theme;
use std::process::{Command, Output};

/// A seeded scenario of T tokens, D = 3, d_k = 2, d_v = 2, entries in -3..=3 and never 0, so
/// no weight matrix is degenerate.
fn random_input(t: usize, seed: u64) -> AttentionInput {
    let mut state = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    let mut next = move || {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        let v = i32::try_from((state >> 33) % 6).expect("small") - 3;
        f64::from(if v >= 0 { v + 1 } else { v })
    };
    let mut m = |r, c| Matrix::from_fn(r, c, |_, _| next());
    AttentionInput { x: m(t, 3), w_q: m(3, 2), w_k: m(3, 2), w_v: m(3, 2), scale: true, causal: false }
}

#[test]
fn sqrt_dk_raw_spread_grows_like_the_root_and_the_scaled_one_stays_near_one() {
    for seed in [1, 21, 99, 2024] {
        let run = scale_spread(2, seed);
        let (narrow, wide) = (run.row(2).expect("d_k 2"), run.row(128).expect("d_k 128"));
        let ratio = wide.raw_std / narrow.raw_std;
        assert!((ratio - 8.0).abs() <= 0.25 * 8.0, "seed {seed}: {ratio} is not within 25% of √64 = 8");
        for row in &run.rows {
            assert!(row.scaled_std > 1.0 / 1.5 && row.scaled_std < 1.5, "seed {seed}: {row:?}");
        }
        assert!(wide.raw_top_weight > wide.scaled_top_weight, "seed {seed}: {wide:?}");
        assert!(run.pairs >= 2000);
    }
}

#[test]
fn shared_qk_scores_are_symmetric_and_separate_ones_are_not() {
    for seed in 0..40 {
        let input = random_input(2 + usize::try_from(seed % 4).expect("small"), seed);
        let run = shared_qk(&input).expect("fits");
        assert!(asymmetry(&run.shared.scores) <= 1e-12, "seed {seed}");
    }
    let lesson = shared_qk(&Scenario::lesson().input).expect("fits");
    assert!(asymmetry(&lesson.separate.scores) > 1.0, "the lesson's 15 and 12 differ");
    assert_eq!(lesson.pair, Some((0, 1)));
}

#[test]
fn shuffle_without_positions_only_reorders_and_with_positions_changes() {
    let lesson = Scenario::lesson().input;
    let run = shuffle(&lesson, &reversed_order(2)).expect("fits");
    assert_eq!(run.shuffled.context, permute_rows(&run.original.context, &run.order), "exactly");
    assert_eq!(
        run.shuffled.weights,
        permute_rows(&permute_rows(&run.original.weights, &run.order).transpose(), &run.order).transpose()
    );
    assert!(run.drift_with_positions() > 1e-3, "positions make the lesson's order matter");
    for seed in 0..40 {
        let t = 2 + usize::try_from(seed % 4).expect("small");
        let run = shuffle(&random_input(t, seed), &reversed_order(t)).expect("fits");
        if t == 2 {
            assert_eq!(run.shuffled.context, run.expected_context(), "seed {seed}: exactly");
        }
        // Longer rows are summed in another order, so equality holds to rounding there.
        assert!(run.drift_without_positions() <= 1e-12, "seed {seed}");
        assert!(run.drift_with_positions() > 1e-6, "seed {seed}");
    }
}

#[test]
#[allow(clippy::float_cmp, reason = "whole-number scores are exact")]
fn cross_attention_matches_hand_arithmetic() {
    let scenario = scenario::shipped("translation").expect("shipped").expect("valid");
    let encoder = scenario.encoder.as_ref().expect("a second sequence").tokens.clone();
    let run = cross_attention(&scenario.input, &encoder).expect("fits");
    assert_eq!((run.scores.nrows(), run.scores.ncols()), (2, 3), "[T_q, d_k]·[d_k, T_kv]");
    // q(le) = [1,0,0]·W_Q = [2, 0]; k(the) = [1,0,0]·W_K = [1, 0]: the score is 2·1 + 0·0.
    assert_eq!(run.scores[(0, 0)], 2.0);
    assert_eq!(run.scores[(0, 1)], 0.0);
    // Softmax of [2, 0, 0] by hand: e² / (e² + 2); the causal switch masks nothing across.
    let e2 = 2f64.exp();
    assert!((run.weights[(0, 0)] - e2 / (2.0 + e2)).abs() < 1e-12);
    assert!((run.weights[(1, 2)] - 1.0 / (2.0 + e2)).abs() < 1e-12, "token 2 sees key 3 though causal is on");
}

#[test]
fn the_two_sequence_scenario_round_trips() {
    let original = scenario::shipped("translation").expect("shipped").expect("valid");
    let text = scenario::to_json(&original);
    assert!(text.contains("encoder_tokens") && text.contains("encoder_labels"), "{text}");
    let again = scenario::parse(&text, "again").expect("its own output loads");
    assert_eq!(again, original);
    assert_eq!(
        again.encoder.as_ref().map(|e| e.labels.clone()),
        Some(vec!["the".into(), "cat".into(), "sleeps".into()])
    );
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qkv-tutor")).args(args).output().expect("the binary runs")
}

#[test]
fn bad_second_sequences_are_named_and_exit_2() {
    let good = scenario::TRANSLATION_JSON;
    let cases = [
        (
            good.replace("\"encoder_tokens\": [\n    [1, 0, 0],", "\"encoder_tokens\": [\n    [1, 0],"),
            "encoder_tokens[1]",
        ),
        (
            good.replace("[0, 0, 1]\n  ],\n  \"encoder_labels\"", "[0, 0, 1, 4]\n  ],\n  \"encoder_labels\""),
            "encoder_tokens[2]",
        ),
        (
            good.replace("\"encoder_labels\": [\"the\", \"cat\", \"sleeps\"]", "\"encoder_labels\": [\"the\"]"),
            "encoder_labels",
        ),
        (
            good.replace(
                "\"encoder_tokens\": [\n    [1, 0, 0],\n    [0, 1, 0],\n    [0, 0, 1]\n  ],",
                "\"encoder_tokens\": [],",
            ),
            "encoder_tokens",
        ),
    ];
    let dir = tempfile::tempdir().expect("temp dir");
    for (i, (text, field)) in cases.iter().enumerate() {
        assert_ne!(text, good, "case {i} changed the file");
        let path = dir.path().join(format!("bad{i}.json"));
        std::fs::write(&path, text).expect("writes");
        let out = run(&["walk", "--experiment", "cross", "--scenario", path.to_str().expect("utf-8")]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "case {i}: {err}");
        assert!(err.contains(field), "case {i}: {err}");
    }
    let narrow = good.replace(
        "\"encoder_tokens\": [\n    [1, 0, 0],\n    [0, 1, 0],\n    [0, 0, 1]\n  ],",
        "\"encoder_tokens\": [[1, 0], [0, 1], [1, 1]],",
    );
    let err = scenario::parse(&narrow, "narrow").expect_err("refused");
    assert!(err.to_string().contains("encoder_tokens[0]") && err.to_string().contains("D = 3"), "{err}");
}

#[test]
fn walk_experiment_json_for_each_through_the_binary() {
    let parse = |args: &[&str]| -> serde_json::Value {
        let out = run(args);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).expect("json")
    };
    let sqrt = parse(&["walk", "--experiment", "sqrt-dk", "--json", "--seed", "7"]);
    assert_eq!(sqrt["seed"], 7);
    let widths = sqrt["widths"].as_array().expect("widths");
    let at = |w: u64| widths.iter().find(|r| r["key_width"] == w).expect("width")["raw_std"].as_f64().expect("number");
    assert!((at(128) / at(2) - 8.0).abs() < 2.0);
    let shared = parse(&["walk", "--experiment", "shared-qk", "--json"]);
    assert_eq!(shared["separate_scores"][1][0], 15, "the lesson's q2·k1");
    assert_eq!(shared["shared_scores"][0][1], shared["shared_scores"][1][0]);
    let shuffled = parse(&["walk", "--experiment", "shuffle", "--json"]);
    assert_eq!(shuffled["shuffled_context"][1], shuffled["context"][0]);
    assert_eq!(shuffled["order"], serde_json::json!([2, 1]));
    let cross = parse(&["walk", "--experiment", "cross", "--json", "--scenario", "translation"]);
    assert_eq!(cross["answer"], serde_json::json!([2, 3]));
    assert_eq!(cross["own_second_sequence"], true);
    let markdown = run(&["walk", "--experiment", "shuffle", "--format", "markdown"]);
    assert!(String::from_utf8_lossy(&markdown.stdout).starts_with("# Experiment: Why positions"));
}

fn lab_on(panel: LabPanel) -> App {
    lab_with(panel, Theme::monochrome())
}

fn lab_with(panel: LabPanel, theme: Theme) -> App {
    let mut app = App::new(Scenario::lesson(), Lesson::embedded(), theme).expect("fits");
    app.update(Message::ShowScreen(ScreenId::Lab));
    app.update(Message::Lab(LabMsg::SelectPanel(panel)));
    app
}

fn screen(app: &App) -> String {
    common::screen_text(app, 80, 24)
}

fn type_answer(app: &mut App, text: &str) {
    app.update(Message::Lab(LabMsg::Predict));
    text.chars().for_each(|c| {
        app.update(Message::Field(FieldMsg::Insert(c)));
    });
    app.update(Message::Field(FieldMsg::Submit));
}

#[test]
fn each_panel_asks_before_it_reveals_and_snapshots_both_ways() {
    for (panel, answer, hidden) in [
        (LabPanel::SqrtDk, "11", "top w raw"),
        (LabPanel::SharedQk, "18", "W_Q twice"),
        (LabPanel::Shuffle, "3.5", "with positions"),
        (LabPanel::Cross, "2x3", "cross weights"),
    ] {
        let key = panel.lesson_key();
        for ascii in [false, true] {
            let mut app = lab_with(panel, Theme { ascii, ..Theme::monochrome() });
            let asking = screen(&app);
            assert!(asking.contains("Predict first"), "{asking}");
            assert!(!asking.contains(hidden), "{panel:?} reveals too early:\n{asking}");
            insta::assert_snapshot!(format!("lab_{key}_asking_80x24{}", if ascii { "_ascii" } else { "" }), asking);
            type_answer(&mut app, answer);
            let shown = screen(&app);
            assert!(shown.contains("right"), "{panel:?}:\n{shown}");
            insta::assert_snapshot!(format!("lab_{key}_revealed_80x24{}", if ascii { "_ascii" } else { "" }), shown);
        }
    }
}

#[test]
fn a_wrong_prediction_keeps_the_numbers_hidden_and_s_shows_them() {
    let mut app = lab_on(LabPanel::SqrtDk);
    type_answer(&mut app, "128");
    let text = screen(&app);
    assert!(text.contains("not 128") && !text.contains("top w raw"), "{text}");
    app.update(Message::Field(FieldMsg::Cancel));
    app.update(Message::Lab(LabMsg::ShowResult));
    assert!(screen(&app).contains("top w raw"));
}
