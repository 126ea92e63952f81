//! Where each arrow's label goes: beside its own tip, never over another tip or another
//! label, and over as little of the drawing as it can. A label with nowhere to go is left
//! for the legend.

/// One label's cells: `width` cells from `col` on `row`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Span {
    pub col: u16,
    pub row: u16,
    pub width: u16,
}

impl Span {
    fn end(self) -> u16 {
        self.col.saturating_add(self.width)
    }

    /// Whether a tip at `c` would look like the label's own: on its row touching it, or in
    /// the row above or below next to either end (the eye ties a label to a tip by its ends;
    /// one over the middle of a long label is plainly someone else's).
    fn near(self, c: (u16, u16)) -> bool {
        let (first, last) = (self.col, self.end().saturating_sub(1));
        let by = |end: u16| c.0.saturating_add(1) >= end && c.0 <= end.saturating_add(1);
        if c.1 == self.row {
            return c.0.saturating_add(1) >= first && c.0 <= last.saturating_add(1);
        }
        self.row.abs_diff(c.1) == 1 && (by(first) || by(last))
    }

    fn covers(self, c: (u16, u16)) -> bool {
        c.1 == self.row && (self.col..self.end()).contains(&c.0)
    }
}

/// The plot's cells as labels see them: the tips, how much each cell's drawing matters, and
/// the labels placed so far.
#[derive(Debug, Clone)]
pub(super) struct Board {
    cols: u16,
    rows: u16,
    tips: Vec<(u16, u16)>,
    /// What covering each cell costs: 0 for blank, more for what is drawn there.
    ink: Vec<u8>,
    placed: Vec<Span>,
}

impl Board {
    pub fn new(cols: u16, rows: u16, tips: Vec<(u16, u16)>) -> Self {
        Self { cols, rows, tips, ink: vec![0; usize::from(cols) * usize::from(rows)], placed: Vec::new() }
    }

    fn index(&self, c: (u16, u16)) -> Option<usize> {
        (c.0 < self.cols && c.1 < self.rows).then(|| usize::from(c.1) * usize::from(self.cols) + usize::from(c.0))
    }

    /// Marks a cell as drawn on; covering it then costs at least `cost`.
    pub fn ink(&mut self, c: (u16, u16), cost: u8) {
        if let Some(i) = self.index(c) {
            self.ink[i] = self.ink[i].max(cost);
        }
    }

    /// Places a label `width` cells wide beside the tip at `tip`, or `None` when every spot
    /// beside it is off the plot, on another tip or against another label.
    pub fn place(&mut self, tip: (u16, u16), width: u16) -> Option<Span> {
        let best = spots(tip, width)
            .filter_map(|(span, gap)| self.cost(span, tip).map(|cost| (cost + self.ink_at(gap), span)))
            .enumerate()
            .min_by_key(|(order, (cost, _))| (*cost, *order))
            .map(|(_, (_, span))| span)?;
        self.placed.push(best);
        Some(best)
    }

    fn ink_at(&self, cell: Option<(u16, u16)>) -> u32 {
        cell.and_then(|c| self.index(c)).map_or(0, |i| u32::from(self.ink[i]))
    }

    /// What covering `span` would hide, or `None` when it may not go there at all.
    fn cost(&self, span: Span, own: (u16, u16)) -> Option<u32> {
        if span.width == 0 || span.end() > self.cols || span.row >= self.rows {
            return None;
        }
        let foreign_tip = self.tips.iter().any(|t| span.covers(*t) || (*t != own && span.near(*t)));
        if foreign_tip || self.placed.iter().any(|p| self.crowds(*p, span)) {
            return None;
        }
        Some((span.col..span.end()).map(|c| self.ink_at(Some((c, span.row)))).sum())
    }

    /// Two labels on one row need a blank cell between them to read as two.
    fn crowds(&self, a: Span, b: Span) -> bool {
        if a.row != b.row {
            return false;
        }
        let (left, right) = if a.col <= b.col { (a, b) } else { (b, a) };
        match right.col.checked_sub(left.end()) {
            None | Some(0) => true,
            Some(1) => self.ink_at(Some((left.end(), a.row))) > 0,
            Some(_) => false,
        }
    }
}

