//! Class mode: the presenter's question goes to every student's terminal, each student's
//! answer is checked as predict mode checks it, and the projector shows the tally. This is
//! the shared state between the teacher's tutor and the served sessions; it knows nothing
//! of terminals or sockets.
//!
//! A student is their class name (see [`Classroom::join`]): their latest answer to a round
//! is the one that counts, so a rejoin replaces an answer rather than adding one. Every
//! round is kept, so the presenter can go back to a slide and find it as it was.

mod group;
mod report;
mod roster;
mod student;

pub use group::{Group, group_wrong};
pub use roster::RosterRow;
pub use student::{Mine, StudentView};

use crate::quiz::{Expected, Unreadable, Verdict, check_expected};
use std::collections::{BTreeMap, VecDeque};
use std::sync::Mutex;

/// The longest answer or name kept from a student.
const ANSWER_CAP: usize = 120;
pub const NAME_CAP: usize = 24;
/// Log lines the projector can show.
const LOG_LINES: usize = 8;
/// Wrong groups on the projector and in the report.
pub const TOP_GROUPS: usize = 3;

/// The question on the projector, as students see it.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassQuestion {
    /// Changes with every slide and every re-ask, so an answer to one round never counts on another.
    pub id: u64,
    /// What the class is asked, e.g. "What is q2·k1?".
    pub prompt: String,
    /// The name of the number, e.g. `q2·k1`.
    pub target: String,
    /// What answers it, with the slips predict mode names on the same step.
    pub expected: Expected,
    /// What a student needs to work it out (the slide's narration and its inputs), and
    /// nothing that contains the answer.
    pub context: Vec<String>,
}

/// How the class is doing on the open question. Names are only in the projector's copy.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tally {
    pub question: Option<u64>,
    /// Students connected now.
    pub here: usize,
    /// Answers from students still here, and from students who answered and then left
    /// (their answers count until the reveal).
    pub answered_here: usize,
    pub answered_left: usize,
    pub right: usize,
    /// The most common wrong answers, most common first, at most [`TOP_GROUPS`].
    pub groups: Vec<Group>,
    pub revealed: bool,
    /// Names of students who got it right (the projector shows them only when asked).
    pub right_names: Vec<String>,
    pub roster: Vec<RosterRow>,
    /// The last lines of the class log (joins, leaves, refusals).
    pub log: Vec<String>,
}

impl Tally {
    /// Every answer that counts.
    #[must_use]
    pub fn answered(&self) -> usize {
        self.answered_here + self.answered_left
    }

    /// The same tally without anything that names a student: what students receive.
    #[must_use]
    pub fn anonymous(mut self) -> Self {
        self.right_names.clear();
        self.roster.clear();
        self.log.clear();
        self
    }
}

#[derive(Debug, Clone)]
struct Answer {
    text: String,
    verdict: Verdict,
    /// Whether it was typed as terms (so it can be grouped by its first wrong term).
    terms: bool,
}

#[derive(Debug, Clone)]
struct Round {
    question: ClassQuestion,
    revealed: bool,
    answers: BTreeMap<String, Answer>,
}

#[derive(Debug, Default)]
struct State {
    open: Option<u64>,
    rounds: BTreeMap<u64, Round>,
    /// Every class name given out, and whether a session holds it now.
    seats: BTreeMap<String, bool>,
    /// The number the next plain `student` login gets.
    next_student: usize,
    log: VecDeque<String>,
}

/// Why an answer was not taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    #[error("that question has moved on")]
    Closed,
    #[error("the answer is already on the projector")]
    Revealed,
    #[error(transparent)]
    NotAnAnswer(#[from] Unreadable),
}

#[derive(Debug, Default)]
pub struct Classroom {
    state: Mutex<State>,
}

/// A student's name as it may be shown: printable, trimmed, at most [`NAME_CAP`] characters.
#[must_use]
pub fn clean_name(name: &str) -> Option<String> {
    let clean: String = crate::sanitize::strip(name).trim().chars().take(NAME_CAP).collect();
    (!clean.is_empty()).then_some(clean)
}

impl Classroom {
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// A session joins under its login name and gets its class name: the login itself, or
    /// `ada-2` when a live session already holds `ada`; a plain `student` login gets a number.
    /// A rejoin after leaving gets the same name back, so its answers replace, never add.
    pub fn join(&self, login: &str) -> String {
        let mut state = self.lock();
        let Some(base) = clean_name(login).filter(|n| n != "student") else {
            state.next_student += 1;
            let name = format!("student-{}", state.next_student);
            return seat(&mut state, name);
        };
        let live = |name: &String| state.seats.get(name).copied().unwrap_or(false);
        // Of these candidates at most `seats.len()` are live, so one is free.
        let name = (1..=state.seats.len() + 1)
            .map(|n| if n == 1 { base.clone() } else { format!("{base}-{n}") })
            .find(|n| !live(n))
            .unwrap_or(base);
        seat(&mut state, name)
    }

