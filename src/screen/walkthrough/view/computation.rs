//! A computing step on screen: the two grids it pairs, its calculation and the grids it
//! fills, built once so the layout can measure them before anything is drawn.

use super::growing::{filled_by, growing_named};
use super::parts::{grid_height, hide_current, step_grids_named};
use super::share::{Shares, columns, lines_height, share};
use super::{Names, WalkthroughView};
use crate::engine::{Attention, Projection};
use crate::format;
use crate::screen::walkthrough::Step;
use crate::widget::{GridModel, MatrixGrid};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

/// What a computing step draws.
pub(super) struct Computation {
    step: Step,
    pairing: [GridModel; 2],
    /// The grids being filled, the one this step writes into first.
    building: Vec<GridModel>,
    /// Whether the first grid being filled sits beside the pairing grids (else below).
    beside: bool,
    lines: Vec<Line<'static>>,
}

impl Computation {
    /// The rows it would like at `width`: the grids in full and every line of the calculation.
    pub(super) fn wanted_height(&self, width: u16) -> u16 {
        let (top, below) = self.grid_heights();
        top.saturating_add(lines_height(&self.lines, width)).saturating_add(below)
    }

    /// How tall the row of grids on top and the row below would like to be.
    fn grid_heights(&self) -> (u16, u16) {
        let pairing = grid_height(&self.pairing);
        let (first, rest) = self.split_building();
        let top = first.map_or(pairing, |g| pairing.max(grid_height(std::slice::from_ref(g))));
        let below = if rest.is_empty() { 0 } else { grid_height(rest) };
        (top, below)
    }

    /// The grid drawn beside the pairing ones, if any, and the grids drawn below.
    fn split_building(&self) -> (Option<&GridModel>, &[GridModel]) {
        match self.building.split_first() {
            Some((first, rest)) if self.beside => (Some(first), rest),
            _ => (None, &self.building),
        }
    }
}

impl WalkthroughView<'_> {
    /// The step's grids and lines, or `None` for a step that computes no single entry.
    pub(super) fn computation(&self, step: Step, names: Names<'_>, width: u16) -> Option<Computation> {
        let name = match step {
            Step::Projection { projection, token, entry } => {
                format!("{}{} entry {}", projection.letter(), token + 1, entry + 1)
            }
            Step::Score { query, key } => format!("q{}·k{}", query + 1, key + 1),
            Step::Context { query, entry } => format!("c{} entry {}", query + 1, entry + 1),
            _ => return None,
        };
        let pairing = step_grids_named(step, self.attention, names)?;
        let mut lines = match step.derivation(self.attention) {
            Some(derivation) => self.calculation_lines(&name, &derivation, step),
            None => Vec::new(),
        };
        if let (Step::Score { query, key }, false) = (step, self.state.hides_result(&step)) {
            let reason = crate::walk::reason_line(self.attention, (names.queries, names.keys), query, key);
            lines.insert(1, Line::styled(reason, self.theme.muted()));
        }
        lines.extend(self.cross_line(step));
        let mut building = growing_named(step, self.attention, names);
        if self.state.hides_result(&step) {
            hide_current(&mut building);
        }
        hide_stale(&mut building, step, self.attention, &self.state.stale_steps(self.attention));
        let [_, _, room] = columns(Rect::new(0, 0, width, 1));
        let beside = room.width >= 24 && !building.is_empty();
        Some(Computation { step, pairing, building, beside, lines })
    }

    pub(super) fn render_computation(&self, work: &Computation, names: Names<'_>, area: Rect, buf: &mut Buffer) {
        let (top_wanted, below_wanted) = work.grid_heights();
        let calculation_wanted = lines_height(&work.lines, area.width);
        let Shares { top, calculation } = share(area.height, top_wanted, calculation_wanted, below_wanted);
        let [top, calculation, below] =
            Layout::vertical([Constraint::Length(top), Constraint::Length(calculation), Constraint::Fill(1)])
                .areas(area);
        let [left, right, beside] = columns(top);
        (&MatrixGrid { model: &work.pairing[0], theme: self.theme }).render(left, buf);
        (&MatrixGrid { model: &work.pairing[1], theme: self.theme }).render(right, buf);
        render_calculation(&work.lines, calculation, buf);
        let (first, rest) = work.split_building();
        if let Some(first) = first {
            (&MatrixGrid { model: first, theme: self.theme }).render(beside, buf);
        }
        if rest.is_empty()
            && let Step::Score { query, key } = work.step
        {
            self.render_reasons_so_far(query, key, names, below, buf);
        }
        self.render_row_of_grids(rest, below, buf);
    }

    /// While a two-sequence scenario walks the decoder's own self-attention: what the same
    /// query scores against the encoder's keys, and the key that walks those instead.
    fn cross_line(&self, step: Step) -> Option<Line<'static>> {
        let (Step::Score { query, .. }, Some((cross, keys))) = (step, self.cross) else { return None };
        // In predict mode these scores are the cross-attention walk's answers, still to find.
        if self.state.predicting() {
            return None;
        }
        let scores: Vec<String> = (0..cross.keys())
            .map(|b| format!("{} {}", crate::walk::vector_name("k", b, keys), format::number(cross.scores[(query, b)])))
            .collect();
        Some(Line::styled(
            format!("cross-attention, q{} against the encoder's keys: {} (c walks it)", query + 1, scores.join(" · ")),
            self.theme.muted(),
        ))
    }

    /// Every key scored so far and the columns that made its score, when there is room.
    fn render_reasons_so_far(&self, query: usize, key: usize, names: Names<'_>, area: Rect, buf: &mut Buffer) {
        let a = self.attention;
        let mut lines = vec![Line::styled("so far:", self.theme.muted())];
        let done = (0..key).filter(|b| a.is_visible(query, *b));
        let reason = |b| crate::walk::reason_line(a, (names.queries, names.keys), query, b);
        lines.extend(done.map(|b| Line::raw(format!("  {}", reason(b)))));
        if lines.len() > 1 {
            Paragraph::new(lines).wrap(Wrap { trim: false }).render(area, buf);
        }
    }
}

