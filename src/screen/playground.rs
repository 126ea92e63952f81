//! The playground: editable X, W_Q, W_K and W_V, with every result live beside them.

mod explain;
mod grids;
mod keys;
mod layout;
mod update;
mod view;

pub use explain::explanation_lines;
pub use grids::{CachedGrid, GridCache, Source, encoder_model, grid_model, overlay, plain_model, sources};
pub use keys::KEYS;
pub use layout::{PlaygroundLayout, cell_at, layout};
use strum::{EnumCount, EnumIter};
pub use update::PlayMsg;
pub use view::PlaygroundView;

use crate::document::InputMatrix;
use crate::engine::{Attention, Projection};
use crate::widget::{Blank, GridEditor, TextField};
use std::path::PathBuf;

/// Every grid on the playground, in the order the arrow keys cross them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, EnumCount)]
pub enum GridId {
    X,
    WQ,
    WK,
    WV,
    Q,
    K,
    V,
    Scores,
    Weights,
    Context,
}

impl GridId {
    /// The input matrix behind an editable grid; `None` for results.
    #[must_use]
    pub fn input(self) -> Option<InputMatrix> {
        match self {
            GridId::X => Some(InputMatrix::Tokens),
            GridId::WQ => Some(InputMatrix::Weight(Projection::Query)),
            GridId::WK => Some(InputMatrix::Weight(Projection::Key)),
            GridId::WV => Some(InputMatrix::Weight(Projection::Value)),
            _ => None,
        }
    }

    /// Grids with one row per token, where the selected row is the query token.
    #[must_use]
    pub fn rows_are_tokens(self) -> bool {
        !matches!(self, GridId::WQ | GridId::WK | GridId::WV)
    }

    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            GridId::X => "X",
            GridId::WQ => "W_Q",
            GridId::WK => "W_K",
            GridId::WV => "W_V",
            GridId::Q => "Q",
            GridId::K => "K",
            GridId::V => "V",
            GridId::Scores => "Scores Q·Kᵀ",
            GridId::Weights => "Weights",
            GridId::Context => "Context",
        }
    }

    #[must_use]
    pub fn matrix(self, attention: &Attention) -> &crate::engine::Matrix {
        match self {
            GridId::X => &attention.input.x,
            GridId::WQ => &attention.input.w_q,
            GridId::WK => &attention.input.w_k,
            GridId::WV => &attention.input.w_v,
            GridId::Q => &attention.q,
            GridId::K => &attention.k,
            GridId::V => &attention.v,
            GridId::Scores => &attention.scores,
            GridId::Weights => &attention.weights,
            GridId::Context => &attention.context,
        }
    }

    #[must_use]
    pub fn offset(self, delta: isize) -> Self {
        crate::message::cycle(self, delta)
    }
}

/// What the playground's path prompt is asking for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    Save,
    Load,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub field: TextField,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaygroundState {
    /// The selected cell and the number being typed into it, not yet committed.
    editor: GridEditor<GridId>,
    /// The result cell whose derivation is shown.
    explain: Option<(GridId, usize, usize)>,
    prompt: Option<Prompt>,
    /// A save that would replace this existing file, waiting for y or n.
    confirm: Option<PathBuf>,
    /// The shipped-scenario list, open, with its selected row.
    library: Option<usize>,
    /// What the grids draw, kept between frames; see [`PlaygroundState::refresh_cache`].
    cache: GridCache,
}

impl Default for PlaygroundState {
    fn default() -> Self {
        Self {
            editor: GridEditor::new(GridId::X, Blank::Refused),
            explain: None,
            prompt: None,
            confirm: None,
            library: None,
            cache: GridCache::default(),
        }
    }
}

impl PlaygroundState {
    /// A state with this cell selected.
    #[must_use]
    pub fn at(grid: GridId, row: usize, col: usize) -> Self {
        let mut state = Self::default();
        state.editor.select(grid, row, col);
        state
    }

    /// The selected grid.
    #[must_use]
    pub fn grid(&self) -> GridId {
        self.editor.grid()
    }

    /// The selected cell's row.
    #[must_use]
    pub fn row(&self) -> usize {
        self.editor.cell().0
    }

    /// The selected cell's column.
    #[must_use]
    pub fn col(&self) -> usize {
        self.editor.cell().1
    }

    /// A save waiting for y or n before it replaces this file.
    #[must_use]
    pub fn pending_overwrite(&self) -> Option<&PathBuf> {
        self.confirm.as_ref()
    }

    /// Whether the shipped-scenario list is open over the grids.
    #[must_use]
    pub fn library_open(&self) -> bool {
        self.library.is_some()
    }

    /// The number being typed into the selected cell, not yet committed.
    #[must_use]
    pub fn edit(&self) -> Option<&TextField> {
        self.editor.field()
    }

    /// Brings the grids' cache up to the document's version; the view draws from it, and
    /// builds each grid afresh whenever it is stale.
    pub fn refresh_cache(&mut self, document: &crate::document::Document) {
        self.cache.refresh(document);
    }

    /// Keeps the selection inside the grid after a shape change.
    pub fn clamp(&mut self, attention: &Attention) {
        self.editor.clamp(self.grid().matrix(attention).shape());
        if let Some((grid, r, c)) = self.explain {
            let m = grid.matrix(attention);
            if r >= m.nrows() || c >= m.ncols() {
                self.explain = None;
            }
        }
    }

    /// The text field with the keyboard, if any.
    #[must_use]
    pub fn focused_field(&self) -> Option<&TextField> {
        self.prompt.as_ref().map(|p| &p.field).or(self.editor.field())
    }

    /// Leaving the screen drops what was being typed; the numbers stay as committed.
    pub fn leave(&mut self) {
        self.editor.close();
        self.prompt = None;
        self.confirm = None;
    }
}
