//! Settings used to be saved in the data folder. The first start that finds one there moves
//! it to the configuration folder: a hard link then an unlink (which cannot replace a file
//! already there, unlike a rename), or across file systems a copy into a new file then the
//! unlink. The file is moved as it is, damaged or not; it is never lost, and it never
//! replaces a settings file the configuration folder already has.

use super::SETTINGS_FILE;
use crate::scenario::display_name;
use std::io;
use std::path::{Path, PathBuf};

/// What [`migrate`] did, for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Migration {
    /// The old file is now the configuration folder's settings file.
    Moved { from: PathBuf, to: PathBuf },
    /// The old file is still where it was, and why.
    Kept { from: PathBuf, to: PathBuf, reason: String },
}

impl std::fmt::Display for Migration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Migration::Moved { from, to } => {
                write!(f, "settings moved from {} to {}", display_name(from), display_name(to))
            }
            Migration::Kept { from, to, reason } => write!(
                f,
                "{} was not moved to {} ({}); it is not used",
                display_name(from),
                display_name(to),
                crate::sanitize::escape(reason)
            ),
        }
    }
}

/// Moves `data_dir`'s settings file into `config_dir`, if there is one to move.
#[must_use]
pub fn migrate(data_dir: &Path, config_dir: &Path) -> Option<Migration> {
    let from = data_dir.join(SETTINGS_FILE);
    let to = config_dir.join(SETTINGS_FILE);
    let meta = std::fs::symlink_metadata(&from).ok()?;
    if same_folder(data_dir, config_dir) {
        return None;
    }
    if std::fs::symlink_metadata(&to).is_ok() {
        let reason = "a settings file is already there".to_string();
        return Some(Migration::Kept { from, to, reason });
    }
    match crate::progress::ensure_folder(config_dir).and_then(|()| move_new(&from, &to, &meta)) {
        Ok(()) => Some(Migration::Moved { from, to }),
        Err(e) => Some(Migration::Kept { from, to, reason: e.to_string() }),
    }
}

fn same_folder(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => std::path::absolute(a).ok() == std::path::absolute(b).ok(),
    }
}

/// Moves `from` to `to`, which must not exist; `from` is removed only once `to` holds it.
fn move_new(from: &Path, to: &Path, meta: &std::fs::Metadata) -> io::Result<()> {
    if meta.file_type().is_symlink() {
        return relink(from, to);
    }
    match std::fs::hard_link(from, to) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Err(e),
        Err(_) if meta.is_file() => copy_new(from, to)?,
        Err(e) => return Err(e),
    }
    // Nothing is deleted until the new file reads back; a FIFO or device is never read.
    if meta.is_file()
        && let Err(e) = same_through_both(from, to)
    {
        let _ = std::fs::remove_file(to);
        return Err(e);
    }
    std::fs::remove_file(from)
}

/// A dotfile manager's link moves as a link to the same file. Its target is resolved to an
/// absolute path first (a relative target, or a relative data folder, would point elsewhere
/// from the new folder), and the old link is removed only once the new one reads back the
/// same bytes.
#[cfg(unix)]
fn relink(from: &Path, to: &Path) -> io::Result<()> {
    let target = std::fs::canonicalize(from)?;
    std::os::unix::fs::symlink(&target, to)?;
    if let Err(e) = same_through_both(from, to) {
        let _ = std::fs::remove_file(to);
        return Err(e);
    }
    std::fs::remove_file(from)
}

fn same_through_both(from: &Path, to: &Path) -> io::Result<()> {
    let read = |p: &Path| crate::fsread::read(p, super::MAX_FILE_BYTES).map_err(io::Error::other);
    if read(from)? == read(to)? {
        Ok(())
    } else {
        Err(io::Error::other("the new link does not read back the same settings"))
    }
}

#[cfg(not(unix))]
fn relink(_from: &Path, _to: &Path) -> io::Result<()> {
    Err(io::Error::other("it is a symbolic link; move it by hand"))
}

