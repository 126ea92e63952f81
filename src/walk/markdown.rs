//! The handout: the current scenario's whole calculation as Markdown, with the matrices as
//! tables, every expansion, the picture in a code block and the lesson's recall questions.

use super::{diagram_lines, output_lines, output_weight_rows, top_line};
use crate::engine::experiments::Experiment;
use crate::engine::{Attention, Matrix, Projection, Shape, shape_line};
use crate::format;
use crate::lesson::Lesson;
use crate::quiz::SeedPart;
use crate::scenario::Labels;
use std::fmt::Write;
use strum::IntoEnumIterator;

/// The handout for `attention`, following the query of token `query` (counted from 0).
#[must_use]
pub fn walk_markdown(attention: &Attention, query: usize, lesson: &Lesson) -> String {
    walk_markdown_labeled(attention, query, lesson, &Labels::default())
}

/// The handout with the scenario's labels on the tables' rows and columns.
#[must_use]
pub fn walk_markdown_labeled(attention: &Attention, query: usize, lesson: &Lesson, labels: &Labels) -> String {
    walk_markdown_across(attention, query, lesson, labels, None)
}

/// The handout; for a two-sequence scenario, `across` is its cross-attention (from
/// [`Attention::cross`]) with the encoder's labels, worked through after the decoder's own
/// self-attention.
#[must_use]
pub fn walk_markdown_across(
    attention: &Attention,
    query: usize,
    lesson: &Lesson,
    labels: &Labels,
    across: Option<(&Attention, &Labels)>,
) -> String {
    let mut out = format!("# {}: handout\n\n", escape(&lesson.title));
    write_intro(&mut out, attention, query, across.map(|(cross, _)| cross));
    write_inputs(&mut out, attention, labels);
    write_projections(&mut out, attention);
    write_attention(&mut out, attention, query, labels);
    write_next_and_picture(&mut out, attention, query, labels);
    if let Some((cross, keys)) = across {
        out.push_str(&cross_section(cross, query, keys));
    }
    out.push_str("\n## Recall\n\n");
    let recall = lesson.questions.iter().filter(|q| q.seed == Some(SeedPart::Recall));
    for (i, question) in recall.enumerate() {
        let _ = writeln!(out, "{}. {}", i + 1, escape(&question.prompt));
    }
    write_experiments(&mut out, lesson);
    out
}

/// The sizes and switches, and for a two-sequence scenario what its two parts are.
fn write_intro(out: &mut String, attention: &Attention, query: usize, cross: Option<&Attention>) {
    let on_off = |on: bool| if on { "on" } else { "off" };
    let _ = writeln!(
        out,
        "{} of width D = {}; d_k = {}, d_v = {}. Scaling by 1/sqrt(d_k) is {}; the causal mask is {}.\n",
        format::plural(attention.tokens(), "token"),
        attention.model_width(),
        attention.key_width(),
        attention.value_width(),
        on_off(attention.input.scale),
        on_off(attention.input.causal)
    );
    if let Some(cross) = cross {
        let _ = writeln!(
            out,
            "This scenario has two sequences. The sections below work through the decoder's own \
             self-attention first; the part \"Cross-attention\" then works through decoder token {}'s query \
             against the encoder's {}.\n",
            query + 1,
            format::plural(cross.keys(), "key")
        );
    }
}

/// Where the context goes next (W_O and the residual), and the lesson's picture.
fn write_next_and_picture(out: &mut String, attention: &Attention, query: usize, labels: &Labels) {
    let _ = writeln!(out, "## Where the context goes next\n");
    for line in output_lines(attention, labels, query).into_iter().chain(output_weight_rows(attention, query)) {
        let _ = writeln!(out, "- {}", escape(&line));
    }
    out.push('\n');
    out.push_str("## The picture\n\n```text\n");
    for line in diagram_lines(attention, query) {
        let _ = writeln!(out, "{line}");
    }
    out.push_str("```\n");
}

