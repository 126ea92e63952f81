//! Class mode in the app: the presenter publishes each slide's question and shows the room's
//! tally; a served student sees the question over their screen and answers it.

use super::{App, Message};
use crate::class::{ClassQuestion, StudentView, Tally};
use crate::effect::Effect;
use crate::engine::Attention;
use crate::format;
use crate::keymap::{Key, ctrl, field_key};
use crate::message::FieldMsg;
use crate::screen::Reply;
use crate::screen::class::{ClassPrompt, ClassPromptView};
use crate::screen::present::{ClassOnSlide, PresentMsg, PresentState, slide_value};
use crate::screen::walkthrough::Step;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use std::collections::HashMap;

/// The class-mode part of the app's state.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClassState {
    /// The presenter runs a class: each slide's question goes to the room.
    pub presenting: bool,
    /// What students type to join, shown on the projector.
    pub join: Option<String>,
    /// The room's tally (the presenter's side).
    pub tally: Option<Tally>,
    /// The projector's question on this student's screen.
    pub prompt: Option<ClassPrompt>,
    /// Numbers each round, so an answer to one never counts on another.
    seq: u64,
    /// The slide, round and revealed state last sent to the room.
    asked: Option<(usize, u32, bool)>,
    /// Each slide's latest round and whether it was revealed, so going back finds it as it was.
    slides: HashMap<usize, (u64, bool)>,
}

/// The keys that act while a class question is open on a student's screen, as (key, the
/// footer's word, the help's sentence). The footer and the help say these and nothing else:
/// Tab, the screen keys and Ctrl-P wait for the reveal.
const OPEN_KEYS: &[(&str, &str, &str)] = &[
    ("(typing)", "", "every printable key goes into the answer"),
    ("Enter", "send", "send the answer; sending again changes it, until the reveal"),
    ("←/→ Home End", "", "move the cursor"),
    ("Ctrl-U/Ctrl-W", "", "clear / delete a word"),
    ("Ctrl-U", "clear", ""),
    ("Ctrl-C", "quit", "quit the tutor (an answer already sent still counts)"),
    ("Alt-?", "all keys", "this help, even while typing"),
];

/// The same once the answer is revealed on a student's screen.
const REVEALED_KEYS: &[(&str, &str, &str)] = &[
    ("Esc", "back to your tutor", "back to your tutor (the next question comes back by itself)"),
    ("Ctrl-C", "quit", "quit the tutor"),
    ("Alt-?", "all keys", "this help"),
];

/// The footer's last two hints (quit, all keys) stay when the row is narrow.
const PINNED: usize = 2;

impl App {
    /// While the class question owns a student's screen: its footer hints and how many stay
    /// pinned, from the keys that act on it now.
    pub(super) fn class_footer(&self) -> Option<(Vec<(&'static str, &'static str)>, usize)> {
        let keys = self.class_keys()?;
        Some((keys.iter().filter(|k| !k.1.is_empty()).map(|k| (k.0, k.1)).collect(), PINNED))
    }

    /// While the class question owns a student's screen: the help's rows.
    pub(super) fn class_help(&self) -> Option<Vec<(&'static str, &'static str)>> {
        let keys = self.class_keys()?;
        Some(keys.iter().filter(|k| !k.2.is_empty()).map(|k| (k.0, k.2)).collect())
    }

