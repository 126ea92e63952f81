//! The Markdown handout: the default scenario against a reviewed golden file, valid
//! CommonMark with real tables, and `--format` matching the older flags.

mod common;

use common::walk;
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag};
use std::path::Path;
use std::process::Command;

#[test]
fn the_default_handout_matches_the_reviewed_golden_file() {
    let golden = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/handout-lesson.md"))
        .expect("golden");
    assert_eq!(walk(&["--format", "markdown"]), golden);
}

#[test]
fn the_handout_is_valid_commonmark_with_tables_code_and_questions() {
    let text = walk(&["--format", "markdown"]);
    let (mut tables, mut code_blocks, mut items, mut headings) = (0, 0, 0, 0);
    for event in Parser::new_ext(&text, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Table(_)) => tables += 1,
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang))) => {
                assert_eq!(lang.as_ref(), "text");
                code_blocks += 1;
            }
            Event::Start(Tag::Item) => items += 1,
            Event::Start(Tag::Heading { .. }) => headings += 1,
            _ => {}
        }
    }
    assert_eq!(tables, 5, "X, W_Q, W_K, W_V and the weights");
    assert_eq!(code_blocks, 1, "the picture");
    assert!(items >= 4 + 18, "every expansion and the four recall questions: {items}");
    assert!(headings >= 10);
    let html = {
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, Parser::new_ext(&text, Options::ENABLE_TABLES));
        html
    };
    assert!(
        html.contains("<td style=\"text-align: right\">15</td>") || html.contains("<code>3·4 + 3·1 = 15</code>"),
        "{html}"
    );
}

#[test]
fn format_text_and_json_match_the_plain_flags() {
    assert_eq!(walk(&["--format", "text"]), walk(&[]));
    assert_eq!(walk(&["--format", "json"]), walk(&["--json"]));
}

#[test]
fn the_handout_follows_the_scenario() {
    let text = walk(&["--format", "markdown", "--scenario", "four-tokens-causal", "--query", "2"]);
    assert!(text.contains("q2·k3: `") && text.contains("(masked: a later token)"), "{text}");
}

#[test]
fn lesson_text_cannot_become_html_in_the_handout() {
    let lessons = Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons/qkv-projections.json");
    let original = std::fs::read_to_string(lessons).expect("read");
    let first_prompt = "Why does each token get three projected vectors";
    assert!(original.contains(first_prompt));
    let hostile = original.replacen(first_prompt, "<img src=x onerror=alert(1)> *bold* [link](javascript:x)", 1);
    let dir = tempfile::tempdir().expect("temp");
    let lesson = dir.path().join("hostile.json");
    std::fs::write(&lesson, hostile).expect("write");
    let text = walk(&["--format", "markdown", "--lesson", lesson.to_str().expect("utf-8")]);
    let mut shown = String::new();
    for event in Parser::new_ext(&text, Options::ENABLE_TABLES) {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => panic!("raw HTML survived: {html}"),
            Event::Start(Tag::Emphasis | Tag::Link { .. }) => panic!("lesson text became markup"),
            Event::Text(t) => shown.push_str(&t),
            _ => {}
        }
    }
    assert!(shown.contains("<img src=x onerror=alert(1)> *bold* [link](javascript:x)"), "shown literally");
}

#[test]
fn the_handout_points_to_the_four_experiments_by_name_and_command() {
    use qkv_tutor::engine::experiments::Experiment;
    use strum::IntoEnumIterator;
    let text = walk(&["--format", "markdown"]);
    let section = text.split("## Try the why: four experiments").nth(1).expect("the experiments section");
    let mut shown = String::new();
    for event in Parser::new_ext(section, Options::ENABLE_TABLES) {
        if let Event::Text(t) | Event::Code(t) = event {
            shown.push_str(&t);
        }
    }
    for experiment in Experiment::iter() {
        let name = experiment.cli_name();
        assert!(shown.contains(experiment.title()), "{}: {shown}", experiment.title());
        assert!(shown.contains(&format!("qkv-tutor walk --experiment {name}")), "{name}: {shown}");
    }
    assert!(shown.contains("prediction"), "{shown}");
    for name in ["sqrt-dk", "shared-qk", "shuffle", "cross"] {
        let out =
            Command::new(env!("CARGO_BIN_EXE_qkv-tutor")).args(["walk", "--experiment", name]).output().expect("runs");
        assert!(out.status.success(), "the command the handout gives works: {name}");
    }
}
