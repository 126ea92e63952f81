//! `update`: the only place state changes.

use super::{App, StatusKind};
use crate::message::{DiagramMsg, InputMsg, Message, WalkMsg};
use crate::screen::walkthrough::{AUTOPLAY_SPEEDS_MS, Verdict, check_answer};

impl App {
    pub fn update(&mut self, message: Message) {
        self.apply_message(message);
        self.reconcile();
        self.check_challenge();
    }

    /// Keeps every selection and step inside the current numbers' shapes, whatever changed
    /// them: an edit, undo, a load, a reset or a challenge starting.
    fn reconcile(&mut self) {
        let tokens = self.document.attention.tokens();
        self.playground.clamp(&self.document.attention);
        self.lab.decode_step = self.lab.decode_step.min(tokens.saturating_sub(1));
        let count = self.step_count();
        self.walkthrough.step = self.walkthrough.step.min(count.saturating_sub(1));
    }

    fn apply_message(&mut self, message: Message) {
        match message {
            Message::Quit => self.running = false,
            Message::Suspend => self.suspend_requested = true,
            Message::CycleTheme => self.cycle_theme(),
            Message::WriteHandout => self.write_handout(),
            Message::NextScreen => self.show(self.screen.offset(1)),
            Message::PrevScreen => self.show(self.screen.offset(-1)),
            Message::ShowScreen(screen) => self.show(screen),
            Message::ToggleHelp => self.help = if self.help.is_some() { None } else { Some(0) },
            Message::CloseOverlay => self.close_overlay(),
            Message::Scroll(delta) => self.scroll(delta),
            Message::Tick => self.tick(),
            Message::Resize(w, h) => self.size = (w, h),
            Message::Input(input) => self.input(input),
            Message::Walk(walk) => self.walk(walk),
            Message::Play(play) => self.play(play),
            Message::Diagram(diagram) => self.diagram(diagram),
            Message::Lab(lab) => self.lab(lab),
            Message::Quiz(quiz) => self.quiz(quiz),
            Message::Present(present) => self.present(present),
        }
    }

    /// Writes the handout next to where the tutor was started, and says where.
    fn write_handout(&mut self) {
        let text = crate::walk::walk_markdown(&self.document.attention, self.playground.query, &self.lesson);
        let path = self.handout_path.clone();
        match crate::atomic::write(&path, text.as_bytes()) {
            Ok(()) => {
                let shown = std::fs::canonicalize(&path).unwrap_or(path);
                self.set_status(
                    StatusKind::Success,
                    format!("handout written to {}", crate::scenario::display_name(&shown)),
                );
            }
            Err(error) => self.set_status(StatusKind::Error, format!("the handout was not written: {error}")),
        }
    }

    fn cycle_theme(&mut self) {
        self.theme.palette = self.theme.palette.next();
        let name = self.theme.palette.name();
        let saved = self
            .data_dir
            .as_ref()
            .map(|dir| crate::settings::save(dir, &crate::settings::Settings { theme: self.theme.palette }));
        match saved {
            Some(Err(error)) => {
                self.set_status(StatusKind::Error, format!("theme {name}, but the settings were not saved: {error}"));
            }
            _ => self.set_status(StatusKind::Info, format!("theme: {name}")),
        }
    }

    fn show(&mut self, screen: crate::message::ScreenId) {
        self.screen = screen;
        self.help = None;
        self.playground.edit = None;
        self.playground.prompt = None;
    }

    fn close_overlay(&mut self) {
        if self.help.take().is_none() && self.playground.library.take().is_none() {
            self.playground.explain = None;
        }
    }

    fn scroll(&mut self, delta: i16) {
        let apply = |offset: u16| offset.saturating_add_signed(delta).min(200);
        if let Some(offset) = self.help {
            self.help = Some(apply(offset));
            return;
        }
        match self.screen {
            crate::message::ScreenId::Walkthrough => {
                self.walkthrough.scroll = apply(self.walkthrough.scroll);
            }
            crate::message::ScreenId::Diagram => self.diagram_scroll = apply(self.diagram_scroll),
            _ => {}
        }
    }

