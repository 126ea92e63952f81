//! Issue 19: sentences computed from the numbers. Ties are told as ties in every format, the
//! KV cache is compared with X on the numbers at hand, and every `--bug` note says what its
//! own numbers show, on random scenarios as well as the shipped ones.
#![allow(clippy::cast_possible_truncation, reason = "key numbers and widths are tiny")]
#![allow(clippy::float_cmp, reason = "the residual step's moves here are exact small integers")]

use qkv_tutor::engine::bugs::{self, Bug};
use qkv_tutor::engine::models::{MODELS, MemoryChoice, Smaller};
use qkv_tutor::engine::{Attention, AttentionInput, Matrix, explain_score, residual, top_keys};
use qkv_tutor::lesson::Lesson;
use qkv_tutor::quiz::SplitMix;
use qkv_tutor::scenario::{LIBRARY, Labels, Scenario, shipped};
use qkv_tutor::walk::{self, lab, models};
use serde_json::Value;
use strum::IntoEnumIterator;

/// Every shipped scenario with every switch setting, as (name, attention, labels).
fn every_variant() -> Vec<(String, Attention, Labels)> {
    let mut out = Vec::new();
    for (name, _) in LIBRARY {
        let s = shipped(name).expect("listed").expect("valid");
        for (scale, causal) in [(false, false), (true, false), (false, true), (true, true)] {
            let input = AttentionInput { scale, causal, ..s.input.clone() };
            let a = Attention::compute(input).expect("fits");
            out.push((format!("{name} scale={scale} causal={causal}"), a, s.labels.clone()));
        }
    }
    out
}

/// A sentence names key `b` alone as the winner.
fn names_single_winner(text: &str, b: usize) -> bool {
    text.lines().any(|l| {
        l.contains(&format!("scores k{} highest", b + 1))
            || l.contains(&format!("k{} \"", b + 1)) && l.contains("\" highest")
    })
}

#[test]
fn ties_are_told_as_ties_in_walk_text_markdown_json_and_the_walkthrough_reasons() {
    let lesson = Lesson::embedded();
    let mut tied_rows = 0;
    for (name, a, labels) in every_variant() {
        for query in 0..a.tokens() {
            let visible: Vec<usize> = (0..a.tokens()).filter(|b| a.is_visible(query, *b)).collect();
            let top = visible.iter().map(|b| a.scores[(query, *b)]).fold(f64::NEG_INFINITY, f64::max);
            let tied: Vec<usize> =
                visible.iter().copied().filter(|b| (a.scores[(query, *b)] - top).abs() <= 1e-9).collect();
            let at = format!("{name} query {}", query + 1);
            assert_eq!(top_keys(&a, query), tied, "{at}");
            let json: Value = serde_json::from_str(&walk::walk_json(&a, query, &labels)).expect("json");
            let best: Vec<usize> = json["best_keys"]
                .as_array()
                .expect("best_keys")
                .iter()
                .filter_map(Value::as_u64)
                .map(|b| b as usize - 1)
                .collect();
            assert_eq!(best, tied, "{at}: JSON best_keys");
            let text = walk::walk_text(&a, query, &labels);
            let markdown = walk::walk_markdown_labeled(&a, query, &lesson, &labels);
            let line = walk::top_line(&a, &labels, query).expect("a visible key");
            if tied.len() > 1 {
                tied_rows += 1;
                for b in &tied {
                    assert!(
                        !names_single_winner(&text, *b) && !names_single_winner(&markdown, *b),
                        "{at}: k{} named alone",
                        b + 1
                    );
                }
                assert!(line.contains("equally") && text.contains(&line), "{at}: {line}");
            } else if visible.len() > 1 {
                assert!(line.contains("highest") && !line.contains("equally highest"), "{at}: {line}");
            }
            for b in visible {
                let reason = walk::reason_line(&a, (&labels, &labels), query, b);
                let products: Vec<f64> = explain_score(&a, query, b)
                    .contributions
                    .iter()
                    .map(|c| c.product.abs())
                    .filter(|p| *p != 0.0)
                    .collect();
                let largest = products.iter().copied().fold(0.0, f64::max);
                let at_top = products.iter().filter(|p| (largest - **p).abs() <= 1e-9).count();
                if at_top > 1 {
                    assert!(reason.contains("equally from") && !reason.contains("mostly"), "{at} k{}: {reason}", b + 1);
                }
            }
        }
    }
    assert!(tied_rows >= 5, "the shipped scenarios hold ties (the lesson's q1 among them): {tied_rows}");
}

