use super::{diagram_lines, output_lines, output_weight_rows, top_line, vector_name};
use crate::engine::{Attention, Projection, Shape, shape_line};
use crate::format;
use crate::scenario::Labels;
use std::fmt::Write;
use strum::IntoEnumIterator;

/// The whole calculation as plain sentences and lines, for a terminal, a pipe or a screen
/// reader. `query` counts from 0.
#[must_use]
pub fn walk_text(attention: &Attention, query: usize, labels: &Labels) -> String {
    let mut out = String::new();
    write_header(&mut out, attention);
    write_labels(&mut out, labels);
    write_shapes(&mut out, attention);
    for t in 0..attention.tokens() {
        write_token(&mut out, attention, t, labels);
    }
    write_scores(&mut out, attention, query);
    if let Some(line) = top_line(attention, labels, query) {
        let _ = writeln!(out, "  {line}");
    }
    write_softmax(&mut out, attention, query);
    write_context(&mut out, attention, query);
    let _ = writeln!(out, "\nWhere the context goes next: through W_O and back into token {}", query + 1);
    for line in output_lines(attention, labels, query).into_iter().chain(output_weight_rows(attention, query)) {
        let _ = writeln!(out, "  {line}");
    }
    out.push_str("\nThe picture\n");
    for line in diagram_lines(attention, query) {
        let _ = writeln!(out, "  {line}");
    }
    out
}

fn write_header(out: &mut String, a: &Attention) {
    let on_off = |on: bool| if on { "on" } else { "off" };
    let _ = writeln!(
        out,
        "{} of width D = {}; queries and keys have width d_k = {}, values d_v = {}.",
        format::plural(a.tokens(), "token"),
        a.model_width(),
        a.key_width(),
        a.value_width()
    );
    let _ = writeln!(
        out,
        "Scaling by 1/sqrt(d_k) is {}; the causal mask is {}.",
        on_off(a.input.scale),
        on_off(a.input.causal)
    );
}

fn write_shapes(out: &mut String, a: &Attention) {
    out.push_str("\nShapes\n");
    let x = Shape::of("X", &a.input.x);
    for p in Projection::iter() {
        let w = Shape::of(p.weight_name(), a.input.weight(p));
        let _ = writeln!(out, "  {}", shape_line(&x, &w, p.matrix_name()));
    }
}

/// What the rows and columns mean, when the scenario names them.
pub(super) fn write_labels(out: &mut String, labels: &Labels) {
    let numbered = |list: &[String]| -> String {
        list.iter().enumerate().map(|(i, l)| format!("{} {l}", i + 1)).collect::<Vec<_>>().join(", ")
    };
    for (title, list) in
        [("Tokens", &labels.tokens), ("Embedding dimensions", &labels.dims), ("Query/key columns", &labels.heads)]
    {
        if !list.is_empty() {
            let _ = writeln!(out, "{title}: {}", numbered(list));
        }
    }
}

fn write_token(out: &mut String, a: &Attention, token: usize, labels: &Labels) {
    let n = token + 1;
    let x = format::vector(a.input.x.row(token).iter().copied());
    let _ = writeln!(out, "\nToken {n}: {} = {x}", vector_name("x", token, labels));
    for p in Projection::iter() {
        let matrix = a.projected(p);
        for j in 0..matrix.ncols() {
            let d = a.projection_derivation(p, token, j);
            let name = format!("{}{n}", p.letter());
            let _ = writeln!(out, "  {name} entry {}: {}", j + 1, format::derivation(&d));
        }
        let vector = format::vector(matrix.row(token).iter().copied());
        let _ = writeln!(out, "  {}{n} = {vector}", p.letter());
    }
}

pub(super) fn write_scores(out: &mut String, a: &Attention, query: usize) {
    let n = query + 1;
    let _ = writeln!(out, "\nScores: q{n} against every key (raw dot products)");
    for b in 0..a.keys() {
        let d = a.score_derivation(query, b);
        let masked = if a.is_visible(query, b) { "" } else { "  (masked: a future token)" };
        let _ = writeln!(out, "  q{n}·k{} = {}{masked}", b + 1, format::derivation(&d));
    }
    if a.input.scale {
        let root = format::number(f64::from(u32::try_from(a.key_width()).unwrap_or(1)).sqrt());
        let scaled: Vec<f64> = a.logits.row(query).iter().copied().collect();
        let _ = writeln!(
            out,
            "  divided by sqrt(d_k) = sqrt({}) = {root} (d_k, the width of each query and key): {}",
            a.key_width(),
            format::vector(scaled)
        );
    }
}

pub(super) fn write_softmax(out: &mut String, a: &Attention, query: usize) {
    let n = query + 1;
    let s = a.softmax_derivation(query);
    let _ = writeln!(out, "\nSoftmax: weights for token {n}");
    let _ = writeln!(out, "  subtract the largest visible score, {}, then exponentiate:", format::number(s.max));
    for b in 0..a.keys() {
        if s.visible[b] {
            let shifted = format::number(s.logits[b] - s.max);
            let _ = writeln!(out, "    exp({shifted}) = {}", format::number(s.exps[b]));
        } else {
            let _ = writeln!(out, "    key {} is masked: weight 0", b + 1);
        }
    }
    let _ = writeln!(out, "  divide each by their total, {}:", format::number(s.total));
    let _ = writeln!(out, "  weights = {}", format::vector(s.weights.iter().copied()));
}

pub(super) fn write_context(out: &mut String, a: &Attention, query: usize) {
    let n = query + 1;
    let _ = writeln!(out, "\nContext for token {n}: the weights mix the values");
    for j in 0..a.value_width() {
        let d = a.context_derivation(query, j);
        let _ = writeln!(out, "  c{n} entry {}: {}", j + 1, format::derivation(&d));
    }
    let context = format::vector(a.context.row(query).iter().copied());
    let _ = writeln!(out, "  c{n} = {context}");
}
