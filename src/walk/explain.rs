//! Sentences that give numbers their meaning: why a key scores high (the columns that carry
//! the score) and where the context goes next (W_O and the residual). The walkthrough, the
//! Lab, presenter mode and `walk` all print these, so every screen says the same thing.

use crate::engine::{Attention, Contribution, explain_score, residual, top_indices, top_keys};
use crate::format;
use crate::scenario::Labels;

/// `k2 "furry"` or `k2`: a key named the way the lesson names it, with its token's label.
#[must_use]
pub fn vector_name(letter: &str, t: usize, labels: &Labels) -> String {
    match labels.token(t) {
        Some(label) => format!("{letter}{} \"{label}\"", t + 1),
        None => format!("{letter}{}", t + 1),
    }
}

fn column_name(j: usize, labels: &Labels) -> String {
    match labels.head(j) {
        Some(label) => format!("column {} ({label})", j + 1),
        None => format!("column {}", j + 1),
    }
}

/// Why query `a` scores key `b` as it does: `q3·k2 = 2, all from column 1 (describing):
/// 1·2 = 2`, naming its largest contributing columns, q_j·k_j each. `queries` and `keys` name
/// the two sides' tokens: the same labels in self-attention, the encoder's for the keys across.
#[must_use]
pub fn reason_line(attention: &Attention, (queries, keys): (&Labels, &Labels), a: usize, b: usize) -> String {
    let score = format::number(attention.scores[(a, b)]);
    format!(
        "{}·{} = {score}{}",
        vector_name("q", a, queries),
        vector_name("k", b, keys),
        reason(attention, queries, a, b)
    )
}

/// The part of [`reason_line`] after the score: the largest column, or every column tied for
/// largest, and the next group after it.
fn reason(attention: &Attention, labels: &Labels, query: usize, key: usize) -> String {
    let reason = explain_score(attention, query, key);
    let groups = reason.groups();
    let part = |c: &Contribution| {
        let (left, right) = (format::number(c.query), format::number(c.key));
        format!("{}: {left}·{right} = {}", column_name(c.column, labels), format::number(c.product))
    };
    let named = |group: &[Contribution]| and_list(&group.iter().map(part).collect::<Vec<_>>());
    match groups.as_slice() {
        [] => ": no column adds anything".into(),
        [only] if only.len() == 1 => format!(", all from {}", named(only)),
        [only] => format!(", equally from {}", named(only)),
        [first, second, ..] => {
            let (lead, then) = (tied_word(first, "mostly", "equally"), tied_word(second, "", " equally"));
            format!(", {lead} from {}, then {}{then}", named(first), named(second))
        }
    }
}

/// `single` for a group of one, `tied` for a group of equals.
fn tied_word<'a>(group: &[Contribution], single: &'a str, tied: &'a str) -> &'a str {
    if group.len() > 1 { tied } else { single }
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Which key query `a` scores highest, and why; every key tied for highest is named, since
/// naming one of several equals would tell the learner something the numbers do not say.
#[must_use]
pub fn top_line(attention: &Attention, labels: &Labels, a: usize) -> Option<String> {
    let best = top_keys(attention, a);
    let &first = best.first()?;
    let q = vector_name("q", a, labels);
    let score = format::number(attention.scores[(a, first)]);
    let visible = (0..attention.keys()).filter(|b| attention.is_visible(a, *b)).count();
    if let [only] = best.as_slice() {
        let k = vector_name("k", *only, labels);
        let verb = if visible == 1 { "can see only" } else { "scores" };
        let highest = if visible == 1 { "" } else { " highest" };
        return Some(format!("{q} {verb} {k}{highest} ({score}){}", reason(attention, labels, a, *only)));
    }
    let names: Vec<String> = best.iter().map(|b| vector_name("k", *b, labels)).collect();
    let whom =
        if best.len() == visible { format!("every key it sees ({})", and_list(&names)) } else { and_list(&names) };
    let why: Vec<String> =
        best.iter().zip(&names).map(|(b, k)| format!("{k}{}", reason(attention, labels, a, *b))).collect();
    Some(format!("{q} scores {whom} equally highest ({score}): {}", why.join("; ")))
}

/// The residual step for token `query`: W_O, the context through it, and the token after.
#[must_use]
pub fn output_lines(attention: &Attention, labels: &Labels, query: usize) -> Vec<String> {
    let Some(r) = residual(attention, query) else {
        return Vec::new();
    };
    let (d, dv) = (attention.model_width(), attention.value_width());
    let n = query + 1;
    let x = format::vector(attention.input.x.row(query).iter().copied());
    let mut lines = vec![
        format!("W_O [{dv}×{d}] is the tutor's default: context entry i is added to dimension i"),
        format!(
            "c{n}·W_O = {} · W_O = {}",
            format::vector(attention.context.row(query).iter().copied()),
            format::vector(r.projected.iter().copied())
        ),
        format!(
            "{} + c{n}·W_O = {x} + {} = {}",
            vector_name("x", query, labels),
            format::vector(r.projected.iter().copied()),
            format::vector(r.result.iter().copied())
        ),
    ];
    if let Some(line) = largest_change(&r.projected, labels) {
        lines.push(line);
    }
    lines
}

/// W_O's rows, for the text and the handout, which have room to list them.
#[must_use]
pub fn output_weight_rows(attention: &Attention, query: usize) -> Option<String> {
    let r = residual(attention, query)?;
    let rows: Vec<String> = r.w_o.row_iter().map(|row| format::vector(row.iter().copied())).collect();
    Some(format!("W_O rows: {}", rows.join(" ")))
}

/// The dimension the residual step moves most, or every dimension tied for the largest move.
fn largest_change(projected: &[f64], labels: &Labels) -> Option<String> {
    let sizes = projected.iter().enumerate().filter(|(_, p)| **p != 0.0).map(|(i, p)| (i, p.abs()));
    let top = top_indices(sizes);
    let dim = |i: usize| labels.dim(i).map_or_else(|| format!("{}", i + 1), |l| format!("{} ({l})", i + 1));
    match top.as_slice() {
        [] => None,
        [i] => Some(format!(
            "attention moved this token most along dimension {}: {}",
            dim(*i),
            format::number(projected[*i])
        )),
        _ => {
            let dims: Vec<String> = top.iter().map(|i| dim(*i)).collect();
            let moves: Vec<String> = top.iter().map(|i| format::number(projected[*i])).collect();
            let by = if moves.iter().all(|m| *m == moves[0]) {
                format!("{} each", moves[0])
            } else {
                format!("{}, the same size", and_list(&moves))
            };
            Some(format!("attention moved this token equally along dimensions {}: {by}", and_list(&dims)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{Scenario, shipped};

    #[test]
    fn the_meaning_scenario_explains_why_cat_listens_to_furry() {
        let s = shipped("meaning").expect("shipped").expect("valid");
        let a = Attention::compute(s.input.clone()).expect("fits");
        let line = top_line(&a, &s.labels, s.query_index()).expect("a visible key");
        assert_eq!(line, "q3 \"cat\" scores k2 \"furry\" highest (4), all from column 1 (describing): 2·2 = 4");
    }

    #[test]
    fn the_lessons_output_step_names_x2_and_its_new_value() {
        let a = Attention::compute(Scenario::lesson().input).expect("fits");
        let lines = output_lines(&a, &Labels::default(), 1);
        let expected = format::vector(residual(&a, 1).expect("token 2").result);
        assert!(lines[2].starts_with("x2 + c2·W_O = [1, 0, 2, 1] + ") && lines[2].ends_with(&expected), "{lines:?}");
    }
}
