//! The lesson's words: the narration of each walkthrough step and the five ideas. The numbers
//! never live here; they come from the engine.

use serde::Deserialize;
use std::collections::BTreeMap;
use thiserror::Error;

mod bank;
pub use bank::Bank;

/// The lesson compiled into the binary.
pub const EMBEDDED_JSON: &str = include_str!("../lessons/qkv-projections.json");
/// The Lab's panels, each with its own narration.
pub const LAB_KEYS: [&str; 10] = [
    "shapes",
    "no_transpose",
    "shared_weights",
    "heads_before_projection",
    "values_match",
    "heads",
    "exam_rule",
    "answer_sheet",
    "memory_shortcut",
    "in_the_wild",
];
/// The version of the lesson format this build reads.
pub const FORMAT_VERSION: u32 = 1;
const MAX_TITLE_CHARS: usize = 80;
const MAX_TEXT_CHARS: usize = 2000;
const MAX_PROMPT_CHARS: usize = 500;
/// The narration keys every lesson must provide, one per kind of walkthrough step.
pub const STEP_KEYS: [&str; 10] =
    ["roles", "shapes", "query_entry", "key_entry", "value_entry", "score", "softmax", "context", "output", "ideas"];

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Narration {
    pub title: String,
    pub text: String,
    /// For speaker notes: what to ask the class; `{target}` names the number on the slide.
    #[serde(default)]
    pub ask: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Idea {
    pub name: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    pub format_version: u32,
    pub title: String,
    pub steps: BTreeMap<String, Narration>,
    pub ideas: Vec<Idea>,
    pub lab: BTreeMap<String, Narration>,
    pub questions: Bank,
    #[serde(default)]
    pub challenges: Vec<crate::quiz::ChallengeSpec>,
}

/// The built-in lesson without its questions; serde skips them unbuilt.
#[derive(Deserialize)]
struct Front {
    format_version: u32,
    title: String,
    steps: BTreeMap<String, Narration>,
    ideas: Vec<Idea>,
    lab: BTreeMap<String, Narration>,
    #[serde(default)]
    challenges: Vec<crate::quiz::ChallengeSpec>,
}

#[derive(Debug, Error)]
pub enum LessonError {
    #[error("{source_name}: cannot read the lesson: {reason}")]
    Read { source_name: String, reason: String },
    #[error("{source_name}:{line}:{column}: {field}{message}")]
    Syntax { source_name: String, field: String, line: usize, column: usize, message: String },
    #[error("{source_name}: {field}: {message}")]
    Invalid { source_name: String, field: String, message: String },
}

impl Lesson {
    /// The built-in lesson.
    ///
    /// # Panics
    /// Never in a released build: a unit test proves the embedded lesson valid.
    #[must_use]
    pub fn embedded() -> Self {
        // Every start parses this, before the first frame: it skips the error paths, checks
        // and cleaning only files from outside need. A unit test proves it is exactly what
        // `parse` makes of the same text.
        // The question bank waits until a question is wanted.
        #[allow(clippy::expect_used, reason = "the embedded lesson is checked by a unit test")]
        let front: Front = serde_json::from_str(EMBEDDED_JSON).expect("the embedded lesson is valid");
        let Front { format_version, title, steps, ideas, lab, challenges } = front;
        let questions = Bank::deferred(EMBEDDED_JSON);
        Self { format_version, title, steps, ideas, lab, questions, challenges }
    }

    /// The narration for one kind of step; validation guarantees every key in [`STEP_KEYS`].
    #[must_use]
    pub fn narration(&self, key: &str) -> Narration {
        self.steps.get(key).cloned().unwrap_or_else(|| Narration { title: key.into(), text: String::new(), ask: None })
    }

    /// The narration for one kind of step; `across` prefers the lesson's cross-attention words
    /// (`cross_<key>`, optional) and falls back on the self-attention ones.
    #[must_use]
    pub fn step_narration(&self, key: &str, across: bool) -> Narration {
        let cross = across.then(|| self.steps.get(&format!("cross_{key}"))).flatten();
        cross.cloned().unwrap_or_else(|| self.narration(key))
    }

    /// The narration for one Lab panel; validation guarantees every key in [`LAB_KEYS`].
    #[must_use]
    pub fn lab_narration(&self, key: &str) -> Narration {
        self.lab.get(key).cloned().unwrap_or_else(|| Narration { title: key.into(), text: String::new(), ask: None })
    }
}

/// Lesson files larger than this are refused before they are parsed.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Reads and validates a lesson file (at most [`MAX_FILE_BYTES`]).
///
/// # Errors
/// An unreadable or oversized file, or anything [`parse`] refuses.
pub fn load(path: &std::path::Path) -> Result<Lesson, LessonError> {
    let source_name = crate::sanitize::escape(&path.display().to_string());
    let read_error = |reason: String| LessonError::Read { source_name: source_name.clone(), reason };
    let bytes = crate::fsread::read(path, MAX_FILE_BYTES).map_err(|e| read_error(e.to_string()))?;
    let text = crate::json_error::check_bytes(&bytes).map_err(|located| syntax_error(&source_name, located))?;
    parse(text, &source_name)
}

fn syntax_error(source_name: &str, located: crate::json_error::Located) -> LessonError {
    let crate::json_error::Located { field, line, column, message } = located;
    LessonError::Syntax { source_name: source_name.into(), field, line, column, message }
}

/// Parses and validates lesson text. Control characters and bidirectional overrides are
/// stripped from every text, so nothing in a lesson can drive the terminal.
///
/// # Errors
/// A syntax error with line and column, a wrong version, a missing step or an over-long text.
pub fn parse(text: &str, source_name: &str) -> Result<Lesson, LessonError> {
    let mut lesson: Lesson =
        crate::json_error::deserialize_all(text, "struct Lesson", "a JSON object with the lesson's fields")
            .map_err(|located| syntax_error(source_name, located))?;
    let invalid =
        |field: String, message: String| LessonError::Invalid { source_name: source_name.into(), field, message };
    validate(&lesson).map_err(|(field, message)| invalid(field, message))?;
    sanitize(&mut lesson);
    Ok(lesson)
}

fn validate(lesson: &Lesson) -> Result<(), (String, String)> {
    if lesson.format_version != FORMAT_VERSION {
        let message = format!("{} is not supported; this build reads version {FORMAT_VERSION}", lesson.format_version);
        return Err(("format_version".into(), message));
    }
    check_len("title", &lesson.title, MAX_TITLE_CHARS)?;
    check_section("steps", &lesson.steps, &STEP_KEYS)?;
    check_step_keys(&lesson.steps)?;
    check_section("lab", &lesson.lab, &LAB_KEYS)?;
    crate::quiz::validate_questions(&lesson.questions)?;
    for (i, challenge) in lesson.challenges.iter().enumerate() {
        if !crate::quiz::KNOWN_CHALLENGES.contains(&challenge.id.as_str()) {
            let known = crate::quiz::KNOWN_CHALLENGES.join(", ");
            let message = format!(
                "\"{}\" is not a goal this build can check (known: {known})",
                crate::sanitize::escape(&challenge.id)
            );
            return Err((format!("challenges[{i}].id"), message));
        }
    }
    check_texts(lesson)?;
    if lesson.ideas.len() != 5 {
        let ideas = crate::format::plural(lesson.ideas.len(), "idea");
        return Err(("ideas".into(), format!("has {ideas}; the lesson names exactly 5")));
    }
    for (i, idea) in lesson.ideas.iter().enumerate() {
        check_len(&format!("ideas[{i}].name"), &idea.name, MAX_TITLE_CHARS)?;
        check_len(&format!("ideas[{i}].text"), &idea.text, MAX_TEXT_CHARS)?;
    }
    Ok(())
}

/// Every text a lesson can put on screen, with its field path.
fn texts(lesson: &Lesson) -> Vec<(String, &str, usize)> {
    let mut all = vec![("title".to_string(), lesson.title.as_str(), MAX_TITLE_CHARS)];
    for (section, map) in [("steps", &lesson.steps), ("lab", &lesson.lab)] {
        for (key, n) in map {
            all.push((format!("{section}.{key}.title"), n.title.as_str(), MAX_TITLE_CHARS));
            all.push((format!("{section}.{key}.text"), n.text.as_str(), MAX_TEXT_CHARS));
            all.push((format!("{section}.{key}.ask"), n.ask.as_deref().unwrap_or(""), MAX_PROMPT_CHARS));
        }
    }
    for (i, idea) in lesson.ideas.iter().enumerate() {
        all.push((format!("ideas[{i}].name"), idea.name.as_str(), MAX_TITLE_CHARS));
        all.push((format!("ideas[{i}].text"), idea.text.as_str(), MAX_TEXT_CHARS));
    }
    for (i, q) in lesson.questions.iter().enumerate() {
        all.push((format!("questions[{i}].prompt"), q.prompt.as_str(), MAX_PROMPT_CHARS));
        all.push((format!("questions[{i}].answer"), q.answer.as_deref().unwrap_or(""), MAX_TEXT_CHARS));
        for (h, hint) in q.hints.iter().enumerate() {
            all.push((format!("questions[{i}].hints[{h}]"), hint.as_str(), MAX_PROMPT_CHARS));
        }
        for (o, option) in q.options.iter().enumerate() {
            all.push((format!("questions[{i}].options[{o}].text"), option.text.as_str(), MAX_PROMPT_CHARS));
            all.push((
                format!("questions[{i}].options[{o}].why"),
                option.why.as_deref().unwrap_or(""),
                MAX_PROMPT_CHARS,
            ));
        }
    }
    for (i, c) in lesson.challenges.iter().enumerate() {
        all.push((format!("challenges[{i}].goal"), c.goal.as_str(), MAX_PROMPT_CHARS));
    }
    all
}

/// Lengths, and no control characters: a lesson file must not be able to drive the terminal.
fn check_texts(lesson: &Lesson) -> Result<(), (String, String)> {
    for (field, text, max) in texts(lesson) {
        check_len(&field, text, max)?;
        if let Some(c) = text.chars().find(|c| crate::sanitize::is_dangerous(*c)) {
            let shown = crate::sanitize::escape(&c.to_string());
            return Err((field, format!("holds the control character {shown}; lesson text must be plain")));
        }
    }
    Ok(())
}

fn check_section(section: &str, map: &BTreeMap<String, Narration>, keys: &[&str]) -> Result<(), (String, String)> {
    for key in keys {
        let entry = map.get(*key).ok_or_else(|| (format!("{section}.{key}"), "is missing".to_string()))?;
        check_len(&format!("{section}.{key}.title"), &entry.title, MAX_TITLE_CHARS)?;
        check_len(&format!("{section}.{key}.text"), &entry.text, MAX_TEXT_CHARS)?;
    }
    Ok(())
}

/// Beyond the required keys, a step may only have cross-attention words, `cross_<key>`: a
/// misspelt key would otherwise be ignored without a word.
fn check_step_keys(steps: &BTreeMap<String, Narration>) -> Result<(), (String, String)> {
    let known = |key: &str| STEP_KEYS.contains(&key.strip_prefix("cross_").unwrap_or(key));
    match steps.keys().find(|key| !known(key)) {
        Some(key) => {
            let message = "is not a step this build narrates (a step key, or cross_ and a step key)".to_string();
            Err((format!("steps.{}", crate::sanitize::escape(key)), message))
        }
        None => Ok(()),
    }
}

fn check_len(field: &str, text: &str, max: usize) -> Result<(), (String, String)> {
    let count = text.chars().count();
    if count > max {
        return Err((field.into(), format!("is {count} characters long; at most {max} are allowed")));
    }
    Ok(())
}

fn sanitize(lesson: &mut Lesson) {
    use crate::sanitize::strip;
    lesson.title = strip(&lesson.title);
    for step in lesson.steps.values_mut().chain(lesson.lab.values_mut()) {
        step.title = strip(&step.title);
        step.text = strip(&step.text);
        step.ask = step.ask.as_deref().map(strip);
    }
    for idea in &mut lesson.ideas {
        idea.name = strip(&idea.name);
        idea.text = strip(&idea.text);
    }
}

#[cfg(test)]
mod tests;
