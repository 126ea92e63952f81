//! Loading and saving progress. Saves are atomic and keep the previous good file as a backup;
//! a damaged file is moved aside untouched (never overwritten), the backup is restored when
//! it is good, and otherwise the learner starts fresh. Loading never fails.
//!
//! A file that exists but cannot be read (no permission, not a regular file) is different:
//! it may hold good progress this process simply cannot see. It is left alone, the backup is
//! used in memory only, and saving to that folder is disabled for the rest of the run, so
//! nothing ever replaces it. The same switch makes a second tutor on a locked folder
//! read-only.

use super::validate::Invalid;
use super::{FORMAT_VERSION, Progress};
use crate::fsread::ReadError;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use thiserror::Error;

pub const PROGRESS_FILE: &str = "progress.json";
pub const BACKUP_FILE: &str = "progress.json.bak";
/// Progress files (and imports) larger than this are refused; a save never writes more.
pub const MAX_BYTES: u64 = 8 * 1024 * 1024;

/// Folders this process must not save progress into, each with the reason.
static DISABLED: Mutex<Vec<(PathBuf, String)>> = Mutex::new(Vec::new());

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

/// Where progress lives: the flag (or `QKV_TUTOR_DATA_DIR`, which clap folds into it) as
/// given, else the user's data folder (`$XDG_DATA_HOME`, else `~/.local/share`; the local
/// AppData folder on Windows) with a `qkv-tutor` folder. `None` when there is no home folder.
#[must_use]
pub fn data_dir(flag: Option<&Path>) -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    if let Some(dir) = flag.filter(|d| !d.as_os_str().is_empty()) {
        return Some(dir.to_path_buf());
    }
    let base = etcetera::choose_base_strategy().ok()?.data_dir();
    // An empty HOME would make the folder relative to wherever the tutor was started.
    Some(base.join("qkv-tutor")).filter(|d| d.is_absolute())
}

fn shown(path: &Path) -> String {
    crate::sanitize::escape(&path.display().to_string())
}

fn key(dir: &Path) -> PathBuf {
    std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf())
}

/// Stops every later [`save`] into `dir` in this process; `reason` is what it will say.
pub fn disable_saving(dir: &Path, reason: &str) {
    let mut disabled = DISABLED.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    disabled.retain(|(d, _)| *d != key(dir));
    disabled.push((key(dir), reason.to_string()));
}

/// Why saving into `dir` is disabled, if it is: for the tutor's status line.
#[must_use]
pub fn saving_disabled(dir: &Path) -> Option<String> {
    let disabled = DISABLED.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    disabled.iter().find(|(d, _)| *d == key(dir)).map(|(_, reason)| reason.clone())
}

/// Why progress text was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ParseError {
    /// Not JSON, or not the shape of progress; `field` is `cards: ` or empty.
    #[error("{line}:{column}: {field}{message}")]
    Syntax { field: String, line: usize, column: usize, message: String },
    #[error("format_version {0} is not one this build reads ({expected})", expected = FORMAT_VERSION)]
    Version(u32),
    #[error(transparent)]
    Invalid(#[from] Invalid),
}

impl From<crate::json_error::Located> for ParseError {
    fn from(located: crate::json_error::Located) -> Self {
        let crate::json_error::Located { field, line, column, message } = located;
        Self::Syntax { field, line, column, message }
    }
}

/// Parses progress text, refusing anything this build could not save again.
///
/// # Errors
/// What is wrong, with line and column for syntax errors.
pub fn parse(bytes: &[u8]) -> Result<Progress, ParseError> {
    let text = crate::json_error::check_bytes(bytes)?;
    let progress: Progress =
        crate::json_error::deserialize_all(text, "struct Progress", "a JSON object with the progress")?;
    if progress.format_version != FORMAT_VERSION {
        return Err(ParseError::Version(progress.format_version));
    }
    super::validate::check(&progress)?;
    Ok(progress)
}

/// Reads a progress file (or an import) with the same bound the loader uses.
///
/// # Errors
/// As [`crate::fsread::read`].
pub fn read_file(path: &Path) -> Result<Vec<u8>, ReadError> {
    crate::fsread::read(path, MAX_BYTES)
}

/// Reads `path` as progress without repairing anything: `Ok(None)` when there is no file,
/// the reason when it cannot be read or is damaged. For `progress`, which only reads.
///
/// # Errors
/// Why the file cannot be used, naming it.
pub fn peek(path: &Path) -> Result<Option<Progress>, String> {
    let bytes = match read_file(path) {
        Ok(bytes) => bytes,
        Err(e) if e.is_not_found() => return Ok(None),
        Err(e) => return Err(format!("{} cannot be read ({e})", shown(path))),
    };
    let reason = |e: ParseError| format!("{} is damaged ({})", shown(path), crate::sanitize::escape(&e.to_string()));
    parse(&bytes).map(Some).map_err(reason)
}

