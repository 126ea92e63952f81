//! Every numeric generator's answer recomputed here from the prompt's own numbers, with
//! separate arithmetic (the lesson's matrices written out again), on 200 seeds each, and
//! checked to be accepted when typed to 3 decimals.
#![allow(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "small integers"
)]

use qkv_tutor::lesson::Lesson;
use qkv_tutor::quiz::{Generated, Generator, NumericAnswer, SplitMix, check_numeric, generate};
use strum::IntoEnumIterator;

const SEEDS: u64 = 200;

fn vectors(text: &str) -> Vec<Vec<f64>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match c {
            '[' => start = Some(i + 1),
            ']' => {
                if let Some(s) = start.take() {
                    out.push(text[s..i].split(',').map(|n| n.trim().parse().expect("a number")).collect());
                }
            }
            _ => {}
        }
    }
    out
}

fn field<'a>(g: &'a Generated, name: &str) -> &'a str {
    g.field(name).unwrap_or_else(|| panic!("field {name}"))
}

/// The first whole number in a field such as "12 layers".
fn int(g: &Generated, name: &str) -> f64 {
    field(g, name).split(|c: char| !c.is_ascii_digit()).find(|p| !p.is_empty()).expect("a number").parse().expect("int")
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// The lesson's matrices, written out again rather than read from the engine.
const LESSON_W: [[[f64; 2]; 4]; 3] = [
    [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [0.0, 1.0]],
    [[1.0, 1.0], [1.0, 0.0], [0.0, 1.0], [1.0, -1.0]],
    [[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [1.0, 0.0]],
];

fn entry(g: &Generated, w: &[[f64; 2]; 4]) -> f64 {
    let x = &vectors(field(g, "x"))[0];
    let j = int(g, "entry") as usize - 1;
    let shown = vectors(field(g, "w"));
    assert_eq!(shown.len(), 4, "the prompt shows all of W");
    (0..4).map(|i| x[i] * w[i][j]).sum()
}

fn weight(scores: &[f64], visible: usize, key: usize) -> f64 {
    if key >= visible {
        return 0.0;
    }
    scores[key].exp() / scores[..visible].iter().map(|s| s.exp()).sum::<f64>()
}

/// Token `t`'s context when q = k = v = x, no scale, no mask: softmax(x_t · x_j) mixes the x_j.
fn self_attention(tokens: &[Vec<f64>], t: usize) -> Vec<f64> {
    let exps: Vec<f64> = tokens.iter().map(|x| dot(&tokens[t], x).exp()).collect();
    let total: f64 = exps.iter().sum();
    (0..tokens[t].len()).map(|j| tokens.iter().zip(&exps).map(|(x, e)| e / total * x[j]).sum()).collect()
}

/// The answer recomputed from the prompt's numbers alone.
#[allow(clippy::many_single_char_names, reason = "g is the generated question, v a vector field")]
fn independent(generator: Generator, g: &Generated) -> NumericAnswer {
    let v = |name: &str| vectors(field(g, name)).remove(0);
    let num = |value: f64| NumericAnswer::Number { value, derivation: None, slips: Vec::new() };
    match generator {
        Generator::QueryEntry => num(entry(g, &LESSON_W[0])),
        Generator::KeyEntry => num(entry(g, &LESSON_W[1])),
        Generator::ValueEntry => num(entry(g, &LESSON_W[2])),
        Generator::Score => num(dot(&v("q"), &v("k"))),
        Generator::ScaledScore => num(dot(&v("q"), &v("k")) / int(g, "dk").sqrt()),
        Generator::SoftmaxWeight => {
            let scores = v("scores");
            num(weight(&scores, scores.len(), int(g, "key") as usize - 1))
        }
        Generator::ContextEntry => {
            let (weights, values) = (v("weights"), vectors(field(g, "values")));
            let j = int(g, "entry") as usize - 1;
            num(weights.iter().zip(&values).map(|(w, value)| w * value[j]).sum())
        }
        Generator::MaskedWeight => num(weight(&v("scores"), int(g, "token") as usize, int(g, "key") as usize - 1)),
        Generator::LargerWeight => num(if dot(&v("q"), &v("k1")) > dot(&v("q"), &v("k2")) { 1.0 } else { 2.0 }),
        Generator::QShape => NumericAnswer::Shape(int(g, "t") as usize, int(g, "dk") as usize),
        Generator::BatchShape => {
            let [batch, tokens, width, heads] = ["b", "t", "d", "h"].map(|n| int(g, n) as usize);
            NumericAnswer::Dims(vec![batch, heads, tokens, width / heads])
        }
        Generator::FusedShape => {
            NumericAnswer::Shape(int(g, "d") as usize, 2 * int(g, "dk") as usize + int(g, "dv") as usize)
        }
        Generator::HeadWidth => num(int(g, "d") / int(g, "h")),
        Generator::WindowOldest => {
            let arrived: f64 = field(g, "arrivals")
                .split(|c: char| !c.is_ascii_digit())
                .filter_map(|p| p.parse().ok())
                .fold(0.0, f64::max);
            num((arrived - int(g, "window") + 1.0).max(1.0))
        }
        Generator::KvCacheBytes => {
            let dtype = field(g, "dtype");
            let bytes = if dtype.starts_with("int8") {
                1.0
            } else if dtype.starts_with("fp16") {
                2.0
            } else {
                4.0
            };
            num(2.0 * int(g, "layers") * int(g, "kv_heads") * int(g, "head_dim") * bytes)
        }
        Generator::ProjectionParams => {
            let (d, hd) = (int(g, "d"), int(g, "head_dim"));
            let outputs = (int(g, "query_heads") + 2.0 * int(g, "kv_heads")) * hd;
            let bias = if field(g, "bias").starts_with("with a bias") { outputs } else { 0.0 };
            num(d * outputs + bias)
        }
        Generator::CacheSaving => num((int(g, "step") - 1.0) * int(g, "d") * (int(g, "dk") + int(g, "dv"))),
        Generator::RawSpread => num(int(g, "dk").sqrt()),
        Generator::SharedScore => num(dot(&v("q1"), &v("q2"))),
        Generator::ShuffledContext => {
            let context = self_attention(&vectors(field(g, "tokens")), int(g, "t") as usize - 1);
            num(context[int(g, "entry") as usize - 1])
        }
        Generator::CrossShape => {
            let rows = int(g, "decoder") as usize;
            let cols = if field(g, "what").contains("context") { int(g, "dv") } else { int(g, "encoder") };
            NumericAnswer::Shape(rows, cols as usize)
        }
    }
}

#[test]
fn every_generator_agrees_with_an_independent_computation_on_200_seeds() {
    assert!(Generator::iter().len() >= 10);
    for generator in Generator::iter() {
        for seed in 0..SEEDS {
            let g = generate(generator, &mut SplitMix::new(seed));
            let expected = independent(generator, &g);
            match (&g.answer, &expected) {
                (NumericAnswer::Number { value, .. }, NumericAnswer::Number { value: mine, .. }) => {
                    assert!(
                        (value - mine).abs() <= 1e-9 * mine.abs().max(1.0),
                        "{generator:?} seed {seed}: {value} vs {mine}"
                    );
                    let typed = format!("{mine:.3}");
                    let typed = if mine.fract() == 0.0 { format!("{mine}") } else { typed };
                    assert_eq!(
                        check_numeric(&g.answer, &typed),
                        Ok(qkv_tutor::quiz::Verdict::Right),
                        "{generator:?} seed {seed}: {typed} accepted"
                    );
                }
                (answer, mine) => assert_eq!(answer, mine, "{generator:?} seed {seed}"),
            }
            let decimals = match &g.answer {
                NumericAnswer::Number { value, .. } => format!("{value:.3}"),
                other => other.text(),
            };
            let worked = &g.worked;
            assert!(worked.contains(&g.answer.text()) || worked.contains(&decimals), "{generator:?}: {worked}");
        }
    }
}

#[test]
fn every_generator_is_used_by_the_bank() {
    let used: Vec<Generator> = Lesson::embedded().questions.iter().filter_map(|q| q.generator).collect();
    for generator in Generator::iter() {
        assert!(used.contains(&generator), "{generator:?} has no question");
    }
}
