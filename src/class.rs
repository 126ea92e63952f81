//! Class mode: the presenter's question goes to every student's terminal, each student's
//! answer is checked as predict mode checks it, and the projector shows the tally. This is
//! the shared state between the teacher's tutor and the served sessions; it knows nothing
//! of terminals or sockets.

use crate::quiz::{Expected, Unreadable, Verdict, check_expected};
use std::collections::HashMap;
use std::sync::Mutex;

/// The longest answer or name kept from a student.
const ANSWER_CAP: usize = 120;
pub const NAME_CAP: usize = 24;

/// The question on the projector, as students see it.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassQuestion {
    /// Changes with every slide, so an answer to an old slide is not counted on a new one.
    pub id: u64,
    /// What the class is asked, e.g. "What is q2·k1?".
    pub prompt: String,
    /// The name of the number, e.g. `q2·k1`.
    pub target: String,
    /// What answers it, with the slips predict mode names on the same step.
    pub expected: Expected,
}

/// The most common wrong answer and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommonWrong {
    pub answer: String,
    pub count: usize,
    /// The first wrong term, as predict mode names it.
    pub why: String,
}

/// How the class is doing on the open question.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tally {
    pub question: Option<u64>,
    pub answered: usize,
    pub right: usize,
    pub common_wrong: Option<CommonWrong>,
    pub revealed: bool,
    /// Students who gave a name and got it right (everyone else stays anonymous).
    pub right_names: Vec<String>,
}

/// What one student's screen shows: the question, whether it is revealed, and the tally
/// once it is.
#[derive(Debug, Clone, PartialEq)]
pub struct StudentView {
    pub question: ClassQuestion,
    pub revealed: bool,
    pub tally: Option<Tally>,
}

#[derive(Debug, Clone)]
struct Answer {
    text: String,
    verdict: Verdict,
    name: Option<String>,
}

#[derive(Debug, Default)]
struct State {
    question: Option<ClassQuestion>,
    revealed: bool,
    answers: HashMap<u64, Answer>,
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

    /// The presenter moved to a slide: its question opens (answers to the last one go), or
    /// nothing is asked.
    pub fn ask(&self, question: Option<ClassQuestion>) {
        let mut state = self.lock();
        if state.question.as_ref().map(|q| q.id) != question.as_ref().map(|q| q.id) {
            state.answers.clear();
            state.revealed = false;
        }
        state.question = question;
    }

    pub fn reveal(&self) {
        self.lock().revealed = true;
    }

    /// Checks a student's answer to question `id`; a new answer replaces their last one, so a
    /// retry after a miss counts as their answer now.
    ///
    /// # Errors
    /// When the question has moved on or been revealed, or the text is not an answer.
    pub fn answer(&self, student: u64, name: Option<&str>, id: u64, text: &str) -> Result<Verdict, AnswerError> {
        let mut state = self.lock();
        let question = state.question.as_ref().filter(|q| q.id == id).ok_or(AnswerError::Closed)?;
        if state.revealed {
            return Err(AnswerError::Revealed);
        }
        let text: String = crate::sanitize::strip(text).trim().chars().take(ANSWER_CAP).collect();
        let verdict = check_expected(&text, &question.expected)?;
        let name = name.and_then(clean_name);
        state.answers.insert(student, Answer { text, verdict: verdict.clone(), name });
        Ok(verdict)
    }

    /// The tally of the open question.
    #[must_use]
    pub fn tally(&self) -> Tally {
        let state = self.lock();
        tally_of(&state)
    }

    /// What one student sees now.
    #[must_use]
    pub fn view(&self) -> Option<StudentView> {
        let state = self.lock();
        let question = state.question.clone()?;
        let tally = state.revealed.then(|| tally_of(&state));
        Some(StudentView { question, revealed: state.revealed, tally })
    }
}

fn tally_of(state: &State) -> Tally {
    let right = state.answers.values().filter(|a| a.verdict == Verdict::Right).count();
    let mut wrong: HashMap<&str, (usize, &Verdict)> = HashMap::new();
    for answer in state.answers.values().filter(|a| a.verdict != Verdict::Right) {
        wrong.entry(answer.text.as_str()).or_insert((0, &answer.verdict)).0 += 1;
    }
    let common_wrong = wrong
        .into_iter()
        .max_by(|a, b| a.1.0.cmp(&b.1.0).then_with(|| b.0.cmp(a.0)))
        .map(|(text, (count, verdict))| CommonWrong { answer: text.to_string(), count, why: reason(verdict) });
    let mut right_names: Vec<String> =
        state.answers.values().filter(|a| a.verdict == Verdict::Right).filter_map(|a| a.name.clone()).collect();
    right_names.sort();
    Tally {
        question: state.question.as_ref().map(|q| q.id),
        answered: state.answers.len(),
        right,
        common_wrong,
        revealed: state.revealed,
        right_names,
    }
}

fn reason(verdict: &Verdict) -> String {
    verdict.reason()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Derivation, Term};

    fn question(id: u64) -> ClassQuestion {
        let terms = vec![Term::new(3.0, 4.0), Term::new(3.0, 1.0)];
        ClassQuestion {
            id,
            prompt: "What is q2·k1?".into(),
            target: "q2·k1".into(),
            expected: Expected::plain(Derivation::new(terms, 15.0)),
        }
    }

    #[test]
    fn answers_are_tallied_with_the_most_common_wrong_one_and_its_term() {
        let class = Classroom::default();
        class.ask(Some(question(1)));
        for (student, text) in [(1, "15"), (2, "15"), (3, "12"), (4, "12"), (5, "13")] {
            let _ = class.answer(student, None, 1, text);
        }
        let tally = class.tally();
        assert_eq!((tally.answered, tally.right), (5, 2));
        let wrong = tally.common_wrong.expect("a wrong answer");
        assert_eq!((wrong.answer.as_str(), wrong.count), ("12", 2));
        assert!(wrong.why.contains("term"), "{}", wrong.why);
    }

    #[test]
    fn a_retry_replaces_the_last_answer_and_a_new_slide_starts_afresh() {
        let class = Classroom::default();
        class.ask(Some(question(1)));
        let _ = class.answer(7, Some("ada"), 1, "12");
        assert_eq!(class.answer(7, Some("ada"), 1, "15"), Ok(Verdict::Right));
        assert_eq!((class.tally().answered, class.tally().right), (1, 1));
        assert_eq!(class.tally().right_names, ["ada"]);
        class.ask(Some(question(2)));
        assert_eq!(class.tally().answered, 0);
        assert_eq!(class.answer(7, None, 1, "15"), Err(AnswerError::Closed), "an old slide's answer");
    }

    #[test]
    fn nothing_is_taken_after_the_reveal_and_names_are_cleaned() {
        let class = Classroom::default();
        class.ask(Some(question(3)));
        class.reveal();
        assert_eq!(class.answer(1, None, 3, "15"), Err(AnswerError::Revealed));
        assert_eq!(
            clean_name("\u{1b}[31mBobby Tables the Third of Many\u{7}"),
            Some("[31mBobby Tables the Thi".into())
        );
        assert_eq!(clean_name("  "), None);
    }
}
