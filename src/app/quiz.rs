//! The Quiz screen's intents: sessions, answers, hints, grading, summaries and saving.

use super::{App, StatusKind};
use crate::message::{InputMsg, QuizMsg};
use crate::progress::Grade;
use crate::quiz::{ChoiceOutcome, Form, NumericAnswer, Question, check_choice, check_numeric, resolve};
use crate::screen::quiz::{Outcome, PRACTICE_SIZE, Page, Phase, Session, SessionKind, Summary};

impl App {
    pub(super) fn quiz(&mut self, message: QuizMsg) {
        match self.quiz.page {
            Page::Menu => self.quiz_menu(message),
            Page::Question => self.quiz_question(message),
            Page::Summary => self.quiz_summary(message),
            Page::Challenges => self.quiz_challenges(message),
            Page::Apply => self.quiz_apply(message),
        }
    }

    fn quiz_menu(&mut self, message: QuizMsg) {
        let count = crate::screen::quiz::MODES.len();
        match message {
            QuizMsg::Up => self.quiz.menu = (self.quiz.menu + count - 1) % count,
            QuizMsg::Down => self.quiz.menu = (self.quiz.menu + 1) % count,
            QuizMsg::Char(c @ '1'..='4') => self.quiz.menu = usize::from(c as u8 - b'1'),
            QuizMsg::Enter => match self.quiz.menu {
                0 => self.start_session(SessionKind::Practice, self.practice_queue()),
                1 => self.start_drill(),
                2 => self.quiz.page = Page::Challenges,
                _ => self.quiz.page = Page::Apply,
            },
            _ => {}
        }
    }

    fn questions(&self) -> Vec<Question> {
        self.lesson.questions.iter().map(|spec| resolve(spec, self.seed)).collect()
    }

    fn practice_queue(&self) -> Vec<Question> {
        let ids: Vec<String> = self.lesson.questions.iter().map(|q| q.id.clone()).collect();
        let order = self.progress.practice_order(&ids, self.now());
        let all = self.questions();
        order.iter().take(PRACTICE_SIZE).filter_map(|id| all.iter().find(|q| &q.id == id).cloned()).collect()
    }

    fn start_drill(&mut self) {
        let mut pool: Vec<Question> =
            self.questions().into_iter().filter(|q| !matches!(q.form, Form::Free { .. })).collect();
        let mut rng = crate::quiz::SplitMix::new(self.seed ^ 0xD1);
        for i in (1..pool.len()).rev() {
            pool.swap(i, rng.index(i + 1));
        }
        let limit_ms = self.quiz.drill_minutes.saturating_mul(60_000);
        self.start_session(SessionKind::Drill { limit_ms, elapsed_ms: 0 }, pool);
    }

    pub(super) fn start_session(&mut self, kind: SessionKind, queue: Vec<Question>) {
        if queue.is_empty() {
            self.set_status(StatusKind::Info, "nothing to practise right now");
            return;
        }
        self.quiz.session = Some(Session::new(kind, queue));
        self.quiz.page = Page::Question;
    }

