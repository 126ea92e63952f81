mod computation;
mod growing;
mod ideas;
mod parts;
mod share;

pub(crate) use parts::{roles_lines, shape_lines, step_grids};

/// The names on a step's grids and sentences: the queries' tokens, and the keys' (the
/// encoder's across two sequences, else the same tokens).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Names<'a> {
    pub queries: &'a Labels,
    pub keys: &'a Labels,
}

use super::{Step, WalkthroughState};
use crate::engine::{Attention, Derivation};
use crate::format;
use crate::lesson::Lesson;
use crate::quiz::Verdict;
use crate::scenario::Labels;
use crate::theme::Theme;
use crate::widget::{GridModel, MatrixGrid};
use growing::growing_named;
use parts::{grid_height, hidden_roles_lines, render_lines, softmax_lines, wrapped_lines};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

pub struct WalkthroughView<'a> {
    pub state: &'a WalkthroughState,
    pub step: Step,
    pub count: usize,
    /// The attention being walked: self-attention, or cross-attention on a two-sequence
    /// scenario (then `keys` names the encoder's tokens).
    pub attention: &'a Attention,
    /// The encoder's labels, when `attention` is cross-attention.
    pub keys: Option<&'a Labels>,
    /// While a two-sequence scenario walks the decoder's own self-attention: its
    /// cross-attention and the encoder's labels, which the score steps point to.
    pub cross: Option<(&'a Attention, &'a Labels)>,
    pub lesson: &'a Lesson,
    pub theme: Theme,
}

impl Widget for &WalkthroughView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.render_labeled(&Labels::default(), area, buf);
    }
}

