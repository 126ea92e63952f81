//! Preferences remembered between runs (the theme), saved atomically in the configuration
//! folder. A damaged or unreadable settings file is reported, never silently replaced: the
//! next save first moves it aside as `settings.json.damaged-<time>-<n>`. Settings once lived
//! beside the progress; [`migrate`] moves such a file to the configuration folder, once.

mod migrate;

pub use migrate::{Migration, migrate};

use crate::fsread::ReadError;
use crate::theme::Palette;
use serde::{Deserialize, Serialize};
use std::path::Path;
use thiserror::Error;

pub const SETTINGS_FILE: &str = "settings.json";
/// A settings file holds one short object; anything larger is not ours.
pub const MAX_FILE_BYTES: u64 = 64 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    #[serde(default)]
    pub theme: Palette,
}

/// Why the saved settings could not be used.
#[derive(Debug, Error, PartialEq, Eq)]
#[error("{path}: {reason}; the default settings are used")]
pub struct SettingsError {
    pub path: String,
    pub reason: String,
    /// True when the file is a regular file that will be moved aside by the next save.
    pub set_aside_on_save: bool,
}

/// Where settings live: the flag (or `QKV_TUTOR_CONFIG_DIR`, which clap folds into it), else
/// the user's configuration folder (`$XDG_CONFIG_HOME`, else `~/.config`; the roaming
/// AppData folder on Windows) with a `qkv-tutor` folder. `None` when there is no home folder.
#[must_use]
pub fn config_dir(flag: Option<&Path>) -> Option<std::path::PathBuf> {
    use etcetera::BaseStrategy;
    if let Some(dir) = flag.filter(|d| !d.as_os_str().is_empty()) {
        return Some(dir.to_path_buf());
    }
    let base = etcetera::choose_base_strategy().ok()?.config_dir();
    // An empty HOME would make the folder relative to wherever the tutor was started.
    Some(base.join("qkv-tutor")).filter(|d| d.is_absolute())
}

/// The saved settings: `Ok(None)` when there are none yet.
///
/// # Errors
/// When the file exists but cannot be read or parsed; it is left untouched.
pub fn load(dir: &Path) -> Result<Option<Settings>, SettingsError> {
    let path = dir.join(SETTINGS_FILE);
    let error = |reason: String, set_aside_on_save: bool| SettingsError {
        path: crate::scenario::display_name(&path),
        reason,
        set_aside_on_save,
    };
    let bytes = match crate::fsread::read(&path, MAX_FILE_BYTES) {
        Ok(bytes) => bytes,
        Err(e) if e.is_not_found() => return Ok(None),
        Err(e @ ReadError::NotRegular(_)) => return Err(error(format!("cannot read it: {e}"), false)),
        Err(e) => return Err(error(format!("cannot read it: {e}"), true)),
    };
    let text = crate::json_error::check_bytes(&bytes).map_err(|e| error(format!("damaged ({e})"), true))?;
    crate::json_error::deserialize_all(text, "struct Settings", "a JSON object with the settings")
        .map(Some)
        .map_err(|e| error(format!("damaged ({e})"), true))
}

/// Saves the settings atomically. A damaged or unreadable file already there is first
/// renamed aside, so it is never lost.
///
/// # Errors
/// When the folder cannot be written or the old file cannot be moved aside; the old file
/// is then unchanged.
pub fn save(dir: &Path, settings: &Settings) -> std::io::Result<()> {
    // Not create_dir_all alone: on a regular file it says "File exists", which misleads.
    crate::progress::ensure_folder(dir)
        .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", crate::scenario::display_name(dir))))?;
    let path = dir.join(SETTINGS_FILE);
    if let Err(SettingsError { set_aside_on_save: true, .. }) = load(dir) {
        crate::atomic::move_aside(&crate::atomic::resolve(&path)?)?;
    }
    let mut text = serde_json::to_string_pretty(settings).map_err(std::io::Error::other)?;
    text.push('\n');
    crate::atomic::write(&path, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip() {
        let dir = tempfile::tempdir().expect("temp");
        assert_eq!(load(dir.path()), Ok(None));
        save(dir.path(), &Settings { theme: Palette::HighContrast }).expect("saved");
        assert_eq!(load(dir.path()), Ok(Some(Settings { theme: Palette::HighContrast })));
    }

    #[test]
    fn a_damaged_file_is_reported_and_set_aside_before_a_save() {
        let dir = tempfile::tempdir().expect("temp");
        std::fs::write(dir.path().join(SETTINGS_FILE), "{broken").expect("write");
        let error = load(dir.path()).expect_err("damaged").to_string();
        assert!(error.contains("settings.json") && error.contains("damaged"), "{error}");
        save(dir.path(), &Settings { theme: Palette::Light }).expect("saved");
        let aside: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.to_string_lossy().contains("settings.json.damaged-"))
            .collect();
        assert_eq!(aside.len(), 1);
        assert_eq!(std::fs::read(&aside[0]).expect("read"), b"{broken");
        assert_eq!(load(dir.path()), Ok(Some(Settings { theme: Palette::Light })));
    }

    #[test]
    fn a_regular_file_in_place_of_the_folder_is_named_as_such() {
        let dir = tempfile::tempdir().expect("temp");
        let file = dir.path().join("cfg");
        std::fs::write(&file, b"x").expect("write");
        let error = save(&file, &Settings::default()).expect_err("not a folder").to_string();
        assert!(error.contains("is not a folder") && !error.contains("File exists"), "{error}");
    }

    #[test]
    fn trailing_text_and_oversized_files_are_damage() {
        let dir = tempfile::tempdir().expect("temp");
        let path = dir.path().join(SETTINGS_FILE);
        std::fs::write(&path, "{\"theme\": \"light\"} {}").expect("write");
        assert!(load(dir.path()).is_err());
        std::fs::write(&path, " ".repeat(usize::try_from(MAX_FILE_BYTES).expect("fits") + 1)).expect("write");
        assert!(load(dir.path()).expect_err("too large").to_string().contains("larger than 64 KiB"));
    }
}
