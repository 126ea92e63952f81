use crate::engine::Attention;
use crate::format;

/// The lesson's picture of one query comparing itself with every key, from real numbers.
/// `query` counts from 0; masked keys are drawn as masked, never with a score.
#[must_use]
pub fn diagram_lines(attention: &Attention, query: usize) -> Vec<String> {
    let n = query + 1;
    let q = format::vector(attention.q.row(query).iter().copied());
    let mut lines = vec![format!("query from token {n}: q{n} = {q} ---------")];
    for b in 0..attention.keys() {
        let key = b + 1;
        if attention.is_visible(query, b) {
            let score = format::number(attention.scores[(query, b)]);
            lines.push(format!("  \\ compare with k{key} -> score {score}"));
        } else {
            lines.push(format!("  \\ compare with k{key} -> masked (future token)"));
        }
    }
    let weights = format::vector(attention.weights.row(query).iter().copied());
    lines.push(format!("  \\ softmax -> weights {weights}"));
    let context = format::vector(attention.context.row(query).iter().copied());
    lines.push(format!("  \\ mix {} -> context for token {n} = {context}", value_names(attention, query)));
    lines
}

fn value_names(attention: &Attention, query: usize) -> String {
    let names: Vec<String> =
        (0..attention.keys()).filter(|b| attention.is_visible(query, *b)).map(|b| format!("v{}", b + 1)).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
