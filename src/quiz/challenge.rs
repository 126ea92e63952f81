//! The challenges' goals, checked on the live numbers.

use crate::engine::Attention;
use crate::scenario::Scenario;

/// The challenge ids this build knows how to check; a lesson may only name these.
pub const KNOWN_CHALLENGES: [&str; 3] = ["challenge-dominant-key", "challenge-equal-scores", "challenge-attend-self"];

/// Whether the challenge `id` is met; `None` for an id this build does not know.
#[must_use]
pub fn challenge_met(id: &str, scenario: &Scenario, baseline: &Scenario, a: &Attention) -> Option<bool> {
    let (now, base) = (&scenario.input, &baseline.input);
    let two_tokens = a.tokens() >= 2;
    let met = match id {
        "challenge-dominant-key" => {
            let only_w_k = now.x == base.x && now.w_q == base.w_q && now.w_v == base.w_v;
            only_w_k && two_tokens && a.weights[(1, 0)] > 0.99
        }
        "challenge-equal-scores" => two_tokens && (a.scores[(1, 0)] - a.scores[(1, 1)]).abs() < 1e-9,
        "challenge-attend-self" => now.x == base.x && two_tokens && a.weights[(1, 1)] > a.weights[(1, 0)],
        _ => return None,
    };
    Some(met)
}
