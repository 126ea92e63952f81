//! Issue 21's bank: each Lab experiment has at least three questions, one of them numeric
//! from its own generator, and the bank stays fair; the `code` topic shows the causal mask as
//! code, and what that code does is checked against the engine.
//! (Every generator's answer is recomputed independently in tests/generators.rs.)
#![allow(clippy::float_cmp, reason = "masked weights are exactly 0")]

use qkv_tutor::engine::Attention;
use qkv_tutor::engine::experiments::Experiment;
use qkv_tutor::lesson::Lesson;
use qkv_tutor::quiz::{Generator, Kind, NumericAnswer, QuestionSpec, SplitMix, generate};
use std::process::Command;
use strum::IntoEnumIterator;

fn bank() -> Vec<QuestionSpec> {
    Lesson::embedded().questions.to_vec()
}

/// The new generator each experiment's numeric question draws on.
fn generator_of(experiment: Experiment) -> Generator {
    match experiment {
        Experiment::SqrtDk => Generator::RawSpread,
        Experiment::SharedQk => Generator::SharedScore,
        Experiment::Shuffle => Generator::ShuffledContext,
        Experiment::Cross => Generator::CrossShape,
    }
}

#[test]
fn each_experiment_has_three_questions_one_numeric_from_its_own_generator() {
    let bank = bank();
    for experiment in Experiment::iter() {
        let prefix = format!("exp-{}-", experiment.cli_name());
        let own: Vec<&QuestionSpec> = bank.iter().filter(|q| q.id.starts_with(&prefix)).collect();
        assert!(own.len() >= 3, "{prefix}: {} questions", own.len());
        let numeric: Vec<&&QuestionSpec> = own.iter().filter(|q| q.kind == Kind::Numeric).collect();
        assert_eq!(numeric.len(), 1, "{prefix}: one numeric question");
        assert_eq!(numeric[0].generator, Some(generator_of(experiment)), "{prefix}");
        let elsewhere = bank.iter().filter(|q| q.generator == Some(generator_of(experiment))).count();
        assert_eq!(elsewhere, 1, "{prefix}: the generator is this experiment's own");
    }
}

#[test]
fn check_lesson_does_not_warn_about_the_bank() {
    let lesson = concat!(env!("CARGO_MANIFEST_DIR"), "/lessons/qkv-projections.json");
    let out = Command::new(env!("CARGO_BIN_EXE_qkv-tutor")).args(["check", "--lesson", lesson]).output().expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(!text.contains("WARNING"), "{text}");
    assert!(text.contains("The correct option is the longest"), "{text}");
}

fn value(answer: &NumericAnswer) -> f64 {
    match answer {
        NumericAnswer::Number { value, .. } => *value,
        other => panic!("a number, not {other:?}"),
    }
}

#[test]
fn the_shuffled_token_really_moves_and_keeps_its_context() {
    for seed in 0..200 {
        let g = generate(Generator::ShuffledContext, &mut SplitMix::new(seed));
        let (token, row) = (g.field("t").expect("t"), g.field("row").expect("row"));
        assert_ne!(token, row, "seed {seed}: the token changes rows");
        let entry: usize = g.field("entry").expect("entry").parse().expect("a number");
        let shown = g.field("c").expect("c").trim_matches(['[', ']']).split(", ").nth(entry - 1).expect("entry");
        let shown: f64 = shown.parse().expect("a number");
        assert!((value(&g.answer) - shown).abs() < 1e-6, "seed {seed}: the context moved with its token");
    }
}

#[test]
fn the_spread_question_draws_wide_and_narrow_keys() {
    let widths: std::collections::BTreeSet<String> = (0..200)
        .map(|seed| generate(Generator::RawSpread, &mut SplitMix::new(seed)).field("dk").expect("dk").to_string())
        .collect();
    assert!(widths.contains("2") && widths.contains("128"), "{widths:?}");
}

/// What one line of mask code does, read from its text: which cells it fills, with what,
/// and whether it fills before or after the softmax.
struct MaskCode {
    /// `triu(k)` fills cells with b − a ≥ k; `tril(k)` those with b − a ≤ k.
    upper: bool,
    offset: i64,
    fill: f64,
    before_softmax: bool,
}

