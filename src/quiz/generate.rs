//! Turning a question spec into a question to ask: numeric ones get fresh numbers from a
//! seeded generator, and their answers, hints and worked lines come from the engine.

mod experiments;
mod sizes;
mod vectors;

use super::answer::{Expected, Slip};
use super::rng::{SplitMix, seed_for};
use super::spec::{Generator, Kind, Mention, OptionSpec, QuestionSpec, SeedPart, Topic};
use crate::engine::Derivation;
/// `1 token`, `2 tokens`: every screen and command counts the same way.
pub use crate::format::plural;

#[derive(Debug, Clone, PartialEq)]
pub enum NumericAnswer {
    Number {
        value: f64,
        derivation: Option<Derivation>,
        /// The numbers a common slip gives instead (the score before √d_k, say).
        slips: Vec<Slip>,
    },
    Shape(usize, usize),
    /// A shape with more than two dimensions, such as `[B, h, T, d_head]`.
    Dims(Vec<usize>),
}

impl NumericAnswer {
    /// What a typed number is checked against, for a numeric answer.
    #[must_use]
    pub fn expected(&self) -> Option<Expected> {
        let NumericAnswer::Number { value, derivation, slips } = self else { return None };
        let derivation = derivation.clone().unwrap_or_else(|| Derivation::new(Vec::new(), *value));
        Some(Expected { derivation, slips: slips.clone() })
    }

    /// The answer as the worked line writes it: `15`, `3x2`, `[2, 4, 5, 8]`.
    #[must_use]
    pub fn text(&self) -> String {
        match self {
            NumericAnswer::Number { value, .. } => crate::format::number(*value),
            NumericAnswer::Shape(rows, cols) => format!("{rows}×{cols}"),
            NumericAnswer::Dims(dims) => dims_text(dims),
        }
    }
}

/// `[2, 4, 5, 8]`.
#[must_use]
pub fn dims_text(dims: &[usize]) -> String {
    let parts: Vec<String> = dims.iter().map(ToString::to_string).collect();
    format!("[{}]", parts.join(", "))
}

#[derive(Debug, Clone, PartialEq)]
pub enum Form {
    Choice {
        options: Vec<OptionSpec>,
    },
    /// `must_mention` lists the words the typed answer should contain; see
    /// [`crate::quiz::missing_mentions`].
    Free {
        answer: String,
        must_mention: Vec<Mention>,
        /// Roles the answer must pair with their own jobs; see [`crate::quiz::rubric_note`].
        pairs: Vec<super::spec::Role>,
    },
    Numeric(NumericAnswer),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub id: String,
    pub topic: Topic,
    /// Set on the source lesson's own questions; drills draw on these.
    pub seed: Option<SeedPart>,
    pub prompt: String,
    pub form: Form,
    /// The hint ladder: a nudge, then a step, and last the worked line or the answer.
    pub hints: Vec<String>,
    pub solution: String,
}

/// The question to ask for a spec; `session` varies the generated numbers between sessions.
#[must_use]
pub fn resolve(spec: &QuestionSpec, session: u64) -> Question {
    let base = |form: Form, solution: String, hints: Vec<String>, prompt: String| Question {
        id: spec.id.clone(),
        topic: spec.topic,
        seed: spec.seed,
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
            let (must_mention, pairs) = (spec.must_mention.clone(), spec.pairs.clone());
            let form = Form::Free { answer: answer.clone(), must_mention, pairs };
            base(form, answer, spec.hints.clone(), spec.prompt.clone())
        }
        (Kind::Numeric, Some(generator)) => {
            let generated = generate(generator, &mut SplitMix::new(seed_for(&spec.id, session)));
            let fill = |text: &str| generated.fill(text);
            let nudge = spec.hints.first().map(|h| fill(h)).unwrap_or_default();
            let hints = vec![nudge, generated.step.clone(), generated.worked.clone()];
            base(Form::Numeric(generated.answer.clone()), generated.worked.clone(), hints, fill(&spec.prompt))
        }
    }
}

/// The generated parts of a numeric question: `fields` fill the `{name}` placeholders of the
/// lesson's prompt and nudge.
#[derive(Debug, Clone, PartialEq)]
pub struct Generated {
    pub fields: Vec<(&'static str, String)>,
    pub answer: NumericAnswer,
    /// The middle rung: how to start, never the result.
    pub step: String,
    pub worked: String,
}

impl Generated {
    fn fill(&self, text: &str) -> String {
        self.fields.iter().fold(text.to_string(), |t, (k, v)| t.replace(&format!("{{{k}}}"), v))
    }

    /// The value of one placeholder, for tests that recompute the answer on their own.
    #[must_use]
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields.iter().find(|(k, _)| *k == name).map(|(_, v)| v.as_str())
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

/// One generated numeric question of the given kind.
#[must_use]
pub fn generate(generator: Generator, rng: &mut SplitMix) -> Generated {
    use crate::engine::Projection;
    match generator {
        Generator::QueryEntry => vectors::entry(rng, Projection::Query),
        Generator::KeyEntry => vectors::entry(rng, Projection::Key),
        Generator::ValueEntry => vectors::entry(rng, Projection::Value),
        Generator::Score => vectors::score(rng),
        Generator::ScaledScore => vectors::scaled_score(rng),
        Generator::SoftmaxWeight => vectors::softmax_weight(rng),
        Generator::ContextEntry => vectors::context_entry(rng),
        Generator::MaskedWeight => vectors::masked_weight(rng),
        Generator::LargerWeight => vectors::larger_weight(rng),
        Generator::QShape => sizes::q_shape(rng),
        Generator::BatchShape => sizes::batch_shape(rng),
        Generator::FusedShape => sizes::fused_shape(rng),
        Generator::HeadWidth => sizes::head_width(rng),
        Generator::WindowOldest => sizes::window_oldest(rng),
        Generator::KvCacheBytes => sizes::kv_cache_bytes(rng),
        Generator::ProjectionParams => sizes::projection_params(rng),
        Generator::CacheSaving => sizes::cache_saving(rng),
        Generator::RawSpread => experiments::raw_spread(rng),
        Generator::SharedScore => experiments::shared_score(rng),
        Generator::ShuffledContext => experiments::shuffled_context(rng),
        Generator::CrossShape => experiments::cross_shape(rng),
    }
}

fn pick<T: Copy>(rng: &mut SplitMix, choices: &[T]) -> T {
    choices[rng.index(choices.len())]
}

fn number(value: f64, derivation: Option<Derivation>) -> NumericAnswer {
    NumericAnswer::Number { value, derivation, slips: Vec::new() }
}
