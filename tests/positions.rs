//! Issue 21, optional item: a scenario file may carry its own position table for the
//! `shuffle` experiment, beside the sinusoidal default. Validated with named errors (exit 2),
//! round-tripped, and used by `walk --experiment shuffle`.

use qkv_tutor::engine::experiments::{permute_rows, reversed_order, shuffle, shuffle_with};
use qkv_tutor::engine::{Attention, AttentionInput, Matrix};
use qkv_tutor::scenario;
use std::process::Command;

/// The lesson's scenario with `positions` set to `table` (any JSON).
fn lesson_with(table: &serde_json::Value) -> String {
    let mut value: serde_json::Value = serde_json::from_str(scenario::LESSON_JSON).expect("json");
    value["positions"] = table.clone();
    serde_json::to_string_pretty(&value).expect("text")
}

fn table() -> serde_json::Value {
    serde_json::json!([[0, 0, 0, 0], [1, -1, 0, 2]])
}

#[test]
fn a_position_table_loads_and_round_trips() {
    let loaded = scenario::parse(&lesson_with(&table()), "with positions").expect("valid");
    let positions = loaded.positions.clone().expect("the table");
    assert_eq!(positions, Matrix::from_row_slice(2, 4, &[0.0, 0.0, 0.0, 0.0, 1.0, -1.0, 0.0, 2.0]));
    let text = scenario::to_json(&loaded);
    assert!(text.contains("\"positions\""), "{text}");
    assert_eq!(scenario::parse(&text, "again").expect("its own output loads"), loaded);
    assert!(scenario::parse(scenario::LESSON_JSON, "lesson").expect("valid").positions.is_none());
    assert!(!scenario::to_json(&scenario::Scenario::lesson()).contains("positions"), "none written when absent");
}

#[test]
fn the_shuffle_uses_the_table_and_it_stays_put_while_the_tokens_move() {
    let loaded = scenario::parse(&lesson_with(&table()), "with positions").expect("valid");
    let positions = loaded.positions.clone().expect("the table");
    let order = reversed_order(2);
    let run = shuffle_with(&loaded.input, &order, &positions).expect("fits");
    // By hand: the moved tokens plus the same table, through plain attention without the mask.
    let plain = AttentionInput { causal: false, ..loaded.input.clone() };
    let by_hand =
        Attention::compute(AttentionInput { x: permute_rows(&plain.x, &order) + &positions, ..plain.clone() })
            .expect("fits");
    assert_eq!(run.shuffled_placed.context, by_hand.context);
    assert_eq!(run.positions, positions);
    assert!(run.drift_without_positions() <= 1e-12, "without positions only the rows move");
    assert!(run.drift_with_positions() > 1e-3, "with the table the contexts change");
    let sinusoidal = shuffle(&loaded.input, &order).expect("fits");
    assert_ne!(sinusoidal.original_placed.context, run.original_placed.context, "the table, not the formula");
    let wrong = Matrix::zeros(3, 4);
    assert!(shuffle_with(&loaded.input, &order, &wrong).is_err(), "a table of the wrong size is refused");
}

fn run(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_qkv-tutor")).args(args).output().expect("the binary runs")
}

#[test]
fn bad_tables_are_named_and_exit_2() {
    let cases = [
        (serde_json::json!([[0, 0, 0, 0]]), "positions: has 1 row but there are 2 tokens"),
        (serde_json::json!([[0, 0, 0], [0, 0, 0]]), "positions[0]: has 3 numbers but each token has 4"),
        (serde_json::json!([[0, 0, 0, 0], [0, 0]]), "positions[1]: has 2 numbers"),
        (serde_json::json!([[0, 0, 0, 0], [0, 0, 2e7, 0]]), "positions[1][2]"),
        (serde_json::json!([]), "positions: is empty"),
        (serde_json::json!("sinusoidal"), "positions"),
    ];
    let dir = tempfile::tempdir().expect("temp");
    for (i, (bad, expected)) in cases.iter().enumerate() {
        let path = dir.path().join(format!("bad{i}.json"));
        std::fs::write(&path, lesson_with(bad)).expect("write");
        let out = run(&["check", path.to_str().expect("utf-8")]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{bad}: {stderr}");
        assert!(stderr.contains(expected), "{bad}: {stderr}");
    }
}

#[test]
fn walk_experiment_shuffle_reports_which_positions_it_used() {
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("with-positions.json");
    std::fs::write(&path, lesson_with(&table())).expect("write");
    let json = |extra: &[&str]| -> serde_json::Value {
        let mut args = vec!["walk", "--experiment", "shuffle", "--json"];
        args.extend_from_slice(extra);
        let out = run(&args);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).expect("json")
    };
    let own = json(&["--scenario", path.to_str().expect("utf-8")]);
    assert_eq!(own["positions_from"], "scenario");
    assert_eq!(own["positions"], table());
    assert_eq!(json(&[])["positions_from"], "sinusoidal");
    let text = run(&["walk", "--experiment", "shuffle", "--scenario", path.to_str().expect("utf-8")]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("with the scenario's position table added to X"));
}

#[test]
fn the_lab_shuffle_panel_uses_the_scenarios_table() {
    use qkv_tutor::app::{App, Message};
    use qkv_tutor::message::ScreenId;
    use qkv_tutor::screen::lab::{LabMsg, LabPanel};
    let loaded = scenario::parse(&lesson_with(&table()), "with positions").expect("valid");
    let mut app =
        App::new(loaded, qkv_tutor::lesson::Lesson::embedded(), qkv_tutor::theme::Theme::monochrome()).expect("fits");
    app.update(Message::ShowScreen(ScreenId::Lab));
    app.update(Message::Lab(LabMsg::SelectPanel(LabPanel::Shuffle)));
    app.update(Message::Lab(LabMsg::ShowResult));
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).expect("backend");
    terminal.draw(|frame| frame.render_widget(&app, frame.area())).expect("draws");
    let text: String = terminal.backend().buffer().content().iter().map(ratatui::buffer::Cell::symbol).collect();
    assert!(text.contains("position table"), "{text}");
}
