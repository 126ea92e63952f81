//! `qkv-tutor progress`: the summary and `--export` read the data folder as it is; `--import`
//! and `--reset` take its lock and may repair it.

use super::failure::Failure;
use anyhow::{Context, Result, anyhow, bail};
use qkv_tutor::cli::ProgressArgs;
use qkv_tutor::format::plural;
use qkv_tutor::lesson::Lesson;
use qkv_tutor::progress::{self, Progress};
use qkv_tutor::quiz::Topic;
use qkv_tutor::sanitize;
use qkv_tutor::scenario;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;
use strum::IntoEnumIterator;

/// `progress`: the summary and `--export` only read (no lock, nothing renamed or restored,
/// notes on stderr); `--import` and `--reset` take the data folder's lock and may repair it.
pub fn progress(args: &ProgressArgs, data_dir: &Path, lesson: &Lesson, now: u64) -> Result<String> {
    if data_dir.exists() && !data_dir.is_dir() {
        let shown = scenario::display_name(data_dir);
        return Err(Failure::BadInput.mark(anyhow!("{shown}: it is not a folder, so it cannot be the data folder")));
    }
    if let Some(file) = &args.export {
        return export(data_dir, file);
    }
    if args.import.is_some() || args.reset {
        return change(args, data_dir);
    }
    Ok(summary(&read_only(data_dir), data_dir, lesson, now))
}

/// A note for the user on stderr, so stdout stays the report a script reads.
fn note(text: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "qkv-tutor: note: {}", sanitize::escape(text));
}

/// The saved progress as it is, else the backup as it is, else none; every problem noted.
fn read_only(data_dir: &Path) -> Progress {
    let main = data_dir.join(progress::PROGRESS_FILE);
    let backup = data_dir.join(progress::BACKUP_FILE);
    match progress::peek(&main) {
        Ok(Some(saved)) => return saved,
        Ok(None) => {}
        Err(reason) => note(&format!("{reason}; it is left as it is")),
    }
    match progress::peek(&backup) {
        Ok(Some(saved)) => {
            note(&format!("showing the backup {}", scenario::display_name(&backup)));
            saved
        }
        Ok(None) => Progress::default(),
        Err(reason) => {
            note(&format!("{reason}; showing no progress"));
            Progress::default()
        }
    }
}

/// Exports exactly what is saved; a file that cannot be read or is damaged exports nothing.
fn export(data_dir: &Path, file: &Path) -> Result<String> {
    let main = data_dir.join(progress::PROGRESS_FILE);
    let saved = progress::peek(&main).map_err(|reason| anyhow!("{reason}; nothing was exported"))?;
    let saved = saved.unwrap_or_default();
    let mut text = serde_json::to_string_pretty(&saved)?;
    text.push('\n');
    qkv_tutor::atomic::write(file, text.as_bytes()).with_context(|| scenario::display_name(file))?;
    Ok(format!("exported {} progress to {}\n", possessive(saved.cards.len(), "question"), scenario::display_name(file)))
}

/// `--import` or `--reset`, holding the data folder's lock.
fn change(args: &ProgressArgs, data_dir: &Path) -> Result<String> {
    let _lock = hold_data_folder(data_dir)?;
    for notice in progress::load(data_dir).notices {
        note(&notice);
    }
    let had_previous = matches!(progress::peek(&data_dir.join(progress::PROGRESS_FILE)), Ok(Some(_)));
    let kept = if had_previous { "; the previous progress is kept as the backup" } else { "" };
    if let Some(file) = &args.import {
        let name = scenario::display_name(file);
        let refused = |e: &dyn std::fmt::Display| Failure::BadInput.mark(anyhow!("{name}: {e}; nothing was imported"));
        let bytes = progress::read_file(file).map_err(|e| refused(&e))?;
        let imported = progress::parse(&bytes).map_err(|e| refused(&e))?;
        progress::save(data_dir, &imported).map_err(|e| anyhow!("{e}; nothing was imported"))?;
        return Ok(format!("imported {} progress{kept}\n", possessive(imported.cards.len(), "question")));
    }
    if !args.yes && !confirm(data_dir)? {
        return Ok("nothing was cleared\n".into());
    }
    progress::save(data_dir, &Progress::default())?;
    Ok(format!("progress cleared{kept}\n"))
}

