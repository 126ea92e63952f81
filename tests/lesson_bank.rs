//! The question bank as a whole: enough questions on every topic, in every form; four options
//! per choice with length giving nothing away; hint ladders that nudge before they tell;
//! plurals; and lesson files with bad banks refused. Generators: tests/generators.rs.
#![allow(clippy::cast_precision_loss, reason = "the sizes recomputed here are small integers")]

use qkv_tutor::lesson::Lesson;
use qkv_tutor::quiz::{Form, Kind, NumericAnswer, QuestionSpec, SeedPart, Topic, resolve};
use std::collections::BTreeMap;
use strum::IntoEnumIterator;

const SEEDS: u64 = 200;

fn bank() -> Vec<QuestionSpec> {
    Lesson::embedded().questions.to_vec()
}

#[test]
fn every_topic_has_at_least_four_questions_and_an_active_one() {
    let bank = bank();
    assert!(bank.len() >= 80, "{} questions", bank.len());
    let mut per_topic: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for q in &bank {
        let entry = per_topic.entry(q.topic.name()).or_default();
        entry.0 += 1;
        entry.1 += usize::from(q.kind != Kind::Choice);
    }
    for topic in Topic::iter() {
        let (total, active) = per_topic.get(topic.name()).copied().unwrap_or_default();
        assert!(total >= 4, "{}: {total} questions", topic.name());
        assert!(active >= 1, "{}: no numeric or free-recall question", topic.name());
    }
    let forms = |kind: Kind| bank.iter().filter(|q| q.kind == kind).count();
    assert!(forms(Kind::Choice) >= 40 && forms(Kind::Free) >= 14 && forms(Kind::Numeric) >= 14);
}

#[test]
fn every_choice_question_has_four_options_one_right_one_common_wrong() {
    for q in bank().iter().filter(|q| q.kind == Kind::Choice) {
        assert_eq!(q.options.len(), 4, "{}", q.id);
        assert_eq!(q.options.iter().filter(|o| o.correct).count(), 1, "{}", q.id);
        assert_eq!(q.options.iter().filter(|o| o.common_wrong).count(), 1, "{}", q.id);
        assert!(
            q.options.iter().filter(|o| !o.correct).all(|o| o.why.is_some()),
            "{}: every wrong option says why",
            q.id
        );
    }
}

#[test]
fn length_does_not_point_at_the_right_option() {
    let choices: Vec<QuestionSpec> = bank().into_iter().filter(|q| q.kind == Kind::Choice).collect();
    let longest = choices
        .iter()
        .filter(|q| {
            let correct = q.options.iter().find(|o| o.correct).map_or(0, |o| o.text.chars().count());
            q.options.iter().all(|o| o.text.chars().count() <= correct)
        })
        .count();
    let share = longest as f64 / choices.len() as f64;
    println!("the correct option is the longest in {longest} of {} choice questions", choices.len());
    assert!(share <= 0.4, "{longest} of {}: above 40%", choices.len());
    assert!(share >= 0.1, "{longest} of {}: 'never the longest' would be a tell too", choices.len());
    assert_eq!(qkv_tutor::quiz::bank_figures(&bank()).longest_correct, longest, "check --lesson reports the same");
}

#[test]
fn the_seed_questions_stay_recognisable() {
    let bank = bank();
    let seeded =
        |part: SeedPart| bank.iter().filter(|q| q.seed == Some(part)).map(|q| q.id.as_str()).collect::<Vec<_>>();
    assert_eq!(
        seeded(SeedPart::Recall),
        ["recall-three-views", "recall-shapes", "recall-one-sentence", "recall-cache-kv"]
    );
    let interview = seeded(SeedPart::Interview);
    for id in ["interview-simplest", "interview-shared-matrix", "interview-sentence", "interview-order"] {
        assert!(interview.contains(&id), "{id}");
    }
    let sentence = bank.iter().find(|q| q.id == "interview-sentence").expect("present");
    assert_eq!(sentence.kind, Kind::Free, "recalled, not recognised");
    let concepts: Vec<&str> = sentence.must_mention.iter().map(|m| m.concept.as_str()).collect();
    assert_eq!(concepts, ["query", "key", "value"]);
    let drill = qkv_tutor::quiz::drill_pool(bank.iter().map(|s| resolve(s, 1)).collect());
    assert!(drill.iter().any(|q| q.id == "interview-sentence"), "the drill draws on the seed's free recall");
    assert!(!drill.iter().any(|q| q.id == "softmax-why"), "but not on every free-recall question");
}

