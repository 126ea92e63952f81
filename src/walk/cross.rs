//! The headless walkthrough of a two-sequence scenario: queries from the decoder's tokens,
//! keys and values from the encoder's, every number from [`Attention::cross`].

use super::explain::{output_lines, vector_name};
use super::text::{write_context, write_labels, write_softmax};
use crate::cli::Format;
use crate::engine::{Attention, EngineError, Matrix, Projection, Shape, shape_line};
use crate::format;
use crate::lesson::Lesson;
use crate::scenario::Labels;
use std::fmt::Write;

/// `walk` on a two-sequence scenario: cross-attention as text or JSON; the handout works
/// through the decoder's self-attention and adds the cross-attention part. `labels` name the
/// decoder's tokens, `names` the encoder's; `lesson` is the handout's, when one was given.
///
/// # Errors
/// When the encoder does not fit the scenario's matrices.
pub fn cross_walk(
    attention: &Attention,
    encoder: &Matrix,
    query: usize,
    (labels, names): (&Labels, Vec<String>),
    format: Format,
    lesson: Option<Lesson>,
) -> Result<String, EngineError> {
    let cross = Attention::cross(attention.input.clone(), encoder)?;
    Ok(match format {
        Format::Json => super::walk_json(&cross, query, labels),
        Format::Text => walk_cross_text(&cross, query, labels, &names),
        Format::Markdown => {
            let keys = Labels { tokens: names, ..labels.clone() };
            let lesson = lesson.unwrap_or_else(Lesson::embedded);
            super::walk_markdown_across(attention, query, &lesson, labels, Some((&cross, &keys)))
        }
    })
}

/// The whole calculation for cross-attention, following decoder token `query` (from 0).
/// `labels` name the decoder's tokens (and the dimensions); `encoder_labels` the encoder's.
#[must_use]
pub fn walk_cross_text(attention: &Attention, query: usize, labels: &Labels, encoder_labels: &[String]) -> String {
    let keys = Labels { tokens: encoder_labels.to_vec(), ..labels.clone() };
    let mut out = String::new();
    write_header(&mut out, attention);
    let mut named = String::new();
    write_labels(&mut named, labels);
    // The first sequence's tokens are the decoder's here.
    out.push_str(&named.replacen("Tokens: ", "Decoder tokens: ", 1));
    if !encoder_labels.is_empty() {
        let numbered: Vec<String> = encoder_labels.iter().enumerate().map(|(i, l)| format!("{} {l}", i + 1)).collect();
        let _ = writeln!(out, "Encoder tokens: {}", numbered.join(", "));
    }
    write_shapes(&mut out, attention);
    for t in 0..attention.tokens() {
        write_vectors(&mut out, attention, t, labels, Side::Decoder);
    }
    for t in 0..attention.keys() {
        write_vectors(&mut out, attention, t, &keys, Side::Encoder);
    }
    write_scores(&mut out, attention, query, labels, &keys);
    write_softmax(&mut out, attention, query);
    write_context(&mut out, attention, query);
    let _ = writeln!(out, "\nWhere the context goes next: through W_O and back into decoder token {}", query + 1);
    for line in output_lines(attention, labels, query) {
        let _ = writeln!(out, "  {line}");
    }
    out.push_str("\nThe picture\n");
    for line in super::diagram_lines(attention, query) {
        let _ = writeln!(out, "  {line}");
    }
    out
}

fn write_header(out: &mut String, a: &Attention) {
    let _ = writeln!(
        out,
        "Cross-attention: {} ask, {} answer; width D = {}, d_k = {}, d_v = {}.",
        format::plural(a.tokens(), "decoder token"),
        format::plural(a.keys(), "encoder token"),
        a.model_width(),
        a.key_width(),
        a.value_width()
    );
    let scale = if a.input.scale { "on" } else { "off" };
    let _ = writeln!(
        out,
        "Scaling by 1/sqrt(d_k) is {scale}. No causal mask applies across: every decoder token reads the whole encoded input."
    );
}

/// Q from the decoder's X, K and V from the encoder's, and the scores' [T_q, T_kv].
fn write_shapes(out: &mut String, a: &Attention) {
    out.push_str("\nShapes\n");
    let decoder = Shape::of("X (decoder)", &a.input.x);
    let encoder = a.encoder.as_ref().map_or_else(|| decoder.clone(), |e| Shape::of("X (encoder)", e));
    for p in [Projection::Query, Projection::Key, Projection::Value] {
        let x = if p == Projection::Query { &decoder } else { &encoder };
        let w = Shape::of(p.weight_name(), a.input.weight(p));
        let _ = writeln!(out, "  {}", shape_line(x, &w, p.matrix_name()));
    }
    let (tq, dk, tkv) = (a.tokens(), a.key_width(), a.keys());
    let _ =
        writeln!(out, "  Q [{tq}×{dk}] · Kᵀ [{dk}×{tkv}] → scores [{tq}×{tkv}]: [T_q, d_k]·[d_k, T_kv] → [T_q, T_kv]");
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Decoder,
    Encoder,
}

/// A decoder token gives only its query; an encoder token its key and value.
fn write_vectors(out: &mut String, attention: &Attention, token: usize, labels: &Labels, side: Side) {
    let n = token + 1;
    let (title, tokens, projections) = match (side, &attention.encoder) {
        (Side::Encoder, Some(encoder)) => ("Encoder token", encoder, &[Projection::Key, Projection::Value][..]),
        _ => ("Decoder token", &attention.input.x, &[Projection::Query][..]),
    };
    let row = format::vector(tokens.row(token).iter().copied());
    let _ = writeln!(out, "\n{title} {n}: {} = {row}", vector_name("x", token, labels));
    for &projection in projections {
        let matrix = attention.projected(projection);
        let letter = projection.letter();
        for column in 0..matrix.ncols() {
            let derivation = attention.projection_derivation(projection, token, column);
            let _ = writeln!(out, "  {letter}{n} entry {}: {}", column + 1, format::derivation(&derivation));
        }
        let _ = writeln!(out, "  {letter}{n} = {}", format::vector(matrix.row(token).iter().copied()));
    }
}

fn write_scores(out: &mut String, a: &Attention, query: usize, labels: &Labels, keys: &Labels) {
    let q = vector_name("q", query, labels);
    let _ = writeln!(out, "\nScores: {q} against every encoder key (raw dot products, none masked)");
    for b in 0..a.keys() {
        let d = a.score_derivation(query, b);
        let _ = writeln!(out, "  q{}·{} = {}", query + 1, vector_name("k", b, keys), format::derivation(&d));
    }
    if a.input.scale {
        let scaled: Vec<f64> = a.logits.row(query).iter().copied().collect();
        let _ = writeln!(out, "  divided by sqrt(d_k) = sqrt({}): {}", a.key_width(), format::vector(scaled));
    }
}
