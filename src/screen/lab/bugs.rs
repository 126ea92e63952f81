//! The five bug panels: each bug computed for real, beside the correct result.

use super::{LabState, edited_values};
use crate::engine::bugs as engine_bugs;
use crate::engine::{Attention, Matrix, Shape, shape_line};
use crate::format;
use crate::theme::Theme;
use crate::widget::{GridModel, MatrixGrid};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

/// A grid of a matrix with rows labelled `prefix1`, `prefix2`, …; `causal` draws masked cells.
pub(super) fn grid(title: &str, prefix: &str, matrix: &Matrix, causal: bool) -> GridModel {
    let values = matrix.row_iter().map(|r| r.iter().copied().collect()).collect();
    let labels = (1..=matrix.nrows()).map(|i| format!("{prefix}{i}")).collect();
    let mut model = GridModel::new(format!("{title} [{}×{}]", matrix.nrows(), matrix.ncols()), labels, values);
    if causal {
        for r in 0..model.rows() {
            for c in r + 1..model.cols() {
                model.masked[r][c] = true;
            }
        }
    }
    model
}

/// Grids side by side along the top of `area`; returns what is left below them.
pub(super) fn render_grids(models: &[GridModel], theme: Theme, area: Rect, buf: &mut Buffer) -> Rect {
    let rows = models.iter().map(GridModel::rows).max().unwrap_or(0);
    let height = u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(3);
    let [top, rest] = Layout::vertical([Constraint::Length(height), Constraint::Fill(1)]).areas(area);
    let columns = Layout::horizontal(models.iter().map(|_| Constraint::Fill(1))).split(top);
    for (model, column) in models.iter().zip(columns.iter()) {
        (&MatrixGrid { model, theme }).render(*column, buf);
    }
    rest
}

