//! The edits a learner can make to a scenario, each checked against the scenario's limits.

use crate::engine::{EngineError, Matrix, Projection};
use crate::scenario::{MAX_ABS, MAX_DIM, MAX_TOKENS, Scenario};
use thiserror::Error;

/// Which input matrix a cell belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InputMatrix {
    Tokens,
    Weight(Projection),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Edit {
    SetCell { matrix: InputMatrix, row: usize, col: usize, value: f64 },
    AddToken,
    RemoveToken,
    AddModelDim,
    RemoveModelDim,
    AddKeyDim,
    RemoveKeyDim,
    AddValueDim,
    RemoveValueDim,
    ToggleScale,
    ToggleCausal,
}

#[derive(Debug, Clone, PartialEq, Error)]
pub enum EditError {
    #[error("at most {MAX_TOKENS} tokens")]
    TooManyTokens,
    #[error("at least one token is needed")]
    TooFewTokens,
    #[error("{0} can be at most {MAX_DIM}")]
    TooWide(&'static str),
    #[error("{0} must be at least 1")]
    TooNarrow(&'static str),
    #[error("that cell does not exist")]
    NoSuchCell,
    #[error("{0} is not a finite number within ±1000000")]
    BadValue(f64),
    #[error(transparent)]
    Engine(EngineError),
}

impl Edit {
    /// The scenario after this edit.
    ///
    /// # Errors
    /// When the result would break the scenario's limits.
    pub fn apply(self, scenario: &Scenario) -> Result<Scenario, EditError> {
        let mut next = scenario.clone();
        let input = &mut next.input;
        let (t, d, dk, dv) = (input.x.nrows(), input.x.ncols(), input.w_k.ncols(), input.w_v.ncols());
        match self {
            Edit::SetCell { matrix, row, col, value } => set_cell(&mut next, matrix, row, col, value)?,
            Edit::AddToken => {
                grow_check(t, MAX_TOKENS).ok_or(EditError::TooManyTokens)?;
                input.x = input.x.clone().insert_row(t, 0.0);
            }
            Edit::RemoveToken => {
                shrink_check(t).ok_or(EditError::TooFewTokens)?;
                input.x = input.x.clone().remove_row(t - 1);
                next.query = next.query.filter(|q| *q < t - 1);
            }
            Edit::AddModelDim => {
                grow_check(d, MAX_DIM).ok_or(EditError::TooWide("D"))?;
                input.x = input.x.clone().insert_column(d, 0.0);
                for w in [&mut input.w_q, &mut input.w_k, &mut input.w_v] {
                    *w = w.clone().insert_row(d, 0.0);
                }
            }
            Edit::RemoveModelDim => {
                shrink_check(d).ok_or(EditError::TooNarrow("D"))?;
                input.x = input.x.clone().remove_column(d - 1);
                for w in [&mut input.w_q, &mut input.w_k, &mut input.w_v] {
                    *w = w.clone().remove_row(d - 1);
                }
            }
            Edit::AddKeyDim | Edit::RemoveKeyDim => resize_key(input, dk, self == Edit::AddKeyDim)?,
            Edit::AddValueDim => {
                grow_check(dv, MAX_DIM).ok_or(EditError::TooWide("d_v"))?;
                input.w_v = input.w_v.clone().insert_column(dv, 0.0);
            }
            Edit::RemoveValueDim => {
                shrink_check(dv).ok_or(EditError::TooNarrow("d_v"))?;
                input.w_v = input.w_v.clone().remove_column(dv - 1);
            }
            Edit::ToggleScale => input.scale = !input.scale,
            Edit::ToggleCausal => input.causal = !input.causal,
        }
        Ok(next)
    }
}

fn grow_check(current: usize, max: usize) -> Option<()> {
    (current < max).then_some(())
}

fn shrink_check(current: usize) -> Option<()> {
    (current > 1).then_some(())
}

fn resize_key(input: &mut crate::engine::AttentionInput, dk: usize, grow: bool) -> Result<(), EditError> {
    for w in [&mut input.w_q, &mut input.w_k] {
        *w = if grow {
            grow_check(dk, MAX_DIM).ok_or(EditError::TooWide("d_k"))?;
            w.clone().insert_column(dk, 0.0)
        } else {
            shrink_check(dk).ok_or(EditError::TooNarrow("d_k"))?;
            w.clone().remove_column(dk - 1)
        };
    }
    Ok(())
}

fn set_cell(scenario: &mut Scenario, matrix: InputMatrix, row: usize, col: usize, value: f64) -> Result<(), EditError> {
    if !value.is_finite() || value.abs() > MAX_ABS {
        return Err(EditError::BadValue(value));
    }
    let target: &mut Matrix = match matrix {
        InputMatrix::Tokens => &mut scenario.input.x,
        InputMatrix::Weight(Projection::Query) => &mut scenario.input.w_q,
        InputMatrix::Weight(Projection::Key) => &mut scenario.input.w_k,
        InputMatrix::Weight(Projection::Value) => &mut scenario.input.w_v,
    };
    let cell = target.get_mut((row, col)).ok_or(EditError::NoSuchCell)?;
    *cell = if value == 0.0 { 0.0 } else { value };
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dimension_edits_keep_shapes_consistent() {
        let lesson = Scenario::lesson();
        for edit in [
            Edit::AddToken,
            Edit::AddModelDim,
            Edit::AddKeyDim,
            Edit::AddValueDim,
            Edit::RemoveModelDim,
            Edit::RemoveKeyDim,
        ] {
            let next = edit.apply(&lesson).expect("within limits");
            assert!(next.input.check_shapes().is_ok(), "{edit:?}");
        }
    }

    #[test]
    fn limits_are_enforced() {
        let mut s = Scenario::lesson();
        s.input.x = Matrix::zeros(1, 4);
        assert_eq!(Edit::RemoveToken.apply(&s), Err(EditError::TooFewTokens));
        let bad = Edit::SetCell { matrix: InputMatrix::Tokens, row: 0, col: 0, value: f64::NAN };
        assert!(matches!(bad.apply(&s), Err(EditError::BadValue(_))));
        let missing = Edit::SetCell { matrix: InputMatrix::Tokens, row: 5, col: 0, value: 1.0 };
        assert_eq!(missing.apply(&s), Err(EditError::NoSuchCell));
    }
}