/// The handout's part for a two-sequence scenario: the followed decoder query against the
/// encoder's keys (`cross` from [`Attention::cross`]), appended after the self-attention the
/// rest of the handout works through.
#[must_use]
pub fn cross_section(cross: &Attention, query: usize, key_labels: &Labels) -> String {
    let (n, tq, dk, tkv) = (query + 1, cross.tokens(), cross.key_width(), cross.keys());
    let mut out = String::from("\n## Cross-attention: the decoder's query against the encoder's keys\n\n");
    let _ = writeln!(
        out,
        "This scenario has a second sequence. Q comes from the decoder's tokens, K and V from the encoder's: \
         `Q [{tq}×{dk}] · Kᵀ [{dk}×{tkv}] → scores [{tq}×{tkv}]`, and no causal mask applies across.\n"
    );
    if let Some(encoder) = &cross.encoder {
        let names = Names { rows: &key_labels.tokens, cols: &key_labels.dims };
        table(&mut out, "X encoder, the second sequence", "x", encoder, &names);
        write_encoder_tokens(&mut out, cross, encoder, key_labels);
    }
    let _ = writeln!(out, "### Scores for the query of decoder token {n}\n");
    for b in 0..tkv {
        let k = escape(&super::vector_name("k", b, key_labels));
        let _ = writeln!(out, "- q{n}·{k}: `{}`", format::derivation(&cross.score_derivation(query, b)));
    }
    let weights = format::vector(cross.weights.row(query).iter().copied());
    let _ = writeln!(out, "- softmax over all {}: weights = **{weights}**", format::plural(tkv, "key"));
    for j in 0..cross.value_width() {
        let _ = writeln!(out, "- c{n} entry {}: `{}`", j + 1, format::derivation(&cross.context_derivation(query, j)));
    }
    let _ = writeln!(out, "- **c{n} = {}**", format::vector(cross.context.row(query).iter().copied()));
    out
}

/// Each encoder token's key and value, term by term: the keys and values the decoder reads.
fn write_encoder_tokens(out: &mut String, cross: &Attention, encoder: &Matrix, key_labels: &Labels) {
    for t in 0..cross.keys() {
        let n = t + 1;
        let name = escape(&super::vector_name("x", t, key_labels));
        let _ = writeln!(out, "### Encoder token {n}: {name} = {}\n", format::vector(encoder.row(t).iter().copied()));
        for p in [Projection::Key, Projection::Value] {
            for j in 0..cross.projected(p).ncols() {
                let d = cross.projection_derivation(p, t, j);
                let _ = writeln!(out, "- {}{n} entry {}: `{}`", p.letter(), j + 1, format::derivation(&d));
            }
            let row = format::vector(cross.projected(p).row(t).iter().copied());
            let _ = writeln!(out, "- **{}{n} = {row}**", p.letter());
        }
        out.push('\n');
    }
}

/// Where to try the why of each idea: the Lab's four experiments, by name and command.
fn write_experiments(out: &mut String, lesson: &Lesson) {
    out.push_str("\n## Try the why: four experiments\n\n");
    out.push_str(
        "Each one asks for your prediction before it shows the numbers. Open it in the Lab (F5), or run it here:\n\n",
    );
    for experiment in Experiment::iter() {
        let name = experiment.cli_name();
        let narration = lesson.lab_narration(&name.replace('-', "_"));
        let _ = writeln!(
            out,
            "- **{}** (`{name}`): {} Run `qkv-tutor walk --experiment {name}`.",
            escape(experiment.title()),
            escape(&narration.text)
        );
    }
}

/// Lesson text as Markdown that shows it literally: control characters stripped, and every
/// character CommonMark could read as markup or raw HTML (`<img onerror=...>`) escaped.
#[must_use]
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in crate::sanitize::strip(text).chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Row and column names for a table: a label, when there is one, follows the number.
struct Names<'a> {
    rows: &'a [String],
    cols: &'a [String],
}

fn named(n: usize, list: &[String], prefix: &str) -> String {
    list.get(n).map_or_else(|| format!("{prefix}{}", n + 1), |l| format!("{prefix}{} {}", n + 1, escape(l)))
}

