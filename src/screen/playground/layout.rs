//! Where each grid goes. Drawing and mouse hit-testing both use this, so a click always lands
//! on the cell that was drawn there.

use super::GridId;
use crate::engine::Attention;
use ratatui::layout::{Constraint, Layout, Rect};
use strum::EnumCount;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaygroundLayout {
    pub grids: Vec<(GridId, Rect)>,
    pub info: Rect,
}

fn height_for(rows: usize) -> u16 {
    u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(3)
}

fn weight(cols: usize) -> u16 {
    u16::try_from(cols).unwrap_or(u16::MAX).saturating_add(2)
}

/// The playground's areas inside `area`.
#[must_use]
pub fn layout(area: Rect, attention: &Attention) -> PlaygroundLayout {
    let (t, d) = (attention.tokens(), attention.model_width());
    let [inputs, projections, attention_row, info] = Layout::vertical([
        Constraint::Length(height_for(t.max(d))),
        Constraint::Length(height_for(t)),
        Constraint::Length(height_for(t)),
        Constraint::Min(4),
    ])
    .areas(area);
    let mut grids = Vec::with_capacity(GridId::COUNT);
    place(&mut grids, inputs, &[GridId::X, GridId::WQ, GridId::WK, GridId::WV], attention);
    place(&mut grids, projections, &[GridId::Q, GridId::K, GridId::V], attention);
    place(&mut grids, attention_row, &[GridId::Scores, GridId::Weights, GridId::Context], attention);
    PlaygroundLayout { grids, info }
}

fn place(grids: &mut Vec<(GridId, Rect)>, area: Rect, ids: &[GridId], attention: &Attention) {
    let constraints = ids.iter().map(|id| Constraint::Fill(weight(id.matrix(attention).ncols())));
    let areas = Layout::horizontal(constraints).split(area);
    grids.extend(ids.iter().copied().zip(areas.iter().copied()));
}

/// The cell drawn at (`x`, `y`) when the playground fills `body`, if any: hit-testing uses
/// the same layout and grid models the view draws with.
#[must_use]
pub fn cell_at(
    body: Rect,
    state: &super::PlaygroundState,
    document: &crate::document::Document,
    x: u16,
    y: u16,
) -> Option<(GridId, usize, usize)> {
    let attention = document.attention();
    layout(body, attention).grids.into_iter().find_map(|(grid, area)| {
        let model = super::grid_model(grid, state, attention, document.baseline(), true);
        crate::widget::GridGeometry::new(area, &model).cell_at(x, y, &model).map(|(row, col)| (grid, row, col))
    })
}