    fn class_keys(&self) -> Option<&'static [(&'static str, &'static str, &'static str)]> {
        let prompt = self.class.prompt.as_ref().filter(|_| self.class_focused())?;
        Some(if prompt.typing() { OPEN_KEYS } else { REVEALED_KEYS })
    }

    /// Runs a class from this presenter: `join` is the line students type, for the projector.
    #[must_use]
    pub fn with_class(mut self, join: String) -> Self {
        self.class.presenting = true;
        self.class.join = Some(join);
        self
    }

    /// The room's tally as last synced (the presenter's side).
    #[must_use]
    pub fn class_tally(&self) -> Option<&Tally> {
        self.class.tally.as_ref()
    }

    /// The projector's question as this student last saw it.
    #[must_use]
    pub fn class_view(&self) -> Option<&StudentView> {
        self.class.prompt.as_ref().map(ClassPrompt::view)
    }

    #[must_use]
    pub fn class_state(&self) -> &ClassState {
        &self.class
    }

    /// Whether the teacher ended the class with Ctrl-C (the projector exits 130).
    #[must_use]
    pub fn class_interrupted(&self) -> bool {
        self.present.is_some_and(|p| p.ended())
    }

    /// Whether the projector shows names of who was right (off until the teacher asks).
    #[must_use]
    pub fn class_names_shown(&self) -> bool {
        self.present.is_some_and(|p| p.names_shown())
    }

    pub(super) fn class_message(&mut self, message: Message) -> Reply {
        match message {
            Message::ClassTally(tally) => self.class.tally = Some(*tally),
            Message::ClassView(view) => ClassPrompt::sync(&mut self.class.prompt, view.map(|v| *v)),
            _ => {}
        }
        Reply::default()
    }

    /// Whether the class question owns this student's screen and keyboard.
    pub(super) fn class_focused(&self) -> bool {
        self.present.is_none() && self.class.prompt.as_ref().is_some_and(ClassPrompt::owns_screen)
    }

    /// Class mode's claim on a key, before any screen sees it: a student's open question
    /// takes every key (Tab, digits and Ctrl-P cannot leave it), and the projector's Esc
    /// asks for the reveal first while a question is open.
    pub(super) fn class_key(&self, event: KeyEvent) -> Option<Message> {
        let key = Key::of(event);
        if let Some(present) = self.present.filter(PresentState::in_class) {
            if key == ctrl('c') {
                return Some(Message::Present(PresentMsg::EndClass));
            }
            let leaving = key == Key(KeyCode::Esc, ratatui::crossterm::event::KeyModifiers::NONE) || key == ctrl('p');
            let open = !present.revealed() && self.class.tally.as_ref().is_some_and(|t| t.question.is_some());
            return (leaving && open).then_some(Message::Present(PresentMsg::Leave));
        }
        if !self.class_focused() || self.help.is_some() || key == ctrl('c') {
            return None;
        }
        if key == crate::keymap::alt('?') {
            return Some(Message::ToggleHelp);
        }
        Some(Message::Field(field_key(event).unwrap_or(FieldMsg::Cancel)))
    }

    pub(super) fn class_field(&mut self, message: FieldMsg) -> Reply {
        self.class.prompt.as_mut().map_or_else(Reply::default, |p| p.field_key(message))
    }

    pub(super) fn class_answered(&mut self, result: Result<crate::quiz::Verdict, crate::class::AnswerError>) -> Reply {
        self.class.prompt.as_mut().map_or_else(Reply::default, |p| p.answered(result))
    }

    /// A terminal smaller than the tutor needs still shows an open class question.
    pub(super) fn render_class_compact(&self, area: Rect, buf: &mut Buffer) -> bool {
        let Some(prompt) = self.class.prompt.as_ref().filter(|_| self.class_focused()) else { return false };
        (&ClassPromptView { prompt, theme: self.theme }).render(area, buf);
        true
    }

    /// The class part of the projector, when this presenter runs a class.
    pub(super) fn class_on_slide(&self) -> Option<ClassOnSlide<'_>> {
        let present = self.present?;
        let join = self.class.join.as_deref().filter(|_| self.class.presenting)?;
        Some(ClassOnSlide {
            tally: self.class.tally.as_ref(),
            join,
            names: present.names_shown(),
            panel: present.panel(),
        })
    }

    /// After any presenter change: open the slide's round for the room (the same round as
    /// before when going back, a new one on a re-ask), or reveal it.
    pub(super) fn class_effects(&mut self) -> Vec<Effect> {
        if !self.class.presenting {
            return Vec::new();
        }
        let Some(present) = self.present.as_mut() else { return Vec::new() };
        present.join_class();
        if present.ended() {
            self.running = false;
            return Vec::new();
        }
        let now = present.class_point();
        let before = self.class.asked;
        if before == Some(now) {
            return Vec::new();
        }
        let same_round = before.is_some_and(|(slide, round, _)| slide == now.0 && round == now.1);
        if same_round {
            self.class.asked = Some(now);
            let entry = self.class.slides.entry(now.0).or_insert((0, false));
            entry.1 |= now.2;
            return if now.2 { vec![Effect::ClassReveal] } else { Vec::new() };
        }
        let restored = self.class.slides.get(&now.0).copied().filter(|_| before.is_none_or(|b| b.1 == now.1));
        let (id, revealed) = restored.unwrap_or_else(|| {
            self.class.seq += 1;
            (self.class.seq, now.2)
        });
        present.keep_revealed(revealed);
        let present = *present;
        self.class.slides.insert(now.0, (id, present.revealed()));
        self.class.asked = Some(present.class_point());
        let question = self.slide_question(id);
        let mut effects = vec![Effect::ClassAsk(question.map(Box::new))];
        if present.revealed() {
            effects.push(Effect::ClassReveal);
            effects.push(present.publish(&self.shared.document, &self.shared.lesson));
        }
        effects
    }

    fn slide_question(&self, id: u64) -> Option<ClassQuestion> {
        let doc = &self.shared.document;
        let step = self.present?.step(doc)?;
        let (target, value, _) = slide_value(step, doc.attention())?;
        // The same question predict mode asks on this step, so a slip gets the same words.
        let expected = crate::screen::walkthrough::asks(step, doc.attention())
            .into_iter()
            .filter_map(|ask| ask.answer.expected())
            .find(|e| (e.value() - value).abs() <= f64::EPSILON * value.abs().max(1.0))?;
        let narration = self.shared.lesson.narration(step.narration_key());
        let mut context = vec![crate::sanitize::strip(&narration.text)];
        context.extend(inputs(step, doc.attention()));
        Some(ClassQuestion { id, prompt: format!("What is {target}?"), target, expected, context })
    }
}

/// The numbers a step multiplies, named as the slide names them: what a student needs, and
/// nothing computed from them.
fn inputs(step: Step, a: &Attention) -> Vec<String> {
    let named = |name: String, values: Vec<f64>| format!("{name} = {}", format::vector(values));
    match step {
        Step::Projection { projection, token, entry } => {
            let d = a.projection_derivation(projection, token, entry);
            vec![
                named(format!("x{}", token + 1), d.terms.iter().map(|t| t.left).collect()),
                named(
                    format!("W_{} column {}", projection.letter(), entry + 1),
                    d.terms.iter().map(|t| t.right).collect(),
                ),
            ]
        }
        Step::Score { query, key } => {
            let d = a.score_derivation(query, key);
            vec![
                named(format!("q{}", query + 1), d.terms.iter().map(|t| t.left).collect()),
                named(format!("k{}", key + 1), d.terms.iter().map(|t| t.right).collect()),
            ]
        }
        Step::Context { query, entry } => {
            let d = a.context_derivation(query, entry);
            vec![
                named(format!("weights of q{}", query + 1), d.terms.iter().map(|t| t.left).collect()),
                named(format!("V column {}", entry + 1), d.terms.iter().map(|t| t.right).collect()),
            ]
        }
        Step::Softmax { query } => {
            let s = a.softmax_derivation(query);
            vec![named(format!("scaled scores of q{}", query + 1), s.logits)]
        }
        Step::Roles | Step::Shapes | Step::Output { .. } | Step::Ideas => Vec::new(),
    }
}