/// Whether `rung` states `answer` as a result: `= 15`, not `= 15.5` or `= 1·5`.
fn states(rung: &str, answer: &str) -> bool {
    let needle = format!("= {answer}");
    rung.match_indices(&needle).any(|(i, _)| {
        let next = rung[i + needle.len()..].chars().next();
        !next.is_some_and(|c| c.is_ascii_digit() || matches!(c, '.' | '·' | '×' | 'e'))
    })
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// A choice hint gives the answer away if it holds the correct option's text or, for a short
/// option, one of its distinctive words (in no other option and not in the prompt).
fn gives_away_choice(q: &QuestionSpec, rung: &str) -> Option<String> {
    let correct = q.options.iter().find(|o| o.correct)?;
    let rung_lower = rung.to_lowercase();
    if rung_lower.contains(&correct.text.to_lowercase()) {
        return Some(correct.text.clone());
    }
    let own = words(&correct.text);
    if own.len() > 4 {
        return None;
    }
    let elsewhere: Vec<String> =
        q.options.iter().filter(|o| !o.correct).flat_map(|o| words(&o.text)).chain(words(&q.prompt)).collect();
    let rung_words = words(rung);
    // "head" is not distinctive when the prompt says "heads".
    let known =
        |w: &String| elsewhere.iter().any(|e| e.starts_with(w.as_str()) || (e.len() >= 4 && w.starts_with(e.as_str())));
    own.into_iter().filter(|w| w.chars().count() >= 4 && !known(w)).find(|w| rung_words.contains(w))
}

#[test]
fn hint_ladders_nudge_before_they_tell() {
    for spec in bank() {
        for session in 0..20 {
            let q = resolve(&spec, session);
            let Some((_, early)) = q.hints.split_last() else { panic!("{}: no hints", q.id) };
            for rung in early {
                match &q.form {
                    Form::Choice { .. } => {
                        assert_eq!(gives_away_choice(&spec, rung), None, "{}: {rung}", q.id);
                    }
                    Form::Free { answer, .. } => assert!(!rung.contains(answer.as_str()), "{}: {rung}", q.id),
                    Form::Numeric(answer) => {
                        let text = answer.text();
                        let plain = text.replace('×', "x");
                        assert!(!states(rung, &text), "{} (session {session}): '{rung}' states {text}", q.id);
                        if !matches!(answer, NumericAnswer::Number { .. }) {
                            assert!(!rung.contains(&text) && !rung.contains(&plain), "{}: {rung}", q.id);
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn the_hint_check_itself_catches_a_give_away() {
    assert!(states("q·k = 3·1 + 2·2 = 7", "7"));
    assert!(!states("pair them: 3·1 + 2·2, then add", "7"));
    assert!(!states("x = 7.5", "7") && !states("x = 1·7", "1"));
    let llama = bank().into_iter().find(|q| q.id == "models-llama").expect("present");
    assert!(gives_away_choice(&llama, "It is LLaMA.").is_some());
    assert!(gives_away_choice(&llama, "Not the fused one.").is_none());
}

const PLURALS: [&str; 10] =
    ["tokens", "layers", "heads", "bytes", "rows", "columns", "keys", "values", "queries", "steps"];

/// Every "1" followed (within two words) by a plural noun.
fn bad_plural(text: &str) -> Option<String> {
    let raw: Vec<&str> = text.split_whitespace().collect();
    let w: Vec<&str> = raw.iter().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric())).collect();
    (0..w.len()).filter(|i| raw[*i].trim_start_matches('(') == "1").find_map(|i| {
        w.iter().skip(i + 1).take(2).find(|next| PLURALS.contains(next)).map(|next| format!("1 … {next}"))
    })
}

#[test]
fn one_token_is_singular_everywhere() {
    let mut singular_seen = false;
    for spec in bank().iter().filter(|q| q.kind == Kind::Numeric) {
        for session in 0..SEEDS {
            let q = resolve(spec, session);
            for text in std::iter::once(&q.prompt).chain(&q.hints) {
                assert_eq!(bad_plural(text), None, "{}: {text}", q.id);
                singular_seen |= text.contains("1 token ") || text.contains("1 layer ") || text.contains("1 KV head");
            }
        }
    }
    assert!(singular_seen, "the singular forms were exercised");
    assert!(bad_plural("X holds 1 tokens").is_some() && bad_plural("1 KV heads").is_some());
}

fn reparse(edit: impl Fn(&mut serde_json::Value)) -> String {
    let mut value: serde_json::Value = serde_json::from_str(qkv_tutor::lesson::EMBEDDED_JSON).expect("json");
    edit(&mut value);
    let text = serde_json::to_string_pretty(&value).expect("text");
    qkv_tutor::lesson::parse(&text, "edited").map_or_else(|e| e.to_string(), |_| String::new())
}

fn first_choice(value: &mut serde_json::Value) -> (usize, &mut serde_json::Value) {
    let questions = value["questions"].as_array_mut().expect("questions");
    let i = questions.iter().position(|q| q["kind"] == "choice").expect("a choice question");
    (i, &mut questions[i])
}

#[test]
fn the_lesson_file_refuses_bad_banks_naming_the_field() {
    let three = reparse(|v| {
        let (_, q) = first_choice(v);
        let options = q["options"].as_array_mut().expect("options");
        let wrong = options.iter().rposition(|o| o["correct"] != true && o["common_wrong"] != true).expect("plain");
        options.remove(wrong);
    });
    assert!(three.contains(".options") && three.contains("has 3 options") && three.contains("exactly 4"), "{three}");
    let two_right = reparse(|v| {
        let (_, q) = first_choice(v);
        for o in q["options"].as_array_mut().expect("options").iter_mut().take(2) {
            o["correct"] = true.into();
        }
    });
    assert!(two_right.contains("exactly one option must be correct"), "{two_right}");
    let old_topic = reparse(|v| v["questions"][0]["topic"] = "recall".into());
    assert!(old_topic.contains("questions[0].topic") && old_topic.contains("causal-mask"), "{old_topic}");
    let mention_on_choice = reparse(|v| {
        let (_, q) = first_choice(v);
        q["must_mention"] = serde_json::json!([{"concept": "key"}]);
    });
    assert!(
        mention_on_choice.contains("must_mention") && mention_on_choice.contains("free-recall"),
        "{mention_on_choice}"
    );
    let spaced = reparse(|v| v["questions"][2]["must_mention"] = serde_json::json!([{"concept": "two words"}]));
    assert!(spaced.contains("questions[2].must_mention[0]"), "{spaced}");
}