/// Takes the data folder's lock for a change, refusing to run beside a tutor that owns the
/// folder or when the lock cannot be taken at all.
fn hold_data_folder(data_dir: &Path) -> Result<progress::DataLock> {
    match progress::lock(data_dir) {
        Ok(lock) => {
            qkv_tutor::atomic::clean_stale_temps(data_dir);
            Ok(lock)
        }
        Err(busy @ progress::LockError::Busy { .. }) => bail!("{busy}: quit it first; nothing was changed"),
        Err(progress::LockError::Unavailable { folder, reason }) => {
            bail!("{folder}: cannot use it as the data folder: {reason}; nothing was changed")
        }
    }
}

/// Asks on stderr; at most one short line is read, so `< /dev/zero` cannot exhaust memory.
fn confirm(data_dir: &Path) -> Result<bool> {
    use std::io::Write;
    eprint!("Clear all quiz progress in {}? [y/N] ", scenario::display_name(data_dir));
    std::io::stderr().flush()?;
    let answer = qkv_tutor::fsread::read_line_bounded(std::io::stdin().lock(), 64)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes"))
}

fn summary(p: &Progress, data_dir: &Path, lesson: &Lesson, now: u64) -> String {
    let ids: Vec<&str> = lesson.questions.iter().map(|q| q.id.as_str()).collect();
    let seen = ids.iter().filter(|id| p.cards.get(**id).is_some_and(|c| c.seen > 0)).count();
    let due = ids.iter().filter(|id| p.is_due(id, now)).count();
    let mut out = format!("Progress in {}\n", scenario::display_name(&data_dir.join(progress::PROGRESS_FILE)));
    let _ = write!(out, "Questions seen: {seen} of {}\nDue now: {due}\n", ids.len());
    out.push_str("Accuracy by topic:\n");
    let mut by_topic: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
    for card in p.cards.values() {
        let entry = by_topic.entry(card.topic.as_str()).or_default();
        entry.0 = entry.0.saturating_add(u64::from(card.right));
        entry.1 = entry.1.saturating_add(u64::from(card.right) + u64::from(card.wrong));
    }
    for topic in Topic::iter() {
        let (right, total) = by_topic.get(topic.name()).copied().unwrap_or_default();
        let percent = right.saturating_mul(100).checked_div(total).map_or_else(|| "-".to_string(), |p| format!("{p}%"));
        let _ = writeln!(out, "  {:<15} {right} of {total} right ({percent})", topic.name());
    }
    match p.drills.last() {
        Some(d) => {
            let _ = writeln!(out, "Last drill: {} of {} right, {}", d.right, d.total, ago(now, d.at));
        }
        None => out.push_str("Last drill: none yet\n"),
    }
    let flagged: Vec<String> =
        p.cards.iter().filter(|(_, c)| c.flagged).map(|(id, _)| format!("  {}", sanitize::escape(id))).collect();
    let flagged = if flagged.is_empty() { "none".into() } else { format!("\n{}", flagged.join("\n")) };
    let _ = writeln!(out, "Flagged questions: {flagged}");
    out
}

fn ago(now: u64, then: u64) -> String {
    // A minute's grace for clocks that disagree; later than that is no time at all.
    if then > now.saturating_add(60) {
        return "dated in the future (check the clock, or the file was edited)".into();
    }
    let seconds = now.saturating_sub(then);
    match seconds {
        0..60 => "just now".into(),
        60..3600 => format!("{} ago", plural(seconds / 60, "minute")),
        3600..86_400 => format!("{} ago", plural(seconds / 3600, "hour")),
        _ => format!("{} ago", plural(seconds / 86_400, "day")),
    }
}

/// `1 question's`, `2 questions'`.
fn possessive(count: usize, word: &str) -> String {
    let counted = plural(count, word);
    if count == 1 { format!("{counted}'s") } else { format!("{counted}'") }
}
