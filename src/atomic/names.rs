//! The names around a save: temporary files that can never collide (and their cleanup after
//! a killed save), damaged files moved aside, and free names for files that must never
//! overwrite anything (the handout).

use super::folder_of;
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A temporary file this old is left over from a killed save, whoever made it.
const STALE_AFTER: Duration = Duration::from_secs(10);

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned())
}

fn nanos() -> u128 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos())
}

/// A fresh temporary name for writing `path`: `.NAME.PID-COUNTER-NANOS.tmp` in the same
/// folder. The process id, a per-process counter and the time make it unique.
#[must_use]
pub fn temp_path(path: &Path) -> PathBuf {
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let name = format!(".{}.{}-{count}-{}.tmp", file_name(path), std::process::id(), nanos() % 1_000_000_000);
    folder_of(path).join(name)
}

/// Creates a temporary file for `path` that did not exist before, with `mode` if given.
pub(super) fn create_temp(path: &Path, mode: Option<u32>) -> io::Result<(PathBuf, File)> {
    let mut last = io::Error::other("no temporary name was free");
    for _ in 0..16 {
        let temp = temp_path(path);
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        if let Some(mode) = mode {
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, mode);
        }
        match options.open(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = e,
            Err(e) => return Err(e),
        }
    }
    Err(last)
}

/// The process id in one of our temporary names (`.NAME.PID.tmp` from older builds, or
/// `.NAME.PID-COUNTER-NANOS.tmp`), or `None` when the name is not ours.
fn temp_owner(name: &str) -> Option<u32> {
    let stem = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (target, tag) = stem.rsplit_once('.')?;
    let mut parts = tag.split('-');
    let pid = parts.next()?;
    let rest: Vec<&str> = parts.collect();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let shaped = rest.is_empty() || (rest.len() == 2 && rest.iter().all(|s| digits(s)));
    (!target.is_empty() && digits(pid) && shaped).then(|| pid.parse().ok()).flatten()
}

/// Removes temporary files left in `dir` by killed saves: only regular files named in our
/// pattern, and only when their process is gone or they are older than a save can take.
/// Returns how many were removed.
pub fn clean_stale_temps(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(temp_owner) else { continue };
        let Ok(meta) = std::fs::symlink_metadata(entry.path()) else { continue };
        let old = meta.modified().ok().and_then(|m| m.elapsed().ok()).is_some_and(|age| age > STALE_AFTER);
        let orphaned = pid != std::process::id() && !crate::pid::alive(pid);
        if meta.file_type().is_file() && (old || orphaned) && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// `path` if nothing is there, else the first of `NAME-2.EXT`, `NAME-3.EXT`, ... that is free.
#[must_use]
pub fn free_path(path: &Path) -> PathBuf {
    let taken = |p: &Path| std::fs::symlink_metadata(p).is_ok();
    if !taken(path) {
        return path.to_path_buf();
    }
    let stem = path.file_stem().map_or_else(|| "file".into(), |s| s.to_string_lossy().into_owned());
    let ext = path.extension().map(|e| format!(".{}", e.to_string_lossy())).unwrap_or_default();
    (2..10_000)
        .map(|n| path.with_file_name(format!("{stem}-{n}{ext}")))
        .find(|p| !taken(p))
        .unwrap_or_else(|| path.with_file_name(format!("{stem}-{}{ext}", nanos())))
}

/// Writes a new file at [`free_path`] of `path` and returns where it went. The file is
/// created exclusively, so even a name taken a moment after the check is never overwritten.
///
/// # Errors
/// When no file can be created in the folder.
pub fn write_new(path: &Path, bytes: &[u8]) -> io::Result<PathBuf> {
    for _ in 0..16 {
        let candidate = free_path(path);
        match OpenOptions::new().write(true).create_new(true).open(&candidate) {
            Ok(mut file) => {
                file.write_all(bytes)?;
                file.sync_all()?;
                return Ok(candidate);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("no free file name was found"))
}

/// Renames a damaged file to `NAME.damaged-TIME-N`, byte for byte as it was, and returns
/// the new name.
///
/// # Errors
/// When the rename fails; the file is then where it was.
pub fn move_aside(path: &Path) -> io::Result<PathBuf> {
    let stamp = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let name = file_name(path);
    let target = (0..1000)
        .map(|n| path.with_file_name(format!("{name}.damaged-{stamp}-{n}")))
        .find(|candidate| std::fs::symlink_metadata(candidate).is_err())
        .ok_or_else(|| io::Error::other("no free name to move it to"))?;
    std::fs::rename(path, &target)?;
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_never_repeat_and_are_recognised() {
        let path = Path::new("/data/progress.json");
        let (a, b) = (temp_path(path), temp_path(path));
        assert_ne!(a, b);
        let name = a.file_name().and_then(|n| n.to_str()).expect("name");
        assert_eq!(temp_owner(name), Some(std::process::id()));
        assert_eq!(temp_owner(".progress.json.12345.tmp"), Some(12345));
        for other in ["progress.json", ".progress.json.tmp", ".x.12a.tmp", "..1.tmp", ".a.1-2.tmp", ".a.1-2-x.tmp"] {
            assert_eq!(temp_owner(other), None, "{other}");
        }
    }

    #[test]
    fn leftovers_of_dead_processes_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().expect("temp");
        let mut child = std::process::Command::new("true").spawn().expect("spawn");
        let dead = child.id();
        child.wait().expect("wait");
        let leftover = dir.path().join(format!(".progress.json.{dead}-0-1.tmp"));
        let old_style = dir.path().join(format!(".settings.json.{dead}.tmp"));
        let live = dir.path().join(format!(".progress.json.{}-9-9.tmp", std::process::id()));
        let unrelated = dir.path().join(format!("notes.{dead}.tmp"));
        for path in [&leftover, &old_style, &live, &unrelated] {
            std::fs::write(path, b"torn").expect("write");
        }
        assert_eq!(clean_stale_temps(dir.path()), 2);
        assert!(!leftover.exists() && !old_style.exists());
        assert!(live.exists(), "a save in progress in a live process is left alone");
        assert!(unrelated.exists(), "only our own pattern is touched");
    }

    #[test]
    fn free_paths_count_up_and_write_new_never_overwrites() {
        let dir = tempfile::tempdir().expect("temp");
        let path = dir.path().join("qkv-tutor-handout.md");
        assert_eq!(free_path(&path), path);
        std::fs::write(&path, b"edited by hand").expect("write");
        assert_eq!(free_path(&path), dir.path().join("qkv-tutor-handout-2.md"));
        let written = write_new(&path, b"one").expect("written");
        assert_eq!(written, dir.path().join("qkv-tutor-handout-2.md"));
        assert_eq!(write_new(&path, b"two").expect("written"), dir.path().join("qkv-tutor-handout-3.md"));
        assert_eq!(std::fs::read(&path).expect("read"), b"edited by hand");
    }

    #[test]
    fn a_damaged_file_moves_aside_unchanged() {
        let dir = tempfile::tempdir().expect("temp");
        let path = dir.path().join("settings.json");
        std::fs::write(&path, b"{broken").expect("write");
        let moved = move_aside(&path).expect("moved");
        assert!(!path.exists());
        assert!(moved.to_string_lossy().contains("settings.json.damaged-"));
        assert_eq!(std::fs::read(moved).expect("read"), b"{broken");
    }
}
