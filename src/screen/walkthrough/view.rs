use super::{Step, WalkthroughState};
use crate::engine::{Attention, Derivation, Projection, Shape, shape_line};
use crate::format;
use crate::lesson::Lesson;
use crate::quiz::Verdict;
use crate::screen::playground::{GridId, plain_model};
use crate::theme::Theme;
use crate::widget::{CellMark, GridModel, MatrixGrid};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

pub struct WalkthroughView<'a> {
    pub state: &'a WalkthroughState,
    pub step: Step,
    pub count: usize,
    pub attention: &'a Attention,
    pub lesson: &'a Lesson,
    pub theme: Theme,
}

impl Widget for &WalkthroughView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let step = self.step;
        let [header, gauge, narration, work] =
            Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Max(6), Constraint::Fill(1)])
                .areas(area);
        self.render_header(step, header, buf);
        self.render_gauge(gauge, buf);
        self.render_narration(step, narration, buf);
        self.render_work(step, work, buf);
    }
}

impl WalkthroughView<'_> {
    fn render_header(&self, step: Step, area: Rect, buf: &mut Buffer) {
        let state = self.state;
        let title = self.lesson.narration(step.narration_key()).title;
        let mut spans = vec![
            Span::styled(format!("Step {} of {}", state.step + 1, self.count), self.theme.key()),
            Span::styled(format!("  {title}"), self.theme.title()),
        ];
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
        Line::from(spans).render(area, buf);
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
        let text = self.lesson.narration(step.narration_key()).text;
        Paragraph::new(text).wrap(Wrap { trim: true }).scroll((self.state.scroll, 0)).render(area, buf);
    }

    fn render_work(&self, step: Step, area: Rect, buf: &mut Buffer) {
        let a = self.attention;
        match step {
            Step::Roles if self.state.predict => render_lines(hidden_roles_lines(a), area, buf),
            Step::Roles => render_lines(roles_lines(a), area, buf),
            Step::Shapes => render_lines(shape_lines(a), area, buf),
            Step::Projection { projection, token, entry } => {
                let name = format!("{}{} entry {}", projection.letter(), token + 1, entry + 1);
                if let Some(grids) = step_grids(step, a) {
                    self.render_computation(&grids, &name, step, area, buf);
                }
            }
            Step::Score { query, key } => {
                let name = format!("q{}·k{}", query + 1, key + 1);
                if let Some(grids) = step_grids(step, a) {
                    self.render_computation(&grids, &name, step, area, buf);
                }
            }
            Step::Softmax { query } => self.render_softmax(step, query, area, buf),
            Step::Context { query, entry } => {
                let name = format!("c{} entry {}", query + 1, entry + 1);
                if let Some(grids) = step_grids(step, a) {
                    self.render_computation(&grids, &name, step, area, buf);
                }
            }
            Step::Ideas => self.render_ideas(area, buf),
        }
    }

    fn render_computation(&self, grids: &[GridModel; 2], name: &str, step: Step, area: Rect, buf: &mut Buffer) {
        let height = grids.iter().map(GridModel::rows).max().unwrap_or(1);
        let height = u16::try_from(height).unwrap_or(u16::MAX).saturating_add(3);
        let [top, bottom] = Layout::vertical([Constraint::Length(height), Constraint::Fill(1)]).areas(area);
        let [left, right, _] =
            Layout::horizontal([Constraint::Max(44), Constraint::Max(30), Constraint::Fill(1)]).areas(top);
        (&MatrixGrid { model: &grids[0], theme: self.theme }).render(left, buf);
        (&MatrixGrid { model: &grids[1], theme: self.theme }).render(right, buf);
        let Some(derivation) = step.derivation(self.attention) else {
            return;
        };
        let lines = self.calculation_lines(name, &derivation, step);
        Paragraph::new(lines).wrap(Wrap { trim: false }).render(bottom, buf);
    }

    fn calculation_lines(&self, name: &str, derivation: &Derivation, step: Step) -> Vec<Line<'static>> {
        let state = self.state;
        let hidden = state.hides_result(&step);
        let wrong_term = match &state.verdict {
            Some(Verdict::Wrong { term, .. }) => *term,
            _ => None,
        };
        let mut spans = vec![Span::styled(format!("{name} = "), self.theme.title())];
        for (i, term) in derivation.terms.iter().enumerate() {
            if i > 0 {
                spans.push(Span::raw(" + "));
            }
            let style = if wrong_term == Some(i) { self.theme.wrong() } else { self.theme.text() };
            let marker = if wrong_term == Some(i) { "✗ " } else { "" };
            spans.push(Span::styled(format!("{marker}{}", format::term(*term)), style));
        }
        let result = if hidden { "?".to_string() } else { format::number(derivation.value) };
        spans.push(Span::styled(format!(" = {result}"), self.theme.result()));
        let mut lines = vec![Line::from(spans)];
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

    fn prediction_lines(&self, step: Step) -> Vec<Line<'static>> {
        let state = self.state;
        let mut lines = Vec::new();
        match &state.verdict {
            Some(Verdict::Right) => lines.push(Line::styled("✓ right", self.theme.right())),
            Some(Verdict::Wrong { guess, .. }) => {
                let tries = if state.tries > 1 { format!(" (try {})", state.tries) } else { String::new() };
                lines.push(Line::styled(
                    format!("✗ not {}{tries}: try again", format::number(*guess)),
                    self.theme.wrong(),
                ));
            }
            None => {}
        }
        if let (true, Some(field)) = (state.hides_result(&step), &state.answer) {
            let mut spans = vec![Span::styled("Your prediction: ", self.theme.key())];
            if state.focused {
                spans.extend(field.spans_with_note(self.theme));
            } else {
                spans.push(Span::styled(field.text().to_string(), self.theme.muted()));
                spans.push(Span::styled("  (Enter to answer, s to show it)", self.theme.muted()));
            }
            lines.push(Line::from(spans));
            if state.focused && field.note().is_none() {
                lines.push(Line::styled(
                    "type the result or the terms (1*0 + 0*1 ...), Enter checks, Esc leaves the field",
                    self.theme.muted(),
                ));
            }
        }
        lines
    }

    fn render_softmax(&self, step: Step, query: usize, area: Rect, buf: &mut Buffer) {
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
        Paragraph::new(lines).wrap(Wrap { trim: false }).render(area, buf);
    }

    fn render_ideas(&self, area: Rect, buf: &mut Buffer) {
        let mut lines = Vec::new();
        for (i, idea) in self.lesson.ideas.iter().enumerate() {
            lines.push(Line::from(vec![
                Span::styled(format!("{}. {}", i + 1, idea.name), self.theme.title()),
                Span::raw(format!(": {}", idea.text)),
            ]));
        }
        Paragraph::new(lines).wrap(Wrap { trim: true }).render(area, buf);
    }
}