#[test]
fn the_lessons_q1_scores_k1_and_k2_equally() {
    let a = Attention::compute(Scenario::lesson().input).expect("fits");
    let line = walk::top_line(&a, &Labels::default(), 0).expect("visible");
    assert!(line.starts_with("q1 scores every key it sees (k1 and k2) equally highest (12)"), "{line}");
}

#[test]
fn a_tie_in_the_residual_step_names_every_tied_dimension() {
    // Every column of W_V is [1, 1, 1, 1], so each value has three equal entries, and so does
    // the context: the residual step moves dimensions 1, 2 and 3 by the same amount.
    let x = Matrix::from_row_slice(2, 4, &[1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
    let w = Matrix::from_row_slice(4, 3, &[1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0]);
    let w_v = Matrix::from_element(4, 3, 1.0);
    let a = Attention::compute(AttentionInput { x, w_q: w.clone(), w_k: w, w_v, scale: false, causal: false })
        .expect("fits");
    let moved = residual(&a, 0).expect("token 1").projected;
    assert_eq!(moved[..3], [1.0, 1.0, 1.0], "the context [1, 1, 1] lands on dimensions 1 to 3");
    let lines = walk::output_lines(&a, &Labels::default(), 0);
    let last = lines.last().expect("a line on the largest move");
    assert_eq!(last, "attention moved this token equally along dimensions 1, 2 and 3: 1 each");
    assert!(!walk::walk_text(&a, 0, &Labels::default()).contains("most along dimension"));
}

/// Per token and layer: D numbers for X, d_k + d_v for K and V, compared by hand.
fn expected_smaller(x: u64, kv: u64) -> Smaller {
    match x.cmp(&kv) {
        std::cmp::Ordering::Less => Smaller::X,
        std::cmp::Ordering::Greater => Smaller::KeysAndValues,
        std::cmp::Ordering::Equal => Smaller::Equal,
    }
}

fn sentence_agrees(sentence: &str, smaller: Smaller) -> bool {
    match smaller {
        Smaller::X => sentence.contains("would take less memory than K and V"),
        Smaller::KeysAndValues => sentence.contains("take less memory than X"),
        Smaller::Equal => sentence.contains("the same memory"),
    }
}

#[test]
fn the_kv_cache_is_compared_with_x_on_the_numbers_at_hand() {
    let a = Attention::compute(Scenario::lesson().input).expect("fits");
    let sentence = lab::lesson_memory_sentence(&a);
    assert!(
        sentence.contains("D = 4") && sentence.contains("2 + 2 = 4") && sentence_agrees(&sentence, Smaller::Equal),
        "{sentence}"
    );
    assert!(lab::decode_steps(&a, false).contains(&sentence), "walk --decode says the same");
    let table = models::models_text();
    for m in MODELS {
        let (x, kv) = (m.model_width, 2 * m.kv_heads * m.head_dim);
        assert_eq!(m.memory_choice(), MemoryChoice { x, keys_and_values: kv }, "{}", m.name);
        assert!(
            table.contains(&format!("D = {x}")) && table.contains(&format!("= {kv})")),
            "{}: both figures printed",
            m.name
        );
    }
    let by_name = |n: &str| MODELS.iter().find(|m| m.name.starts_with(n)).expect("listed").memory_choice().smaller();
    assert_eq!(by_name("GPT-2"), Smaller::X, "768 against 1536");
    assert_eq!(by_name("Llama"), Smaller::KeysAndValues, "4096 against 2 × 8 × 128 = 2048");
    let mut rng = SplitMix::new(19);
    for _ in 0..300 {
        let (d, dk, dv) = (1 + rng.index(64) as u64, 1 + rng.index(64) as u64, 1 + rng.index(64) as u64);
        let choice = MemoryChoice::for_widths(d, dk, dv);
        assert_eq!(choice.smaller(), expected_smaller(d, dk + dv), "D {d}, d_k {dk}, d_v {dv}");
        let sentence = models::memory_sentence(choice, &format!("D = {d}"), "kv");
        assert!(sentence_agrees(&sentence, expected_smaller(d, dk + dv)), "{sentence}");
        assert!(sentence.contains("X·W_K and X·W_V"), "and it names the recomputation: {sentence}");
    }
}

#[test]
fn the_lessons_cache_answers_no_longer_claim_x_is_always_smaller() {
    let lesson = Lesson::embedded();
    for q in lesson.questions.iter().filter(|q| q.topic == qkv_tutor::quiz::Topic::KvCache) {
        let text = format!(
            "{} {}",
            q.answer.clone().unwrap_or_default(),
            q.options.iter().filter_map(|o| o.why.clone()).collect::<String>()
        );
        assert!(!text.contains("would save memory but") && !text.contains("That saves memory but"), "{}: {text}", q.id);
    }
    let recall =
        lesson.questions.iter().find(|q| q.id == "recall-cache-kv").and_then(|q| q.answer.clone()).expect("present");
    for (name, figure) in [("GPT-2", "768 against 1536"), ("lesson", "4 and 4"), ("Llama", "2048 against 4096")] {
        assert!(recall.contains(figure), "{name}: {recall}");
    }
}

/// A random scenario: T tokens of width D, with d_k = D, T = 1 or T = d_k forced now and then.
fn random_input(rng: &mut SplitMix, round: usize) -> AttentionInput {
    let mut t = 1 + rng.index(4);
    let d = 1 + rng.index(5);
    let mut dk = 1 + rng.index(4);
    let dv = 1 + rng.index(4);
    match round % 4 {
        0 => dk = d,
        1 => t = 1,
        2 => t = dk,
        _ => {}
    }
    let mut matrix = |r: usize, c: usize| Matrix::from_fn(r, c, |_, _| rng.small());
    let (x, w_q, w_k, w_v) = (matrix(t, d), matrix(d, dk), matrix(d, dk), matrix(d, dv));
    AttentionInput { x, w_q, w_k, w_v, scale: round.is_multiple_of(3), causal: round.is_multiple_of(5) }
}

fn note(a: &Attention, bug: Bug) -> (Value, String) {
    let report: Value = serde_json::from_str(&lab::bug(a, bug, true)).expect("json");
    let note = report["note"].as_str().unwrap_or_default().to_string();
    (report, note)
}

fn close(a: &Matrix, b: &Matrix) -> bool {
    a.shape() == b.shape() && a.iter().zip(b.iter()).all(|(x, y)| (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0))
}

/// The missing-transpose note against Q·K and K worked out here.
fn check_transpose(attention: &Attention, at: &str) {
    let (report, text) = note(attention, Bug::NoTranspose);
    if attention.tokens() != attention.key_width() {
        assert!(text.contains("cannot even multiply"), "{at}: {text}");
        return;
    }
    let same = close(&(&attention.q * &attention.k), &attention.scores);
    let symmetric = close(&attention.k, &attention.k.transpose());
    assert_eq!(report["coincides"], same, "{at}");
    let expected = match (same, symmetric) {
        (true, true) => "K is symmetric (K = Kᵀ), so Q·K happens to equal Q·Kᵀ",
        (true, false) => "K is not symmetric, yet Q·K happens to equal Q·Kᵀ",
        (false, _) => "Q·K differs from Q·Kᵀ here",
    };
    assert!(text.contains(expected), "{at}: {text}");
}

/// Each note, checked against numbers worked out here, not by the note's own code path.
fn check_notes(attention: &Attention, at: &str) {
    let (width, key_width) = (attention.model_width(), attention.key_width());
    let (_, shapes) = note(attention, Bug::Shapes);
    let claim = if width == key_width { "coincide" } else { "caught at the first multiply" };
    assert!(shapes.contains(claim), "{at}: {shapes}");
    check_transpose(attention, at);
    let (_, shared) = note(attention, Bug::SharedWeights);
    let wrong = bugs::shared_weights(&attention.input).expect("W_Q fits all three");
    assert!(wrong.q == wrong.k && wrong.k == wrong.v && shared.contains("q = k = v"), "{at}: {shared}");
    let (_, heads) = note(attention, Bug::HeadsBeforeProjection);
    let claim = if width % 2 == 1 { "is odd" } else { "no longer fits" };
    assert!(heads.contains(claim), "{at}: {heads}");
    let (_, values) = note(attention, Bug::ValuesMatch);
    let changed = attention.input.w_v.map(|x| 2.0 * x + 1.0);
    let moved = !close(&(&attention.weights * (&attention.input.x * &changed)), &attention.context);
    assert_eq!(values.contains("the context moved"), moved, "{at}: {values}");
    assert!(values.contains("not one weight"), "{at}: {values}");
}

#[test]
fn every_bug_note_holds_on_its_own_numbers_on_random_scenarios() {
    let mut rng = SplitMix::new(2019);
    for round in 0..400 {
        let input = random_input(&mut rng, round);
        let at = format!("round {round}: T {} D {} d_k {}", input.x.nrows(), input.x.ncols(), input.w_q.ncols());
        check_notes(&Attention::compute(input).expect("fits"), &at);
    }
    for (name, _) in LIBRARY {
        let s = shipped(name).expect("listed").expect("valid");
        check_notes(&Attention::compute(s.input).expect("fits"), name);
    }
}

#[test]
fn a_non_symmetric_k_can_still_hide_a_missing_transpose() {
    // W_Q = 0 makes every q zero, so Q·K = Q·Kᵀ = 0 whatever K is: the old note would have
    // called this K symmetric.
    let x = Matrix::from_row_slice(2, 2, &[1.0, 2.0, 3.0, 1.0]);
    let w_k = Matrix::from_row_slice(2, 2, &[1.0, 2.0, 0.0, 1.0]);
    let input =
        AttentionInput { x, w_q: Matrix::zeros(2, 2), w_k, w_v: Matrix::identity(2, 2), scale: false, causal: false };
    let a = Attention::compute(input).expect("fits");
    assert!(!bugs::is_symmetric(&a.k), "K = {}", a.k);
    assert_eq!(bugs::transpose_coincidence(&a), Some(bugs::Coincidence::TheseRows));
    let (_, text) = note(&a, Bug::NoTranspose);
    assert!(text.contains("K is not symmetric, yet"), "{text}");
}

#[test]
fn the_handout_shows_the_scaled_scores_when_scaling_is_on() {
    let input = AttentionInput { scale: true, ..Scenario::lesson().input };
    let a = Attention::compute(input).expect("fits");
    let markdown = walk::walk_markdown(&a, 1, &Lesson::embedded());
    let scaled = qkv_tutor::format::vector(a.logits.row(1).iter().copied());
    assert!(markdown.contains(&format!("**{scaled}**")) && markdown.contains("√d_k"), "{markdown}");
}

#[test]
fn every_bug_has_a_note() {
    let a = Attention::compute(Scenario::lesson().input).expect("fits");
    for bug in Bug::iter() {
        assert!(!note(&a, bug).1.is_empty(), "{}", bug.cli_name());
    }
}
