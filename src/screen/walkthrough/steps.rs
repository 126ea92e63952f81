use crate::engine::{Attention, Derivation, Projection};

/// One stop in the walkthrough. Steps are rebuilt from the current numbers, so an edit in the
/// playground changes what the walkthrough shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Roles,
    Shapes,
    Projection { projection: Projection, token: usize, entry: usize },
    Score { query: usize, key: usize },
    Softmax { query: usize },
    Context { query: usize, entry: usize },
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
            Step::Ideas => "ideas",
        }
    }

    /// Steps whose result is one number with a derivation a learner can predict.
    #[must_use]
    pub fn is_predictable(self) -> bool {
        matches!(self, Step::Projection { .. } | Step::Score { .. } | Step::Context { .. })
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
            _ => None,
        }
    }
}

/// Every step in the lesson's order: roles, shapes, each token's q, k and v entry by entry,
/// the query token against each key, softmax, the context entry by entry, the five ideas.
#[must_use]
pub fn steps(attention: &Attention, query: usize) -> Vec<Step> {
    let mut steps = vec![Step::Roles, Step::Shapes];
    for token in 0..attention.tokens() {
        for projection in Projection::ALL {
            let width = attention.projected(projection).ncols();
            steps.extend((0..width).map(|entry| Step::Projection { projection, token, entry }));
        }
    }
    steps.extend((0..attention.tokens()).map(|key| Step::Score { query, key }));
    steps.push(Step::Softmax { query });
    steps.extend((0..attention.value_width()).map(|entry| Step::Context { query, entry }));
    steps.push(Step::Ideas);
    steps
}
