//! Issue 19: a fair bank. No length or position cue points at the right option, every
//! free-recall question carries a rubric its own model answer holds, the swapped interview
//! sentence is caught, and the trivial generated draws are rare.
#![allow(clippy::cast_precision_loss, reason = "question counts are small integers")]
#![allow(clippy::float_cmp, reason = "generated answers 0 and 1 are exact")]

use qkv_tutor::lesson::Lesson;
use qkv_tutor::quiz::{
    CUE_LIMIT, Form, Generator, Kind, NumericAnswer, QuestionSpec, SplitMix, bank_figures, generate, mention_note,
    resolve,
};

fn bank() -> Vec<QuestionSpec> {
    Lesson::embedded().questions.to_vec()
}

fn chars(text: &str) -> usize {
    text.chars().count()
}

#[test]
fn neither_length_nor_position_gives_the_answer_away() {
    let choices: Vec<QuestionSpec> = bank().into_iter().filter(|q| q.kind == Kind::Choice).collect();
    let n = choices.len() as f64;
    let correct = |q: &QuestionSpec| q.options.iter().find(|o| o.correct).map_or(0, |o| chars(&o.text));
    let longest = choices.iter().filter(|q| q.options.iter().all(|o| chars(&o.text) <= correct(q))).count();
    let shortest = choices.iter().filter(|q| q.options.iter().all(|o| chars(&o.text) >= correct(q))).count();
    let mut at = [0usize; 4];
    for q in &choices {
        let Form::Choice { options } = resolve(q, 0).form else { panic!("{}: a choice", q.id) };
        at[options.iter().position(|o| o.correct).expect("one correct")] += 1;
    }
    let top_position = at.iter().copied().max().unwrap_or(0);
    println!("longest {longest}, shortest {shortest}, positions {at:?} of {n}");
    for (what, count) in [("longest", longest), ("shortest", shortest), ("one position", top_position)] {
        assert!(count as f64 / n <= CUE_LIMIT, "{what}: {count} of {n} is above 35%");
    }
    assert!(shortest as f64 / n >= 0.05, "'never the shortest' would be a cue too: {shortest} of {n}");
    let figures = bank_figures(&bank());
    assert_eq!((figures.longest_correct, figures.shortest_correct, figures.positions), (longest, shortest, at));
}

#[test]
fn every_free_recall_question_has_a_rubric_its_model_answer_holds() {
    for spec in bank().iter().filter(|q| q.kind == Kind::Free) {
        assert!(!spec.must_mention.is_empty(), "{}: no must_mention", spec.id);
        let question = resolve(spec, 0);
        let answer = spec.answer.clone().unwrap_or_default();
        let note = mention_note(&question, &answer).expect("a rubric");
        assert!(
            note.starts_with("Your answer names each of"),
            "{}: the model answer fails its own rubric: {note}",
            spec.id
        );
        assert!(mention_note(&question, "I am not sure").is_some_and(|n| n.contains("leaves out")), "{}", spec.id);
    }
}

#[test]
fn the_swapped_interview_sentence_is_caught_and_symbols_count_as_words() {
    let spec = bank().into_iter().find(|q| q.id == "interview-sentence").expect("present");
    let question = resolve(&spec, 0);
    let note = |typed: &str| mention_note(&question, typed).expect("a rubric");
    let swapped = note("values decide who talks to whom; queries and keys decide what gets said");
    assert!(swapped.contains("Swapped") && !swapped.contains("names each of"), "{swapped}");
    assert!(swapped.contains("value") && swapped.contains("query") && swapped.contains("key"), "{swapped}");
    for right in [
        "QKᵀ decides who talks to whom; values decide what gets said",
        "q·k decides who talks to whom, v decides what gets said",
        "Q·K^T decides who talks to whom; V carries what is said",
    ] {
        assert!(note(right).starts_with("Your answer names each of"), "{right}: {}", note(right));
    }
    let bare = note("query, key, value");
    assert!(!bare.contains("names each of") && bare.contains("does not say what"), "roles without jobs: {bare}");
}

fn value(g: &qkv_tutor::quiz::Generated) -> f64 {
    match &g.answer {
        NumericAnswer::Number { value, .. } => *value,
        other => panic!("a number, not {other:?}"),
    }
}

#[test]
fn generated_draws_make_you_compute_over_1000_seeds() {
    let strictly_between = (0..1000u64)
        .filter(|seed| {
            let w = value(&generate(Generator::MaskedWeight, &mut SplitMix::new(*seed)));
            w > 0.0 && w < 1.0
        })
        .count();
    assert!(strictly_between >= 800, "masked weights strictly between 0 and 1: {strictly_between} of 1000");
    let ones =
        (0..1000u64).filter(|seed| value(&generate(Generator::WindowOldest, &mut SplitMix::new(*seed))) == 1.0).count();
    assert!(ones <= 250, "context-window answers of 1: {ones} of 1000");
    assert!(ones >= 30, "the fitting case still comes up: {ones} of 1000");
    let zeros =
        (0..1000u64).filter(|seed| value(&generate(Generator::MaskedWeight, &mut SplitMix::new(*seed))) == 0.0).count();
    assert!(zeros >= 30, "a hidden key is still asked now and then: {zeros} of 1000");
}

#[test]
fn the_ambiguous_questions_key_one_answer() {
    let bank = bank();
    let find = |id: &str| bank.iter().find(|q| q.id == id).expect("present").clone();
    let dhead = find("bugs-dhead-silent");
    assert!(
        !dhead.options.iter().any(|o| o.text.contains("one head")),
        "D = d_head does mean one head: not a distractor"
    );
    let window = find("window-full");
    assert!(window.prompt.contains("sliding"), "a hard-limit model refuses instead: {}", window.prompt);
    let transpose = find("bugs-transpose-silent");
    let keyed = transpose.options.iter().find(|o| o.correct).expect("keyed");
    assert!(keyed.text.contains("Q·K = Q·Kᵀ"), "the condition is on the product, not on K alone: {}", keyed.text);
    let free = find("window-free").answer.unwrap_or_default();
    assert!(!free.contains("carried forward by earlier tokens"), "{free}");
    let lesson = Lesson::embedded();
    let text = format!("{:?} {:?}", lesson.steps, lesson.lab);
    assert!(!text.contains("leaves some trace") && !text.contains("Only a symmetric K"), "the lesson's own text");
}
