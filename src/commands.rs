//! The headless commands behind the binary (`walk`, `check`, `progress`, `completions`,
//! `man`). They belong to the binary, not the library: each returns the text to print or an
//! error for `main` to report, marked with its kind of failure where its type does not say.

pub mod failure;
mod progress;
pub mod serve;

pub use progress::progress;

use failure::usage;
use strum::IntoEnumIterator;

use anyhow::Result;
use qkv_tutor::cli::{Cli, Format, ScenarioArgs, WalkArgs};
use qkv_tutor::engine::Attention;
use qkv_tutor::format::plural;
use qkv_tutor::lesson::{self, Lesson};
use qkv_tutor::quiz::{self, Topic};
use qkv_tutor::scenario::{self, Scenario};
use qkv_tutor::walk;
use qkv_tutor::walk::experiment::Setup;
use std::fmt::Write;
use std::path::Path;

pub fn load_scenario(args: &ScenarioArgs) -> Result<Scenario> {
    let mut scenario = match &args.scenario {
        Some(path) if !path.exists() => match path.to_str().and_then(scenario::shipped) {
            Some(shipped) => shipped?,
            None => scenario::load(path)?,
        },
        Some(path) => scenario::load(path)?,
        None => Scenario::lesson(),
    };
    scenario.input.scale |= args.scale;
    scenario.input.causal |= args.causal;
    Ok(scenario)
}

pub fn load_lesson(path: Option<&Path>) -> Result<Lesson> {
    Ok(match path {
        Some(path) => lesson::load(path)?,
        None => Lesson::embedded(),
    })
}

/// `lesson_file`, when given, is always read and checked; the built-in lesson is parsed only
/// for the Markdown handout, the one view that shows it.
pub fn walk(scenario_args: &ScenarioArgs, args: &WalkArgs, lesson_file: Option<&Path>) -> Result<String> {
    let format = match args.resolved_format() {
        Ok(format) => format,
        Err(problem) => usage!("{problem}"),
    };
    let given = lesson_file.map(lesson::load).transpose()?;
    let json = format == Format::Json;
    let scenario = load_scenario(scenario_args)?;
    let tokens = scenario.input.x.nrows();
    let query = match args.query {
        Some(n) if n == 0 || n > tokens => {
            usage!("--query {n} is out of range: tokens are counted from 1 and there are {tokens}")
        }
        Some(n) => n - 1,
        None => scenario.query_index(),
    };
    let labels = scenario.labels.clone();
    let positions = scenario.positions.clone();
    let (encoder, encoder_labels) = scenario.encoder.map(|e| (e.tokens, e.labels)).unzip();
    let attention = Attention::compute(scenario.input)?;
    if let Some(name) = args.experiment {
        let setup = Setup { positions: positions.as_ref(), ..Setup::new(&attention, encoder.as_ref()) };
        return experiment(setup, name.into(), args.seed, format);
    }
    // A two-sequence scenario walks through cross-attention; the Lab's views stay on the decoder.
    let plain = !args.models && args.heads.is_none() && !args.fused && !args.decode && args.bug.is_none();
    if let Some(encoder) = encoder.filter(|e| plain && e.ncols() == attention.model_width()) {
        let names = encoder_labels.unwrap_or_default();
        return Ok(walk::cross_walk(&attention, &encoder, query, (&labels, names), format, given)?);
    }
    Ok(if args.models {
        if json { walk::models::models_json() } else { walk::models::models_text() }
    } else if let Some(count) = args.heads {
        walk::lab::heads(&attention, query, count, json)?
    } else if args.fused {
        walk::lab::fused(&attention, json)
    } else if args.decode {
        walk::lab::decode_steps(&attention, json)
    } else if let Some(bug) = args.bug {
        walk::lab::bug(&attention, bug.into(), json)
    } else if json {
        walk::walk_json(&attention, query, &labels)
    } else if format == Format::Markdown {
        walk::walk_markdown_labeled(&attention, query, &given.unwrap_or_else(Lesson::embedded), &labels)
    } else {
        walk::walk_text(&attention, query, &labels)
    })
}

fn experiment(
    mut setup: Setup<'_>,
    which: walk::experiment::Experiment,
    seed: Option<u64>,
    format: Format,
) -> Result<String> {
    use walk::experiment::Style;
    setup.seed = seed.unwrap_or(setup.seed);
    let report = walk::experiment::report(which, setup)?;
    let style = match format {
        Format::Text => Style::Text,
        Format::Markdown => Style::Markdown,
        Format::Json => Style::Json,
    };
    Ok(walk::experiment::render(&report, style))
}

pub fn check(file: Option<&Path>, lesson_file: Option<&Path>) -> Result<String> {
    if file.is_some() && lesson_file.is_some() {
        usage!("check takes one file: a scenario, or a lesson with --lesson FILE, not both");
    }
    if let Some(path) = lesson_file {
        let lesson = lesson::load(path)?;
        let across = lesson.steps.keys().filter(|key| key.starts_with("cross_")).count();
        let steps = match across {
            0 => plural(lesson::STEP_KEYS.len(), "step"),
            n => format!("{} ({n} with cross-attention words)", plural(lesson::STEP_KEYS.len(), "step")),
        };
        let mut out = format!(
            "{}: fine: {steps}, {}, {}\n",
            scenario::display_name(path),
            plural(lesson.questions.len(), "question"),
            plural(lesson.challenges.len(), "challenge")
        );
        out.push_str(&bank_report(&lesson));
        return Ok(out);
    }
    let Some(path) = file else { usage!("name a scenario file, or a lesson with --lesson FILE") };
    let scenario = scenario::load(path)?;
    let input = &scenario.input;
    Ok(format!(
        "{}: fine: {}, D = {}, d_k = {}, d_v = {}\n",
        scenario::display_name(path),
        plural(input.x.nrows(), "token"),
        input.x.ncols(),
        input.w_k.ncols(),
        input.w_v.ncols()
    ))
}

/// Questions per topic and form, and how often the right option gives itself away.
fn bank_report(lesson: &Lesson) -> String {
    let figures = quiz::bank_figures(&lesson.questions);
    let mut out = String::from("Questions by topic (choice, free, numeric):\n");
    for topic in Topic::iter() {
        let [choice, free, numeric] = figures.by_topic.get(&topic).copied().unwrap_or_default();
        let total = choice + free + numeric;
        let _ = writeln!(out, "  {:<15} {total:>3}  ({choice} choice, {free} free, {numeric} numeric)", topic.name());
    }
    let _ = writeln!(
        out,
        "Questions by form: {} choice, {} free recall, {} numeric",
        figures.choice, figures.free, figures.numeric
    );
    out.push_str(&quiz::cue_report(&figures));
    out
}

/// The completion script for `shell`.
pub fn completions(shell: clap_complete::Shell) -> String {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut <Cli as clap::CommandFactory>::command(), "qkv-tutor", &mut script);
    String::from_utf8_lossy(&script).into_owned()
}

/// The manual page, qkv-tutor(1), in roff.
pub fn man() -> Result<String> {
    let mut page = Vec::new();
    clap_mangen::Man::new(<Cli as clap::CommandFactory>::command()).render(&mut page)?;
    Ok(String::from_utf8_lossy(&page).into_owned())
}