/// The grids on top and the lines under them, where the lines keep every row they need and
/// the grids give up rows (scrolling, with ⇕) down to one row of numbers each.
pub(super) fn render_grids_above_lines(
    models: &[GridModel],
    lines: &[Line<'_>],
    theme: Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let wrapped = crate::widget::line::wrap_lines(lines, usize::from(area.width), crate::widget::line::item_indent);
    let text = u16::try_from(wrapped.len()).unwrap_or(u16::MAX);
    let rows = models.iter().map(GridModel::rows).max().unwrap_or(0);
    let wanted = u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(3);
    let height = wanted.min(area.height.saturating_sub(text)).max(wanted.min(4));
    let [top, rest] = Layout::vertical([Constraint::Length(height), Constraint::Fill(1)]).areas(area);
    let columns = Layout::horizontal(models.iter().map(|_| Constraint::Fill(1))).split(top);
    for (model, column) in models.iter().zip(columns.iter()) {
        (&MatrixGrid { model, theme }).render(*column, buf);
    }
    Paragraph::new(wrapped).render(rest, buf);
}

/// The panel's lines wrapped between words, a `✓`/`✗` item continuing under its text.
pub(super) fn render_lines(lines: &[Line<'_>], area: Rect, buf: &mut Buffer) {
    let lines = crate::widget::line::wrap_lines(lines, usize::from(area.width), crate::widget::line::item_indent);
    Paragraph::new(lines).render(area, buf);
}

pub(super) fn rows_inline(matrix: &Matrix) -> String {
    matrix.row_iter().map(|r| format::vector(r.iter().copied())).collect::<Vec<_>>().join(" ")
}

pub fn render_shapes(a: &Attention, theme: Theme, area: Rect, buf: &mut Buffer) {
    let x = Shape::of("X", &a.input.x);
    let right = shape_line(&x, &Shape::of("W_Q", &a.input.w_q), "Q");
    let outcome = match engine_bugs::mixed_dimensions_outcome(a) {
        engine_bugs::Outcome::Refused(e) => Line::styled(format!("✗ {e}: the bug is caught at once"), theme.wrong()),
        engine_bugs::Outcome::Silent { coincides: true, .. } => Line::styled(
            "D = d_head here: the wrong W_Q fits silently, and on these numbers the results coincide.",
            theme.wrong(),
        ),
        engine_bugs::Outcome::Silent { coincides: false, .. } => {
            Line::styled("D = d_head here: the wrong W_Q fits silently, and every q it gives is wrong.", theme.wrong())
        }
    };
    let lines = vec![
        Line::styled(format!("✓ correct:  {right}"), theme.right()),
        Line::raw(format!("✗ with the bug: W_Q built as d_head×d_k = {}×{}", a.key_width(), a.key_width())),
        outcome,
    ];
    render_lines(&lines, area, buf);
}

pub fn render_no_transpose(a: &Attention, theme: Theme, area: Rect, buf: &mut Buffer) {
    match engine_bugs::missing_transpose_outcome(a) {
        engine_bugs::Outcome::Silent { result: wrong, coincides } => {
            let models = [grid("correct Q·Kᵀ", "q", &a.scores, false), grid("bug: Q·K", "q", &wrong, false)];
            let rest = render_grids(&models, theme, area, buf);
            let t = a.tokens();
            let tail = crate::walk::lab::transpose_tail(engine_bugs::transpose_coincidence(a));
            let mark = if coincides { "" } else { "✗ " };
            let note = format!("{mark}T = d_k = {t}: Q·K runs without an error. {tail}");
            render_lines(&[Line::styled(note, theme.wrong())], rest, buf);
        }
        engine_bugs::Outcome::Refused(e) => render_lines(
            &[
                Line::styled(format!("✗ {e}"), theme.wrong()),
                Line::raw(format!("Here T = {} and d_k = {}, so the bug fails loudly.", a.tokens(), a.key_width())),
            ],
            area,
            buf,
        ),
    }
}

pub fn render_shared(a: &Attention, theme: Theme, area: Rect, buf: &mut Buffer) {
    let Ok(shared) = engine_bugs::shared_weights(&a.input) else {
        return;
    };
    let models = [
        grid("bug: Q = K = V", "t", &shared.q, false),
        grid("bug: weights", "q", &shared.weights, a.input.causal),
        grid("correct weights", "q", &a.weights, a.input.causal),
    ];
    let rest = render_grids(&models, theme, area, buf);
    let lines = vec![
        Line::styled(
            format!("✗ with W_Q everywhere: q = k = v, context {}", rows_inline(&shared.context)),
            theme.wrong(),
        ),
        Line::styled(format!("✓ separate matrices: context {}", rows_inline(&a.context)), theme.right()),
    ];
    render_lines(&lines, rest, buf);
}

pub fn render_heads_first(a: &Attention, theme: Theme, area: Rect, buf: &mut Buffer) {
    let (t, d, dk) = (a.tokens(), a.model_width(), a.key_width());
    let project = format!("✓ project first: X [{t}×{d}] · W_Q [{d}×{dk}] → Q [{t}×{dk}], then cut Q into heads");
    let mut lines = vec![Line::styled(project, theme.right())];
    match engine_bugs::heads_first_outcome(&a.input, 2) {
        engine_bugs::HeadsFirst::Uneven(e) => {
            lines.push(Line::raw(format!("✗ cut first: X [{t}×{d}] cannot be cut into 2 equal slices")));
            lines.push(Line::styled(format!("✗ D = {d} is odd: {e}"), theme.wrong()));
        }
        engine_bugs::HeadsFirst::Refused(e) => {
            lines.push(Line::raw(format!(
                "✗ cut first: X [{t}×{d}] → 2 slices of [{t}×{}], each times W_Q [{d}×{dk}]",
                d / 2
            )));
            lines.push(Line::styled(format!("✗ it surfaces at the projection: {e}"), theme.wrong()));
        }
        engine_bugs::HeadsFirst::OneHead => {
            lines.push(Line::raw("with one head the slice is all of X, so the order makes no difference"));
        }
    }
    render_lines(&lines, area, buf);
}

/// `why` explains the followed query's highest score from q·k alone, the reason no edit of
/// W_V can move a weight.
pub fn render_values(a: &Attention, state: &LabState, why: Option<&str>, theme: Theme, area: Rect, buf: &mut Buffer) {
    let w_v = edited_values(&a.input.w_v, state.value_edits);
    let Ok(edited) = engine_bugs::with_values(&a.input, w_v.clone()) else {
        return;
    };
    let causal = a.input.causal;
    let models = [
        grid("weights, W_V as is", "q", &a.weights, causal),
        grid(&format!("weights, W_V edited ×{}", state.value_edits), "q", &edited.weights, causal),
    ];
    let rest = render_grids(&models, theme, area, buf);
    let same = a.weights == edited.weights;
    let mut lines = vec![
        Line::styled(
            if same { "✓ every weight is identical" } else { "✗ the weights moved" },
            if same { theme.right() } else { theme.wrong() },
        ),
        Line::raw(format!("context, W_V as is: {}", rows_inline(&a.context))),
        Line::raw(format!("context, W_V edited: {}", rows_inline(&edited.context))),
        Line::styled("e edits W_V again (each edit doubles it and subtracts 1)", theme.muted()),
    ];
    if let Some(why) = why {
        lines.insert(1, Line::raw(format!("scores use only q and k: {why}")));
    }
    render_lines(&lines, rest, buf);
}