impl WalkthroughView<'_> {
    /// Draws the step with the scenario's labels on its grids and in its sentences.
    pub fn render_labeled(&self, labels: &Labels, area: Rect, buf: &mut Buffer) {
        let step = self.step;
        let names = Names { queries: labels, keys: self.keys.unwrap_or(labels) };
        let text = self.narration(step).text;
        let computation = self.computation(step, names, area.width);
        // As tall as the narration needs, at most 6, and a blank line only when the work
        // below still gets every row it would like.
        let lines = wrapped_lines(&text, area.width).min(6);
        let room = area.height.saturating_sub(2 + lines);
        let wanted = computation.as_ref().map_or(0, |c| c.wanted_height(area.width));
        let height = lines + u16::from(lines < 6 && room > wanted);
        let [header, gauge, narration, work] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(height),
            Constraint::Fill(1),
        ])
        .areas(area);
        self.render_header(step, header, buf);
        self.render_gauge(gauge, buf);
        self.render_narration(step, narration, buf);
        match computation {
            Some(computation) => self.render_computation(&computation, names, work, buf),
            None => self.render_work(step, names, work, buf),
        }
    }

    /// The lesson's words for this step; across two sequences, its cross-attention words
    /// where the lesson has them.
    fn narration(&self, step: Step) -> crate::lesson::Narration {
        self.lesson.step_narration(step.narration_key(), self.attention.encoder.is_some())
    }

    fn render_header(&self, step: Step, area: Rect, buf: &mut Buffer) {
        let state = self.state;
        let title = self.narration(step).title;
        let mut spans = vec![Span::styled(format!("Step {} of {}", state.step + 1, self.count), self.theme.key())];
        if self.attention.encoder.is_some() {
            spans.push(Span::styled("  [cross-attention]", self.theme.key()));
        } else if self.cross.is_some() {
            spans.push(Span::styled("  [decoder self-attention]", self.theme.key()));
        }
        if state.predict {
            spans.push(Span::styled("  [predict mode]", self.theme.key()));
        }
        if state.autoplay {
            spans.push(Span::styled(
                format!(
                    "  [autoplay {}s]",
                    format::number(f64::from(u32::try_from(state.interval_ms()).unwrap_or(0)) / 1000.0)
                ),
                self.theme.key(),
            ));
        }
        // The modes say how the screen behaves; the title gives way to them on a narrow row.
        let others: usize = spans.iter().map(Span::width).sum();
        let room = usize::from(area.width).saturating_sub(others);
        let title = crate::widget::line::fit(&format!("  {title}"), room).into_owned();
        spans.insert(1, Span::styled(title, self.theme.title()));
        crate::widget::line::fit_line(&Line::from(spans), usize::from(area.width)).render(area, buf);
    }

    fn render_gauge(&self, area: Rect, buf: &mut Buffer) {
        let count = self.count.max(1);
        #[allow(clippy::cast_precision_loss, reason = "step counts are small")]
        let ratio = (self.state.step + 1) as f64 / count as f64;
        let width = usize::from(area.width.saturating_sub(8));
        let filled = crate::screen::diagram::bar(ratio, width);
        let rest = width.saturating_sub(filled.chars().count());
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "a percentage")]
        let percent = (ratio * 100.0).round() as u32;
        Line::from(vec![
            Span::styled(filled, self.theme.bar()),
            Span::styled("░".repeat(rest), self.theme.muted()),
            Span::styled(format!(" {percent:>3}%"), self.theme.muted()),
        ])
        .render(area, buf);
    }

    fn render_narration(&self, step: Step, area: Rect, buf: &mut Buffer) {
        let text = self.narration(step).text;
        Paragraph::new(text).wrap(Wrap { trim: true }).scroll((self.state.scroll, 0)).render(area, buf);
    }

    fn render_work(&self, step: Step, names: Names<'_>, area: Rect, buf: &mut Buffer) {
        let a = self.attention;
        match step {
            Step::Roles if self.state.predict => render_lines(hidden_roles_lines(a), area, buf),
            Step::Roles => render_lines(roles_lines(a), area, buf),
            Step::Shapes if self.state.hides_result(&step) => self.render_shape_asks(area, buf),
            Step::Shapes => render_lines(shape_lines(a), area, buf),
            Step::Softmax { query } => self.render_softmax(step, query, names, area, buf),
            Step::Output { query } if self.state.hides_result(&step) => self.render_output_ask(step, query, area, buf),
            Step::Output { query } => self.render_output(query, names, area, buf),
            Step::Ideas => self.render_ideas(area, buf),
            // Drawn by `render_computation` once their grids are measured.
            Step::Projection { .. } | Step::Score { .. } | Step::Context { .. } => {}
        }
    }

    fn render_row_of_grids(&self, grids: &[GridModel], area: Rect, buf: &mut Buffer) {
        if grids.is_empty() || area.height < 3 {
            return;
        }
        let height = grid_height(grids).min(area.height);
        let [row, _] = Layout::vertical([Constraint::Length(height), Constraint::Fill(1)]).areas(area);
        let widths: Vec<Constraint> = grids.iter().map(|_| Constraint::Max(40)).chain([Constraint::Fill(1)]).collect();
        let areas = Layout::horizontal(widths).split(row);
        for (grid, slot) in grids.iter().zip(areas.iter()) {
            (&MatrixGrid { model: grid, theme: self.theme }).render(*slot, buf);
        }
    }

    fn render_output(&self, query: usize, names: Names<'_>, area: Rect, buf: &mut Buffer) {
        let lines: Vec<Line> =
            crate::walk::output_lines(self.attention, names.queries, query).into_iter().map(Line::from).collect();
        let [text, grids] = Layout::vertical([Constraint::Length(6), Constraint::Fill(1)]).areas(area);
        Paragraph::new(lines).wrap(Wrap { trim: false }).render(text, buf);
        self.render_row_of_grids(&growing_named(Step::Output { query }, self.attention, names), grids, buf);
    }

    fn calculation_lines(&self, name: &str, derivation: &Derivation, step: Step) -> Vec<Line<'static>> {
        let state = self.state;
        let hidden = state.hides_result(&step);
        let wrong_term = state.verdict().and_then(Verdict::term);
        let mut spans = vec![Span::styled(format!("{name} = "), self.theme.title())];
        for (i, term) in derivation.terms.iter().enumerate() {
            if i > 0 {
                spans.push(Span::raw(" + "));
            }
            let style = if wrong_term == Some(i) { self.theme.wrong() } else { self.theme.text() };
            let marker = if wrong_term == Some(i) { "✗ " } else { "" };
            spans.push(Span::styled(format!("{marker}{}", format::term(*term)), style));
        }
        let scaled_stage = hidden && state.stage() > 0;
        let result = if hidden && !scaled_stage { "?".to_string() } else { format::number(derivation.value) };
        spans.push(Span::styled(format!(" = {result}"), self.theme.result()));
        let mut lines = vec![Line::from(spans)];
        if scaled_stage {
            let dk = self.attention.key_width();
            lines.push(Line::styled(format!("scaled: {result} / √{dk} = ?"), self.theme.result()));
        }
        if let Step::Score { query, key } = step
            && !self.attention.is_visible(query, key)
        {
            lines.push(Line::styled(
                "masked: this key comes later, so the exam rule gives it weight 0",
                self.theme.masked(),
            ));
        }
        lines.extend(self.prediction_lines(step));
        lines
    }

    /// The open question's field and last miss, or how a settled step was settled.
    fn prediction_lines(&self, step: Step) -> Vec<Line<'static>> {
        let state = self.state;
        let mut lines = Vec::new();
        if let Some(notice) = state.notice() {
            lines.push(Line::styled(notice.to_string(), self.theme.key()));
        }
        match (state.settled(&step), state.answer()) {
            (Some(crate::widget::Standing::Right { .. }), _) => lines.push(Line::styled("✓ right", self.theme.right())),
            (Some(_), _) => lines.push(Line::styled("shown, not answered", self.theme.muted())),
            (None, Some(answer)) if state.hides_result(&step) => {
                lines.extend(answer.lines("Your prediction: ", "Enter to answer, s to show it", self.theme));
                if answer.focused() && answer.field().note().is_none() {
                    lines.push(Line::styled(answer.how_to_type(), self.theme.muted()));
                }
            }
            _ => {}
        }
        lines
    }

    fn render_softmax(&self, step: Step, query: usize, names: Names<'_>, area: Rect, buf: &mut Buffer) {
        let hidden = self.state.hides_result(&step);
        let mut lines: Vec<Line<'static>> =
            softmax_lines(self.attention, query, hidden).into_iter().map(Line::from).collect();
        if hidden {
            lines.push(Line::styled(
                format!("weight of k1 for q{} = ? (to 3 decimals)", query + 1),
                self.theme.result(),
            ));
        }
        lines.extend(self.prediction_lines(step));
        let height = u16::try_from(lines.len()).unwrap_or(u16::MAX).saturating_add(1);
        let [text, grids] = Layout::vertical([Constraint::Length(height), Constraint::Fill(1)]).areas(area);
        Paragraph::new(lines).wrap(Wrap { trim: false }).render(text, buf);
        if !hidden {
            self.render_row_of_grids(&growing_named(step, self.attention, names), grids, buf);
        }
    }

    /// Predict mode on the shapes step: each product's shape asked in turn.
    fn render_shape_asks(&self, area: Rect, buf: &mut Buffer) {
        let asks = super::asks(Step::Shapes, self.attention);
        let stage = self.state.stage();
        let mut lines = vec![Line::raw("")];
        for (i, ask) in asks.iter().enumerate() {
            let shown = if i < stage { ask.answer.text() } else { "?".to_string() };
            let text = ask.prompt.replace('?', &shown);
            let style = if i == stage { self.theme.result() } else { self.theme.text() };
            lines.push(Line::styled(text, style));
        }
        lines.extend(self.prediction_lines(Step::Shapes));
        Paragraph::new(lines).wrap(Wrap { trim: false }).render(area, buf);
    }

    /// Predict mode on the W_O step: x and the context are known, their sum is asked.
    fn render_output_ask(&self, step: Step, query: usize, area: Rect, buf: &mut Buffer) {
        let a = self.attention;
        let n = query + 1;
        let mut lines = vec![
            Line::raw(format!("x{n} = {}", format::vector(a.input.x.row(query).iter().copied()))),
            Line::raw(format!("c{n} = {}", format::vector(a.context.row(query).iter().copied()))),
            Line::raw(format!(
                "W_O [{}×{}] is the tutor's default: context entry i is added to dimension i",
                a.value_width(),
                a.model_width()
            )),
        ];
        if let Some(ask) = super::asks(step, a).first() {
            lines.push(Line::styled(format!("{} = ?", ask.prompt), self.theme.result()));
        }
        lines.extend(self.prediction_lines(step));
        Paragraph::new(lines).wrap(Wrap { trim: false }).render(area, buf);
    }
}