/// Hides the cells of earlier steps an edit made stale (see
/// [`WalkthroughState::stale_steps`](crate::screen::walkthrough::WalkthroughState::stale_steps)),
/// in the grids this step fills: the projection step's Q, K and V in the order `growing`
/// builds them, a score or context step's row for its query.
fn hide_stale(building: &mut [GridModel], step: Step, a: &Attention, stale: &[Step]) {
    let order: Vec<Projection> = match step {
        Step::Projection { projection, .. } => filled_by(a, projection),
        _ => Vec::new(),
    };
    for old in stale {
        let cell = match (step, *old) {
            (Step::Projection { .. }, Step::Projection { projection, token, entry }) => {
                order.iter().position(|p| *p == projection).map(|grid| (grid, token, entry))
            }
            (Step::Score { query, .. }, Step::Score { query: q, key }) if q == query => Some((0, 0, key)),
            (Step::Context { query, .. }, Step::Context { query: q, entry }) if q == query => Some((0, 0, entry)),
            _ => None,
        };
        let Some((grid, row, col)) = cell else { continue };
        if let Some(hidden) = building.get_mut(grid).and_then(|g| g.masked.get_mut(row)).and_then(|r| r.get_mut(col)) {
            *hidden = true;
        }
    }
}

/// The calculation's lines; when they do not all fit, the long sum on the first line gives up
/// its tail first, so the lines after it (the reason, the answer field) stay on screen.
fn render_calculation(lines: &[Line<'static>], area: Rect, buf: &mut Buffer) {
    let Some((first, rest)) = lines.split_first() else { return };
    let rest_height = lines_height(rest, area.width).min(area.height.saturating_sub(1));
    let first_height = lines_height(std::slice::from_ref(first), area.width).min(area.height - rest_height);
    let [sum, others, _] =
        Layout::vertical([Constraint::Length(first_height), Constraint::Length(rest_height), Constraint::Fill(1)])
            .areas(area);
    Paragraph::new(first.clone()).wrap(Wrap { trim: false }).render(sum, buf);
    Paragraph::new(rest.to_vec()).wrap(Wrap { trim: false }).render(others, buf);
}