/// Loads progress from `dir`, repairing what it can and saying what it did.
#[must_use]
pub fn load(dir: &Path) -> LoadReport {
    let main = dir.join(PROGRESS_FILE);
    let mut notices = Vec::new();
    match read_file(&main) {
        Ok(bytes) => match parse(&bytes) {
            Ok(progress) => return LoadReport { progress, notices },
            Err(reason) => damaged(dir, &main, &reason.to_string(), &mut notices),
        },
        Err(e) if e.is_not_found() => {}
        Err(e @ ReadError::TooLarge { .. }) => damaged(dir, &main, &e.to_string(), &mut notices),
        Err(e) => {
            let reason =
                format!("{} cannot be read ({e}); it is left untouched and progress will not be saved", shown(&main));
            disable_saving(dir, &reason);
            notices.push(reason);
        }
    }
    from_backup(dir, &main, notices)
}

fn damaged(dir: &Path, main: &Path, reason: &str, notices: &mut Vec<String>) {
    let reason = crate::sanitize::escape(reason);
    if saving_disabled(dir).is_some() {
        notices.push(format!("{} is damaged ({reason}); it is left as it is", shown(main)));
        return;
    }
    match crate::atomic::move_aside(main) {
        Ok(moved) => {
            notices.push(format!("{} was damaged ({reason}); it was moved to {}", shown(main), shown(&moved)));
        }
        Err(e) => {
            let said = format!(
                "{} is damaged ({reason}) and could not be moved aside ({e}); it was left untouched and progress will not be saved",
                shown(main)
            );
            disable_saving(dir, &said);
            notices.push(said);
        }
    }
}

/// The backup, restored over the main file only when saving is allowed; in memory otherwise.
fn from_backup(dir: &Path, main: &Path, mut notices: Vec<String>) -> LoadReport {
    let backup = dir.join(BACKUP_FILE);
    let good = read_file(&backup).ok().and_then(|bytes| parse(&bytes).ok().map(|p| (bytes, p)));
    if let Some((bytes, progress)) = good {
        if saving_disabled(dir).is_some() {
            notices.push(format!("using the backup {} for this session only", shown(&backup)));
        } else if crate::atomic::write(main, &bytes).is_ok() {
            notices.push(format!("restored your progress from the backup {}", shown(&backup)));
        }
        return LoadReport { progress, notices };
    }
    if !notices.is_empty() {
        notices.push("no good backup was found: starting with fresh progress".into());
    }
    LoadReport { progress: Progress::default(), notices }
}

/// Saves atomically, keeping the previous good file as the backup.
///
/// # Errors
/// When saving is disabled for the folder, when the folder or file cannot be written, or
/// when the progress has grown past what loading accepts; the old file is then unchanged.
pub fn save(dir: &Path, progress: &Progress) -> Result<(), ProgressError> {
    save_with(dir, progress, crate::atomic::write)
}

/// As [`save`], but the progress file and its backup are readable by their owner only
/// (mode 0600) from the first write: a served student's progress on the teacher's disk.
///
/// # Errors
/// As [`save`].
pub fn save_private(dir: &Path, progress: &Progress) -> Result<(), ProgressError> {
    save_with(dir, progress, crate::atomic::write_private)
}

fn save_with(
    dir: &Path,
    progress: &Progress,
    write: fn(&Path, &[u8]) -> std::io::Result<()>,
) -> Result<(), ProgressError> {
    let main = dir.join(PROGRESS_FILE);
    let refuse = |reason: String| ProgressError { path: shown(&main), reason };
    if let Some(reason) = saving_disabled(dir) {
        return Err(refuse(format!("saving is disabled: {reason}")));
    }
    let fail = |e: std::io::Error| refuse(format!("cannot save progress: {e}"));
    super::lock::ensure_folder(dir)
        .map_err(|e| ProgressError { path: shown(dir), reason: format!("cannot save progress: {e}") })?;
    let mut text = serde_json::to_string_pretty(progress).map_err(|e| fail(std::io::Error::other(e)))?;
    text.push('\n');
    if text.len() as u64 > MAX_BYTES {
        return Err(refuse(format!(
            "cannot save progress: it would be larger than {}",
            crate::fsread::size(MAX_BYTES)
        )));
    }
    if let Ok(previous) = read_file(&main)
        && parse(&previous).is_ok()
    {
        write(&dir.join(BACKUP_FILE), &previous).map_err(fail)?;
    }
    write(&main, text.as_bytes()).map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_of_refusal_is_its_own_error() {
        let newer = format!("{{\"format_version\": {}}}", FORMAT_VERSION + 1);
        assert_eq!(parse(newer.as_bytes()), Err(ParseError::Version(FORMAT_VERSION + 1)));
        let Err(ParseError::Syntax { line, .. }) = parse(b"{\n  \"format_version\": }") else {
            panic!("a syntax error");
        };
        assert_eq!(line, 2);
        let card = r#"{"box": 1, "due": 0, "seen": 1, "right": 2, "wrong": 0, "hints": 0, "topic": "t", "last": 0}"#;
        let text = format!("{{\"format_version\": {FORMAT_VERSION}, \"cards\": {{\"q\": {card}}}}}");
        assert!(matches!(parse(text.as_bytes()), Err(ParseError::Invalid(Invalid::MoreThanSeen { right: 2, .. }))));
    }
}
