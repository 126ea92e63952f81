//! Helpers shared by the integration tests.
#![allow(dead_code, reason = "each test binary uses a different subset")]

#[cfg(unix)]
pub mod pty;

use std::path::PathBuf;

/// The folder holding the copied numpy fixtures.
pub fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests").join("fixtures")
}

/// The fixture names: every `NAME.scenario.json` in the folder.
pub fn fixture_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(fixtures_dir())
        .expect("fixtures folder exists")
        .filter_map(|e| {
            let name = e.ok()?.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".scenario.json").map(str::to_owned)
        })
        .collect();
    names.sort();
    names
}

/// Reads a list of rows of numbers out of a JSON value.
pub fn rows(value: &serde_json::Value) -> Vec<Vec<f64>> {
    value
        .as_array()
        .expect("a list of rows")
        .iter()
        .map(|row| row.as_array().expect("a row").iter().map(|v| v.as_f64().expect("a number")).collect())
        .collect()
}

/// Equal within 1e-9 relative (absolute near zero).
pub fn close(actual: f64, expected: f64) -> bool {
    let scale = expected.abs().max(1.0);
    (actual - expected).abs() <= 1e-9 * scale
}

pub fn assert_rows_close(label: &str, actual: &[Vec<f64>], expected: &[Vec<f64>]) {
    assert_eq!(actual.len(), expected.len(), "{label}: row count");
    for (r, (a, e)) in actual.iter().zip(expected).enumerate() {
        assert_eq!(a.len(), e.len(), "{label}[{r}]: length");
        for (c, (x, y)) in a.iter().zip(e).enumerate() {
            assert!(close(*x, *y), "{label}[{r}][{c}]: {x} != {y}");
        }
    }
}

/// The tutor drawn on a `width`×`height` test terminal, as rows of text joined by newlines.
pub fn screen_text(app: &qkv_tutor::app::App, width: u16, height: u16) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).expect("backend");
    terminal.draw(|frame| frame.render_widget(app, frame.area())).expect("draws");
    let buffer = terminal.backend().buffer();
    let symbols: Vec<&str> = buffer.content().iter().map(ratatui::buffer::Cell::symbol).collect();
    symbols.chunks(usize::from(width.max(1))).map(<[&str]>::concat).collect::<Vec<_>>().join("\n")
}

/// Types `text` into the focused answer field, replacing what was there, and submits it.
pub fn type_answer(app: &mut qkv_tutor::app::App, text: &str) {
    use qkv_tutor::app::Message;
    use qkv_tutor::message::FieldMsg;
    app.update(Message::Field(FieldMsg::ClearToStart));
    for c in text.chars() {
        app.update(Message::Field(FieldMsg::Insert(c)));
    }
    app.update(Message::Field(FieldMsg::Submit));
}

/// `qkv-tutor walk ARGS`, which must succeed: its standard output.
pub fn walk(args: &[&str]) -> String {
    let out =
        std::process::Command::new(env!("CARGO_BIN_EXE_qkv-tutor")).arg("walk").args(args).output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}
