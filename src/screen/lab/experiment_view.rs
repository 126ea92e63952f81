//! The four experiment panels: the question first, with the answer component; the results
//! only once the prediction is settled (found, or shown on request).

use super::LabState;
use super::bugs::{grid, render_grids, render_lines};
use crate::engine::experiments::{Experiment, ScaleRow, scale_spread, shared_qk};
use crate::theme::Theme;
use crate::walk::experiment::{Report, Setup, cross_run, report};
use crate::widget::AnswerBox;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::bar;
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, BarGroup, Widget};

/// Bars drawn with `#` only, for terminals without block glyphs.
const ASCII_BARS: bar::Set<'static> = bar::Set {
    full: "#",
    seven_eighths: "#",
    three_quarters: "#",
    five_eighths: "#",
    half: "#",
    three_eighths: " ",
    one_quarter: " ",
    one_eighth: " ",
    empty: " ",
};

/// Draws one experiment panel into `area`.
pub fn render_experiment(
    experiment: Experiment,
    state: &LabState,
    setup: Setup<'_>,
    theme: Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let report = match report(experiment, setup) {
        Ok(report) => report,
        Err(e) => return render_lines(&[Line::styled(format!("✗ {e}"), theme.wrong())], area, buf),
    };
    let fresh;
    let answer = if let Some(answer) = state.prediction() {
        answer
    } else {
        fresh = AnswerBox::new(report.prediction.answer.clone(), 40);
        &fresh
    };
    if answer.is_open() {
        return render_question(&report, answer, theme, area, buf);
    }
    let mut lines = answer.lines("", "", theme);
    lines.push(Line::styled(format!("answer: {}", report.reveal), theme.result()));
    let rest = lines_then_rest(&lines, area, buf);
    match experiment {
        Experiment::SqrtDk => render_scale(setup, theme, rest, buf),
        Experiment::SharedQk | Experiment::Cross => render_with_grids(&report, setup, theme, rest, buf),
        Experiment::Shuffle => render_lines(&text_lines(&report.lines[..], theme), rest, buf),
    }
}

fn render_question(report: &Report, answer: &AnswerBox, theme: Theme, area: Rect, buf: &mut Buffer) {
    let mut lines = vec![Line::styled(format!("Predict first: {}", report.prediction.prompt), theme.key())];
    lines.extend(answer.lines("Your prediction: ", "", theme));
    if !answer.focused() {
        lines.push(Line::styled("Enter: type a prediction · s: show the numbers without one", theme.muted()));
    }
    render_lines(&lines, area, buf);
}

/// Draws `lines` at the top of `area`, wrapped, and returns what is left below.
fn lines_then_rest(lines: &[Line<'_>], area: Rect, buf: &mut Buffer) -> Rect {
    let wrapped = crate::widget::line::wrap_lines(lines, usize::from(area.width), crate::widget::line::item_indent);
    let height = u16::try_from(wrapped.len()).unwrap_or(u16::MAX).min(area.height);
    let [top, rest] = Layout::vertical([Constraint::Length(height), Constraint::Fill(1)]).areas(area);
    render_lines(lines, top, buf);
    rest
}

fn text_lines(lines: &[String], theme: Theme) -> Vec<Line<'static>> {
    lines.iter().map(|l| Line::styled(l.clone(), theme.text())).collect()
}

fn render_scale(setup: Setup<'_>, theme: Theme, area: Rect, buf: &mut Buffer) {
    let run = scale_spread(setup.attention.key_width(), setup.seed);
    let mut lines =
        vec![Line::styled(format!("seed {} · {} pairs per d_k · n: new seed", run.seed, run.pairs), theme.muted())];
    lines.push(Line::styled(
        format!("{:>4} {:>7} {:>9} {:>10} {:>12}", "d_k", "sd raw", "sd ÷√d_k", "top w raw", "top w ÷√d_k"),
        theme.key(),
    ));
    lines.extend(run.rows.iter().map(|r| Line::raw(table_row(r))));
    let rest = lines_then_rest(&lines, area, buf);
    if rest.height >= 4 {
        scale_chart(&run.rows, theme).render(rest, buf);
    }
}

fn table_row(r: &ScaleRow) -> String {
    format!(
        "{:>4} {:>7.2} {:>9.2} {:>10.3} {:>12.3}",
        r.key_width, r.raw_std, r.scaled_std, r.raw_top_weight, r.scaled_top_weight
    )
}

/// Raw and scaled spreads side by side: one group grows with d_k, the other stays flat.
fn scale_chart(rows: &[ScaleRow], theme: Theme) -> BarChart<'static> {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "small positive spreads")]
    let bar = |r: &ScaleRow, value: f64| {
        Bar::default()
            .value((value * 100.0).round() as u64)
            .text_value(format!("{value:.1}"))
            .label(Line::from(r.key_width.to_string()))
    };
    let raw: Vec<Bar<'static>> = rows.iter().map(|r| bar(r, r.raw_std)).collect();
    let scaled: Vec<Bar<'static>> = rows.iter().map(|r| bar(r, r.scaled_std)).collect();
    BarChart::grouped(vec![BarGroup::with_label("sd of q·k", raw), BarGroup::with_label("sd of q·k ÷ √d_k", scaled)])
        .bar_width(4)
        .bar_gap(1)
        .group_gap(3)
        .bar_set(if theme.ascii { ASCII_BARS } else { bar::NINE_LEVELS })
        .bar_style(theme.result())
        .value_style(theme.key())
}

fn render_with_grids(report: &Report, setup: Setup<'_>, theme: Theme, area: Rect, buf: &mut Buffer) {
    let models = grids_for(report, setup);
    let rest = if area.height >= 8 { render_grids(&models, theme, area, buf) } else { area };
    render_lines(&text_lines(&report.lines, theme), rest, buf);
}

fn grids_for(report: &Report, setup: Setup<'_>) -> Vec<crate::widget::GridModel> {
    match report.experiment {
        Experiment::SharedQk => shared_qk(&setup.attention.input).map_or_else(
            |_| Vec::new(),
            |run| {
                vec![
                    grid("q·k: W_Q, W_K", "q", &run.separate.scores, false),
                    grid("q·k: W_Q twice", "q", &run.shared.scores, false),
                ]
            },
        ),
        _ => cross_run(setup)
            .map_or_else(|_| Vec::new(), |(run, _)| vec![grid("cross weights", "q", &run.weights, false)]),
    }
}
