//! The Quiz screen's routing: the menu, the summary, and the drill's clock. Questions are in
//! `session.rs`, Apply now and the challenges in `exercise.rs`.

use super::{PRACTICE_SIZE, Page, QuizMode, QuizState, Session, SessionKind};
use crate::message::FieldMsg;
use crate::progress::Grade;
use crate::quiz::{Question, resolve};
use crate::screen::{Reply, Shared};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuizMsg {
    Up,
    Down,
    Left,
    Right,
    Enter,
    /// Choose option n (from 0) of a multiple-choice question.
    Pick(usize),
    /// Grade a free-recall answer.
    Grade(Grade),
    /// Back into the answer field after Esc left it.
    Answer,
    Hint,
    Solution,
    Flag,
    Next,
    Back,
    Missed,
    Check,
    /// A digit, sign or point typed on an Apply now cell: it starts editing that cell, as
    /// in the playground.
    BeginEdit(char),
}

impl QuizState {
    pub fn update(&mut self, message: QuizMsg, shared: &mut Shared) -> Reply {
        match self.page {
            Page::Menu => self.menu_key(message, shared),
            Page::Question => self.question_key(message, shared),
            Page::Summary => self.summary_key(message, shared),
            Page::Challenges => self.challenges_key(message, shared),
            Page::Apply => self.apply_key(message),
            Page::Diagram => self.diagram_key(message),
            Page::Boundary => self.boundary_key(message),
        }
    }

    /// Keys typed into the answer field or an Apply now cell.
    pub fn field(&mut self, message: FieldMsg, shared: &mut Shared) -> Reply {
        match self.page {
            Page::Apply => self.apply_field(message),
            Page::Diagram => self.diagram_field(message),
            Page::Question => self.answer_field(message, shared),
            _ => Reply::default(),
        }
    }

    fn menu_key(&mut self, message: QuizMsg, shared: &Shared) -> Reply {
        match message {
            QuizMsg::Up => self.menu = self.menu.offset(-1),
            QuizMsg::Down => self.menu = self.menu.offset(1),
            QuizMsg::Enter => {
                return match self.menu {
                    QuizMode::Practice => self.start_session(SessionKind::Practice, practice_queue(shared)),
                    QuizMode::Drill => self.start_drill(shared),
                    QuizMode::Challenges => {
                        self.page = Page::Challenges;
                        Reply::default()
                    }
                    QuizMode::Apply => {
                        self.page = Page::Apply;
                        Reply::default()
                    }
                };
            }
            _ => {}
        }
        Reply::default()
    }

    fn start_drill(&mut self, shared: &Shared) -> Reply {
        let mut pool: Vec<Question> = crate::quiz::drill_pool(questions(shared));
        let mut rng = crate::quiz::SplitMix::new(shared.seed ^ 0xD1);
        for i in (1..pool.len()).rev() {
            pool.swap(i, rng.index(i + 1));
        }
        let limit_ms = shared.drill_minutes.saturating_mul(60_000);
        self.start_session(SessionKind::Drill { limit_ms, elapsed_ms: 0 }, pool)
    }

    pub(crate) fn start_session(&mut self, kind: SessionKind, queue: Vec<Question>) -> Reply {
        if queue.is_empty() {
            return Reply::info("nothing to practise right now");
        }
        self.session = Some(Session::new(kind, queue));
        self.page = Page::Question;
        Reply::default()
    }

    fn summary_key(&mut self, message: QuizMsg, shared: &Shared) -> Reply {
        match message {
            QuizMsg::Missed => {
                let missed: Vec<String> = self
                    .summary
                    .as_ref()
                    .map(|s| s.misses().iter().map(|o| o.id.clone()).collect())
                    .unwrap_or_default();
                let queue = questions(shared).into_iter().filter(|q| missed.contains(&q.id)).collect();
                self.start_session(SessionKind::Review, queue)
            }
            QuizMsg::Enter | QuizMsg::Back => {
                self.page = Page::Menu;
                Reply::default()
            }
            _ => Reply::default(),
        }
    }

    /// Advances a drill's clock; when it runs out the session ends.
    pub fn tick(&mut self, ms: u64, shared: &mut Shared) -> Reply {
        let Some(session) = self.session.as_mut() else { return Reply::default() };
        let SessionKind::Drill { limit_ms, elapsed_ms } = &mut session.kind else { return Reply::default() };
        *elapsed_ms += ms;
        if *elapsed_ms < *limit_ms {
            return Reply::default();
        }
        let mut reply = self.end_session(shared);
        reply.merge(Reply::info("time is up"));
        reply
    }

    /// Whether time alone changes this screen (a drill's clock).
    #[must_use]
    pub fn animating(&self) -> bool {
        self.session.as_ref().is_some_and(|s| s.remaining_ms().is_some())
    }
}

/// Every question of the lesson, numeric ones generated from this run's seed.
pub(super) fn questions(shared: &Shared) -> Vec<Question> {
    shared.lesson.questions.iter().map(|spec| resolve(spec, shared.seed)).collect()
}

fn practice_queue(shared: &Shared) -> Vec<Question> {
    let ids: Vec<String> = shared.lesson.questions.iter().map(|q| q.id.clone()).collect();
    let order = shared.progress.practice_order(&ids, shared.now);
    let all = questions(shared);
    order.iter().take(PRACTICE_SIZE).filter_map(|id| all.iter().find(|q| &q.id == id).cloned()).collect()
}
