//! Which attention the walkthrough steps through. A one-sequence scenario has only its
//! self-attention. A two-sequence scenario (translation) walks cross-attention, Q from the
//! decoder's tokens and K and V from the encoder's, or, on request, the decoder's own
//! self-attention, the other half of a decoder layer. Each part keeps what predict mode found.

use super::{Step, WalkthroughState, step_at, steps};
use crate::document::Document;
use crate::engine::Attention;
use crate::scenario::Labels;
use crate::screen::Reply;
use std::borrow::Cow;
use std::mem::discriminant;

/// The part of a two-sequence scenario the walkthrough steps through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Part {
    /// Queries from the decoder's tokens, keys and values from the encoder's.
    #[default]
    Cross,
    /// The decoder's tokens attending to each other, as in a one-sequence scenario.
    DecoderSelf,
}

/// The attention being walked, and how its tokens are named.
#[derive(Debug, Clone)]
pub struct Walked<'d> {
    pub attention: Cow<'d, Attention>,
    /// The encoder's labels, when the walk is across two sequences.
    pub keys: Option<Labels>,
    /// While a two-sequence scenario walks the decoder's self-attention: the cross-attention
    /// set aside, with the encoder's labels.
    pub aside: Option<(Attention, Labels)>,
}

impl WalkthroughState {
    #[must_use]
    pub fn part(&self) -> Part {
        self.part
    }

    /// The attention this walkthrough steps through on `doc`'s current numbers.
    #[must_use]
    pub fn walked<'d>(&self, doc: &'d Document) -> Walked<'d> {
        match (self.part, crate::screen::diagram::cross_of(doc)) {
            (Part::Cross, Some((attention, keys))) => {
                Walked { attention: Cow::Owned(attention), keys: Some(keys), aside: None }
            }
            (_, aside) => Walked { attention: Cow::Borrowed(doc.attention()), keys: None, aside },
        }
    }

    /// Switches between cross-attention and the decoder's self-attention, standing on the
    /// matching step of the other part and bringing back what predict mode found there.
    pub(super) fn toggle_part(&mut self, doc: &Document) -> Reply {
        if crate::screen::diagram::cross_of(doc).is_none() {
            return Reply::default();
        }
        let from = self.current(doc);
        self.part = match self.part {
            Part::Cross => Part::DecoderSelf,
            Part::DecoderSelf => Part::Cross,
        };
        std::mem::swap(&mut self.settled, &mut self.parked.settled);
        std::mem::swap(&mut self.reopened, &mut self.parked.reopened);
        let walked = self.walked(doc);
        let index = from.and_then(|s| same_place(s, &walked.attention, doc.query())).unwrap_or(0);
        self.answer = None;
        self.notice = None;
        self.stage = 0;
        self.peeked = false;
        self.scroll = 0;
        self.go_to(index, doc);
        Reply::info(match self.part {
            Part::Cross => "cross-attention: queries from the decoder, keys and values from the encoder",
            Part::DecoderSelf => "the decoder's own self-attention, causal mask and all (c: cross-attention)",
        })
    }

    /// Where this walkthrough stands, as a step of the document's own self-attention (the
    /// one presenter mode shows).
    #[must_use]
    pub fn own_index(&self, doc: &Document) -> usize {
        if self.walked(doc).keys.is_none() {
            return self.step;
        }
        self.current(doc).and_then(|s| same_place(s, doc.attention(), doc.query())).unwrap_or(0)
    }

    /// Goes to the step matching `index` of the document's own self-attention (where
    /// presenter mode left off).
    pub fn follow_own(&mut self, index: usize, doc: &Document) {
        let walked = self.walked(doc);
        let target = match walked.keys {
            Some(_) => step_at(doc.attention(), doc.query(), index)
                .and_then(|s| same_place(s, &walked.attention, doc.query()))
                .unwrap_or(0),
            None => index,
        };
        self.go_to(target, doc);
    }
}

/// The index of `step` among `attention`'s steps, or of the first step of the same kind.
fn same_place(step: Step, attention: &Attention, query: usize) -> Option<usize> {
    let list = steps(attention, query);
    let same_kind = |s: &Step| match (s, step) {
        (Step::Projection { projection: a, .. }, Step::Projection { projection: b, .. }) => *a == b,
        _ => discriminant(s) == discriminant(&step),
    };
    list.iter().position(|s| *s == step).or_else(|| list.iter().position(same_kind))
}
