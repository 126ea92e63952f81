//! The lesson's picture, drawn from the current numbers: the query compares itself with each
//! key, gets a score, softmax turns the scores into weights (one bar each), the values mix.
//! ←/→ choose which token is followed, for every screen at once.

mod plot;
mod view;

pub use plot::{Glyphs, LEGEND_TITLE, PlaneView};
pub use view::{DiagramView, bar};

use crate::document::Document;
use crate::engine::Attention;
use crate::keymap::{Binding, bind, code, plain};
use crate::scenario::Labels;
use crate::screen::{Reply, Shared};
use ratatui::crossterm::event::KeyCode;

/// The picture's numbers for a two-sequence scenario: cross-attention (Q from the decoder's
/// tokens, K and V from the encoder's), with the encoder's labels for the keys. `None` when
/// the scenario has one sequence, or its second no longer fits the edited width.
#[must_use]
pub fn cross_of(doc: &Document) -> Option<(Attention, Labels)> {
    let attention = doc.attention();
    let encoder = doc.baseline().encoder.as_ref().filter(|e| e.tokens.ncols() == attention.model_width())?;
    let cross = Attention::cross(attention.input.clone(), &encoder.tokens).ok()?;
    Some((cross, Labels { tokens: encoder.labels.clone(), ..doc.labels().clone() }))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiagramMsg {
    NextQuery,
    PrevQuery,
    Scroll(i16),
}

pub const KEYS: &[Binding<DiagramMsg>] = &[
    bind(&[code(KeyCode::Right), plain('l')], "←/→", "token", "follow the previous/next token", DiagramMsg::NextQuery),
    bind(&[code(KeyCode::Left), plain('h')], "", "", "", DiagramMsg::PrevQuery),
    bind(&[code(KeyCode::PageDown), code(KeyCode::Down), plain('j')], "PgDn/↓", "", "scroll", DiagramMsg::Scroll(1)),
    bind(&[code(KeyCode::PageUp), code(KeyCode::Up), plain('k')], "PgUp/↑", "", "scroll back", DiagramMsg::Scroll(-1)),
];

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DiagramState {
    scroll: u16,
}

impl DiagramState {
    /// How far the text above the plot is scrolled, in rows.
    #[must_use]
    pub fn scroll(&self) -> u16 {
        self.scroll
    }

    #[must_use]
    pub fn acts(&self, message: DiagramMsg, tokens: usize) -> bool {
        match message {
            DiagramMsg::NextQuery | DiagramMsg::PrevQuery => tokens > 1,
            DiagramMsg::Scroll(delta) => delta > 0 || self.scroll > 0,
        }
    }

    pub fn update(&mut self, message: DiagramMsg, shared: &mut Shared) -> Reply {
        let doc = &mut shared.document;
        let tokens = doc.attention().tokens().max(1);
        let query = doc.query();
        let next = match message {
            DiagramMsg::NextQuery => (query + 1) % tokens,
            DiagramMsg::PrevQuery => (query + tokens - 1) % tokens,
            DiagramMsg::Scroll(delta) => {
                self.scroll = self.scroll.saturating_add_signed(delta).min(200);
                return Reply::default();
            }
        };
        // The app says which token is followed now, from the document's change record.
        doc.set_query(next);
        Reply::default()
    }
}
