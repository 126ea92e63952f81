//! What each step asks in predict mode, from the current numbers: one question, or a few in
//! turn (the shapes of Q, K and V; with scaling on, q·k and then q·k / √d_k).

use super::Step;
use super::Walked;
use crate::engine::{Attention, Derivation, Matrix, Projection, Term, residual};
use crate::quiz::{NumericAnswer, Slip};
use crate::walk::experiment::{Experiment, Setup, Teaser, teaser};
use strum::IntoEnumIterator;

/// One question of a step: what it says, and what answers it.
#[derive(Debug, Clone, PartialEq)]
pub struct Ask {
    pub prompt: String,
    pub answer: NumericAnswer,
}

fn number(derivation: Derivation, slips: Vec<Slip>) -> NumericAnswer {
    NumericAnswer::Number { value: derivation.value, derivation: Some(derivation), slips }
}

/// The questions a step asks, in order; none for a step that only tells.
#[must_use]
pub fn asks(step: Step, a: &Attention) -> Vec<Ask> {
    match step {
        Step::Shapes => shape_asks(a),
        Step::Projection { projection, token, entry } => {
            let prompt = format!("{}{} entry {}", projection.letter(), token + 1, entry + 1);
            vec![Ask { prompt, answer: number(a.projection_derivation(projection, token, entry), Vec::new()) }]
        }
        Step::Score { query, key } => score_asks(a, query, key),
        Step::Softmax { query } => vec![weight_ask(a, query)],
        Step::Context { query, entry } => {
            let prompt = format!("c{} entry {}", query + 1, entry + 1);
            vec![Ask { prompt, answer: number(a.context_derivation(query, entry), Vec::new()) }]
        }
        Step::Output { query } => output_ask(a, query).into_iter().collect(),
        Step::Ideas => experiment_asks(a, a.encoder.as_ref()).into_iter().map(|(.., ask)| ask).collect(),
        Step::Roles => Vec::new(),
    }
}

/// The questions a step asks on the walked numbers. The last step's cross-attention question
/// uses the scenario's second sequence whichever part is walked, as the Lab does.
pub(crate) fn walked_asks(step: Step, walked: &Walked<'_>) -> Vec<Ask> {
    match step {
        Step::Ideas => experiment_asks(&walked.attention, walked.encoder()).into_iter().map(|(.., ask)| ask).collect(),
        _ => asks(step, &walked.attention),
    }
}

/// The last step's questions: each of the Lab's four experiments, predicted before the Lab
/// shows its numbers. The same questions as the Lab's panels (on `encoder`, the scenario's
/// second sequence, when it has one), with each one's short answer for after.
#[must_use]
pub fn experiment_asks(a: &Attention, encoder: Option<&Matrix>) -> Vec<(Experiment, Teaser, Ask)> {
    let setup = Setup::new(a, encoder);
    Experiment::iter()
        .filter_map(|e| teaser(e, setup).ok().map(|t| (e, t)))
        .map(|(e, t)| {
            let prompt = format!("{}: {}", e.title(), t.prediction.prompt);
            let ask = Ask { prompt, answer: t.prediction.answer.clone() };
            (e, t, ask)
        })
        .collect()
}

fn shape_asks(a: &Attention) -> Vec<Ask> {
    let d = a.model_width();
    // Across two sequences the queries have the decoder's rows and the keys and values the
    // encoder's, and the score matrix's shape is worth asking too: it need not be square.
    let (decoder, encoder) = if a.encoder.is_some() { ("X_dec", "X_enc") } else { ("X", "X") };
    let mut asks: Vec<Ask> = Projection::iter()
        .map(|p| {
            let (x, t) = if p == Projection::Query { (decoder, a.tokens()) } else { (encoder, a.keys()) };
            let width = a.projected(p).ncols();
            let prompt = format!("{} = {x}·{}: [{t}×{d}]·[{d}×{width}] → ?", p.matrix_name(), p.weight_name());
            Ask { prompt, answer: NumericAnswer::Shape(t, width) }
        })
        .collect();
    if a.encoder.is_some() {
        // Q's and K's shapes are the answers above, so this prompt does not give them away.
        let prompt = "scores = Q·Kᵀ → ?".to_string();
        asks.push(Ask { prompt, answer: NumericAnswer::Shape(a.tokens(), a.keys()) });
    }
    asks
}

