use super::*;
use crate::engine::{Derivation, Term};

/// q2·k1 = 3·4 + 3·1 = 15.
fn question(id: u64) -> ClassQuestion {
    let terms = vec![Term::new(3.0, 4.0), Term::new(3.0, 1.0)];
    ClassQuestion {
        id,
        prompt: "What is q2·k1?".into(),
        target: "q2·k1".into(),
        expected: Expected::plain(Derivation::new(terms, 15.0)),
        context: Vec::new(),
    }
}

fn room_of(names: &[&str]) -> (Classroom, Vec<String>) {
    let room = Classroom::default();
    let seats = names.iter().map(|n| room.join(n)).collect();
    (room, seats)
}

#[test]
fn duplicate_names_get_suffixes_and_a_plain_student_gets_a_number() {
    let (room, seats) = room_of(&["ada", "ada", "student", "student", "bob"]);
    assert_eq!(seats, ["ada", "ada-2", "student-1", "student-2", "bob"]);
    room.leave("ada");
    assert_eq!(room.join("ada"), "ada", "a rejoin gets its own name back");
    assert_eq!(room.join("ada"), "ada-3", "ada and ada-2 are both live");
}

#[test]
fn a_rejoin_replaces_its_answer_and_a_leaver_still_counts() {
    let (room, _) = room_of(&["ada", "bob", "cy"]);
    room.ask(Some(question(1)));
    room.answer(1, Some("ada"), 1, "12").expect("an answer");
    room.answer(2, Some("bob"), 1, "15").expect("an answer");
    room.leave("ada");
    assert_eq!(room.join("ada"), "ada");
    room.answer(4, Some("ada"), 1, "15").expect("an answer");
    room.leave("bob");
    let tally = room.tally();
    assert_eq!((tally.answered_here, tally.answered_left, tally.right, tally.here), (1, 1, 2, 2));
    assert_eq!(tally.right_names, ["ada", "bob"], "ada's latest answer counts, once");
    let roster: Vec<(&str, bool, bool)> = tally.roster.iter().map(|r| (r.name.as_str(), r.here, r.answered)).collect();
    assert_eq!(roster, [("ada", true, true), ("bob", false, true), ("cy", true, false)]);
}

#[test]
fn wrong_answers_group_by_value_and_by_first_wrong_term() {
    let (room, names) = room_of(&["a", "b", "c", "d", "e", "f", "g"]);
    room.ask(Some(question(1)));
    // Four spellings of one value (term 2 wrong); one term answer wrong at term 2 with
    // another total; one plain 12 (term 2 missing); one right.
    let typed = ["3*4+3*2", "3·4+3·2", "3×4 + 3×2", "18", "3*4+3*5", "12", "15"];
    for (name, text) in names.iter().zip(typed) {
        room.answer(0, Some(name), 1, text).expect("an answer");
    }
    let tally = room.tally();
    assert_eq!(tally.right, 1);
    let counts: Vec<usize> = tally.groups.iter().map(|g| g.count).collect();
    assert_eq!(counts, [5, 1], "18 has the same value as 3·4+3·2; 3·4+3·5 goes wrong at the same term");
    assert_eq!(tally.groups[0].why, "term 2 should be 3·1");
    assert_eq!(tally.groups[0].example, "3*4+3*2");
    assert!(tally.groups[1].why.contains("term 2"), "{}", tally.groups[1].why);
}

#[test]
fn rounds_keep_their_answers_and_reveal_when_the_presenter_comes_back() {
    let (room, _) = room_of(&["ada"]);
    room.ask(Some(question(1)));
    room.answer(0, Some("ada"), 1, "15").expect("an answer");
    room.reveal();
    room.ask(Some(question(2)));
    assert_eq!(room.tally().answered(), 0, "a new round starts empty");
    assert_eq!(room.answer(0, Some("ada"), 1, "15"), Err(AnswerError::Closed), "an old slide's answer");
    room.ask(Some(question(1)));
    let back = room.tally();
    assert_eq!((back.answered(), back.revealed), (1, true), "going back shows the round as it was");
    assert_eq!(room.answer(0, Some("ada"), 1, "15"), Err(AnswerError::Revealed));
}

#[test]
fn students_never_receive_names_and_the_report_names_no_one_unless_asked() {
    let (room, _) = room_of(&["ada", "bob"]);
    room.ask(Some(question(1)));
    room.answer(0, Some("ada"), 1, "15").expect("an answer");
    room.answer(0, Some("bob"), 1, "3*4+3*2").expect("an answer");
    room.log("joined ada");
    room.reveal();
    let seen = room.view(0, Some("bob")).and_then(|v| v.tally).expect("a revealed tally");
    assert!(seen.right_names.is_empty() && seen.roster.is_empty() && seen.log.is_empty(), "{seen:?}");
    assert_eq!((seen.answered(), seen.right), (2, 1));
    let report = room.report(false);
    assert!(report.contains("- answered: 2") && report.contains("- right: 1"), "{report}");
    assert!(report.contains("wrong, 1 student: term 2 should be 3·1 (e.g. 3\\*4+3\\*2)"), "{report}");
    assert!(!report.contains("ada") && !report.contains("bob"), "{report}");
    assert!(room.report(true).contains("right, by name: ada"));
}

#[test]
fn names_are_cleaned() {
    assert_eq!(clean_name("\u{1b}[31mBobby Tables the Third of Many\u{7}"), Some("[31mBobby Tables the Thi".into()));
    assert_eq!(clean_name("  "), None);
}

#[test]
fn a_student_finds_their_latest_answer_in_any_session_and_its_verdict_only_at_the_reveal() {
    let (room, _) = room_of(&["ada", "bob"]);
    room.ask(Some(question(1)));
    room.answer(1, Some("ada"), 1, "12").expect("an answer");
    room.answer(1, Some("ada"), 1, "3*4+3*1").expect("a changed answer");
    room.leave("ada");
    assert_eq!(room.join("ada"), "ada");
    let before = room.view(7, Some("ada")).and_then(|v| v.mine).expect("ada's answer, in her new session");
    assert_eq!((before.text.as_str(), before.verdict), ("3*4+3*1", None), "no verdict before the reveal");
    assert_eq!(room.view(2, Some("bob")).and_then(|v| v.mine), None, "bob sent nothing");
    room.reveal();
    let after = room.view(7, Some("ada")).and_then(|v| v.mine).expect("ada's answer");
    assert_eq!(after.verdict, Some(Verdict::Right));
    room.answer(9, None, 1, "15").expect_err("revealed");
    assert_eq!(room.view(9, None).and_then(|v| v.mine), None, "an unnamed session has its own key");
}
