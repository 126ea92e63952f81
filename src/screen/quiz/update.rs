//! The Quiz screen's routing: each page's keys go to that page's state, which says which
//! page comes next; the menu and the drill's clock live here. Questions are in
//! `session.rs`, summaries in `summary.rs`, Apply now and the challenges in `exercise.rs`.

use super::{ApplyState, Ending, PRACTICE_SIZE, Page, QuizMode, QuizState, Session, SessionKind, Step};
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
    /// The answer to "leave the drill?": y leaves, n keeps going.
    Leave(bool),
}

impl QuizState {
    pub fn update(&mut self, message: QuizMsg, shared: &mut Shared) -> Reply {
        let step = match &mut self.page {
            Page::Menu => menu_key(&mut self.menu, message, shared),
            Page::Session(session) => session.key(message, shared),
            Page::Summary(summary) => summary.key(message, &mut self.reviews, shared),
            Page::Challenges(selected) => super::exercise::challenges_key(selected, message, shared),
            Page::Apply(apply) => apply.key(message),
            Page::Diagram(task) => task.key(message),
            Page::Boundary(task) => task.key(message),
        };
        self.take(step)
    }

    /// Shows the page a step goes to, and passes its reply on.
    fn take(&mut self, step: Step) -> Reply {
        if let Some(page) = step.to {
            self.page = page;
        }
        step.reply
    }

    /// Keys typed into the answer field or an Apply now cell.
    pub fn field(&mut self, message: FieldMsg, shared: &mut Shared) -> Reply {
        match &mut self.page {
            Page::Apply(apply) => apply.field(&message),
            Page::Diagram(task) => task.field(message),
            Page::Session(session) => session.field(message, shared),
            _ => Reply::default(),
        }
    }

    /// Opens a session of these questions (a lesson link or a test goes straight to one).
    pub(crate) fn start_session(&mut self, kind: SessionKind, queue: Vec<Question>) -> Reply {
        let step = start(kind, queue);
        self.take(step)
    }

    /// Advances a drill's clock; when it runs out the drill is finished.
    pub fn tick(&mut self, ms: u64, shared: &mut Shared) -> Reply {
        let Page::Session(session) = &mut self.page else { return Reply::default() };
        let SessionKind::Drill { limit_ms, elapsed_ms } = &mut session.kind else { return Reply::default() };
        *elapsed_ms += ms;
        if *elapsed_ms < *limit_ms {
            return Reply::default();
        }
        session.time_up(shared);
        let mut step = session.end(Ending::Finished, shared);
        step.reply.merge(Reply::info("time is up"));
        self.take(step)
    }

    /// Whether time alone changes this screen (a drill's clock).
    #[must_use]
    pub fn animating(&self) -> bool {
        self.session().is_some_and(|s| s.remaining_ms().is_some())
    }
}

fn menu_key(menu: &mut QuizMode, message: QuizMsg, shared: &Shared) -> Step {
    match message {
        QuizMsg::Up => *menu = menu.offset(-1),
        QuizMsg::Down => *menu = menu.offset(1),
        QuizMsg::Enter => {
            return match menu {
                QuizMode::Practice => start(SessionKind::Practice, practice_queue(shared)),
                QuizMode::Drill => start_drill(shared),
                QuizMode::Challenges => Step::go(Page::Challenges(0), Reply::default()),
                QuizMode::Apply => Step::go(Page::Apply(ApplyState::default()), Reply::default()),
            };
        }
        _ => {}
    }
    Step::stay(Reply::default())
}

/// A session's first question, or a note that there is nothing to ask.
pub(super) fn start(kind: SessionKind, queue: Vec<Question>) -> Step {
    if queue.is_empty() {
        return Step::stay(Reply::info("nothing to practise right now"));
    }
    Step::go(Page::Session(Session::new(kind, queue)), Reply::default())
}

fn start_drill(shared: &Shared) -> Step {
    let mut pool: Vec<Question> = crate::quiz::drill_pool(questions(shared));
    let mut rng = crate::quiz::SplitMix::new(shared.seed ^ 0xD1);
    for i in (1..pool.len()).rev() {
        pool.swap(i, rng.index(i + 1));
    }
    let limit_ms = shared.drill_minutes.saturating_mul(60_000);
    start(SessionKind::Drill { limit_ms, elapsed_ms: 0 }, pool)
}

/// Every question of the lesson, numeric ones generated from this run's seed.
fn questions(shared: &Shared) -> Vec<Question> {
    shared.lesson.questions.iter().map(|spec| resolve(spec, shared.seed)).collect()
}

fn practice_queue(shared: &Shared) -> Vec<Question> {
    let ids: Vec<String> = shared.lesson.questions.iter().map(|q| q.id.clone()).collect();
    let order = shared.progress.practice_order(&ids, shared.now);
    let all = questions(shared);
    order.iter().take(PRACTICE_SIZE).filter_map(|id| all.iter().find(|q| &q.id == id).cloned()).collect()
}