fn score_asks(a: &Attention, query: usize, key: usize) -> Vec<Ask> {
    let name = format!("q{}·k{}", query + 1, key + 1);
    let raw = a.score_derivation(query, key);
    let mut asks = vec![Ask { prompt: name.clone(), answer: number(raw.clone(), Vec::new()) }];
    if a.input.scale {
        let dk = a.key_width();
        let scaled = Derivation::new(Vec::new(), a.logits[(query, key)]);
        let slip = Slip::Unscaled { raw: raw.value, key_width: dk };
        let prompt = format!("{name} divided by √d_k = √{dk} (to 3 decimals)");
        asks.push(Ask { prompt, answer: number(scaled, vec![slip]) });
    }
    asks
}

/// The first key's weight: a ratio, not a sum, so a miss is told apart only from the score.
fn weight_ask(a: &Attention, query: usize) -> Ask {
    let mut slips = vec![Slip::ScoreForWeight { score: a.scores[(query, 0)] }];
    if a.input.scale {
        slips.push(Slip::ScoreForWeight { score: a.logits[(query, 0)] });
    }
    let prompt = format!("weight of k1 for q{} (to 3 decimals)", query + 1);
    Ask { prompt, answer: number(Derivation::new(Vec::new(), a.weights[(query, 0)]), slips) }
}

/// The token's first dimension after attention: x plus what the context adds through W_O,
/// written as `x·1 + c1·W_O[1,1] + …` so the terms can be checked one by one.
fn output_ask(a: &Attention, query: usize) -> Option<Ask> {
    let r = residual(a, query)?;
    let through = r.derivation(a, 0);
    let mut terms = vec![Term::new(a.input.x[(query, 0)], 1.0)];
    terms.extend(through.terms);
    let derivation = Derivation::new(terms, r.result[0]);
    let n = query + 1;
    let slips = vec![Slip::NoResidual { added: r.projected[0] }];
    Some(Ask { prompt: format!("(x{n} + c{n}·W_O) entry 1"), answer: number(derivation, slips) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Scenario;

    #[test]
    fn every_predictable_step_asks_and_its_answers_are_the_engines() {
        let a = Attention::compute(Scenario::lesson().input).expect("fits");
        for step in super::super::steps(&a, 1) {
            let asks = asks(step, &a);
            assert_eq!(asks.is_empty(), !step.is_predictable(), "{step:?}");
            if let (Some(first), Some(d)) = (asks.first(), step.derivation(&a))
                && let NumericAnswer::Number { value, .. } = first.answer
            {
                assert!((value - d.value).abs() < 1e-12, "{step:?}");
            }
        }
    }

    #[test]
    fn shapes_ask_for_q_k_and_v_and_the_output_adds_x() {
        let a = Attention::compute(Scenario::lesson().input).expect("fits");
        let shapes = asks(Step::Shapes, &a);
        assert_eq!(
            shapes.iter().map(|s| s.answer.clone()).collect::<Vec<_>>(),
            vec![NumericAnswer::Shape(2, 2), NumericAnswer::Shape(2, 2), NumericAnswer::Shape(2, 2)]
        );
        assert!(shapes[0].prompt.contains("[2×4]·[4×2]"), "{}", shapes[0].prompt);
        let out = asks(Step::Output { query: 1 }, &a);
        let r = residual(&a, 1).expect("token 2");
        assert_eq!(out[0].answer.expected().map(|e| e.value()), Some(r.result[0]));
        assert_eq!(out[0].answer.expected().map(|e| e.derivation.sum_of_terms()), Some(r.result[0]));
    }
}
