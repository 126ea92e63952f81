//! Turning a question spec into a question to ask: numeric ones get fresh numbers from a
//! seeded generator, and their answers, hints and worked lines come from the engine.

use super::rng::{SplitMix, seed_for};
use super::spec::{Generator, Kind, OptionSpec, QuestionSpec, Topic};
use crate::engine::{Attention, AttentionInput, Derivation, Matrix, Projection, Shape, shape_line};
use crate::format;
use crate::scenario::Scenario;

#[derive(Debug, Clone, PartialEq)]
pub enum NumericAnswer {
    Number { value: f64, derivation: Option<Derivation> },
    Shape(usize, usize),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Form {
    Choice { options: Vec<OptionSpec> },
    Free { answer: String },
    Numeric(NumericAnswer),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub id: String,
    pub topic: Topic,
    pub prompt: String,
    pub form: Form,
    /// The hint ladder: a nudge, then a step (the first term), then the worked line.
    pub hints: Vec<String>,
    pub solution: String,
}

/// The question to ask for a spec; `session` varies the generated numbers between sessions.
#[must_use]
pub fn resolve(spec: &QuestionSpec, session: u64) -> Question {
    let base = |form: Form, solution: String, hints: Vec<String>, prompt: String| Question {
        id: spec.id.clone(),
        topic: spec.topic,
        prompt,
        form,
        hints,
        solution,
    };
    let answer = spec.answer.clone().unwrap_or_default();
    match (spec.kind, spec.generator) {
        (Kind::Choice, _) => {
            let options = shuffled(&spec.options, &mut SplitMix::new(seed_for(&spec.id, session)));
            base(Form::Choice { options }, answer, spec.hints.clone(), spec.prompt.clone())
        }
        (Kind::Free, _) | (Kind::Numeric, None) => {
            base(Form::Free { answer: answer.clone() }, answer, spec.hints.clone(), spec.prompt.clone())
        }
        (Kind::Numeric, Some(generator)) => {
            let mut rng = SplitMix::new(seed_for(&spec.id, session));
            let generated = generate(generator, &mut rng);
            let fill = |text: &str| generated.fill(text);
            let nudge = spec.hints.first().map(|h| fill(h)).unwrap_or_default();
            let hints = vec![nudge, generated.step.clone(), generated.worked.clone()];
            base(Form::Numeric(generated.answer.clone()), generated.worked.clone(), hints, fill(&spec.prompt))
        }
    }
}

/// The options in a seeded order, so the right one is not always first.
fn shuffled(options: &[OptionSpec], rng: &mut SplitMix) -> Vec<OptionSpec> {
    let mut options = options.to_vec();
    for i in (1..options.len()).rev() {
        options.swap(i, rng.index(i + 1));
    }
    options
}

struct Generated {
    fields: Vec<(&'static str, String)>,
    answer: NumericAnswer,
    step: String,
    worked: String,
}

impl Generated {
    fn fill(&self, text: &str) -> String {
        self.fields.iter().fold(text.to_string(), |t, (k, v)| t.replace(&format!("{{{k}}}"), v))
    }
}

fn vector(rng: &mut SplitMix, len: usize) -> Vec<f64> {
    (0..len).map(|_| rng.small()).collect()
}

fn generate(generator: Generator, rng: &mut SplitMix) -> Generated {
    match generator {
        Generator::KeyEntry => key_entry(rng),
        Generator::Score => score(rng),
        Generator::LargerWeight => larger_weight(rng),
        Generator::QShape => q_shape(rng),
    }
}

fn number(value: f64, derivation: Derivation) -> NumericAnswer {
    NumericAnswer::Number { value, derivation: Some(derivation) }
}

fn first_term(d: &Derivation) -> String {
    d.terms
        .first()
        .map_or_else(String::new, |t| format!("first term: {} = {}", format::term(*t), format::number(t.product())))
}

fn key_entry(rng: &mut SplitMix) -> Generated {
    let x = vector(rng, 4);
    let entry = rng.index(2);
    let lesson = Scenario::lesson().input;
    let w_k = lesson.w_k.clone();
    let input = AttentionInput { x: Matrix::from_row_slice(1, 4, &x), ..lesson };
    let derivation = Attention::compute(input)
        .map_or_else(|_| Derivation::new(Vec::new(), 0.0), |a| a.projection_derivation(Projection::Key, 0, entry));
    let rows: Vec<String> = w_k.row_iter().map(|r| format::vector(r.iter().copied())).collect();
    Generated {
        fields: vec![
            ("entry", (entry + 1).to_string()),
            ("x", format::vector(x)),
            ("w", format!("[{}]", rows.join(", "))),
        ],
        step: first_term(&derivation),
        worked: format!("k entry {} = {}", entry + 1, format::derivation(&derivation)),
        answer: number(derivation.value, derivation),
    }
}

/// Two tokens whose projections are the identity, so the engine's score is plain q·k.
fn pair(q: &[f64], keys: &[&[f64]]) -> Option<Attention> {
    let rows: Vec<f64> = std::iter::once(q).chain(keys.iter().copied()).flatten().copied().collect();
    let x = Matrix::from_row_slice(keys.len() + 1, q.len(), &rows);
    let identity = Matrix::identity(q.len(), q.len());
    Attention::compute(AttentionInput {
        x,
        w_q: identity.clone(),
        w_k: identity.clone(),
        w_v: identity,
        scale: false,
        causal: false,
    })
    .ok()
}

fn score(rng: &mut SplitMix) -> Generated {
    let (q, k) = (vector(rng, 2), vector(rng, 2));
    let derivation = pair(&q, &[&k]).map_or_else(|| Derivation::new(Vec::new(), 0.0), |a| a.score_derivation(0, 1));
    Generated {
        fields: vec![("q", format::vector(q)), ("k", format::vector(k))],
        step: first_term(&derivation),
        worked: format!("q2·k1 = {}", format::derivation(&derivation)),
        answer: number(derivation.value, derivation),
    }
}

fn larger_weight(rng: &mut SplitMix) -> Generated {
    loop {
        let (q, k1, k2) = (vector(rng, 2), vector(rng, 2), vector(rng, 2));
        let Some(a) = pair(&q, &[&k1, &k2]) else {
            continue;
        };
        let (s1, s2) = (a.score_derivation(0, 1), a.score_derivation(0, 2));
        if (s1.value - s2.value).abs() < 0.5 {
            continue;
        }
        let winner = if a.weights[(0, 1)] > a.weights[(0, 2)] { 1.0 } else { 2.0 };
        let worked = format!(
            "q2·k1 = {}, q2·k2 = {}: the larger score gets the larger weight, key {}",
            format::derivation(&s1),
            format::derivation(&s2),
            format::number(winner)
        );
        return Generated {
            fields: vec![("q", format::vector(q)), ("k1", format::vector(k1)), ("k2", format::vector(k2))],
            step: format!("q2·k1 = {}", format::derivation(&s1)),
            worked,
            answer: NumericAnswer::Number { value: winner, derivation: None },
        };
    }
}

fn q_shape(rng: &mut SplitMix) -> Generated {
    let (t, d, dk) = (rng.index(5) + 1, rng.index(6) + 2, rng.index(4) + 1);
    let (x, w) = (Shape::new("X", t, d), Shape::new("W_Q", d, dk));
    let line = shape_line(&x, &w, "Q");
    Generated {
        fields: vec![("t", t.to_string()), ("d", d.to_string()), ("dk", dk.to_string())],
        step: format!("Q has one row per token of X: {t} rows"),
        worked: line,
        answer: NumericAnswer::Shape(t, dk),
    }
}
