//! The result being built: each computing step shows the matrix or row it is filling, with
//! the entries computed so far, the current one highlighted where it lands and the later
//! ones still `·`, so the learner sees where each number goes.

use super::super::Step;
use super::Names;
use super::parts::named_model;
use crate::engine::{Attention, Matrix, Projection, residual};
use crate::scenario::Labels;
use crate::screen::playground::GridId;
use crate::widget::{CellMark, GridModel};
use strum::IntoEnumIterator;

/// Where a step's entry sits in the order the walkthrough computes entries.
fn order(projection: Projection) -> usize {
    match projection {
        Projection::Query => 0,
        Projection::Key => 1,
        Projection::Value => 2,
    }
}

fn result_grid(projection: Projection) -> GridId {
    match projection {
        Projection::Query => GridId::Q,
        Projection::Key => GridId::K,
        Projection::Value => GridId::V,
    }
}

/// Whether the walkthrough has reached entry (`r`, `c`) of `shown` when it stands at `at`: token
/// by token, each token's matrices in q, k, v order. Across two sequences the same holds within
/// each sequence's own matrices, the only ones a step shows (see [`filled_by`]).
fn reached(shown: Projection, (projection, token, entry): (Projection, usize, usize), r: usize, c: usize) -> bool {
    r < token || r == token && (order(shown) < order(projection) || shown == projection && c <= entry)
}

/// Q, K or V with the entries the walkthrough has reached: every earlier token's, this
/// token's earlier matrices, and this matrix up to the current entry.
fn filling(a: &Attention, names: Names<'_>, shown: Projection, at: (Projection, usize, usize)) -> GridModel {
    let (projection, token, entry) = at;
    let mut model = named_model(result_grid(shown), a, names);
    for r in 0..model.rows() {
        for c in 0..model.cols() {
            model.masked[r][c] = !reached(shown, at, r, c);
        }
    }
    if shown == projection {
        model.mark(token, entry, CellMark::Highlight);
    }
    // The token being worked on stays in view in all three, at the entry being written.
    model.focus = Some((token, if shown == projection { entry } else { 0 }));
    model
}

/// The matrices a projection step shows filling, the one it writes into first. Across two
/// sequences a query step fills Q alone, and a key or value step fills K and V: the other
/// sequence's matrix is not being built.
pub(super) fn filled_by(a: &Attention, projection: Projection) -> Vec<Projection> {
    let across = |p: Projection| a.encoder.is_none() || (p == Projection::Query) == (projection == Projection::Query);
    std::iter::once(projection).chain(Projection::iter().filter(|p| *p != projection && across(*p))).collect()
}

/// One row of numbers as a grid, entries from `filled` on shown as `·`.
fn row_grid(title: String, label: String, values: Vec<f64>, filled: usize, cols: Vec<String>) -> GridModel {
    let width = values.len();
    let mut model = GridModel::new(title, vec![label], vec![values]);
    model.col_labels = if cols.len() == width { cols } else { Vec::new() };
    for c in filled..width {
        model.masked[0][c] = true;
    }
    model
}

fn row(matrix: &Matrix, r: usize) -> Vec<f64> {
    matrix.row(r).iter().copied().collect()
}

/// The grids that show what this step is building; the first is the one it writes into.
/// Across two sequences, the keys' side is named with the encoder's tokens.
pub(super) fn growing_named(step: Step, a: &Attention, names: Names<'_>) -> Vec<GridModel> {
    match step {
        Step::Projection { projection, token, entry } => {
            filled_by(a, projection).into_iter().map(|p| filling(a, names, p, (projection, token, entry))).collect()
        }
        Step::Score { query, key } => vec![score_row(a, names, query, key)],
        Step::Softmax { query } => {
            let weights = row_grid(
                format!("weights for q{}", query + 1),
                format!("q{}", query + 1),
                row(&a.weights, query),
                a.keys(),
                names.keys.tokens.clone(),
            );
            vec![weights]
        }
        Step::Context { query, entry } => {
            let mut model = row_grid(
                format!("context c{} [1×{}]", query + 1, a.value_width()),
                format!("c{}", query + 1),
                row(&a.context, query),
                entry + 1,
                Vec::new(),
            );
            model.mark(0, entry, CellMark::Highlight);
            model.focus = Some((0, entry));
            vec![model]
        }
        Step::Output { query } => output_grid(a, names.queries, query).into_iter().collect(),
        Step::Roles | Step::Shapes | Step::Ideas => Vec::new(),
    }
}

/// The query's scores up to `key`, the current one highlighted, masked keys as `·`.
fn score_row(a: &Attention, names: Names<'_>, query: usize, key: usize) -> GridModel {
    let name = format!("q{}", query + 1);
    let keys = names.keys.tokens.clone();
    let mut model = row_grid(format!("scores for {name}"), name, row(&a.scores, query), key + 1, keys);
    model.mark(0, key, CellMark::Highlight);
    model.focus = Some((0, key));
    (0..a.keys()).filter(|b| !a.is_visible(query, *b)).for_each(|b| model.masked[0][b] = true);
    model
}

/// x, context·W_O and their sum, one row each, the dimensions across.
fn output_grid(a: &Attention, labels: &Labels, query: usize) -> Option<GridModel> {
    let r = residual(a, query)?;
    let n = query + 1;
    let x = row(&a.input.x, query);
    let names = vec![format!("x{n}"), format!("c{n}·W_O"), "sum".to_string()];
    let mut model =
        GridModel::new(format!("x{n} + c{n}·W_O [1×{}]", a.model_width()), names, vec![x, r.projected, r.result]);
    if labels.dims.len() == a.model_width() {
        model.col_labels.clone_from(&labels.dims);
    }
    (0..model.cols()).for_each(|c| model.mark(2, c, CellMark::Highlight));
    // The sum is the row this step is about: it stays in view however short the box.
    model.focus = Some((2, 0));
    Some(model)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Scenario;

    #[test]
    fn the_q_grid_fills_in_step_order() {
        let a = Attention::compute(Scenario::lesson().input).expect("fits");
        let labels = Labels::default();
        // Token 2's k, entry 1: all of token 1, token 2's q, nothing of token 2's k after entry 1.
        let step = Step::Projection { projection: Projection::Key, token: 1, entry: 0 };
        let grids = growing_named(step, &a, Names { queries: &labels, keys: &labels });
        let k = &grids[0];
        assert_eq!(k.masked, [[false, false], [false, true]]);
        assert_eq!(k.marks[1][0], CellMark::Highlight);
        let q = &grids[1];
        assert_eq!(q.masked, [[false, false], [false, false]], "token 2's q came before its k");
        let v = &grids[2];
        assert_eq!(v.masked, [[false, false], [true, true]], "token 2's v comes later");
    }
}
