//! Which attention the walkthrough steps through. A one-sequence scenario has only its
//! self-attention. A two-sequence scenario (translation) walks cross-attention, Q from the
//! decoder's tokens and K and V from the encoder's, or, on request, the decoder's own
//! self-attention, the other half of a decoder layer. Each part keeps what predict mode found,
//! and switching straight back, or leaving presenter mode where it opened, returns to the
//! very step the learner left.

use super::{Settled, Step, WalkthroughState, step_at, step_count, steps};
use crate::document::Document;
use crate::engine::{Attention, Matrix, Projection};
use crate::scenario::Labels;
use crate::screen::Reply;
use crate::screen::diagram::cross_of;
use crate::widget::AnswerBox;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::mem::{Discriminant, discriminant};

/// The part of a two-sequence scenario the walkthrough steps through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Part {
    /// Queries from the decoder's tokens, keys and values from the encoder's.
    #[default]
    Cross,
    /// The decoder's tokens attending to each other, as in a one-sequence scenario.
    DecoderSelf,
}

/// The part chosen, and what the part not on show has found.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Parts {
    chosen: Part,
    /// Whether the state's findings are cross-attention's; an edit that makes the encoder
    /// stop fitting walks the decoder's own, and its findings must come out of `parked`.
    across: bool,
    parked_settled: HashMap<Step, Settled>,
    parked_reopened: HashSet<Step>,
    /// The other part's open question, its stage and whether one of its questions was shown.
    parked_open: (Option<AnswerBox>, usize, bool),
    /// After a switch: the step it landed on and the one it left (steps, not indices, so an
    /// edit that renumbers the list cannot send the learner somewhere else).
    back: Option<(Step, Step)>,
    /// Presenter mode opened from here: its first slide and the step it left.
    presenting: Option<(usize, Step)>,
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

impl Walked<'_> {
    /// The scenario's second sequence, whichever part is walked.
    #[must_use]
    pub fn encoder(&self) -> Option<&Matrix> {
        self.attention.encoder.as_ref().or_else(|| self.aside.as_ref().and_then(|(a, _)| a.encoder.as_ref()))
    }
}

impl WalkthroughState {
    /// The part chosen; it is walked when the scenario's second sequence fits the numbers.
    #[must_use]
    pub fn part(&self) -> Part {
        self.parts.chosen
    }

    /// The attention this walkthrough steps through on `doc`'s current numbers.
    #[must_use]
    pub fn walked<'d>(&self, doc: &'d Document) -> Walked<'d> {
        match (self.parts.chosen, cross_of(doc)) {
            (Part::Cross, Some((attention, keys))) => {
                Walked { attention: Cow::Owned(attention), keys: Some(keys), aside: None }
            }
            (_, aside) => Walked { attention: Cow::Borrowed(doc.attention()), keys: None, aside },
        }
    }

    /// Brings out the findings of the part walked now, when an edit or a switch changed it.
    pub(super) fn sync_part(&mut self, doc: &Document) {
        let across = self.walked(doc).keys.is_some();
        if across != self.parts.across {
            std::mem::swap(&mut self.settled, &mut self.parts.parked_settled);
            std::mem::swap(&mut self.reopened, &mut self.parts.parked_reopened);
            let open = (self.answer.take(), self.stage, self.peeked);
            (self.answer, self.stage, self.peeked) = std::mem::replace(&mut self.parts.parked_open, open);
            self.parts.across = across;
            self.parts.back = None;
            self.notice = None;
        }
    }

    /// Switches between cross-attention and the decoder's self-attention, standing on the
    /// matching step of the other part (or the one just left, when switching straight back).
    pub(super) fn toggle_part(&mut self, doc: &Document) -> Reply {
        if cross_of(doc).is_none() {
            return Reply::default();
        }
        let from = self.current(doc);
        self.parts.chosen = match self.parts.chosen {
            Part::Cross => Part::DecoderSelf,
            Part::DecoderSelf => Part::Cross,
        };
        let back = self.parts.back.take();
        self.sync_part(doc);
        let walked = self.walked(doc);
        let target = match back {
            Some((landed, earlier)) if Some(landed) == from => Some(earlier),
            _ => from,
        };
        let index = target.and_then(|s| same_place(s, &walked.attention, doc.query())).unwrap_or(0);
        let index = index.min(step_count(&walked.attention).saturating_sub(1));
        if let (Some(landed), Some(left)) = (step_at(&walked.attention, doc.query(), index), from) {
            self.parts.back = Some((landed, left));
        }
        // Not `go_to`: the part's own open question, brought back above, stays open when the
        // walk returns to its step.
        (self.step, self.scroll, self.notice) = (index, 0, None);
        self.prepare(doc);
        Reply::info(match self.parts.chosen {
            Part::Cross => "cross-attention: queries from the decoder, keys and values from the encoder".to_string(),
            Part::DecoderSelf => {
                let mask = if doc.attention().input.causal { ", with its causal mask" } else { "" };
                format!("the decoder's own self-attention{mask} (c: cross-attention)")
            }
        })
    }

    /// Where presenter mode opens: this step as a slide of the document's own
    /// self-attention (the one presenter mode shows), remembered so leaving returns here.
    pub fn start_presenting(&mut self, doc: &Document) -> usize {
        let slide = match self.walked(doc).keys {
            None => self.step,
            Some(_) => self.current(doc).and_then(|s| same_place(s, doc.attention(), doc.query())).unwrap_or(0),
        };
        self.parts.presenting = self.current(doc).map(|left| (slide, left));
        slide
    }

    /// Goes to the step matching slide `index` of the document's own self-attention, where
    /// presenter mode left off: the very step it opened from, if the slide did not change.
    pub fn follow_own(&mut self, index: usize, doc: &Document) {
        let walked = self.walked(doc);
        let opened = self.parts.presenting.take();
        let target = match (walked.keys, opened) {
            (None, _) => index,
            (Some(_), Some((slide, left))) if slide == index => {
                same_place(left, &walked.attention, doc.query()).unwrap_or(0)
            }
            (Some(_), _) => step_at(doc.attention(), doc.query(), index)
                .and_then(|s| same_place(s, &walked.attention, doc.query()))
                .unwrap_or(0),
        };
        self.go_to(target, doc);
    }
}

/// The index of `step` among `attention`'s steps, or of the nearest step of the same kind
/// (the same matrix, the closest token and entry, the closest key).
fn same_place(step: Step, attention: &Attention, query: usize) -> Option<usize> {
    let list = steps(attention, query);
    if let Some(exact) = list.iter().position(|s| *s == step) {
        return Some(exact);
    }
    let candidates = list.iter().enumerate().filter_map(|(i, s)| distance(*s, step).map(|d| (d, i)));
    candidates.min().map(|(_, i)| i)
}

/// How far apart two steps of the same kind are; `None` for steps of different kinds.
fn distance(from: Step, to: Step) -> Option<usize> {
    let (kind, matrix, row, col) = coordinates(from);
    let (other_kind, other_matrix, other_row, other_col) = coordinates(to);
    (kind == other_kind && matrix == other_matrix).then(|| row.abs_diff(other_row) + col.abs_diff(other_col))
}

/// A step's kind, its matrix, and where it stands: token and entry, or the key.
fn coordinates(step: Step) -> (Discriminant<Step>, Option<Projection>, usize, usize) {
    let kind = discriminant(&step);
    match step {
        Step::Projection { projection, token, entry } => (kind, Some(projection), token, entry),
        Step::Score { key, .. } => (kind, None, key, 0),
        Step::Context { entry, .. } => (kind, None, 0, entry),
        _ => (kind, None, 0, 0),
    }
}
