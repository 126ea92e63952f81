//! Presenter mode: the walkthrough as full-screen slides for a projector. The number each
//! slide computes is drawn in block digits and stays hidden until the presenter reveals it,
//! so the class can call it out first. Slides follow the opened scenario's own token, so a
//! stray key on another screen cannot change what the class sees.

mod view;

pub use view::{ClassOnSlide, SlideView, notes_for, slide_value};

use crate::document::Document;
use crate::effect::Effect;
use crate::keymap::{Binding, bind, code, plain};
use crate::lesson::Lesson;
use crate::screen::Reply;
use crate::screen::walkthrough::{Step, step_at, step_count};
use ratatui::crossterm::event::KeyCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PresentMsg {
    /// Reveal the hidden number, or go to the next slide when it is shown.
    Forward,
    Back,
    First,
    Last,
    /// Class mode: ask this slide's question again (a new round; the old one is kept).
    AskAgain,
    /// Class mode: show or hide who got it right, on the projector only.
    Names,
    Roster,
    Log,
    /// Class mode: Ctrl-C ends the class (the projector exits as interrupted).
    EndClass,
    /// Leave presenter mode; in class mode with a question open it says to reveal first.
    Leave,
}

/// What the projector shows under a class slide besides the tally.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ClassPanel {
    #[default]
    None,
    Roster,
    Log,
}

pub const KEYS: &[Binding<PresentMsg>] = &[
    bind(
        &[code(KeyCode::Right), plain('l'), plain(' '), code(KeyCode::Enter)],
        "→/Space",
        "reveal/next",
        "reveal, then next slide",
        PresentMsg::Forward,
    ),
    bind(&[code(KeyCode::Left), plain('h')], "←/h", "back", "previous slide", PresentMsg::Back),
    bind(&[code(KeyCode::Home), plain('g')], "Home/g", "", "first slide", PresentMsg::First),
    bind(&[code(KeyCode::End), plain('G')], "End/G", "", "last slide", PresentMsg::Last),
    bind(&[plain('a')], "a", "ask again", "class: ask this slide again (a new round)", PresentMsg::AskAgain),
    bind(&[plain('n')], "n", "", "class: show or hide who was right", PresentMsg::Names),
    bind(&[plain('r')], "r", "", "class: show or hide the roster", PresentMsg::Roster),
    bind(&[plain('L')], "L", "", "class: show or hide the join and leave log", PresentMsg::Log),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[allow(clippy::struct_excessive_bools, reason = "independent switches, each flipped by its own key")]
pub struct PresentState {
    slide: usize,
    revealed: bool,
    /// Class mode: the room answers each slide, and the class keys act.
    class: bool,
    /// Counts re-asks, so the class side sees a new round even on the same slide.
    round: u32,
    /// Class mode: names of who was right are on the projector (off by default).
    names: bool,
    panel: ClassPanel,
    /// Class mode: Ctrl-C ended the class.
    ended: bool,
}

impl PresentState {
    /// A projector at this slide, its question not yet revealed.
    #[must_use]
    pub fn at(slide: usize) -> Self {
        Self { slide, ..Self::default() }
    }

    #[must_use]
    pub fn slide(&self) -> usize {
        self.slide
    }

    #[must_use]
    pub fn revealed(&self) -> bool {
        self.revealed
    }

    /// Whether the room answers each slide (class mode).
    #[must_use]
    pub fn in_class(&self) -> bool {
        self.class
    }

    /// Class mode: the names of who was right are on the projector.
    #[must_use]
    pub fn names_shown(&self) -> bool {
        self.names
    }

    #[must_use]
    pub fn panel(&self) -> ClassPanel {
        self.panel
    }

    /// Class mode: Ctrl-C ended the class.
    #[must_use]
    pub fn ended(&self) -> bool {
        self.ended
    }

    /// Where the class is: slide, re-ask round, revealed.
    #[must_use]
    pub fn class_point(&self) -> (usize, u32, bool) {
        (self.slide, self.round, self.revealed)
    }

    /// The room runs this projector from now on.
    pub fn join_class(&mut self) {
        self.class = true;
    }

    /// Going back to a slide whose answer was already on the projector shows it again.
    pub fn keep_revealed(&mut self, revealed: bool) {
        self.revealed |= revealed;
    }

    /// After an edit that shortened the lesson, stays on a slide that exists.
    pub fn clamp_slide(&mut self, last: usize) {
        self.slide = self.slide.min(last);
    }

    /// The slide's step: the current numbers, the scenario's own token.
    #[must_use]
    pub fn step(&self, document: &Document) -> Option<Step> {
        step_at(document.attention(), document.baseline_query(), self.slide)
    }

    #[must_use]
    pub fn acts(&self, message: PresentMsg, document: &Document) -> bool {
        let last = step_count(document.attention()).saturating_sub(1);
        match message {
            PresentMsg::Forward => self.slide < last || self.needs_reveal(document),
            PresentMsg::Back | PresentMsg::First => self.slide > 0,
            PresentMsg::Last => self.slide < last,
            PresentMsg::AskAgain | PresentMsg::Names | PresentMsg::Roster | PresentMsg::Log => self.class,
            PresentMsg::Leave | PresentMsg::EndClass => true,
        }
    }

    /// Every slide asks the room something (the lesson gives each step an "ask"), so every
    /// slide has a hidden state before it moves on.
    fn needs_reveal(&self, document: &Document) -> bool {
        !self.revealed && self.step(document).is_some()
    }

    pub fn update(&mut self, message: PresentMsg, document: &Document, lesson: &Lesson) -> Reply {
        let last = step_count(document.attention()).saturating_sub(1);
        match message {
            PresentMsg::Forward if self.needs_reveal(document) => self.revealed = true,
            PresentMsg::Forward => self.go_to(self.slide + 1, last),
            PresentMsg::Back => self.go_to(self.slide.saturating_sub(1), last),
            PresentMsg::First => self.go_to(0, last),
            PresentMsg::Last => self.go_to(last, last),
            PresentMsg::AskAgain => {
                self.round += 1;
                self.revealed = false;
            }
            PresentMsg::Names => self.names = !self.names,
            PresentMsg::Roster => self.panel = toggle(self.panel, ClassPanel::Roster),
            PresentMsg::Log => self.panel = toggle(self.panel, ClassPanel::Log),
            PresentMsg::EndClass => self.ended = true,
            PresentMsg::Leave => return Reply::info("the question is open: → reveals it first, then Esc leaves"),
        }
        Reply::effect(self.publish(document, lesson))
    }

    fn go_to(&mut self, slide: usize, last: usize) {
        self.slide = slide.min(last);
        self.revealed = false;
    }

    /// The speaker notes for the slide on the projector.
    #[must_use]
    pub fn publish(&self, document: &Document, lesson: &Lesson) -> Effect {
        let count = step_count(document.attention());
        let notes = match self.step(document) {
            Some(step) => notes_for(step, self.slide, count, document.attention(), lesson, self.revealed),
            None => crate::notes::Notes::default(),
        };
        Effect::PublishNotes(Box::new(notes))
    }
}

fn toggle(panel: ClassPanel, to: ClassPanel) -> ClassPanel {
    if panel == to { ClassPanel::None } else { to }
}