/// Copies into a new file (never over one), flushed to disk; a failed copy leaves no part.
fn copy_new(from: &Path, to: &Path) -> io::Result<()> {
    let mut source = std::fs::File::open(from)?;
    if !source.metadata()?.is_file() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "it is not a regular file"));
    }
    let mut target = std::fs::OpenOptions::new().write(true).create_new(true).open(to)?;
    let copied = io::copy(&mut source, &mut target).and_then(|_| target.sync_all());
    if copied.is_err() {
        let _ = std::fs::remove_file(to);
    }
    copied
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folders() -> (tempfile::TempDir, PathBuf, PathBuf) {
        let base = tempfile::tempdir().expect("temp");
        let (data, config) = (base.path().join("data"), base.path().join("config").join("qkv-tutor"));
        std::fs::create_dir_all(&data).expect("mkdir");
        (base, data, config)
    }

    #[test]
    fn an_old_file_moves_once_byte_for_byte_even_when_damaged() {
        let (_base, data, config) = folders();
        std::fs::write(data.join(SETTINGS_FILE), b"{\"theme\": ").expect("write");
        let moved = migrate(&data, &config).expect("something to say");
        assert!(matches!(moved, Migration::Moved { .. }), "{moved}");
        assert!(moved.to_string().contains("settings moved from"), "{moved}");
        assert!(!data.join(SETTINGS_FILE).exists(), "the old one is gone");
        assert_eq!(std::fs::read(config.join(SETTINGS_FILE)).expect("moved"), b"{\"theme\": ");
        assert_eq!(migrate(&data, &config), None, "the second start has nothing to move");
    }

    #[test]
    fn an_existing_configuration_file_is_never_replaced() {
        let (_base, data, config) = folders();
        std::fs::create_dir_all(&config).expect("mkdir");
        std::fs::write(data.join(SETTINGS_FILE), b"old").expect("write");
        std::fs::write(config.join(SETTINGS_FILE), b"new").expect("write");
        let kept = migrate(&data, &config).expect("something to say");
        assert!(matches!(kept, Migration::Kept { .. }) && kept.to_string().contains("already there"), "{kept}");
        assert_eq!(std::fs::read(data.join(SETTINGS_FILE)).expect("kept"), b"old");
        assert_eq!(std::fs::read(config.join(SETTINGS_FILE)).expect("kept"), b"new");
    }

    #[test]
    fn nothing_to_move_or_one_folder_for_both_says_nothing() {
        let (_base, data, config) = folders();
        assert_eq!(migrate(&data, &config), None);
        std::fs::write(data.join(SETTINGS_FILE), b"{}").expect("write");
        assert_eq!(migrate(&data, &data), None);
        assert!(data.join(SETTINGS_FILE).exists());
    }

    #[test]
    #[cfg(unix)]
    fn a_relative_link_from_a_relative_data_folder_still_resolves_after_the_move() {
        let base = tempfile::tempdir().expect("temp");
        let root = base.path().canonicalize().expect("absolute");
        for folder in ["data", "dot", "cfg"] {
            std::fs::create_dir_all(root.join(folder)).expect("mkdir");
        }
        std::fs::write(root.join("dot/s.json"), b"{\"theme\": \"light\"}").expect("write");
        std::os::unix::fs::symlink("../dot/s.json", root.join("data").join(SETTINGS_FILE)).expect("link");
        // Relative folders, as `--data-dir data --config-dir cfg` from `root` would give.
        let relative = |p: &str| pathdiff(&root.join(p));
        let moved = migrate(&relative("data"), &relative("cfg")).expect("something to say");
        assert!(matches!(moved, Migration::Moved { .. }), "{moved}");
        let new = root.join("cfg").join(SETTINGS_FILE);
        assert!(std::fs::read_link(&new).expect("a link").is_absolute());
        assert_eq!(std::fs::read(&new).expect("resolves"), b"{\"theme\": \"light\"}");
        assert!(std::fs::symlink_metadata(root.join("data").join(SETTINGS_FILE)).is_err(), "the old link went");
    }

    /// `path` relative to the current folder, climbing with `..` as far as needed.
    fn pathdiff(path: &Path) -> PathBuf {
        let here = std::env::current_dir().expect("cwd").canonicalize().expect("absolute");
        let common = here.ancestors().find(|a| path.starts_with(a)).expect("a common root");
        let ups = here.strip_prefix(common).expect("prefix").components().count();
        let mut out: PathBuf = std::iter::repeat_n("..", ups).collect();
        out.push(path.strip_prefix(common).expect("prefix"));
        out
    }

    #[test]
    fn a_copy_never_writes_over_a_file_and_a_link_keeps_its_target() {
        let (base, data, config) = folders();
        std::fs::create_dir_all(&config).expect("mkdir");
        let (from, to) = (data.join(SETTINGS_FILE), config.join(SETTINGS_FILE));
        std::fs::write(&from, b"mine").expect("write");
        std::fs::write(&to, b"theirs").expect("write");
        assert!(copy_new(&from, &to).is_err());
        assert_eq!(std::fs::read(&to).expect("read"), b"theirs");
        std::fs::remove_file(&to).expect("rm");
        copy_new(&from, &to).expect("copied");
        assert_eq!(std::fs::read(&to).expect("read"), b"mine");
        #[cfg(unix)]
        {
            std::fs::remove_file(&to).expect("rm");
            std::fs::remove_file(&from).expect("rm");
            std::fs::write(base.path().join("real.json"), b"linked").expect("write");
            std::os::unix::fs::symlink("../real.json", &from).expect("link");
            assert!(matches!(migrate(&data, &config), Some(Migration::Moved { .. })));
            assert!(std::fs::symlink_metadata(&to).expect("meta").file_type().is_symlink());
            assert_eq!(std::fs::read(&to).expect("through the link"), b"linked");
        }
    }
}
