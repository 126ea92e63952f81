use super::*;

#[test]
fn embedded_lesson_is_valid_and_has_every_step() {
    let lesson = parse(EMBEDDED_JSON, "embedded").expect("valid");
    assert_eq!(Lesson::embedded(), lesson, "the unchecked fast path makes the checked lesson");
    for key in STEP_KEYS {
        assert!(!lesson.narration(key).text.is_empty(), "{key}");
    }
    assert_eq!(lesson.ideas[1].name, "Exam rule");
}

#[test]
fn the_embedded_bank_is_parsed_only_when_asked_for() {
    let lesson = Lesson::embedded();
    assert!(!lesson.questions.is_parsed(), "nothing asked yet");
    let copy = lesson.clone();
    assert!(!copy.questions.is_parsed(), "a clone does not parse either");
    let checked = parse(EMBEDDED_JSON, "embedded").expect("valid");
    assert_eq!(lesson.questions.len(), checked.questions.len());
    assert!(lesson.questions.is_parsed() && !copy.questions.is_parsed());
    assert_eq!(copy.questions.iter().next(), checked.questions.first());
}

#[test]
fn escape_sequences_are_refused_with_the_field() {
    let text = EMBEDDED_JSON.replace("Three jobs for one token", "Hi\\u001b]0;pwned\\u0007 there");
    let error = parse(&text, "hostile").expect_err("refused").to_string();
    assert!(error.contains("steps.roles.title") && error.contains("^["), "{error}");
    assert!(!error.contains('\u{1b}'));
    let bidi = EMBEDDED_JSON.replace("Shapes come first", "\\u202eShapes");
    assert!(parse(&bidi, "bidi").is_err());
}

#[test]
fn an_unknown_challenge_is_refused() {
    let text = EMBEDDED_JSON.replace("challenge-equal-scores", "challenge-made-up");
    let error = parse(&text, "c").expect_err("unknown").to_string();
    assert!(error.contains("challenges[1].id") && error.contains("challenge-made-up"), "{error}");
}

#[test]
fn cross_attention_words_are_optional_and_a_misspelt_step_key_is_named() {
    let lesson = parse(EMBEDDED_JSON, "e").expect("valid");
    let across = lesson.step_narration("score", true);
    assert_ne!(across, lesson.narration("score"), "the shipped lesson has cross-attention words");
    assert_eq!(lesson.step_narration("output", true), lesson.narration("output"), "falls back");
    assert_eq!(lesson.step_narration("score", false), lesson.narration("score"));
    let misspelt = EMBEDDED_JSON.replace("\"cross_score\"", "\"cross_scor\"");
    let error = parse(&misspelt, "m").expect_err("unknown key").to_string();
    assert!(error.contains("steps.cross_scor") && error.contains("not a step"), "{error}");
}

#[test]
fn wrong_version_and_long_text_are_refused() {
    let future = EMBEDDED_JSON.replace("\"format_version\": 1", "\"format_version\": 2");
    assert!(parse(&future, "f").expect_err("v2").to_string().contains("format_version: 2 is not supported"));
    let long = EMBEDDED_JSON.replace("Shapes come first", &"x".repeat(81));
    assert!(parse(&long, "l").expect_err("long").to_string().contains("steps.shapes.title"));
}
