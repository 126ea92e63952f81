//! How a computing step shares its rows: every grid shows at least one row of numbers before
//! the calculation gets its lines, and only then do the grids grow, so a small terminal never
//! trades the row being computed for blank lines.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;

/// A grid's borders, its column header and one row of numbers.
pub(super) const MIN_GRID: u16 = 4;

/// Heights for the pairing grids (top) and the calculation (with a blank line under it when
/// no grid wants the row); the grids being filled take what is left below them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Shares {
    pub top: u16,
    pub calculation: u16,
}

/// Shares `available` rows between the grids on top, the calculation's lines and the grids
/// below, each given as the height it would like.
pub(super) fn share(available: u16, top: u16, calculation: u16, below: u16) -> Shares {
    let top_min = top.min(MIN_GRID).min(available);
    let below_min = below.min(MIN_GRID).min(available - top_min);
    let calculation = calculation.min(available - top_min - below_min);
    let spare = available - top_min - below_min - calculation;
    let (top_more, below_more) = (top - top_min, below - below_min);
    // Half each, and what one side does not need goes to the other.
    let top_extra = top_more.min(spare.div_ceil(2).max(spare.saturating_sub(below_more)));
    // A blank line under the calculation only from rows no grid wants.
    let unwanted = spare - top_extra - below_more.min(spare - top_extra);
    let gap = u16::from(unwanted > 0 && calculation > 0);
    Shares { top: top_min + top_extra, calculation: calculation + gap }
}

/// The pairing grids' columns and the room beside them, the same when measuring and drawing.
pub(super) fn columns(area: Rect) -> [Rect; 3] {
    Layout::horizontal([Constraint::Max(44), Constraint::Max(30), Constraint::Fill(1)]).areas(area)
}

/// How many rows `lines` take when wrapped to `width`.
pub(super) fn lines_height(lines: &[Line], width: u16) -> u16 {
    lines
        .iter()
        .map(|line| {
            let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
            super::parts::wrapped_lines(&text, width)
        })
        .fold(0, u16::saturating_add)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everything_fits_when_there_is_room() {
        assert_eq!(share(14, 7, 2, 5), Shares { top: 7, calculation: 2 });
    }

    #[test]
    fn a_blank_line_follows_the_calculation_only_from_spare_rows() {
        assert_eq!(share(15, 7, 2, 5), Shares { top: 7, calculation: 3 });
        assert_eq!(share(40, 7, 2, 5), Shares { top: 7, calculation: 3 });
        assert_eq!(share(13, 7, 2, 5).calculation, 2, "a grid row short: no blank line");
    }

    #[test]
    fn grids_keep_a_row_each_before_the_calculation_gets_lines() {
        // 4 + 4 for the grids, then the calculation's 5 lines, nothing left to grow.
        assert_eq!(share(13, 20, 9, 20), Shares { top: MIN_GRID, calculation: 5 });
    }

    #[test]
    fn spare_rows_are_shared_and_unneeded_ones_move_over() {
        // 30 rows: 4 + 4 + 2, then 20 spare: top wants 63 more, below 15 more.
        assert_eq!(share(30, 67, 2, 19), Shares { top: 14, calculation: 2 });
        // Below wants only 1 more, so the top takes the other 19.
        assert_eq!(share(30, 67, 2, 5), Shares { top: 23, calculation: 2 });
    }

    #[test]
    fn tiny_areas_give_the_top_first() {
        assert_eq!(share(3, 7, 2, 5), Shares { top: 3, calculation: 0 });
        assert_eq!(share(0, 7, 2, 5), Shares { top: 0, calculation: 0 });
    }
}
