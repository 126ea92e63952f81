//! Issue 21, item 5: a two-sequence scenario walks through cross-attention. Q comes from the
//! decoder's tokens, K and V from the encoder's; the scores are [T_q, T_kv] and nothing is
//! masked across. Checked against arithmetic written out here, through `walk` (text and
//! JSON) and on the Diagram screen at 80×24.

mod common;

use common::walk;

use qkv_tutor::app::{App, Message};
use qkv_tutor::engine::{Attention, AttentionInput, Matrix, Projection};
use qkv_tutor::lesson::Lesson;
use qkv_tutor::message::ScreenId;
use qkv_tutor::scenario::{self, Scenario};
use qkv_tutor::theme::{Palette, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn translation() -> Scenario {
    scenario::shipped("translation").expect("shipped").expect("valid")
}

fn rows(m: &Matrix) -> Vec<Vec<f64>> {
    (0..m.nrows()).map(|r| (0..m.ncols()).map(|c| m[(r, c)]).collect()).collect()
}

fn times(a: &[Vec<f64>], b: &[Vec<f64>]) -> Vec<Vec<f64>> {
    a.iter().map(|row| (0..b[0].len()).map(|c| row.iter().zip(b).map(|(x, r)| x * r[c]).sum()).collect()).collect()
}

/// Cross-attention by hand: every query against every encoder key, softmax over all of them.
struct Hand {
    q: Vec<Vec<f64>>,
    k: Vec<Vec<f64>>,
    scores: Vec<Vec<f64>>,
    weights: Vec<Vec<f64>>,
    context: Vec<Vec<f64>>,
}

fn by_hand(input: &AttentionInput, encoder: &Matrix) -> Hand {
    let (decoder, encoder) = (rows(&input.x), rows(encoder));
    let q = times(&decoder, &rows(&input.w_q));
    let k = times(&encoder, &rows(&input.w_k));
    let values = times(&encoder, &rows(&input.w_v));
    let width = f64::from(u32::try_from(k[0].len()).expect("small"));
    let root = if input.scale { width.sqrt() } else { 1.0 };
    let scores: Vec<Vec<f64>> =
        q.iter().map(|qa| k.iter().map(|kb| qa.iter().zip(kb).map(|(a, b)| a * b).sum()).collect()).collect();
    let weights: Vec<Vec<f64>> = scores
        .iter()
        .map(|row| {
            let exps: Vec<f64> = row.iter().map(|s| (s / root).exp()).collect();
            let total: f64 = exps.iter().sum();
            exps.iter().map(|x| x / total).collect()
        })
        .collect();
    let context = times(&weights, &values);
    Hand { q, k, scores, weights, context }
}

fn close(a: &Matrix, b: &[Vec<f64>], what: &str) {
    assert_eq!((a.nrows(), a.ncols()), (b.len(), b[0].len()), "{what}: shape");
    for (r, row) in b.iter().enumerate() {
        for (c, want) in row.iter().enumerate() {
            assert!((a[(r, c)] - want).abs() < 1e-9, "{what}[{r}][{c}]: {} against {want}", a[(r, c)]);
        }
    }
}

fn random(rows: usize, cols: usize, seed: &mut u64) -> Matrix {
    Matrix::from_fn(rows, cols, |_, _| {
        *seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        f64::from(i32::try_from((*seed >> 33) % 7).expect("small") - 3)
    })
}

#[test]
fn cross_attention_in_the_engine_is_the_hand_arithmetic_with_nothing_masked() {
    let mut seed = 7;
    let mut cases = vec![(translation().input, translation().encoder.expect("second sequence").tokens)];
    for (tq, tkv) in [(1, 4), (3, 2), (4, 4), (2, 5)] {
        let input = AttentionInput {
            x: random(tq, 3, &mut seed),
            w_q: random(3, 2, &mut seed),
            w_k: random(3, 2, &mut seed),
            w_v: random(3, 2, &mut seed),
            scale: tq % 2 == 0,
            causal: true,
        };
        cases.push((input, random(tkv, 3, &mut seed)));
    }
    for (input, encoder) in cases {
        let hand = by_hand(&input, &encoder);
        let a = Attention::cross(input, &encoder).expect("fits");
        close(&a.q, &hand.q, "q");
        close(&a.k, &hand.k, "k");
        close(&a.scores, &hand.scores, "scores [T_q, T_kv]");
        close(&a.weights, &hand.weights, "weights");
        close(&a.context, &hand.context, "context");
        assert_eq!(a.keys(), encoder.nrows());
        for query in 0..a.tokens() {
            assert!((0..a.keys()).all(|b| a.is_visible(query, b)), "no causal mask across");
            let soft = a.softmax_derivation(query);
            assert!(soft.weights.iter().zip(&hand.weights[query]).all(|(w, h)| (w - h).abs() < 1e-12));
            assert!((a.context_derivation(query, 0).value - hand.context[query][0]).abs() < 1e-12);
        }
        let last = a.keys() - 1;
        assert!((a.projection_derivation(Projection::Key, last, 1).value - hand.k[last][1]).abs() < 1e-12);
    }
}

#[test]
fn an_encoder_of_another_width_is_refused_by_name() {
    let err = Attention::cross(translation().input, &Matrix::zeros(2, 4)).expect_err("D differs");
    assert!(err.to_string().contains("encoder X"), "{err}");
}

#[test]
fn walk_on_the_translation_scenario_scores_decoder_queries_against_encoder_keys() {
    let s = translation();
    let hand = by_hand(&s.input, &s.encoder.expect("second sequence").tokens);
    let text = walk(&["--scenario", "translation"]);
    assert!(text.contains("Q [2×2] · Kᵀ [2×3] → scores [2×3]"), "{text}");
    assert!(text.contains("No causal mask applies across"), "{text}");
    assert!(text.contains("Encoder token 3: x3 \"sleeps\""), "{text}");
    for (b, name) in ["the", "cat", "sleeps"].iter().enumerate() {
        let score = qkv_tutor::format::number(hand.scores[1][b]);
        assert!(text.contains(&format!("q2·k{} \"{name}\" = ", b + 1)), "{text}");
        assert!(text.contains(&format!("-> score {score}")), "{text}");
    }
    let weights: Vec<String> = hand.weights[1].iter().map(|w| qkv_tutor::format::number(*w)).collect();
    assert!(text.contains(&format!("weights = [{}]", weights.join(", "))), "{text}");
    assert!(!text.contains("is masked") && !text.contains("(masked"), "nothing is masked across: {text}");
    let first = walk(&["--scenario", "translation", "--query", "1"]);
    let weights: Vec<String> = hand.weights[0].iter().map(|w| qkv_tutor::format::number(*w)).collect();
    assert!(first.contains(&format!("weights = [{}]", weights.join(", "))), "token 1 sees later keys: {first}");
}

#[test]
fn walk_json_on_the_translation_scenario_is_cross_attention() {
    let s = translation();
    let hand = by_hand(&s.input, &s.encoder.expect("second sequence").tokens);
    let value: serde_json::Value = serde_json::from_str(&walk(&["--scenario", "translation", "--json"])).expect("json");
    assert_eq!(value["cross"], true);
    assert_eq!(value["encoder_tokens"].as_array().map(Vec::len), Some(3));
    let scores: Vec<Vec<f64>> = serde_json::from_value(value["scores"].clone()).expect("rows");
    assert_eq!(scores, hand.scores, "[T_q, T_kv] = [2, 3]");
    let weights: Vec<Vec<f64>> = serde_json::from_value(value["weights"].clone()).expect("rows");
    assert!(weights[0].iter().zip(&hand.weights[0]).all(|(a, b)| (a - b).abs() < 1e-12));
}

fn screen(app: &App) -> String {
    common::screen_text(app, 80, 24)
}

#[test]
fn the_diagram_draws_cross_attention_on_the_translation_scenario() {
    let s = translation();
    let hand = by_hand(&s.input, &s.encoder.clone().expect("second sequence").tokens);
    for (name, ascii) in [("unicode", false), ("ascii", true)] {
        let theme = Theme::resolve(Some(Palette::Monochrome), ascii);
        let mut app = App::new(translation(), Lesson::embedded(), theme).expect("fits");
        app.update(Message::ShowScreen(ScreenId::Diagram));
        let text = screen(&app);
        assert!(text.contains("query from decoder token 2: q2 \"chat\" = [0, 2]"), "{text}");
        let shapes = if ascii { "[2x3], no mask across" } else { "[2×3], no mask across" };
        assert!(text.contains("K and V from 3 encoder tokens") && text.contains(shapes), "{text}");
        for (b, key) in ["the", "cat", "sleeps"].iter().enumerate() {
            let weight = qkv_tutor::format::number_fitting(hand.weights[1][b], 9);
            let score = qkv_tutor::format::number(hand.scores[1][b]);
            // The names are padded to one width, so the scores line up.
            let named = |l: &&str| l.contains(&format!("k{} \"{key}\" ", b + 1)) && l.contains("-> score");
            let line = text.lines().find(named).filter(|l| l.contains(&format!("-> score {score} ")));
            assert!(line.is_some_and(|l| l.contains(&format!("weight {weight}"))), "{key}: {text}");
        }
        insta::assert_snapshot!(format!("diagram_translation_{name}_80x24"), text);
    }
}

#[test]
fn the_cross_diagram_draws_at_every_small_size_and_follows_each_decoder_token() {
    let mut app =
        App::new(translation(), Lesson::embedded(), Theme::resolve(Some(Palette::Monochrome), false)).expect("fits");
    app.update(Message::ShowScreen(ScreenId::Diagram));
    for (w, h) in (0..=90u16).step_by(7).flat_map(|w| (0..=30u16).step_by(5).map(move |h| (w, h))) {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("backend");
        terminal.draw(|frame| frame.render_widget(&app, frame.area())).expect("draws");
    }
    app.update(Message::Diagram(qkv_tutor::screen::diagram::DiagramMsg::NextQuery));
    let text = screen(&app);
    assert!(text.contains("query from decoder token 1: q1 \"le\" = [2, 0]"), "{text}");
    let line = text.lines().find(|l| l.contains("k1 \"the\" ") && l.contains("-> score"));
    assert!(line.is_some_and(|l| l.contains("-> score 2 ")), "le's query finds the: {text}");
}

#[test]
fn the_decoder_self_attention_walks_score_steps_point_to_the_encoder_keys() {
    use qkv_tutor::screen::walkthrough::{Step, WalkMsg, steps};
    let s = translation();
    let hand = by_hand(&s.input, &s.encoder.clone().expect("second sequence").tokens);
    let mut app = App::new(translation(), Lesson::embedded(), Theme::monochrome()).expect("fits");
    app.update(Message::ShowScreen(ScreenId::Walkthrough));
    // A two-sequence scenario walks cross-attention first; `c` turns to the decoder's own.
    app.update(Message::Walk(WalkMsg::TogglePart));
    let doc_attention = Attention::compute(s.input.clone()).expect("fits");
    let all = steps(&doc_attention, s.query_index());
    let first_score = all.iter().position(|step| matches!(step, Step::Score { .. })).expect("a score step");
    for _ in 0..first_score {
        app.update(Message::Walk(WalkMsg::Next));
    }
    let text = screen(&app);
    let wanted: Vec<String> = ["the", "cat", "sleeps"]
        .iter()
        .enumerate()
        .map(|(b, name)| format!("k{} \"{name}\" {}", b + 1, qkv_tutor::format::number(hand.scores[1][b])))
        .collect();
    let flat = text.lines().map(str::trim).collect::<Vec<_>>().join(" ");
    assert!(flat.contains("cross-attention, q2 against the encoder's keys:"), "{text}");
    assert!(flat.contains("(c walks it)") && flat.contains("[decoder self-attention]"), "{text}");
    assert!(flat.contains(&wanted.join(" · ")), "{wanted:?}: {text}");
    insta::assert_snapshot!("walkthrough_translation_score_80x24", text);
    let lesson = App::new(Scenario::lesson(), Lesson::embedded(), Theme::monochrome()).expect("fits");
    assert!(!screen(&lesson).contains("cross-attention"), "one sequence: no pointer");
}

#[test]
fn the_handout_of_a_two_sequence_scenario_adds_the_cross_attention_part() {
    use pulldown_cmark::{Event, Options, Parser};
    let s = translation();
    let hand = by_hand(&s.input, &s.encoder.expect("second sequence").tokens);
    let text = walk(&["--scenario", "translation", "--format", "markdown"]);
    let part = text.split("## Cross-attention: the decoder's query against the encoder's keys").nth(1).expect("part");
    assert!(part.contains("`Q [2×2] · Kᵀ [2×3] → scores [2×3]`") && part.contains("no causal mask"), "{part}");
    for (b, name) in ["the", "cat", "sleeps"].iter().enumerate() {
        let score = qkv_tutor::format::number(hand.scores[1][b]);
        assert!(
            part.contains(&format!("q2·k{} \"{name}\": `", b + 1)) && part.contains(&format!("= {score}`")),
            "{part}"
        );
    }
    let weights: Vec<String> = hand.weights[1].iter().map(|w| qkv_tutor::format::number(*w)).collect();
    assert!(part.contains(&format!("weights = **[{}]**", weights.join(", "))), "{part}");
    // The encoder's tokens, and each one's key term by term, before the scores that use them.
    assert!(part.contains("### X encoder, the second sequence [3×3]") && part.contains("| x3 sleeps | 0 | 0 | 1 |"));
    let k3 = part.find("- **k3 = [0, 0]**").expect("k3 worked out");
    assert!(k3 < part.find("q2·k3").expect("scored"), "{part}");
    assert!(text.contains("works through decoder token 2's query"), "the intro says the handout has two parts");
    for event in Parser::new_ext(&text, Options::ENABLE_TABLES) {
        assert!(!matches!(event, Event::Html(_) | Event::InlineHtml(_)), "no raw HTML");
    }
    assert!(walk(&["--scenario", "translation"]).contains("Decoder tokens: 1 le, 2 chat"));
}

#[test]
fn the_tutors_own_handout_of_a_two_sequence_scenario_has_the_cross_attention_part() {
    use qkv_tutor::effect::Effect;
    let mut app = App::new(translation(), Lesson::embedded(), Theme::monochrome()).expect("fits");
    let effects = app.update(Message::WriteHandout);
    let text = effects.iter().find_map(|e| if let Effect::WriteHandout(t) = e { Some(t.clone()) } else { None });
    let text = text.expect("a handout to write");
    assert!(text.contains("## Cross-attention: the decoder's query against the encoder's keys"), "{text}");
    assert!(text.contains("q2·k2 \"cat\": `0·0 + 2·1 = 2`"), "{text}");
    let lesson = App::new(Scenario::lesson(), Lesson::embedded(), Theme::monochrome())
        .expect("fits")
        .update(Message::WriteHandout);
    assert!(lesson.iter().all(|e| !matches!(e, Effect::WriteHandout(t) if t.contains("Cross-attention:"))));
}