/// The spots beside a tip, best first, each with the cell it leaves between label and tip:
/// on the tip's row a cell away to the right and the left (so the head never reads as the
/// label's first letter), then the rows above and below, starting past the tip or ending at it.
fn spots(tip: (u16, u16), width: u16) -> impl Iterator<Item = (Span, Option<(u16, u16)>)> {
    let (col, row) = (i32::from(tip.0), i32::from(tip.1));
    let w = i32::from(width);
    let offsets = [(2, 0), (-w - 1, 0), (1, -1), (-w, -1), (1, 1), (-w, 1), (0, -1), (1 - w, -1), (0, 1), (1 - w, 1)];
    offsets.into_iter().filter_map(move |(dx, dy)| {
        let span = Span { col: u16::try_from(col + dx).ok()?, row: u16::try_from(row + dy).ok()?, width };
        let gap = if dy == 0 { u16::try_from(col + dx.signum()).ok().map(|c| (c, tip.1)) } else { None };
        Some((span, gap))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_goes_right_of_its_tip_when_the_way_is_clear() {
        let mut board = Board::new(20, 5, vec![(5, 2)]);
        assert_eq!(board.place((5, 2), 6), Some(Span { col: 7, row: 2, width: 6 }));
    }

    #[test]
    fn a_label_never_covers_or_touches_another_tip_or_label() {
        // Two tips on one row four cells apart, as q3 and k1 lie on the x axis.
        let tips = vec![(8, 2), (12, 2)];
        let mut board = Board::new(24, 5, tips.clone());
        let first = board.place((8, 2), 6).expect("room");
        let second = board.place((12, 2), 6).expect("room");
        for (span, own) in [(first, tips[0]), (second, tips[1])] {
            assert!(tips.iter().all(|t| !span.covers(*t)), "{span:?}");
            assert!(tips.iter().filter(|t| **t != own).all(|t| !span.near(*t)), "{span:?}");
        }
        assert!(first.row != second.row || first.end() < second.col || second.end() < first.col);
    }

    #[test]
    fn a_label_keeps_clear_of_tips_diagonally_too() {
        // Two tips side by side: neither label may sit over or under the other's head.
        let tips = vec![(3, 2), (4, 2)];
        let mut board = Board::new(12, 5, tips.clone());
        let left = board.place((3, 2), 2).expect("room");
        let right = board.place((4, 2), 2).expect("room");
        assert!(!left.near((4, 2)) && !right.near((3, 2)), "{left:?} {right:?}");
    }

    #[test]
    fn a_tip_over_the_middle_of_a_long_label_does_not_claim_it() {
        let span = Span { col: 4, row: 3, width: 15 };
        assert!(!span.near((10, 2)) && !span.near((10, 4)), "over and under the middle");
        assert!(span.near((3, 2)) && span.near((5, 4)) && span.near((18, 2)) && span.near((19, 4)), "by the ends");
        assert!(span.near((3, 3)) && span.near((19, 3)) && !span.near((2, 3)), "on its row");
    }

    #[test]
    fn two_labels_for_one_tip_go_on_either_side() {
        let mut board = Board::new(20, 1, vec![(9, 0)]);
        let q = board.place((9, 0), 3).expect("right");
        let k = board.place((9, 0), 3).expect("left");
        assert_eq!((q.col, k.col), (11, 5));
        assert_eq!(board.place((9, 0), 3), None, "a one-row plot has no third side");
    }

    #[test]
    fn ink_pushes_a_label_to_a_clear_spot() {
        let mut board = Board::new(20, 5, vec![(5, 2)]);
        for col in 6..12 {
            board.ink((col, 2), 3);
        }
        assert_eq!(board.place((5, 2), 4), Some(Span { col: 0, row: 2, width: 4 }));
    }

    #[test]
    fn labels_one_cell_apart_need_that_cell_blank() {
        let mut board = Board::new(20, 1, vec![(0, 0), (12, 0)]);
        board.ink((9, 0), 1);
        assert_eq!(board.place((0, 0), 7), Some(Span { col: 2, row: 0, width: 7 }));
        // Right of (12, 0) is free; left would end at 10, one inked cell after the first label.
        assert_eq!(board.place((12, 0), 1), Some(Span { col: 14, row: 0, width: 1 }));
        assert_eq!(board.place((12, 0), 1), None, "a cell from the first label, across ink");
    }

    #[test]
    fn a_label_too_wide_for_the_plot_is_refused() {
        let mut board = Board::new(10, 3, vec![(5, 1)]);
        assert_eq!(board.place((5, 1), 11), None);
    }
}
