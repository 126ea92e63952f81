//! Saving without ever leaving a torn file: write a temporary file in the same folder, flush
//! it to disk, rename it over the target, then flush the folder. A kill at any moment leaves
//! either the old file or the new one.
//!
//! A symbolic link (a dotfile manager's `progress.json`) is followed to the file it names,
//! and that file is replaced, so the link stays a link. Anything that is not a regular file
//! (`/dev/stdout`, `/dev/null`, a FIFO) is refused: renaming over it would replace a device
//! node with a file, and writing into it would not be a save.

mod names;

pub use names::{clean_stale_temps, free_path, move_aside, temp_path, write_new};

use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Links followed before giving up, as the kernel does.
const MAX_LINKS: usize = 40;

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The file a save to `path` really replaces: `path` itself, or the end of its chain of
/// symbolic links (which need not exist yet).
///
/// # Errors
/// A loop of links, or a link that cannot be read.
pub fn resolve(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = std::fs::read_link(&current)?;
                current = folder_of(&current).join(target);
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// Refuses a target that exists and is not a regular file (links followed).
fn check_target(target: &Path) -> io::Result<Option<std::fs::Permissions>> {
    match std::fs::metadata(target) {
        Ok(meta) => match crate::fsread::Kind::of(&meta) {
            None => Ok(Some(meta.permissions())),
            Some(kind) => Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("it is {}, not a regular file; nothing was written", kind.describe()),
            )),
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Writes `bytes` to `path` atomically, through any symbolic link; an existing file keeps
/// its permissions.
///
/// # Errors
/// Any I/O error, or a target that is not a regular file; the target is then unchanged and
/// no temporary file is left behind.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_mode(path, bytes, None)
}

/// As [`write`], but the file is readable by its owner only (mode 0600).
///
/// # Errors
/// As [`write`].
pub fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_mode(path, bytes, Some(0o600))
}

fn write_mode(path: &Path, bytes: &[u8], mode: Option<u32>) -> io::Result<()> {
    // Checked through the kernel's own resolution first: magic links such as /dev/stdout ->
    // /proc/self/fd/1 -> pipe:[...] name no path that `resolve` could follow.
    let existing = check_target(path)?;
    let target = resolve(path)?;
    let (temp, mut file) = names::create_temp(&target, mode)?;
    let result =
        fill(&mut file, bytes, existing.filter(|_| mode.is_none())).and_then(|()| std::fs::rename(&temp, &target));
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
        return result;
    }
    sync_folder(&target);
    Ok(())
}

fn fill(file: &mut std::fs::File, bytes: &[u8], permissions: Option<std::fs::Permissions>) -> io::Result<()> {
    if let Some(permissions) = permissions {
        file.set_permissions(permissions)?;
    }
    file.write_all(bytes)?;
    file.sync_all()
}

fn sync_folder(path: &Path) {
    if let Ok(dir) = std::fs::File::open(folder_of(path)) {
        let _ = dir.sync_all();
    }
}

// Links, devices and modes: the Unix behaviour these tests pin down.
#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_symlinked_file_is_replaced_behind_its_link() {
        let dir = tempfile::tempdir().expect("temp");
        let real = dir.path().join("dotfiles").join("progress.json");
        std::fs::create_dir(real.parent().expect("parent")).expect("mkdir");
        std::fs::write(&real, b"old").expect("write");
        let link = dir.path().join("progress.json");
        std::os::unix::fs::symlink("dotfiles/progress.json", &link).expect("link");
        write(&link, b"new").expect("saved");
        assert!(std::fs::symlink_metadata(&link).expect("meta").file_type().is_symlink(), "still a link");
        assert_eq!(std::fs::read(&real).expect("read"), b"new");
    }

    #[test]
    fn a_dangling_link_creates_its_target() {
        let dir = tempfile::tempdir().expect("temp");
        let link = dir.path().join("settings.json");
        std::os::unix::fs::symlink("real.json", &link).expect("link");
        write(&link, b"x").expect("saved");
        assert_eq!(std::fs::read(dir.path().join("real.json")).expect("read"), b"x");
    }

    #[test]
    fn devices_and_folders_are_refused_untouched() {
        let dir = tempfile::tempdir().expect("temp");
        let error = write(Path::new("/dev/null"), b"x").expect_err("a device").to_string();
        assert!(error.contains("is a character device"), "{error}");
        assert!(std::os::unix::fs::FileTypeExt::is_char_device(
            &std::fs::metadata("/dev/null").expect("meta").file_type()
        ));
        let error = write(dir.path(), b"x").expect_err("a folder").to_string();
        assert!(error.contains("is a directory"), "{error}");
        assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 0, "no temporary file left");
    }

    #[test]
    fn an_existing_files_permissions_are_kept_and_private_files_are_0600() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp");
        let path = dir.path().join("p.json");
        std::fs::write(&path, b"old").expect("write");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        write(&path, b"new").expect("saved");
        assert_eq!(std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777, 0o640);
        let private = dir.path().join("notes.json");
        write_private(&private, b"n").expect("saved");
        assert_eq!(std::fs::metadata(&private).expect("meta").permissions().mode() & 0o777, 0o600);
    }
}