fn table(out: &mut String, title: &str, prefix: &str, matrix: &Matrix, names: &Names) {
    let _ = writeln!(out, "### {title} [{}×{}]\n", matrix.nrows(), matrix.ncols());
    let header: Vec<String> = (0..matrix.ncols()).map(|c| named(c, names.cols, "")).collect();
    let _ = writeln!(out, "| | {} |", header.join(" | "));
    let _ = writeln!(out, "|---|{}", "---:|".repeat(matrix.ncols()));
    for (r, row) in matrix.row_iter().enumerate() {
        let cells: Vec<String> = row.iter().map(|v| format::number(*v)).collect();
        let _ = writeln!(out, "| {} | {} |", named(r, names.rows, prefix), cells.join(" | "));
    }
    out.push('\n');
}

fn write_inputs(out: &mut String, a: &Attention, labels: &Labels) {
    out.push_str("## The numbers\n\n");
    table(out, "X, the tokens", "x", &a.input.x, &Names { rows: &labels.tokens, cols: &labels.dims });
    for p in Projection::iter() {
        let cols: &[String] = if p == Projection::Value { &[] } else { &labels.heads };
        table(out, p.weight_name(), "", a.input.weight(p), &Names { rows: &labels.dims, cols });
    }
    out.push_str("## Shapes\n\n");
    let x = Shape::of("X", &a.input.x);
    for p in Projection::iter() {
        let _ =
            writeln!(out, "- `{}`", shape_line(&x, &Shape::of(p.weight_name(), a.input.weight(p)), p.matrix_name()));
    }
    out.push('\n');
}

fn write_projections(out: &mut String, a: &Attention) {
    for t in 0..a.tokens() {
        let n = t + 1;
        let _ = writeln!(out, "## Token {n}: x{n} = {}\n", format::vector(a.input.x.row(t).iter().copied()));
        for p in Projection::iter() {
            for j in 0..a.projected(p).ncols() {
                let d = a.projection_derivation(p, t, j);
                let _ = writeln!(out, "- {}{n} entry {}: `{}`", p.letter(), j + 1, format::derivation(&d));
            }
            let _ =
                writeln!(out, "- **{}{n} = {}**", p.letter(), format::vector(a.projected(p).row(t).iter().copied()));
        }
        out.push('\n');
    }
}

fn write_attention(out: &mut String, a: &Attention, query: usize, labels: &Labels) {
    let n = query + 1;
    let _ = writeln!(out, "## Scores for the query of token {n}\n");
    for b in 0..a.tokens() {
        let masked = if a.is_visible(query, b) { "" } else { " (masked: a later token)" };
        let _ = writeln!(out, "- q{n}·k{}: `{}`{masked}", b + 1, format::derivation(&a.score_derivation(query, b)));
    }
    if a.input.scale {
        let root = format::number(f64::from(u32::try_from(a.key_width()).unwrap_or(1)).sqrt());
        let scaled = format::vector(a.logits.row(query).iter().copied());
        let _ = writeln!(out, "\nDivided by √d_k = √{} = {root}: **{scaled}**", a.key_width());
    }
    if let Some(line) = top_line(a, labels, query) {
        let _ = writeln!(out, "\n{}", escape(&line));
    }
    let s = a.softmax_derivation(query);
    let _ = writeln!(
        out,
        "\n## Softmax\n\nSubtract the largest visible score, {}, exponentiate, divide by the total {}:\n",
        format::number(s.max),
        format::number(s.total)
    );
    let _ = writeln!(out, "- weights = **{}**\n", format::vector(s.weights.iter().copied()));
    let _ = writeln!(out, "## Context for token {n}\n");
    for j in 0..a.value_width() {
        let _ = writeln!(out, "- c{n} entry {}: `{}`", j + 1, format::derivation(&a.context_derivation(query, j)));
    }
    let _ = writeln!(out, "- **c{n} = {}**\n", format::vector(a.context.row(query).iter().copied()));
    table(out, "All softmax weights", "q", &a.weights, &Names { rows: &labels.tokens, cols: &labels.tokens });
}
