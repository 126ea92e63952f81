//! One tutor at a time owns a data folder. The first instance takes an advisory lock on
//! `qkv-tutor.lock` and keeps it until it exits; a second one finds it taken and runs with
//! progress read-only, saying so, so it can never save over the first one's answers. A lock
//! that cannot be taken at all (the lock file is a FIFO, a link, a folder, another user's)
//! proves nothing about other tutors, so it is treated the same way: read-only.

use std::fs::File;
use std::io::{Read, Seek, Write};
use std::path::Path;
use thiserror::Error;

pub const LOCK_FILE: &str = "qkv-tutor.lock";

/// Held for as long as this process owns the data folder; dropping it releases the lock.
#[derive(Debug)]
pub struct DataLock {
    _file: File,
}

#[derive(Debug, Error)]
pub enum LockError {
    #[error("another qkv-tutor{} is using {folder}", holder(*.pid))]
    Busy { folder: String, pid: Option<u32> },
    #[error("{folder}: {reason}")]
    Unavailable { folder: String, reason: String },
}

impl LockError {
    /// What a tutor that could not take the lock says: it stays read-only either way, since
    /// without the lock it cannot know that no other tutor is saving.
    #[must_use]
    pub fn read_only_reason(&self) -> String {
        match self {
            LockError::Busy { .. } => {
                format!("{self}: this one shows your progress but does not save it, so nothing of that one's is undone")
            }
            LockError::Unavailable { .. } => format!(
                "{self}: without the lock another tutor could be saving too, so this one shows your progress but does not save it"
            ),
        }
    }
}

fn holder(pid: Option<u32>) -> String {
    pid.map(|p| format!(" (process {p})")).unwrap_or_default()
}

/// Creates `dir` if needed, refusing a path that exists but is not a folder.
///
/// # Errors
/// "is not a folder", or the error from creating it.
pub fn ensure_folder(dir: &Path) -> std::io::Result<()> {
    match std::fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(_) => Err(std::io::Error::new(std::io::ErrorKind::NotADirectory, "it is not a folder")),
        Err(_) => std::fs::create_dir_all(dir),
    }
}

/// Takes the data folder's lock without waiting.
///
/// # Errors
/// [`LockError::Busy`] when another process holds it; [`LockError::Unavailable`] when the
/// folder or the lock file cannot be used at all.
pub fn lock(dir: &Path) -> Result<DataLock, LockError> {
    let folder = crate::scenario::display_name(dir);
    let unavailable =
        |e: &dyn std::fmt::Display| LockError::Unavailable { folder: folder.clone(), reason: e.to_string() };
    ensure_folder(dir).map_err(|e| unavailable(&e))?;
    let mut file = open(&dir.join(LOCK_FILE)).map_err(|e| unavailable(&e))?;
    match file.try_lock() {
        Ok(()) => {
            let _ = file.set_len(0).and_then(|()| writeln!(file, "{}", std::process::id()));
            Ok(DataLock { _file: file })
        }
        Err(std::fs::TryLockError::WouldBlock) => Err(LockError::Busy { folder, pid: read_pid(&mut file) }),
        Err(std::fs::TryLockError::Error(e)) => Err(unavailable(&e)),
    }
}

fn open(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let flags = rustix::fs::OFlags::NONBLOCK | rustix::fs::OFlags::NOFOLLOW;
        options.mode(0o600).custom_flags(i32::try_from(flags.bits()).unwrap_or(0));
    }
    let file = options.open(path).map_err(|e| named(&e, path))?;
    if let Some(kind) = crate::fsread::Kind::of(&file.metadata()?) {
        return Err(std::io::Error::other(format!("the lock file is {}", kind.describe())));
    }
    Ok(file)
}

/// Names what stands in the lock file's place when the open fails because of it.
fn named(error: &std::io::Error, path: &Path) -> std::io::Error {
    let kind = std::fs::symlink_metadata(path).ok().and_then(|meta| crate::fsread::Kind::of(&meta));
    match kind {
        Some(kind) => std::io::Error::other(format!("the lock file is {}", kind.describe())),
        None => std::io::Error::new(error.kind(), format!("cannot open the lock file: {error}")),
    }
}

fn read_pid(file: &mut File) -> Option<u32> {
    let mut text = String::new();
    file.rewind().ok()?;
    file.take(32).read_to_string(&mut text).ok()?;
    text.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_same_folder_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().expect("temp");
        let first = lock(dir.path()).expect("first");
        let error = lock(dir.path()).expect_err("busy");
        assert!(matches!(error, LockError::Busy { pid: Some(p), .. } if p == std::process::id()), "{error}");
        drop(first);
        assert!(lock(dir.path()).is_ok(), "free again");
    }

    #[test]
    #[cfg(unix)]
    fn each_lock_file_that_cannot_be_locked_is_named_and_read_only() {
        type Make = fn(&Path);
        let cases: [(&str, Make); 3] = [
            ("a FIFO", |p| assert!(std::process::Command::new("mkfifo").arg(p).status().expect("mkfifo").success())),
            ("a symbolic link", |p| std::os::unix::fs::symlink("elsewhere", p).expect("link")),
            ("a directory", |p| std::fs::create_dir(p).expect("mkdir")),
        ];
        for (kind, make) in cases {
            let dir = tempfile::tempdir().expect("temp");
            make(&dir.path().join(LOCK_FILE));
            let error = lock(dir.path()).expect_err(kind);
            assert!(matches!(error, LockError::Unavailable { .. }), "{kind}: {error}");
            assert!(error.to_string().contains(&format!("the lock file is {kind}")), "{error}");
            assert!(error.read_only_reason().contains("does not save"), "{kind}");
        }
    }

    #[test]
    fn a_file_in_place_of_the_folder_is_named_as_such() {
        let dir = tempfile::tempdir().expect("temp");
        let file = dir.path().join("plain");
        std::fs::write(&file, b"x").expect("write");
        let error = lock(&file).expect_err("not a folder").to_string();
        assert!(error.contains("is not a folder"), "{error}");
    }
}
