//! Four of the five ideas' panels: heads, the exam rule, the answer sheet, the KV cache
//! (real models are in wild.rs).

mod wild;

pub use wild::render_wild;

use super::bugs::{grid, render_grids, render_grids_above_lines, render_lines, rows_inline};
use super::{LabState, effective_heads, effective_window, valid_head_counts, window_tokens};
use crate::engine::{Attention, AttentionInput, MultiHead, decode};
use crate::format;
use crate::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

pub fn render_heads(a: &Attention, state: &LabState, theme: Theme, area: Rect, buf: &mut Buffer) {
    let count = effective_heads(state, a);
    let Ok(split) = MultiHead::split(a, count) else {
        return;
    };
    let models: Vec<_> = split
        .heads
        .iter()
        .enumerate()
        .take(3)
        .map(|(i, h)| grid(&format!("head {} weights", i + 1), "q", &h.weights, a.input.causal))
        .collect();
    let rest = render_grids(&models, theme, area, buf);
    let choices: Vec<String> = valid_head_counts(a).iter().map(ToString::to_string).collect();
    let mut lines =
        vec![Line::styled(format!("h = {count} (possible: {}; + and - change it)", choices.join(", ")), theme.key())];
    if split.heads.len() > 3 {
        lines.push(Line::styled(format!("showing 3 of {} heads", split.heads.len()), theme.muted()));
    }
    let d_head = a.key_width() / count.max(1);
    lines.push(Line::raw(if a.input.scale {
        format!("scaling: each head divides its scores by √d_head = √{d_head}, not by √d_k = √{}", a.key_width())
    } else {
        format!("scaling is off (s in the playground); on, each head would divide by √d_head = √{d_head}")
    }));
    lines.push(Line::raw(format!("concatenated context: {}", rows_inline(&split.concatenated))));
    render_lines(&lines, rest, buf);
}

pub fn render_exam_rule(a: &Attention, theme: Theme, area: Rect, buf: &mut Buffer) {
    let open = Attention::compute(AttentionInput { causal: false, ..a.input.clone() });
    let masked = Attention::compute(AttentionInput { causal: true, ..a.input.clone() });
    let (Ok(open), Ok(masked)) = (open, masked) else {
        return;
    };
    let models =
        [grid("weights, mask off", "q", &open.weights, false), grid("weights, mask on", "q", &masked.weights, true)];
    let rest = render_grids(&models, theme, area, buf);
    let lines = vec![
        Line::raw(format!("context, mask off: {}", rows_inline(&open.context))),
        Line::raw(format!("context, mask on:  {}", rows_inline(&masked.context))),
        Line::styled("· = masked: a later token, weight exactly 0", theme.muted()),
    ];
    render_lines(&lines, rest, buf);
}

pub fn render_answer_sheet(a: &Attention, state: &LabState, theme: Theme, area: Rect, buf: &mut Buffer) {
    let (tokens, names, left) = window_tokens(state, a);
    let input = AttentionInput { x: tokens, causal: true, ..a.input.clone() };
    let Ok(windowed) = Attention::compute(input) else {
        return;
    };
    let newest = windowed.tokens() - 1;
    let mut model = grid("tokens in the window", "t", &windowed.input.x, false);
    model.row_labels = names.iter().map(|n| format!("t{n}")).collect();
    let rest = render_grids(&[model], theme, area, buf);
    let window = effective_window(state, a);
    let gone = if left.is_empty() {
        "none yet".to_string()
    } else {
        left.iter().map(|n| format!("t{n}")).collect::<Vec<_>>().join(", ")
    };
    let lines = vec![
        Line::styled(
            format!(
                "window: {} · arrivals: {} · left the window: {gone}",
                crate::format::plural(window, "token"),
                state.arrivals
            ),
            theme.key(),
        ),
        Line::raw(format!(
            "newest token t{} attends with weights {}",
            names[newest],
            format::vector(windowed.weights.row(newest).iter().copied())
        )),
        Line::styled(
            "n: a new token arrives (a copy of the next x) · +/-: window size · r: start again",
            theme.muted(),
        ),
    ];
    render_lines(&lines, rest, buf);
}

pub fn render_decode(a: &Attention, state: &LabState, theme: Theme, area: Rect, buf: &mut Buffer) {
    let steps = decode(&a.input);
    let Some(step) = steps.get(state.decode_step.min(steps.len().saturating_sub(1))) else {
        return;
    };
    let n = step.token + 1;
    let models = [grid("cached K", "k", &step.cached_k, false), grid("cached V", "v", &step.cached_v, false)];
    let lines = vec![
        Line::styled(format!("step {n} of {}: only x{n} is projected (←/→ step)", steps.len()), theme.key()),
        Line::raw(format!(
            "q{n} = {} · scores {} · weights {}",
            format::vector(step.q.clone()),
            format::vector(step.scores.clone()),
            format::vector(step.weights.clone())
        )),
        Line::raw(format!("context c{n} = {}", format::vector(step.context.clone()))),
        Line::raw(format!(
            "multiply-adds: {} cached, {} uncached, {} saved",
            step.cost.with_cache,
            step.cost.without_cache,
            step.cost.saved()
        )),
        Line::raw(crate::walk::lab::lesson_memory_sentence(a)),
    ];
    render_grids_above_lines(&models, &lines, theme, area, buf);
}