/// The two grids a computing step pairs, with the row and column being multiplied highlighted.
pub(crate) fn step_grids(step: Step, a: &Attention) -> Option<[GridModel; 2]> {
    Some(match step {
        Step::Projection { projection, token, entry } => {
            [highlighted(GridId::X, a, Some(token), None), highlighted(weight_grid(projection), a, None, Some(entry))]
        }
        Step::Score { query, key } => {
            [highlighted(GridId::Q, a, Some(query), None), highlighted(GridId::K, a, Some(key), None)]
        }
        Step::Context { query, entry } => {
            [highlighted(GridId::Weights, a, Some(query), None), highlighted(GridId::V, a, None, Some(entry))]
        }
        _ => return None,
    })
}

fn weight_grid(projection: Projection) -> GridId {
    match projection {
        Projection::Query => GridId::WQ,
        Projection::Key => GridId::WK,
        Projection::Value => GridId::WV,
    }
}

fn highlighted(grid: GridId, attention: &Attention, row: Option<usize>, col: Option<usize>) -> GridModel {
    let mut model = plain_model(grid, attention);
    for r in 0..model.rows() {
        for c in 0..model.cols() {
            if row == Some(r) || col == Some(c) {
                model.mark(r, c, CellMark::Highlight);
            }
        }
    }
    model
}

pub(crate) fn roles_lines(a: &Attention) -> Vec<String> {
    let mut lines = vec![String::new()];
    for t in 0..a.tokens().min(4) {
        let n = t + 1;
        let v = |p: Projection| format::vector(a.projected(p).row(t).iter().copied());
        lines.push(format!(
            "x{n} → query q{n} = {} asks, key k{n} = {} advertises, value v{n} = {} carries",
            v(Projection::Query),
            v(Projection::Key),
            v(Projection::Value)
        ));
    }
    lines
}

/// The roles without their numbers, for predict mode: every vector is asked for later.
fn hidden_roles_lines(a: &Attention) -> Vec<String> {
    let mut lines = vec![String::new()];
    for n in 1..=a.tokens().min(4) {
        lines
            .push(format!("x{n} → query q{n} asks, key k{n} advertises, value v{n} carries: each is yours to compute"));
    }
    lines
}

pub(crate) fn shape_lines(a: &Attention) -> Vec<String> {
    let x = Shape::of("X", &a.input.x);
    let mut lines = vec![String::new()];
    for p in Projection::ALL {
        lines.push(shape_line(&x, &Shape::of(p.weight_name(), a.input.weight(p)), p.matrix_name()));
    }
    lines.push(format!(
        "T = {} tokens, D = {}, d_k = {}, d_v = {}",
        a.tokens(),
        a.model_width(),
        a.key_width(),
        a.value_width()
    ));
    lines
}

/// The softmax worked step by step; `hidden` stops before the weights, for predict mode.
fn softmax_lines(a: &Attention, query: usize, hidden: bool) -> Vec<String> {
    let s = a.softmax_derivation(query);
    let n = query + 1;
    let mut lines =
        vec![String::new(), format!("scores for q{n}: {}", format::vector(a.scores.row(query).iter().copied()))];
    if a.input.scale {
        lines.push(format!(
            "divided by sqrt(d_k) = sqrt({}): {}",
            a.key_width(),
            format::vector(s.logits.iter().copied())
        ));
    }
    lines.push(format!("subtract the largest visible, {}, and exponentiate:", format::number(s.max)));
    for b in 0..s.logits.len() {
        if s.visible[b] {
            lines.push(format!(
                "  key {}: exp({}) = {}",
                b + 1,
                format::number(s.logits[b] - s.max),
                format::number(s.exps[b])
            ));
        } else {
            lines.push(format!("  key {}: masked (a later token), weight 0", b + 1));
        }
    }
    if hidden {
        lines.push(format!("divide each by the total {}: the weights", format::number(s.total)));
        return lines;
    }
    lines.push(format!(
        "divide by the total {}: weights = {}",
        format::number(s.total),
        format::vector(s.weights.iter().copied())
    ));
    lines
}

fn render_lines(lines: Vec<String>, area: Rect, buf: &mut Buffer) {
    let lines: Vec<Line> = lines.into_iter().map(Line::from).collect();
    Paragraph::new(lines).wrap(Wrap { trim: false }).render(area, buf);
}
