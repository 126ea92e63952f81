use crate::engine::{Attention, Derivation, Projection};

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

    /// Steps whose results a learner can predict (see `asks`); the last step asks what the
    /// Lab's four experiments will show.
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
                | Step::Ideas
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

/// The projection steps as blocks of tokens that compute the same matrices, in walkthrough
/// order. Self-attention works token by token through q, k and v. Cross-attention first
/// computes the decoder tokens' queries, then each encoder token's key and value, since the
/// two come from different sequences.
fn blocks(attention: &Attention) -> [(usize, &'static [Projection]); 2] {
    if attention.encoder.is_some() {
        [(attention.tokens(), &[Projection::Query]), (attention.keys(), &[Projection::Key, Projection::Value])]
    } else {
        [(attention.tokens(), &[Projection::Query, Projection::Key, Projection::Value]), (0, &[])]
    }
}

/// How many entries one token of a block computes.
fn block_width(attention: &Attention, projections: &[Projection]) -> usize {
    projections.iter().map(|p| attention.projected(*p).ncols()).sum()
}

fn projection_steps(attention: &Attention) -> usize {
    blocks(attention).iter().map(|(tokens, ps)| tokens * block_width(attention, ps)).sum()
}

/// The `index`th projection step, counted from the first q entry.
fn projection_at(attention: &Attention, mut index: usize) -> Option<Step> {
    for (tokens, projections) in blocks(attention) {
        let per_token = block_width(attention, projections);
        if index >= tokens * per_token {
            index -= tokens * per_token;
            continue;
        }
        let (token, mut entry) = (index / per_token, index % per_token);
        for &projection in projections {
            let width = attention.projected(projection).ncols();
            if entry < width {
                return Some(Step::Projection { projection, token, entry });
            }
            entry -= width;
        }
    }
    None
}

/// How many steps [`steps`] would list, without listing them (every keystroke asks).
#[must_use]
pub fn step_count(attention: &Attention) -> usize {
    2 + projection_steps(attention) + attention.keys() + 1 + attention.value_width() + 2
}

/// The step at `index`, computed directly rather than by building the whole list.
#[must_use]
pub fn step_at(attention: &Attention, query: usize, index: usize) -> Option<Step> {
    let (keys, dv) = (attention.keys(), attention.value_width());
    let scores = 2 + projection_steps(attention);
    let softmax = scores + keys;
    Some(match index {
        0 => Step::Roles,
        1 => Step::Shapes,
        i if i < scores => projection_at(attention, i - 2)?,
        i if i < softmax => Step::Score { query, key: i - scores },
        i if i == softmax => Step::Softmax { query },
        i if i <= softmax + dv => Step::Context { query, entry: i - softmax - 1 },
        i if i == softmax + dv + 1 => Step::Output { query },
        i if i == softmax + dv + 2 => Step::Ideas,
        _ => return None,
    })
}

/// Every step in the lesson's order: roles, shapes, the q, k and v entries (token by token in
/// self-attention; the decoder's queries, then the encoder's keys and values, across two
/// sequences), the query token against each key, softmax, the context entry by entry, where
/// the context goes next (W_O and the residual), the five ideas.
#[must_use]
pub fn steps(attention: &Attention, query: usize) -> Vec<Step> {
    let mut steps = vec![Step::Roles, Step::Shapes];
    for (tokens, projections) in blocks(attention) {
        for token in 0..tokens {
            for &projection in projections {
                let width = attention.projected(projection).ncols();
                steps.extend((0..width).map(|entry| Step::Projection { projection, token, entry }));
            }
        }
    }
    steps.extend((0..attention.keys()).map(|key| Step::Score { query, key }));
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

    #[test]
    fn across_two_sequences_the_queries_come_first_then_each_encoder_tokens_key_and_value() {
        let input = AttentionInput {
            x: Matrix::zeros(2, 3),
            w_q: Matrix::zeros(3, 2),
            w_k: Matrix::zeros(3, 2),
            w_v: Matrix::zeros(3, 1),
            scale: false,
            causal: true,
        };
        let a = Attention::cross(input, &Matrix::zeros(3, 3)).expect("fits");
        let all = steps(&a, 1);
        // 2 queries × 2 entries, 3 encoder tokens × (2 key + 1 value entries), 3 scores.
        assert_eq!(all.len(), 2 + 4 + 9 + 3 + 1 + 1 + 2);
        assert_eq!(step_count(&a), all.len());
        let projections: Vec<(Projection, usize)> = all
            .iter()
            .filter_map(|s| match s {
                Step::Projection { projection, token, .. } => Some((*projection, *token)),
                _ => None,
            })
            .collect();
        assert!(projections[..4].iter().all(|(p, _)| *p == Projection::Query), "{projections:?}");
        assert_eq!(projections[4..7], [(Projection::Key, 0), (Projection::Key, 0), (Projection::Value, 0)]);
        assert_eq!(projections[10..], [(Projection::Key, 2), (Projection::Key, 2), (Projection::Value, 2)]);
        let scored: Vec<usize> =
            all.iter().filter_map(|s| if let Step::Score { key, .. } = s { Some(*key) } else { None }).collect();
        assert_eq!(scored, [0, 1, 2], "every encoder key is scored");
        for (i, step) in all.iter().enumerate() {
            assert_eq!(step_at(&a, 1, i), Some(*step), "index {i}");
        }
    }
}
