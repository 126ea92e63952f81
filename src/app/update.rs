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
        let query = self.shared.document.query();
        let mut reply = self.route(message);
        self.reconcile();
        let token = self.shared.document.query() + 1;
        match (&mut reply.status, self.shared.document.query() != query) {
            (None, true) => reply.status = Some(Status::new(StatusKind::Info, format!("now following token {token}"))),
            (Some(status), true) if !status.text.contains("following token") => {
                status.text = format!("{}; now following token {token}", status.text);
            }
            _ => {}
        }
        reply.merge(check_challenge(&mut self.shared));
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
        self.playground.clamp(doc.attention());
        if self.screen == ScreenId::Playground {
            self.playground.refresh_cache(doc);
        }
        self.lab.reconcile(doc);
        self.walkthrough.reconcile(doc);
        if let Some(present) = self.present.as_mut() {
            let last = crate::screen::walkthrough::step_count(doc.attention()).saturating_sub(1);
            present.slide = present.slide.min(last);
        }
    }

    fn route(&mut self, message: Message) -> Reply {
        match message {
            Message::Walk(m) => self.walkthrough.update(m, &self.shared),
            Message::Play(m) => self.playground.update(m, &mut self.shared),
            Message::Diagram(m) => self.diagram.update(m, &mut self.shared),
            Message::Lab(m) => self.lab.update(m, &self.shared.document),
            Message::Quiz(m) => self.quiz.update(m, &mut self.shared),
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
        let shared = &mut self.shared;
        match self.screen {
            ScreenId::Walkthrough => self.walkthrough.field(message, shared),
            ScreenId::Playground => self.playground.field(message, shared),
            ScreenId::Quiz => self.quiz.field(message, shared),
            ScreenId::Lab => self.lab.field(message),
            ScreenId::Diagram => Reply::default(),
        }
    }

    fn show(&mut self, screen: ScreenId) {
        if screen != self.screen {
            self.playground.leave();
        }
        self.screen = screen;
        self.help = None;
    }

    fn toggle_present(&mut self) -> Reply {
        match self.present.take() {
            Some(present) => {
                // Back to the walkthrough at the slide the class had reached.
                self.walkthrough.go_to(present.slide, &self.shared.document);
                Reply::info("presenter mode off").with_effect(Effect::PublishNotes(Box::default()))
            }
            None => Reply { effects: self.start_presenting(), ..Reply::default() },
        }
    }

    fn handout(&self) -> Reply {
        let doc = &self.shared.document;
        let text = crate::walk::walk_markdown_labeled(doc.attention(), doc.query(), &self.shared.lesson, doc.labels());
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
        let mut reply = self.quiz.tick(ms, &mut self.shared);
        if self.screen == ScreenId::Walkthrough {
            reply.merge(self.walkthrough.tick(ms, &self.shared.document));
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
            other => self.playground.done(other, &mut self.shared.document),
        }
    }
}