    /// The session holding `name` ended; its answers still count until the reveal.
    pub fn leave(&self, name: &str) {
        self.lock().seats.insert(name.to_owned(), false);
    }

    /// One line for the class log the projector can show.
    pub fn log(&self, line: &str) {
        let mut state = self.lock();
        if state.log.len() >= LOG_LINES {
            state.log.pop_front();
        }
        state.log.push_back(crate::sanitize::strip(line));
    }

    /// The presenter is on a slide with this question (a round seen before keeps its
    /// answers and whether it was revealed), or on one that asks nothing.
    pub fn ask(&self, question: Option<ClassQuestion>) {
        let mut state = self.lock();
        state.open = question.as_ref().map(|q| q.id);
        if let Some(question) = question {
            state.rounds.entry(question.id).or_insert_with(|| Round {
                question,
                revealed: false,
                answers: BTreeMap::new(),
            });
        }
    }

    pub fn reveal(&self) {
        let mut state = self.lock();
        if let Some(id) = state.open
            && let Some(round) = state.rounds.get_mut(&id)
        {
            round.revealed = true;
        }
    }

    /// Checks an answer from the student called `name` to question `id`; a new answer
    /// replaces their last one. `session` names a student who has no name.
    ///
    /// # Errors
    /// When the question has moved on or been revealed, or the text is not an answer.
    pub fn answer(&self, session: u64, name: Option<&str>, id: u64, text: &str) -> Result<Verdict, AnswerError> {
        let mut state = self.lock();
        if state.open != Some(id) {
            return Err(AnswerError::Closed);
        }
        let round = state.rounds.get_mut(&id).ok_or(AnswerError::Closed)?;
        if round.revealed {
            return Err(AnswerError::Revealed);
        }
        let text: String = crate::sanitize::strip(text).trim().chars().take(ANSWER_CAP).collect();
        let verdict = check_expected(&text, &round.question.expected)?;
        let terms = text.contains('+');
        round.answers.insert(student::who(session, name), Answer { text, verdict: verdict.clone(), terms });
        Ok(verdict)
    }

    /// The tally of the open question, with names and the roster (the projector's copy).
    #[must_use]
    pub fn tally(&self) -> Tally {
        let state = self.lock();
        let mut tally = state
            .open
            .and_then(|id| state.rounds.get(&id))
            .map_or_else(|| Tally { here: here(&state), ..Tally::default() }, |round| tally_of(round, &state.seats));
        tally.roster = roster::rows(&state.seats, state.open.and_then(|id| state.rounds.get(&id)).map(|r| &r.answers));
        tally.log = state.log.iter().cloned().collect();
        tally
    }

    /// What the student `name` (or session `session`, without a name) sees now: the open
    /// question, their own latest answer, never another's name.
    #[must_use]
    pub fn view(&self, session: u64, name: Option<&str>) -> Option<StudentView> {
        let state = self.lock();
        let round = state.rounds.get(&state.open?)?;
        Some(student::view_of(round, &state.seats, &student::who(session, name)))
    }

    /// The class report in Markdown: every round with its counts and top wrong groups;
    /// names only when `names` is set.
    #[must_use]
    pub fn report(&self, names: bool) -> String {
        let state = self.lock();
        let tallies: Vec<(ClassQuestion, Tally)> =
            state.rounds.values().map(|r| (r.question.clone(), tally_of(r, &state.seats))).collect();
        report::markdown(&tallies, names)
    }
}

fn seat(state: &mut State, name: String) -> String {
    state.seats.insert(name.clone(), true);
    name
}

fn here(state: &State) -> usize {
    state.seats.values().filter(|here| **here).count()
}

fn tally_of(round: &Round, seats: &BTreeMap<String, bool>) -> Tally {
    let is_here = |name: &str| seats.get(name).copied().unwrap_or(false);
    let answered_here = round.answers.keys().filter(|n| is_here(n)).count();
    let right_names: Vec<String> =
        round.answers.iter().filter(|(_, a)| a.verdict == Verdict::Right).map(|(n, _)| n.clone()).collect();
    let wrong = round
        .answers
        .values()
        .filter_map(|a| match &a.verdict {
            Verdict::Wrong { guess, diagnosis } => Some((a.text.as_str(), *guess, diagnosis, a.terms)),
            Verdict::Right => None,
        })
        .collect::<Vec<_>>();
    let mut groups = group_wrong(&wrong);
    groups.truncate(TOP_GROUPS);
    Tally {
        question: Some(round.question.id),
        here: seats.values().filter(|h| **h).count(),
        answered_here,
        answered_left: round.answers.len() - answered_here,
        right: right_names.len(),
        groups,
        revealed: round.revealed,
        right_names,
        roster: Vec::new(),
        log: Vec::new(),
    }
}

#[cfg(test)]
mod tests;
