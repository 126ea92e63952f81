//! Everything the plot draws, worked out in cells before anything is drawn: where each tip
//! lands, where each label goes, and which tips need a number and a line in the legend.

use super::grid::Grid;
use super::place::{Board, Span};
use ratatui::style::Style;

/// One arrow from the origin: where it points, what it is called, how it is drawn.
pub(super) struct Arrow {
    pub tip: (f64, f64),
    pub label: String,
    pub style: Style,
}

/// A key's tip and the foot of its shadow on the line through q.
pub(super) type ShadowLine = ((f64, f64), (f64, f64));

/// What covering a cell with a label hides: an axis or a shadow line matters less than an arrow.
const FAINT_INK: u8 = 1;
const ARROW_INK: u8 = 3;

/// The marks a tip gets when its label goes to the legend.
const MARKS: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZ";

pub(super) struct Scene {
    pub grid: Grid,
    /// The query's arrow first, then one per key.
    pub arrows: Vec<Arrow>,
    /// Each arrow's tip cell.
    pub heads: Vec<Option<(u16, u16)>>,
    /// Each arrow's label cells, or `None` when the label went to the legend.
    pub spots: Vec<Option<Span>>,
    /// The legend's mark for each arrow whose label did not fit beside its tip.
    pub marks: Vec<Option<char>>,
}

impl Scene {
    /// Lays out `arrows` (the query's first: it gets the best spot) on `grid`, avoiding the
    /// axes and the `shadows` segments where it can.
    pub fn new(grid: Grid, arrows: Vec<Arrow>, shadows: &[ShadowLine]) -> Self {
        let heads: Vec<Option<(u16, u16)>> = arrows.iter().map(|a| grid.cell(a.tip)).collect();
        let mut board = Board::new(grid.cols, grid.rows, heads.iter().flatten().copied().collect());
        ink(&mut board, &grid, &arrows, shadows);
        let widths: Vec<u16> = arrows.iter().map(|a| label_width(&a.label)).collect();
        let spots = place_all(&board, &heads, &widths);
        let marks = legend_marks(&heads, &spots);
        Self { grid, arrows, heads, spots, marks }
    }

    /// The legend: each mark with the label it stands for, in arrow order.
    pub fn legend(&self) -> impl Iterator<Item = (char, &str)> {
        self.marks.iter().zip(&self.arrows).filter_map(|(mark, arrow)| mark.map(|m| (m, arrow.label.as_str())))
    }

    /// The origin's cell, where the axes cross.
    pub fn origin(&self) -> Option<(u16, u16)> {
        self.grid.cell((0.0, 0.0))
    }
}

fn ink(board: &mut Board, grid: &Grid, arrows: &[Arrow], shadows: &[ShadowLine]) {
    if let Some((col, row)) = grid.cell((0.0, 0.0)) {
        (0..grid.cols).for_each(|c| board.ink((c, row), FAINT_INK));
        (0..grid.rows).for_each(|r| board.ink((col, r), FAINT_INK));
    }
    for (from, to) in shadows {
        grid.segment(*from, *to).into_iter().for_each(|c| board.ink(c, FAINT_INK));
    }
    for arrow in arrows {
        grid.segment((0.0, 0.0), arrow.tip).into_iter().for_each(|c| board.ink(c, ARROW_INK));
    }
}

/// Places every label in turn, the query's first. When some find no room, tries once more
/// with those placed right after the query's, and keeps whichever leaves fewer for the legend.
fn place_all(board: &Board, heads: &[Option<(u16, u16)>], widths: &[u16]) -> Vec<Option<Span>> {
    let in_turn: Vec<usize> = (0..heads.len()).collect();
    let first = place_in(board.clone(), heads, widths, &in_turn);
    let (missing, placed): (Vec<usize>, Vec<usize>) = in_turn.iter().skip(1).partition(|i| first[**i].is_none());
    if missing.is_empty() {
        return first;
    }
    let again: Vec<usize> = in_turn.iter().take(1).chain(&missing).chain(&placed).copied().collect();
    let second = place_in(board.clone(), heads, widths, &again);
    let left_out = |spots: &[Option<Span>]| spots.iter().filter(|s| s.is_none()).count();
    if left_out(&second) < left_out(&first) { second } else { first }
}

fn place_in(mut board: Board, heads: &[Option<(u16, u16)>], widths: &[u16], order: &[usize]) -> Vec<Option<Span>> {
    let mut spots = vec![None; heads.len()];
    for &i in order {
        spots[i] = heads[i].and_then(|cell| board.place(cell, widths[i]));
    }
    spots
}

fn label_width(label: &str) -> u16 {
    u16::try_from(ratatui::text::Span::raw(label).width()).unwrap_or(u16::MAX)
}

/// One mark per tip cell whose labels did not all fit: arrows sharing a tip share its mark.
fn legend_marks(heads: &[Option<(u16, u16)>], spots: &[Option<Span>]) -> Vec<Option<char>> {
    let mut given: Vec<(Option<(u16, u16)>, char)> = Vec::new();
    heads
        .iter()
        .zip(spots)
        .map(|(head, spot)| {
            if spot.is_some() {
                return None;
            }
            if let Some((_, mark)) = given.iter().find(|(h, _)| h.is_some() && h == head) {
                return Some(*mark);
            }
            let mark = char::from(MARKS[given.len() % MARKS.len()]);
            given.push((*head, mark));
            Some(mark)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_sharing_a_tip_share_a_legend_mark() {
        let heads = [Some((1, 1)), Some((1, 1)), Some((4, 0)), Some((6, 2))];
        let spots = [None, None, Some(Span { col: 5, row: 0, width: 2 }), None];
        assert_eq!(legend_marks(&heads, &spots), vec![Some('1'), Some('1'), None, Some('2')]);
    }
}
