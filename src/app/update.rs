//! `update`: the only place state changes. It routes each message to the screen that owns
//! it, keeps the status line, and returns the effects the runner must perform.

use super::{App, Message, STATUS_MS};
use crate::effect::{Done, Effect};
use crate::message::{FieldMsg, ScreenId};
use crate::screen::quiz::check_challenge;
use crate::screen::{Reply, Status, StatusKind};

impl App {
    pub fn update(&mut self, message: Message) -> Vec<Effect> {
        if message.is_action() {
            self.status = None;
        }
        let mut reply = self.route(message);
        let change = self.shared.document.take_change();
        self.reconcile();
        if change.followed_token {
            let token = self.shared.document.query() + 1;
            let said = format!("now following token {token}: every screen shows its query");
            reply.status = Some(match reply.status.take() {
                None => Status::new(StatusKind::Info, said),
                Some(status) => Status::new(status.kind, format!("{}; {said}", status.text)),
            });
        }
        // Only a change to the numbers can meet a challenge's goal.
        if change.numbers || change.baseline {
            reply.merge(check_challenge(&mut self.shared));
        }
        self.apply_reply(reply)
    }

    pub(super) fn apply_reply(&mut self, reply: Reply) -> Vec<Effect> {
        if let Some(screen) = reply.show {
            self.show(screen);
        }
        if let Some(status) = reply.status {
            self.set_status(status);
        }
        if reply.effects.iter().any(|e| matches!(e, Effect::SaveProgress(_))) {
            self.unsaved = true;
        }
        reply.effects
    }

    /// Keeps every selection and step inside the current numbers' shapes, whatever changed
    /// them: an edit, undo, a load, a reset or a challenge starting.
    fn reconcile(&mut self) {
        let doc = &self.shared.document;
        self.screens.playground.clamp(doc.attention());
        if self.screen == ScreenId::Playground {
            self.screens.playground.refresh_cache(doc);
        }
        self.screens.lab.reconcile(doc);
        self.screens.walkthrough.reconcile(doc);
        if let Some(present) = self.present.as_mut() {
            let last = crate::screen::walkthrough::step_count(doc.attention()).saturating_sub(1);
            present.clamp_slide(last);
        }
    }

    fn route(&mut self, message: Message) -> Reply {
        match message {
            Message::Walk(m) => self.screens.walkthrough.update(m, &self.shared),
            Message::Play(m) => self.screens.playground.update(m, &mut self.shared),
            Message::Diagram(m) => self.screens.diagram.update(m, &mut self.shared),
            Message::Lab(m) => self.screens.lab.update(m, &self.shared.document),
            Message::Quiz(m) => self.screens.quiz.update(m, &mut self.shared),
            Message::Present(m) => match self.present.as_mut() {
                Some(present) => {
                    let mut reply = present.update(m, &self.shared.document, &self.shared.lesson);
                    reply.effects.extend(self.class_effects());
                    reply
                }
                None => Reply::default(),
            },
            Message::ClassTally(_) | Message::ClassView(_) => self.class_message(message),
            Message::Field(m) => self.field(m),
            Message::Done(done) => self.done(done),
            Message::Tick { ms, now } => self.tick(ms, now),
            other => self.global(other),
        }
    }

    fn global(&mut self, message: Message) -> Reply {
        match message {
            Message::Quit => self.running = false,
            Message::Suspend => self.suspend_requested = true,
            Message::CycleTheme => return self.cycle_theme(),
            Message::WriteHandout => return self.handout(),
            Message::NextScreen => self.show(self.screen.offset(1)),
            Message::PrevScreen => self.show(self.screen.offset(-1)),
            Message::ShowScreen(screen) => self.show(screen),
            Message::ToggleHelp => self.help = if self.help.is_some() { None } else { Some(0) },
            Message::HelpScroll(delta) => self.help = self.help.map(|o| o.saturating_add_signed(delta).min(200)),
            Message::TogglePresent => return self.toggle_present(),
            Message::Resize(w, h) => self.size = (w, h),
            Message::Inert(key) => return Reply::info(format!("{key} does nothing here (? lists the keys)")),
            _ => {}
        }
        Reply::default()
    }

    fn field(&mut self, message: FieldMsg) -> Reply {
        if self.class_focused() {
            return self.class_field(message);
        }
        self.screens.get_mut(self.screen).field(message, &mut self.shared)
    }

    fn show(&mut self, screen: ScreenId) {
        if screen != self.screen {
            self.screens.playground.leave();
        }
        self.screen = screen;
        self.help = None;
    }

    fn toggle_present(&mut self) -> Reply {
        match self.present.take() {
            Some(present) => {
                // Back to the walkthrough at the slide the class had reached.
                self.screens.walkthrough.follow_own(present.slide(), &self.shared.document);
                Reply::info("presenter mode off").with_effect(Effect::PublishNotes(Box::default()))
            }
            None => Reply { effects: self.start_presenting(), ..Reply::default() },
        }
    }

    fn handout(&self) -> Reply {
        let doc = &self.shared.document;
        // A two-sequence scenario's handout works through its cross-attention too.
        let cross = crate::screen::diagram::cross_of(doc);
        let across = cross.as_ref().map(|(a, keys)| (a, keys));
        let lesson = &self.shared.lesson;
        let text = crate::walk::walk_markdown_across(doc.attention(), doc.query(), lesson, doc.labels(), across);
        Reply::effect(Effect::WriteHandout(text))
    }

    fn cycle_theme(&mut self) -> Reply {
        self.theme.palette = self.theme.palette.next();
        let settings = crate::settings::Settings { theme: self.theme.palette };
        Reply::info(format!("theme: {}", self.theme.palette.name())).with_effect(Effect::SaveSettings(settings))
    }

    /// Time passed: the drill's clock, autoplay, and the status line's age.
    fn tick(&mut self, ms: u64, now: u64) -> Reply {
        self.shared.now = now;
        if let Some(shown) = self.status.as_mut() {
            shown.age_ms += ms;
            if shown.age_ms >= STATUS_MS {
                self.status = None;
            }
        }
        // The drill's clock runs whichever screen is showing; the rest only on show.
        let mut reply = self.screens.quiz.tick(ms, &mut self.shared);
        if self.screen != ScreenId::Quiz {
            reply.merge(self.screens.get_mut(self.screen).tick(ms, &mut self.shared));
        }
        reply
    }

    fn done(&mut self, done: Done) -> Reply {
        match done {
            Done::ProgressSaved(Ok(())) => {
                self.unsaved = false;
                Reply::default()
            }
            Done::ProgressSaved(Err(error)) => Reply::error(format!("progress not saved: {error}")),
            Done::SettingsSaved(Ok(())) | Done::NotesPublished(Ok(())) => Reply::default(),
            Done::SettingsSaved(Err(error)) => Reply::error(format!("settings not saved: {error}")),
            Done::NotesPublished(Err(error)) => Reply::error(format!("speaker notes not written: {error}")),
            Done::HandoutWritten(Ok(path)) => Reply::success(format!("handout written to {path}")),
            Done::HandoutWritten(Err(error)) => Reply::error(format!("the handout was not written: {error}")),
            Done::ClassAnswered(result) => self.class_answered(result),
            other => self.screens.playground.done(other, &mut self.shared.document),
        }
    }
}