    /// Advances autoplay; ticks arrive every `TICK_MS` from the run loop.
    fn tick(&mut self) {
        self.tick_quiz(crate::app::view::TICK_MS);
        if !self.walkthrough.autoplay || self.screen != crate::message::ScreenId::Walkthrough {
            return;
        }
        self.walkthrough.elapsed_ms += crate::app::view::TICK_MS;
        if self.walkthrough.elapsed_ms >= self.walkthrough.interval_ms() {
            let count = self.step_count();
            let next = if self.walkthrough.step + 1 >= count { 0 } else { self.walkthrough.step + 1 };
            self.walkthrough.go_to(next, count);
        }
    }

    /// Typed text goes to whichever field is open: a playground cell or prompt first, else
    /// the walkthrough's prediction.
    fn input(&mut self, input: InputMsg) {
        if self.playground.edit.is_some() || self.playground.prompt.is_some() {
            self.play_input(input);
        } else if self.screen == crate::message::ScreenId::Walkthrough {
            self.prediction_input(input);
        } else if self.screen == crate::message::ScreenId::Quiz {
            self.quiz_input(input);
        }
    }

    fn walk(&mut self, message: WalkMsg) {
        let count = self.step_count();
        let state = &mut self.walkthrough;
        match message {
            WalkMsg::Next => state.go_to(state.step + 1, count),
            WalkMsg::Prev => state.go_to(state.step.saturating_sub(1), count),
            WalkMsg::First => state.go_to(0, count),
            WalkMsg::Last => state.go_to(count.saturating_sub(1), count),
            WalkMsg::TogglePredict => {
                state.predict = !state.predict;
                state.revealed = false;
                state.verdict = None;
                state.answer = None;
                let text = if state.predict {
                    "predict mode on: type your answer before it is shown"
                } else {
                    "predict mode off"
                };
                self.set_status(StatusKind::Info, text);
            }
            WalkMsg::BeginAnswer(c) => state.answer = Some(c.to_string()),
            WalkMsg::ToggleAutoplay => {
                state.autoplay = !state.autoplay;
                state.elapsed_ms = 0;
            }
            WalkMsg::Faster => state.speed = state.speed.saturating_sub(1),
            WalkMsg::Slower => state.speed = (state.speed + 1).min(AUTOPLAY_SPEEDS_MS.len() - 1),
        }
    }

    fn prediction_input(&mut self, input: InputMsg) {
        let Some(step) = self.current_step() else {
            return;
        };
        let answer = self.walkthrough.answer.get_or_insert_with(String::new);
        match input {
            InputMsg::Char(c) if answer.chars().count() < 64 => answer.push(c),
            InputMsg::Paste(text) => {
                answer.extend(text.chars().filter(|c| !c.is_control()).take(64));
            }
            InputMsg::Backspace => {
                answer.pop();
            }
            InputMsg::Cancel => self.walkthrough.answer = None,
            InputMsg::Submit => self.submit_prediction(step),
            InputMsg::Char(_) => {}
        }
    }

    fn submit_prediction(&mut self, step: crate::screen::walkthrough::Step) {
        let Some(derivation) = step.derivation(&self.document.attention) else {
            return;
        };
        let text = self.walkthrough.answer.clone().unwrap_or_default();
        match check_answer(&text, &derivation) {
            Ok(verdict) => {
                let right = verdict == Verdict::Right;
                self.walkthrough.verdict = Some(verdict);
                self.walkthrough.revealed = true;
                self.walkthrough.answer = None;
                let text = if right { "✓ right" } else { "✗ not quite: the wrong term is marked" };
                self.set_status(if right { StatusKind::Success } else { StatusKind::Error }, text);
            }
            Err(reason) => self.set_status(StatusKind::Error, reason),
        }
    }

    fn diagram(&mut self, message: DiagramMsg) {
        let tokens = self.document.attention.tokens();
        let query = &mut self.playground.query;
        *query = match message {
            DiagramMsg::NextQuery => (*query + 1) % tokens,
            DiagramMsg::PrevQuery => (*query + tokens - 1) % tokens,
        };
        let count = self.step_count();
        self.walkthrough.go_to(self.walkthrough.step, count);
    }
}