impl MaskCode {
    fn read(text: &str) -> Self {
        let (upper, at) = match (text.find(".triu("), text.find(".tril(")) {
            (Some(i), _) => (true, i),
            (None, Some(i)) => (false, i),
            (None, None) => panic!("no mask in {text}"),
        };
        let args = &text[at + 6..];
        let args = args[..args.find(')').expect("closed")].trim_start_matches("diagonal=");
        let offset = if args.is_empty() { 0 } else { args.parse().expect("an offset") };
        let fill = if text.contains("float('-inf')") { f64::NEG_INFINITY } else { 0.0 };
        let before_softmax = text.find("masked_fill") < text.find("softmax");
        Self { upper, offset, fill, before_softmax }
    }

    fn hides(&self, a: usize, b: usize) -> bool {
        let gap = i64::try_from(b).expect("small") - i64::try_from(a).expect("small");
        if self.upper { gap >= self.offset } else { gap <= self.offset }
    }

    /// The weights this code computes from the engine's logits (the scaled scores).
    fn weights(&self, attention: &Attention) -> Vec<Vec<f64>> {
        let n = attention.tokens();
        (0..n)
            .map(|a| {
                let fill = |row: Vec<f64>| -> Vec<f64> {
                    row.into_iter().enumerate().map(|(b, v)| if self.hides(a, b) { self.fill } else { v }).collect()
                };
                let logits: Vec<f64> = attention.logits.row(a).iter().copied().collect();
                if self.before_softmax { softmax(&fill(logits)) } else { fill(softmax(&logits)) }
            })
            .collect()
    }
}

fn softmax(row: &[f64]) -> Vec<f64> {
    let max = row.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let exps: Vec<f64> = row.iter().map(|v| (v - max).exp()).collect();
    let total: f64 = exps.iter().sum();
    exps.iter().map(|e| e / total).collect()
}

fn agrees(code: &[Vec<f64>], attention: &Attention) -> bool {
    code.iter()
        .enumerate()
        .all(|(a, row)| row.iter().enumerate().all(|(b, w)| (w - attention.weights[(a, b)]).abs() < 1e-12))
}

#[test]
fn the_code_topic_shows_the_causal_mask_and_only_the_keyed_line_matches_the_engine() {
    let spec = bank().into_iter().find(|q| q.id == "code-causal-mask").expect("the mask as code");
    assert_eq!(spec.topic.name(), "code");
    let correct = spec.options.iter().find(|o| o.correct).expect("keyed");
    assert!(correct.text.contains("masked_fill") && correct.text.contains("float('-inf')"), "{}", correct.text);
    let code = MaskCode::read(&correct.text);
    assert!(code.upper && code.offset == 1 && code.before_softmax, "−∞ above the diagonal, before the softmax");
    for name in ["four-tokens-causal", "lesson", "meaning"] {
        let mut scenario = qkv_tutor::scenario::shipped(name).expect("shipped").expect("valid");
        scenario.input.causal = true;
        let attention = Attention::compute(scenario.input).expect("fits");
        let weights = code.weights(&attention);
        assert!(agrees(&weights, &attention), "{name}: the code's weights are the engine's");
        for (a, row) in weights.iter().enumerate() {
            for (b, w) in row.iter().enumerate().filter(|(b, _)| *b > a) {
                assert_eq!((*w, attention.weights[(a, b)]), (0.0, 0.0), "{name}: key {b} is after query {a}");
            }
            assert!((row.iter().sum::<f64>() - 1.0).abs() < 1e-12, "{name}: row {a} still adds up to 1");
        }
        if attention.tokens() > 1 {
            for wrong in spec.options.iter().filter(|o| !o.correct) {
                let weights = MaskCode::read(&wrong.text).weights(&attention);
                assert!(!agrees(&weights, &attention), "{name}: '{}' must differ from the engine", wrong.text);
            }
        }
    }
}

#[test]
fn the_shared_score_never_asks_about_a_zero_query() {
    for seed in 0..200 {
        let g = generate(Generator::SharedScore, &mut SplitMix::new(seed));
        for name in ["q1", "q2"] {
            let shown = g.field(name).expect("a query");
            assert!(shown.trim_matches(['[', ']']).split(", ").any(|v| v != "0"), "seed {seed}: {name} = {shown}");
        }
    }
}
