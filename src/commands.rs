//! The headless commands behind the binary (`walk`, `check`, `progress`). They belong to the
//! binary, not the library: each returns the text to print or an error for `main` to report.

pub mod serve;

use anyhow::{Context, Result, anyhow, bail};
use qkv_tutor::cli::{Format, ProgressArgs, ScenarioArgs, WalkArgs};
use qkv_tutor::engine::Attention;
use qkv_tutor::lesson::{self, Lesson};
use qkv_tutor::progress::{self, Progress};
use qkv_tutor::quiz::Topic;
use qkv_tutor::scenario::{self, Scenario};
use qkv_tutor::walk;
use std::collections::BTreeMap;
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

pub fn walk(scenario_args: &ScenarioArgs, args: &WalkArgs, lesson: &Lesson) -> Result<String> {
    let json = args.json || args.format == Format::Json;
    let scenario = load_scenario(scenario_args)?;
    let tokens = scenario.input.x.nrows();
    let query = match args.query {
        Some(n) if n == 0 || n > tokens => {
            bail!("--query {n} is out of range: tokens are counted from 1 and there are {tokens}")
        }
        Some(n) => n - 1,
        None => scenario.query_index(),
    };
    let attention = Attention::compute(scenario.input)?;
    Ok(if let Some(count) = args.heads {
        walk::lab::heads(&attention, query, count, json)?
    } else if args.fused {
        walk::lab::fused(&attention, json)
    } else if args.decode {
        walk::lab::decode_steps(&attention, json)
    } else if let Some(bug) = args.bug {
        walk::lab::bug(&attention, bug.into(), json)
    } else if json {
        walk::walk_json(&attention, query)
    } else if args.format == Format::Markdown {
        walk::walk_markdown(&attention, query, lesson)
    } else {
        walk::walk_text(&attention, query)
    })
}

pub fn check(file: Option<&Path>, lesson_file: Option<&Path>) -> Result<String> {
    if let Some(path) = lesson_file {
        let lesson = lesson::load(path)?;
        return Ok(format!(
            "{}: fine: {} steps, {} questions, {} challenges\n",
            scenario::display_name(path),
            lesson.steps.len(),
            lesson.questions.len(),
            lesson.challenges.len()
        ));
    }
    let path = file.ok_or_else(|| anyhow!("name a scenario file, or a lesson with --lesson FILE"))?;
    let scenario = scenario::load(path)?;
    let input = &scenario.input;
    Ok(format!(
        "{}: fine: {} tokens, D = {}, d_k = {}, d_v = {}\n",
        scenario::display_name(path),
        input.x.nrows(),
        input.x.ncols(),
        input.w_k.ncols(),
        input.w_v.ncols()
    ))
}

pub fn progress(args: &ProgressArgs, data_dir: &Path, lesson: &Lesson, now: u64) -> Result<String> {
    let report = progress::load(data_dir);
    let mut out = String::new();
    for notice in &report.notices {
        let _ = writeln!(out, "note: {notice}");
    }
    if let Some(file) = &args.export {
        let mut text = serde_json::to_string_pretty(&report.progress)?;
        text.push('\n');
        qkv_tutor::atomic::write(file, text.as_bytes()).with_context(|| scenario::display_name(file))?;
        let _ = writeln!(
            out,
            "exported {} questions' progress to {}",
            report.progress.cards.len(),
            scenario::display_name(file)
        );
    } else if let Some(file) = &args.import {
        let bytes = std::fs::read(file).with_context(|| scenario::display_name(file))?;
        let imported = progress::parse(&bytes)
            .map_err(|e| anyhow!("{}: {e}; nothing was imported", scenario::display_name(file)))?;
        progress::save(data_dir, &imported)?;
        let _ = writeln!(
            out,
            "imported {} questions' progress; the previous progress is kept as the backup",
            imported.cards.len()
        );
    } else if args.reset {
        if !args.yes && !confirm(data_dir)? {
            out.push_str("nothing was cleared\n");
            return Ok(out);
        }
        progress::save(data_dir, &Progress::default())?;
        out.push_str("progress cleared; the previous progress is kept as the backup\n");
    } else {
        out.push_str(&summary(&report.progress, data_dir, lesson, now));
    }
    Ok(out)
}

fn confirm(data_dir: &Path) -> Result<bool> {
    use std::io::Write;
    eprint!("Clear all quiz progress in {}? [y/N] ", scenario::display_name(data_dir));
    std::io::stderr().flush()?;
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes"))
}

fn summary(p: &Progress, data_dir: &Path, lesson: &Lesson, now: u64) -> String {
    let ids: Vec<&str> = lesson.questions.iter().map(|q| q.id.as_str()).collect();
    let seen = ids.iter().filter(|id| p.cards.get(**id).is_some_and(|c| c.seen > 0)).count();
    let due = ids.iter().filter(|id| p.is_due(id, now)).count();
    let mut out = format!("Progress in {}\n", scenario::display_name(&data_dir.join(progress::PROGRESS_FILE)));
    let _ = write!(out, "Questions seen: {seen} of {}\nDue now: {due}\n", ids.len());
    out.push_str("Accuracy by topic:\n");
    let mut by_topic: BTreeMap<&str, (u32, u32)> = BTreeMap::new();
    for card in p.cards.values() {
        let entry = by_topic.entry(card.topic.as_str()).or_default();
        entry.0 += card.right;
        entry.1 += card.right + card.wrong;
    }
    for topic in [Topic::Recall, Topic::Interview, Topic::Shapes, Topic::Bugs, Topic::Models, Topic::Numeric] {
        let (right, total) = by_topic.get(topic.name()).copied().unwrap_or_default();
        let percent = (right * 100).checked_div(total).map_or_else(|| "-".to_string(), |p| format!("{p}%"));
        let _ = writeln!(out, "  {:<10} {right} of {total} right ({percent})", topic.name());
    }
    match p.drills.last() {
        Some(d) => {
            let _ = writeln!(out, "Last drill: {} of {} right, {}", d.right, d.total, ago(now, d.at));
        }
        None => out.push_str("Last drill: none yet\n"),
    }
    let flagged: Vec<String> = p.cards.iter().filter(|(_, c)| c.flagged).map(|(id, _)| format!("  {id}")).collect();
    let flagged = if flagged.is_empty() { "none".into() } else { format!("\n{}", flagged.join("\n")) };
    let _ = writeln!(out, "Flagged questions: {flagged}");
    out
}

fn ago(now: u64, then: u64) -> String {
    let seconds = now.saturating_sub(then);
    match seconds {
        0..60 => "just now".into(),
        60..3600 => format!("{} minutes ago", seconds / 60),
        3600..86_400 => format!("{} hours ago", seconds / 3600),
        _ => format!("{} days ago", seconds / 86_400),
    }
}
