//! What a learner has answered, kept between sessions: Leitner boxes per question, drill
//! scores, challenge records and flags. Stored as JSON in the user's data directory.

mod lock;
mod schedule;
mod store;
mod validate;

pub use lock::{DataLock, LOCK_FILE, LockError, ensure_folder, lock};
pub use schedule::{BOX_DAYS, Grade};
pub use store::{
    BACKUP_FILE, LoadReport, MAX_BYTES, PROGRESS_FILE, ParseError, ProgressError, data_dir, disable_saving, load,
    parse, peek, read_file, save, save_private, saving_disabled,
};
pub use validate::{Invalid, MAX_COUNT, MAX_ID_CHARS, MAX_TOPIC_CHARS};

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const FORMAT_VERSION: u32 = 1;

/// One question's history. Keyed by the question's stable id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Card {
    #[serde(rename = "box")]
    pub leitner_box: u8,
    /// Unix seconds when it is next due.
    pub due: u64,
    pub seen: u32,
    pub right: u32,
    pub wrong: u32,
    pub hints: u32,
    pub topic: String,
    #[serde(default)]
    pub flagged: bool,
    pub last: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DrillRecord {
    pub at: u64,
    pub right: u32,
    pub total: u32,
    pub misses: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    pub format_version: u32,
    #[serde(default)]
    pub cards: BTreeMap<String, Card>,
    #[serde(default)]
    pub drills: Vec<DrillRecord>,
    /// Fewest edits that met each challenge.
    #[serde(default)]
    pub challenges: BTreeMap<String, u32>,
}

impl Default for Progress {
    fn default() -> Self {
        Self { format_version: FORMAT_VERSION, cards: BTreeMap::new(), drills: Vec::new(), challenges: BTreeMap::new() }
    }
}

impl Progress {
    /// Flags (or unflags) a question that seems wrong.
    pub fn toggle_flag(&mut self, id: &str, topic: &str, now: u64) -> bool {
        let card = self.cards.entry(id.to_string()).or_insert_with(|| Card::new(topic, now));
        card.flagged = !card.flagged;
        card.flagged
    }

    /// Records a challenge met in `edits` edits; true when it beats the previous best.
    pub fn record_challenge(&mut self, id: &str, edits: u32) -> bool {
        let best = self.challenges.entry(id.to_string()).or_insert(u32::MAX);
        let better = edits < *best;
        *best = (*best).min(edits);
        better
    }

    #[must_use]
    pub fn is_due(&self, id: &str, now: u64) -> bool {
        self.cards.get(id).is_none_or(|c| c.due <= now)
    }
}

impl Card {
    #[must_use]
    pub fn new(topic: &str, now: u64) -> Self {
        Self {
            leitner_box: 1,
            due: now,
            seen: 0,
            right: 0,
            wrong: 0,
            hints: 0,
            topic: topic.to_string(),
            flagged: false,
            last: now,
        }
    }
}
