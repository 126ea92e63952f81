//! Preferences remembered between runs (the theme), saved atomically beside the progress.

use crate::theme::Palette;
use serde::{Deserialize, Serialize};
use std::path::Path;

pub const SETTINGS_FILE: &str = "settings.json";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    #[serde(default)]
    pub theme: Palette,
}

/// The saved settings; a missing or unreadable file simply means the defaults.
#[must_use]
pub fn load(dir: &Path) -> Option<Settings> {
    let bytes = std::fs::read(dir.join(SETTINGS_FILE)).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Saves the settings atomically.
///
/// # Errors
/// When the folder cannot be written; the old file is then unchanged.
pub fn save(dir: &Path, settings: &Settings) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut text = serde_json::to_string_pretty(settings).map_err(std::io::Error::other)?;
    text.push('\n');
    crate::atomic::write(&dir.join(SETTINGS_FILE), text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_tolerate_damage() {
        let dir = tempfile::tempdir().expect("temp");
        assert_eq!(load(dir.path()), None);
        save(dir.path(), &Settings { theme: Palette::HighContrast }).expect("saved");
        assert_eq!(load(dir.path()), Some(Settings { theme: Palette::HighContrast }));
        std::fs::write(dir.path().join(SETTINGS_FILE), "{broken").expect("write");
        assert_eq!(load(dir.path()), None);
    }
}
