//! The class report the projector writes at the end: each question with its counts and
//! its most common wrong answers, in Markdown. Names appear only when the teacher asks.

use super::{ClassQuestion, Tally};
use std::fmt::Write;

/// Student text is escaped so it cannot turn into Markdown (or a table) in the report.
fn escape(text: &str) -> String {
    text.chars().fold(String::new(), |mut out, c| {
        if "\\`*_[]<>|#".contains(c) {
            out.push('\\');
        }
        out.push(c);
        out
    })
}

pub(super) fn markdown(rounds: &[(ClassQuestion, Tally)], names: bool) -> String {
    let mut out = String::from("# Class report\n\n");
    if rounds.is_empty() {
        out.push_str("No question was asked.\n");
    }
    for (n, (question, tally)) in rounds.iter().enumerate() {
        let _ = writeln!(out, "## {}. {}\n", n + 1, escape(&question.prompt));
        let answer = crate::format::number(question.expected.value());
        let _ = writeln!(out, "- answer: {} = {answer}", escape(&question.target));
        let _ = writeln!(out, "- answered: {} ({} left before the end)", tally.answered(), tally.answered_left);
        let _ = writeln!(out, "- right: {}", tally.right);
        let _ = writeln!(out, "- revealed: {}", if tally.revealed { "yes" } else { "no" });
        for group in &tally.groups {
            let students = crate::format::plural(group.count, "student");
            let _ = writeln!(out, "- wrong, {students}: {} (e.g. {})", escape(&group.why), escape(&group.example));
        }
        if names && !tally.right_names.is_empty() {
            let _ = writeln!(out, "- right, by name: {}", escape(&tally.right_names.join(", ")));
        }
        out.push('\n');
    }
    out
}
