//! Saving and loading scenario files: round trips, atomic saves and refusals.

use qkv_tutor::scenario::{self, EXERCISE_JSON, LESSON_JSON, Scenario};

#[test]
fn embedded_scenarios_parse() {
    let lesson = scenario::parse(LESSON_JSON, "lesson").expect("lesson is valid");
    assert_eq!(lesson.input.x.nrows(), 2);
    assert!(lesson.description.is_some());
    let exercise = scenario::parse(EXERCISE_JSON, "exercise").expect("exercise is valid");
    assert_eq!(exercise.input.x.row(0).iter().copied().collect::<Vec<_>>(), [1.0, 2.0, 1.0, 0.0]);
}

#[test]
fn save_then_load_round_trips() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("mine.json");
    let mut original = Scenario::lesson();
    original.input.x[(0, 1)] = -1.25;
    original.input.causal = true;
    original.query = Some(0);
    scenario::save(&path, &original).expect("saved");
    let loaded = scenario::load(&path).expect("loads again");
    assert_eq!(loaded, original);
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains("-1.25") && text.contains("\"query\": 1"), "{text}");
    let leftovers = std::fs::read_dir(dir.path()).expect("list").count();
    assert_eq!(leftovers, 1, "no temporary file is left behind");
}

#[test]
fn save_refuses_a_scenario_that_could_not_load_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bad.json");
    std::fs::write(&path, "old contents").expect("write");
    let mut broken = Scenario::lesson();
    broken.input.x[(0, 0)] = f64::NAN;
    let error = scenario::save(&path, &broken).expect_err("NaN cannot be saved");
    assert!(error.to_string().contains("bad.json"), "{error}");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "old contents");
}

#[test]
fn save_into_a_missing_folder_reports_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("no-such-folder").join("x.json");
    let error = scenario::save(&path, &Scenario::lesson()).expect_err("folder is missing");
    assert!(error.to_string().contains("cannot save"), "{error}");
    assert!(!path.exists());
}

#[test]
fn invalid_utf8_is_reported_with_its_position() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("latin1.json");
    std::fs::write(&path, b"{\n  \"tokens\": \xff}").expect("write");
    let error = scenario::load(&path).expect_err("not UTF-8").to_string();
    assert!(error.contains("latin1.json:2:13") && error.contains("UTF-8"), "{error}");
}