    fn quiz_question(&mut self, message: QuizMsg) {
        let Some(session) = self.quiz.session.as_mut() else { return };
        let Some(question) = session.current().cloned() else { return };
        let run = &mut session.run;
        match (message, &run.phase) {
            (QuizMsg::Back, _) => self.end_session(),
            (QuizMsg::Flag, _) => self.flag(&question),
            (QuizMsg::Enter | QuizMsg::Next, Phase::Answered { .. }) => self.next_question(),
            (QuizMsg::Char(c @ '1'..='4'), Phase::Grading) => {
                let index = usize::from(c as u8 - b'1');
                let grade = [Grade::Again, Grade::Hard, Grade::Good, Grade::Easy][index];
                let mut lines: Vec<String> =
                    run.typed.clone().map(|t| format!("Your answer: {t}")).into_iter().collect();
                lines.push(format!("Model answer: {}", question.solution));
                lines.push(format!("You graded it: {}", ["again", "hard", "good", "easy"][index]));
                self.finish_question(&question, grade.is_right(), grade, lines);
            }
            (QuizMsg::Hint, Phase::Asking) => run.hints = (run.hints + 1).min(question.hints.len()),
            (QuizMsg::Solution, Phase::Asking) => self.show_solution(&question),
            (QuizMsg::Up, Phase::Asking) => run.selected = run.selected.saturating_sub(1),
            (QuizMsg::Down, Phase::Asking) => run.selected += 1,
            (QuizMsg::Char(c @ '1'..='9'), Phase::Asking) if matches!(question.form, Form::Choice { .. }) => {
                run.selected = usize::from(c as u8 - b'1');
                self.submit_choice(&question);
            }
            (QuizMsg::Enter, Phase::Asking) => self.submit(&question),
            _ => {}
        }
        if let Some(Form::Choice { options }) = self.quiz.session.as_ref().and_then(|s| s.current()).map(|q| &q.form) {
            let last = options.len().saturating_sub(1);
            if let Some(s) = self.quiz.session.as_mut() {
                s.run.selected = s.run.selected.min(last);
            }
        }
    }

    fn submit(&mut self, question: &Question) {
        match &question.form {
            Form::Choice { .. } => self.submit_choice(question),
            Form::Free { .. } => {
                let Some(session) = self.quiz.session.as_mut() else { return };
                match session.run.input.take() {
                    None => session.run.input = Some(String::new()),
                    Some(typed) => {
                        session.run.typed = Some(typed);
                        session.run.phase = Phase::Grading;
                    }
                }
            }
            Form::Numeric(answer) => self.submit_numeric(question, answer),
        }
    }

    fn submit_choice(&mut self, question: &Question) {
        let Form::Choice { options } = &question.form else { return };
        let Some(selected) = self.quiz.session.as_ref().map(|s| s.run.selected) else { return };
        if selected >= options.len() {
            return;
        }
        let (right, mut lines) = match check_choice(options, selected) {
            ChoiceOutcome::Right => (true, vec![]),
            ChoiceOutcome::Wrong { why, common } => {
                let lead = if common { "That is the common wrong answer. " } else { "" };
                (false, vec![format!("{lead}{}", why.unwrap_or_default())])
            }
        };
        lines.push(format!("Model answer: {}", question.solution));
        self.finish_question(question, right, if right { Grade::Good } else { Grade::Again }, lines);
    }

    fn submit_numeric(&mut self, question: &Question, answer: &NumericAnswer) {
        let typed = self.quiz.session.as_ref().and_then(|s| s.run.input.clone()).unwrap_or_default();
        match check_numeric(answer, &typed) {
            Ok(right) => {
                let lines = if right { vec![] } else { vec![format!("Worked: {}", question.solution)] };
                self.finish_question(question, right, if right { Grade::Good } else { Grade::Again }, lines);
            }
            Err(reason) => self.set_status(StatusKind::Error, reason),
        }
    }

    fn show_solution(&mut self, question: &Question) {
        let Some(session) = self.quiz.session.as_mut() else { return };
        session.run.solution_shown = true;
        session.run.input = None;
        session.run.phase = Phase::Answered { right: false, lines: vec![format!("Solution: {}", question.solution)] };
        let hints = u32::try_from(session.run.hints).unwrap_or(u32::MAX);
        session.outcomes.push(Outcome {
            id: question.id.clone(),
            prompt: question.prompt.clone(),
            right: false,
            hints,
            scored: false,
        });
    }

    /// Scores the current question, records it in progress and saves at once.
    fn finish_question(&mut self, question: &Question, right: bool, grade: Grade, lines: Vec<String>) {
        let now = self.now();
        let Some(session) = self.quiz.session.as_mut() else { return };
        let hints = u32::try_from(session.run.hints).unwrap_or(u32::MAX);
        session.run.input = None;
        session.run.phase = Phase::Answered { right, lines };
        session.outcomes.push(Outcome {
            id: question.id.clone(),
            prompt: question.prompt.clone(),
            right,
            hints,
            scored: true,
        });
        self.progress.record(&question.id, question.topic.name(), grade, hints, now);
        self.save_progress();
    }

