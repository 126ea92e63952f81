//! Loading and saving progress. Saves are atomic and keep the previous good file as a backup;
//! a damaged file is moved aside untouched (never overwritten), the backup is restored when
//! it is good, and otherwise the learner starts fresh. Loading never fails.

use super::{FORMAT_VERSION, Progress};
use std::path::{Path, PathBuf};
use thiserror::Error;

pub const PROGRESS_FILE: &str = "progress.json";
pub const BACKUP_FILE: &str = "progress.json.bak";
const MAX_BYTES: u64 = 8 * 1024 * 1024;

#[derive(Debug, Error)]
#[error("{path}: {reason}")]
pub struct ProgressError {
    pub path: String,
    pub reason: String,
}

/// What loading found, and what the learner should be told about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadReport {
    pub progress: Progress,
    pub notices: Vec<String>,
}

/// Where progress lives: the flag, then QKV_TUTOR_DATA_DIR, then XDG_DATA_HOME, then
/// ~/.local/share, each with a `qkv-tutor` folder (the first two are used as given).
#[must_use]
pub fn data_dir(flag: Option<&Path>) -> Option<PathBuf> {
    if let Some(dir) = flag {
        return Some(dir.to_path_buf());
    }
    let env = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    env("QKV_TUTOR_DATA_DIR")
        .or_else(|| env("XDG_DATA_HOME").map(|d| d.join("qkv-tutor")))
        .or_else(|| env("HOME").map(|h| h.join(".local").join("share").join("qkv-tutor")))
}

fn shown(path: &Path) -> String {
    crate::sanitize::escape(&path.display().to_string())
}

/// Parses progress text, refusing anything this build could not save again.
///
/// # Errors
/// A description of what is wrong, with line and column for syntax errors.
pub fn parse(bytes: &[u8]) -> Result<Progress, String> {
    let text = std::str::from_utf8(bytes).map_err(|e| format!("not UTF-8 text (at byte {})", e.valid_up_to()))?;
    let progress: Progress = serde_json::from_str(text).map_err(|e| e.to_string())?;
    if progress.format_version != FORMAT_VERSION {
        return Err(format!(
            "format_version {} is not one this build reads ({FORMAT_VERSION})",
            progress.format_version
        ));
    }
    Ok(progress)
}

fn read_limited(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?.take(MAX_BYTES).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Loads progress from `dir`, repairing what it can and saying what it did.
#[must_use]
pub fn load(dir: &Path) -> LoadReport {
    let main = dir.join(PROGRESS_FILE);
    let mut notices = Vec::new();
    match read_limited(&main) {
        Ok(bytes) => match parse(&bytes) {
            Ok(progress) => return LoadReport { progress, notices },
            Err(reason) => notices.push(move_aside(&main, &reason)),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => notices.push(format!("{}: cannot read it ({e}); starting fresh for now", shown(&main))),
    }
    let backup = dir.join(BACKUP_FILE);
    if let Some(progress) = read_limited(&backup).ok().and_then(|b| parse(&b).ok()) {
        if crate::atomic::write(&main, &read_limited(&backup).unwrap_or_default()).is_ok() {
            notices.push(format!("restored your progress from the backup {}", shown(&backup)));
        }
        return LoadReport { progress, notices };
    }
    if !notices.is_empty() {
        notices.push("no good backup was found: starting with fresh progress".into());
    }
    LoadReport { progress: Progress::default(), notices }
}

/// Renames a damaged file to a name that is not taken yet, byte for byte as it was.
fn move_aside(path: &Path, reason: &str) -> String {
    let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let target = (0..1000)
        .map(|n| path.with_extension(format!("json.damaged-{stamp}-{n}")))
        .find(|candidate| !candidate.exists());
    match target.map(|t| std::fs::rename(path, &t).map(|()| t)) {
        Some(Ok(moved)) => format!(
            "{} was damaged ({}); it was moved to {}",
            shown(path),
            crate::sanitize::escape(reason),
            shown(&moved)
        ),
        _ => format!(
            "{} is damaged ({}) and could not be moved aside; it was left untouched",
            shown(path),
            crate::sanitize::escape(reason)
        ),
    }
}

/// Saves atomically, keeping the previous good file as the backup.
///
/// # Errors
/// When the folder or file cannot be written; the old file is then unchanged.
pub fn save(dir: &Path, progress: &Progress) -> Result<(), ProgressError> {
    let main = dir.join(PROGRESS_FILE);
    let fail = |e: std::io::Error| ProgressError { path: shown(&main), reason: format!("cannot save progress: {e}") };
    std::fs::create_dir_all(dir).map_err(fail)?;
    let mut text = serde_json::to_string_pretty(progress).map_err(|e| fail(std::io::Error::other(e)))?;
    text.push('\n');
    if let Ok(previous) = read_limited(&main)
        && parse(&previous).is_ok()
    {
        crate::atomic::write(&dir.join(BACKUP_FILE), &previous).map_err(fail)?;
    }
    crate::atomic::write(&main, text.as_bytes()).map_err(fail)
}
