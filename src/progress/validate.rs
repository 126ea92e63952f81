//! What a progress file may hold. Ids and topics are printed by `qkv-tutor progress` and
//! shown in the tutor, so a planted or imported file must not smuggle escape sequences or
//! screen-filling names in; counters must leave room to count on without overflowing.

use super::{Card, DrillRecord, Progress};
use crate::progress::BOX_DAYS;

/// Question and challenge ids: at most this many characters of `A-Z a-z 0-9 . _ -`.
pub const MAX_ID_CHARS: usize = 64;
/// Topic names: at most this many characters of the same set.
pub const MAX_TOPIC_CHARS: usize = 32;
/// Any one counter (seen, right, wrong, hints, a drill's total).
pub const MAX_COUNT: u32 = 10_000_000;
/// Cards, drills or challenge records in one file.
pub const MAX_ENTRIES: usize = 10_000;

/// The first invalid entry in a progress file, named by its field (`cards["q"].seen`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Invalid {
    #[error("{field}: has {n} entries; at most {max} are allowed")]
    TooMany { field: &'static str, n: usize, max: usize },
    #[error("{field}: the {what} must be 1 to {max} characters of letters, digits, '.', '_' and '-'")]
    Name { field: String, what: &'static str, max: usize },
    #[error("{field}: {value} is more than {max}")]
    Counter { field: String, value: u32, max: u32 },
    #[error("{field}.box: {value} is not a box from 1 to {boxes}")]
    Box { field: String, value: u8, boxes: usize },
    #[error("{field}: right + wrong ({right} + {wrong}) is more than seen ({seen})")]
    MoreThanSeen { field: String, right: u32, wrong: u32, seen: u32 },
    #[error("{field}.right: {right} is more than the total {total}")]
    DrillRight { field: String, right: u32, total: u32 },
    #[error("{field}.misses: {} in a drill of {total}", if *misses == 1 { "1 miss".to_string() } else { format!("{misses} misses") })]
    DrillMisses { field: String, misses: usize, total: u32 },
}

/// The first invalid entry, or `Ok`.
///
/// # Errors
/// The entry and what is wrong with it, such as `cards["a b"]: the id ...`.
pub fn check(progress: &Progress) -> Result<(), Invalid> {
    count("cards", progress.cards.len())?;
    count("drills", progress.drills.len())?;
    count("challenges", progress.challenges.len())?;
    for (id, card) in &progress.cards {
        let field = format!("cards[{}]", quoted(id));
        name(&field, "id", id, MAX_ID_CHARS)?;
        self::card(&field, card)?;
    }
    for (i, drill) in progress.drills.iter().enumerate() {
        self::drill(&format!("drills[{i}]"), drill)?;
    }
    for id in progress.challenges.keys() {
        name(&format!("challenges[{}]", quoted(id)), "id", id, MAX_ID_CHARS)?;
    }
    Ok(())
}

fn count(field: &'static str, n: usize) -> Result<(), Invalid> {
    if n > MAX_ENTRIES {
        return Err(Invalid::TooMany { field, n, max: MAX_ENTRIES });
    }
    Ok(())
}

/// The id as it may appear in a message: escaped and cut short.
fn quoted(id: &str) -> String {
    let cut: String = id.chars().take(MAX_ID_CHARS).collect();
    let more = if id.chars().count() > MAX_ID_CHARS { "…" } else { "" };
    format!("\"{}{more}\"", crate::sanitize::escape(&cut))
}

fn name(field: &str, what: &'static str, text: &str, max: usize) -> Result<(), Invalid> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-');
    if text.is_empty() || text.chars().count() > max || !text.chars().all(allowed) {
        return Err(Invalid::Name { field: field.to_owned(), what, max });
    }
    Ok(())
}

fn counter(field: &str, value: u32) -> Result<(), Invalid> {
    if value > MAX_COUNT {
        return Err(Invalid::Counter { field: field.to_owned(), value, max: MAX_COUNT });
    }
    Ok(())
}

fn card(field: &str, card: &Card) -> Result<(), Invalid> {
    name(&format!("{field}.topic"), "topic", &card.topic, MAX_TOPIC_CHARS)?;
    let boxes = BOX_DAYS.len();
    if card.leitner_box == 0 || usize::from(card.leitner_box) > boxes {
        return Err(Invalid::Box { field: field.to_owned(), value: card.leitner_box, boxes });
    }
    for (which, value) in [("seen", card.seen), ("right", card.right), ("wrong", card.wrong), ("hints", card.hints)] {
        counter(&format!("{field}.{which}"), value)?;
    }
    if u64::from(card.right) + u64::from(card.wrong) > u64::from(card.seen) {
        let (right, wrong, seen) = (card.right, card.wrong, card.seen);
        return Err(Invalid::MoreThanSeen { field: field.to_owned(), right, wrong, seen });
    }
    Ok(())
}

fn drill(field: &str, drill: &DrillRecord) -> Result<(), Invalid> {
    counter(&format!("{field}.total"), drill.total)?;
    let total = drill.total;
    if drill.right > total {
        return Err(Invalid::DrillRight { field: field.to_owned(), right: drill.right, total });
    }
    if drill.misses.len() as u64 > u64::from(total) {
        return Err(Invalid::DrillMisses { field: field.to_owned(), misses: drill.misses.len(), total });
    }
    for (i, id) in drill.misses.iter().enumerate() {
        name(&format!("{field}.misses[{i}]"), "id", id, MAX_ID_CHARS)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::Grade;

    fn with_card(id: &str, topic: &str) -> Progress {
        let mut p = Progress::default();
        p.record(id, topic, Grade::Good, 0, 100);
        p
    }

    #[test]
    fn sane_progress_passes() {
        let mut p = with_card("recall-three-views", "recall");
        p.drills.push(DrillRecord { at: 1, right: 1, total: 2, misses: vec!["shapes-q".into()] });
        p.record_challenge("challenge-equal-scores", 3);
        assert_eq!(check(&p), Ok(()));
    }

    #[test]
    fn hostile_names_are_refused_and_shown_escaped() {
        for (id, topic) in
            [("a\u{1b}]52;c;eA==\u{7}", "recall"), ("ok", "\u{9b}2J"), ("\u{202E}x", "recall"), ("", "recall")]
        {
            let error = check(&with_card(id, topic)).expect_err("refused").to_string();
            assert!(!error.chars().any(crate::sanitize::is_dangerous), "{error:?}");
        }
        let long = "x".repeat(MAX_ID_CHARS + 1);
        let error = check(&with_card(&long, "recall")).expect_err("too long").to_string();
        assert!(error.contains('…') && error.len() < 200, "{error}");
    }

    #[test]
    fn impossible_counters_and_drills_are_refused() {
        let mut p = with_card("q", "recall");
        p.cards.get_mut("q").expect("card").right = 5;
        assert!(check(&p).expect_err("right > seen").to_string().contains("more than seen"));
        let mut p = with_card("q", "recall");
        p.cards.get_mut("q").expect("card").leitner_box = 9;
        assert!(check(&p).expect_err("box").to_string().contains("box"));
        let mut p = Progress::default();
        p.drills.push(DrillRecord { at: 1, right: 3, total: 2, misses: Vec::new() });
        assert!(check(&p).expect_err("drill").to_string().contains("drills[0].right"));
        let mut p = Progress::default();
        p.drills.push(DrillRecord { at: 1, right: 0, total: u32::MAX, misses: Vec::new() });
        assert!(check(&p).expect_err("drill").to_string().contains("drills[0].total"));
    }
}
