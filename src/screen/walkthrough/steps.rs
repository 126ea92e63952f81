use crate::engine::{Attention, Derivation, Projection};
use strum::IntoEnumIterator;

/// One stop in the walkthrough. Steps are rebuilt from the current numbers, so an edit in the
/// playground changes what the walkthrough shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    Roles,
    Shapes,
    Projection {
        projection: Projection,
        token: usize,
        entry: usize,
    },
    Score {
        query: usize,
        key: usize,
    },
    Softmax {
        query: usize,
    },
    Context {
        query: usize,
        entry: usize,
    },
    /// The context through W_O, added back to the token: `x + context · W_O`.
    Output {
        query: usize,
    },
    Ideas,
}

impl Step {
    /// The lesson file's narration key for this kind of step.
    #[must_use]
    pub fn narration_key(self) -> &'static str {
        match self {
            Step::Roles => "roles",
            Step::Shapes => "shapes",
            Step::Projection { projection: Projection::Query, .. } => "query_entry",
            Step::Projection { projection: Projection::Key, .. } => "key_entry",
            Step::Projection { projection: Projection::Value, .. } => "value_entry",
            Step::Score { .. } => "score",
            Step::Softmax { .. } => "softmax",
            Step::Context { .. } => "context",
            Step::Output { .. } => "output",
            Step::Ideas => "ideas",
        }
    }

    /// Steps whose results a learner can predict (see `asks`).
    #[must_use]
    pub fn is_predictable(self) -> bool {
        matches!(
            self,
            Step::Shapes
                | Step::Projection { .. }
                | Step::Score { .. }
                | Step::Softmax { .. }
                | Step::Context { .. }
                | Step::Output { .. }
        )
    }

    /// The derivation of this step's number, if it has one.
    #[must_use]
    pub fn derivation(self, attention: &Attention) -> Option<Derivation> {
        match self {
            Step::Projection { projection, token, entry } => {
                Some(attention.projection_derivation(projection, token, entry))
            }
            Step::Score { query, key } => Some(attention.score_derivation(query, key)),
            Step::Context { query, entry } => Some(attention.context_derivation(query, entry)),
            // The weight the first key gets: a ratio, not a sum, so it has no terms to mark.
            Step::Softmax { query } => Some(Derivation::new(Vec::new(), attention.weights[(query, 0)])),
            _ => None,
        }
    }
}

/// How many steps [`steps`] would list, without listing them (every keystroke asks).
#[must_use]
pub fn step_count(attention: &Attention) -> usize {
    let per_token = 2 * attention.key_width() + attention.value_width();
    2 + attention.tokens() * per_token + attention.tokens() + 1 + attention.value_width() + 2
}

/// The step at `index`, computed directly rather than by building the whole list.
#[must_use]
pub fn step_at(attention: &Attention, query: usize, index: usize) -> Option<Step> {
    let (t, dk, dv) = (attention.tokens(), attention.key_width(), attention.value_width());
    let per_token = 2 * dk + dv;
    let projections = 2 + t * per_token;
    Some(match index {
        0 => Step::Roles,
        1 => Step::Shapes,
        i if i < projections => {
            let (token, within) = ((i - 2) / per_token, (i - 2) % per_token);
            let (projection, entry) = match within {
                w if w < dk => (Projection::Query, w),
                w if w < 2 * dk => (Projection::Key, w - dk),
                w => (Projection::Value, w - 2 * dk),
            };
            Step::Projection { projection, token, entry }
        }
        i if i < projections + t => Step::Score { query, key: i - projections },
        i if i == projections + t => Step::Softmax { query },
        i if i < projections + t + 1 + dv => Step::Context { query, entry: i - projections - t - 1 },
        i if i == projections + t + 1 + dv => Step::Output { query },
        i if i == projections + t + 2 + dv => Step::Ideas,
        _ => return None,
    })
}

/// Every step in the lesson's order: roles, shapes, each token's q, k and v entry by entry,
/// the query token against each key, softmax, the context entry by entry, where the context
/// goes next (W_O and the residual), the five ideas.
#[must_use]
pub fn steps(attention: &Attention, query: usize) -> Vec<Step> {
    let mut steps = vec![Step::Roles, Step::Shapes];
    for token in 0..attention.tokens() {
        for projection in Projection::iter() {
            let width = attention.projected(projection).ncols();
            steps.extend((0..width).map(|entry| Step::Projection { projection, token, entry }));
        }
    }
    steps.extend((0..attention.tokens()).map(|key| Step::Score { query, key }));
    steps.push(Step::Softmax { query });
    steps.extend((0..attention.value_width()).map(|entry| Step::Context { query, entry }));
    steps.push(Step::Output { query });
    steps.push(Step::Ideas);
    steps
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{AttentionInput, Matrix};

    #[test]
    fn step_at_and_step_count_agree_with_the_list() {
        for (t, d, dk, dv) in [(2, 4, 2, 2), (1, 1, 1, 1), (3, 5, 3, 2), (4, 2, 1, 3)] {
            let input = AttentionInput {
                x: Matrix::zeros(t, d),
                w_q: Matrix::zeros(d, dk),
                w_k: Matrix::zeros(d, dk),
                w_v: Matrix::zeros(d, dv),
                scale: false,
                causal: false,
            };
            let a = Attention::compute(input).expect("fits");
            let all = steps(&a, t - 1);
            assert_eq!(step_count(&a), all.len());
            for (i, step) in all.iter().enumerate() {
                assert_eq!(step_at(&a, t - 1, i), Some(*step), "index {i}");
            }
            assert_eq!(step_at(&a, t - 1, all.len()), None);
        }
    }
}
