use super::*;

fn model() -> GridModel {
    GridModel::new("Q [2×2]".into(), vec!["q1".into(), "q2".into()], vec![vec![2.0, 4.0], vec![3.0, 0.952_574]])
}

#[test]
fn draws_labels_and_numbers_that_fit() {
    let mut buf = Buffer::empty(Rect::new(0, 0, 16, 5));
    (&MatrixGrid { model: &model(), theme: Theme::monochrome() }).render(buf.area, &mut buf);
    let expected = Buffer::with_lines([
        "┌ Q [2×2] ─────┐",
        "│      1    2  │",
        "│q1    2    4  │",
        "│q2    3 0.95  │",
        "└──────────────┘",
    ]);
    assert_eq!(
        buf.content().iter().map(ratatui::buffer::Cell::symbol).collect::<String>(),
        expected.content().iter().map(ratatui::buffer::Cell::symbol).collect::<String>()
    );
}

#[test]
fn hit_test_finds_the_cell_under_the_mouse() {
    let m = model();
    let g = GridGeometry::new(Rect::new(0, 0, 16, 5), &m);
    assert_eq!(g.cell_at(10, 3, &m), Some((1, 1)));
    assert_eq!(g.cell_at(5, 2, &m), Some((0, 0)));
    assert_eq!(g.cell_at(1, 2, &m), None, "the label column is not a cell");
}

#[test]
fn scrolls_to_keep_the_selection_visible() {
    let values = vec![vec![1.0; 3]; 10];
    let labels = (1..=10).map(|i| format!("x{i}")).collect();
    let mut m = GridModel::new("X".into(), labels, values);
    m.mark(9, 2, CellMark::Selected);
    let g = GridGeometry::new(Rect::new(0, 0, 20, 6), &m);
    assert_eq!(g.first_row + g.visible_rows, 10);
}

fn wide(rows: usize, cols: usize) -> GridModel {
    GridModel::new("W".into(), (1..=rows).map(|i| format!("r{i}")).collect(), vec![vec![1.0; cols]; rows])
}

fn title_of(model: &GridModel, area: Rect) -> String {
    let mut buf = Buffer::empty(area);
    (&MatrixGrid { model, theme: Theme::monochrome() }).render(area, &mut buf);
    (0..area.width).map(|x| buf[(x, 0)].symbol()).collect::<String>()
}

#[test]
fn a_focus_scrolls_to_its_cell_when_nothing_is_selected() {
    let mut m = wide(10, 12);
    // 20 wide, 6 tall: 4 rows and 3 columns of 4-wide cells show.
    let area = Rect::new(0, 0, 20, 6);
    assert_eq!((GridGeometry::new(area, &m).first_row, GridGeometry::new(area, &m).first_col), (0, 0));
    m.focus = Some((7, 10));
    let g = GridGeometry::new(area, &m);
    assert!((g.first_row..g.first_row + g.visible_rows).contains(&7), "{g:?}");
    assert!((g.first_col..g.first_col + g.visible_cols).contains(&10), "{g:?}");
    m.mark(0, 0, CellMark::Selected);
    assert_eq!(GridGeometry::new(area, &m).first_row, 0, "a selection outranks the focus");
}

#[test]
fn the_title_says_which_directions_are_clipped() {
    let area = Rect::new(0, 0, 20, 6);
    let ends = |model: &GridModel| title_of(model, area).trim_end_matches(['─', '┐']).to_string();
    assert_eq!(ends(&wide(2, 2)), "┌ W ");
    assert_eq!(ends(&wide(10, 2)), "┌ W ⇕ ");
    assert_eq!(ends(&wide(2, 12)), "┌ W ⇔ ");
    assert_eq!(ends(&wide(10, 12)), "┌ W ⇕⇔ ");
    let mut long = wide(10, 12);
    long.title = "a title longer than the frame".into();
    assert_eq!(title_of(&long, area), "┌ a title longe… ⇕⇔┐", "the marks outlast the title");
}

#[test]
fn zero_sized_areas_do_not_panic() {
    for (w, h) in [(0, 0), (1, 1), (2, 2), (3, 1)] {
        let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
        (&MatrixGrid { model: &model(), theme: Theme::default() }).render(buf.area, &mut buf);
    }
}