    fn next_question(&mut self) {
        let Some(session) = self.quiz.session.as_mut() else { return };
        session.index += 1;
        match session.current().cloned() {
            Some(q) => session.run = crate::screen::quiz::Run::new(&q),
            None => self.end_session(),
        }
    }

    fn flag(&mut self, question: &Question) {
        let flagged = self.progress.toggle_flag(&question.id, question.topic.name(), self.now());
        self.save_progress();
        self.set_status(
            StatusKind::Info,
            if flagged { "flagged: listed by `qkv-tutor progress`" } else { "flag removed" },
        );
    }

    /// Ends the session and shows its summary; a drill's score is saved.
    pub(super) fn end_session(&mut self) {
        let Some(session) = self.quiz.session.take() else { return };
        let title = match session.kind {
            SessionKind::Practice => "Practice",
            SessionKind::Drill { .. } => "Interview drill",
            SessionKind::Review => "Practising the missed ones",
        };
        if matches!(session.kind, SessionKind::Drill { .. }) {
            self.record_drill(&session.outcomes);
        }
        self.quiz.summary = Some(Summary { title: title.into(), outcomes: session.outcomes });
        self.quiz.page = Page::Summary;
    }

    fn record_drill(&mut self, outcomes: &[Outcome]) {
        let scored: Vec<&Outcome> = outcomes.iter().filter(|o| o.scored).collect();
        let record = crate::progress::DrillRecord {
            at: self.now(),
            right: u32::try_from(scored.iter().filter(|o| o.right).count()).unwrap_or(u32::MAX),
            total: u32::try_from(scored.len()).unwrap_or(u32::MAX),
            misses: scored.iter().filter(|o| !o.right).map(|o| o.id.clone()).collect(),
        };
        self.progress.drills.push(record);
        self.save_progress();
    }

    fn quiz_summary(&mut self, message: QuizMsg) {
        match message {
            QuizMsg::Missed => {
                let missed: Vec<String> = self
                    .quiz
                    .summary
                    .as_ref()
                    .map(|s| s.misses().iter().map(|o| o.id.clone()).collect())
                    .unwrap_or_default();
                let queue: Vec<Question> = self.questions().into_iter().filter(|q| missed.contains(&q.id)).collect();
                self.start_session(SessionKind::Review, queue);
            }
            QuizMsg::Enter | QuizMsg::Back => self.quiz.page = Page::Menu,
            _ => {}
        }
    }

    pub(super) fn quiz_input(&mut self, input: InputMsg) {
        if self.quiz.page == Page::Apply {
            self.apply_input(input);
            return;
        }
        let Some(question) = self.quiz.session.as_ref().and_then(Session::current).cloned() else { return };
        let Some(text) = self.quiz.session.as_mut().and_then(|s| s.run.input.as_mut()) else { return };
        match input {
            InputMsg::Char(c) if text.chars().count() < 400 => text.push(c),
            InputMsg::Paste(paste) => text.extend(paste.chars().filter(|c| !c.is_control()).take(400)),
            InputMsg::Backspace => {
                text.pop();
            }
            InputMsg::Cancel if matches!(question.form, Form::Free { .. }) => {
                if let Some(s) = self.quiz.session.as_mut() {
                    s.run.input = None;
                }
            }
            InputMsg::Cancel => self.end_session(),
            InputMsg::Submit => self.submit(&question),
            InputMsg::Char(_) => {}
        }
    }

    /// Advances a drill's clock; when it runs out the session ends.
    pub(super) fn tick_quiz(&mut self, ms: u64) {
        let Some(session) = self.quiz.session.as_mut() else { return };
        if let SessionKind::Drill { limit_ms, elapsed_ms } = &mut session.kind {
            *elapsed_ms += ms;
            if *elapsed_ms >= *limit_ms {
                self.end_session();
                self.set_status(StatusKind::Info, "time is up");
            }
        }
    }
}
