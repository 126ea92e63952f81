//! Performs the effects `update` returns: the only code between the app and the disk. Each
//! result goes back to the app as a `Done` message.

use crate::app::{App, Message};
use crate::class::Classroom;
use crate::effect::{Done, Effect, EffectError, SaveRefusal};
use crate::scenario::display_name;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where effects may write: a served session gets a runner that writes nothing.
#[derive(Debug, Clone, Default)]
pub struct Runner {
    /// Where progress is saved; `None` keeps it in memory.
    pub data_dir: Option<PathBuf>,
    /// Where settings (the theme) are saved; `None` keeps them in memory.
    pub config_dir: Option<PathBuf>,
    /// Where handouts are written; `None` refuses them.
    pub handout_dir: Option<PathBuf>,
    /// Whether presenter mode publishes speaker notes.
    pub publish_notes: bool,
    /// A session served over SSH: no file the student names is read or written on the
    /// teacher's machine.
    pub remote: bool,
    /// Class mode: the room shared by the presenter and the served students.
    pub classroom: Option<Arc<Classroom>>,
    /// Class mode, a served session: which student this is, and the name they gave.
    pub student: Option<(u64, Option<String>)>,
}

impl Runner {
    /// Performs one effect.
    #[must_use]
    pub fn perform(&self, effect: Effect) -> Option<Done> {
        if let Some(done) = self.perform_class(&effect) {
            return done;
        }
        if self.remote {
            return self.perform_remote(effect);
        }
        Some(match effect {
            Effect::SaveProgress(progress) => Done::ProgressSaved(self.save_progress(&progress)),
            Effect::SaveSettings(settings) => Done::SettingsSaved(match &self.config_dir {
                Some(dir) => crate::settings::save(dir, &settings).map_err(|e| EffectError::failed(&e)),
                None => Ok(()),
            }),
            Effect::WriteHandout(text) => Done::HandoutWritten(self.write_handout(&text)),
            Effect::SaveScenario { path, scenario, overwrite } => {
                let result = save_scenario(&path, &scenario, overwrite);
                Done::ScenarioSaved { path, result }
            }
            Effect::OpenScenario(path) => {
                let result = crate::scenario::load(&path).map(Box::new).map_err(|e| EffectError::failed(&e));
                Done::ScenarioOpened { path, result }
            }
            Effect::PublishNotes(notes) if self.publish_notes => {
                Done::NotesPublished(crate::notes::publish(&notes).map_err(|e| EffectError::failed(&e)))
            }
            Effect::PublishNotes(_) | Effect::ClassAsk(_) | Effect::ClassReveal | Effect::ClassAnswer { .. } => {
                return None;
            }
        })
    }

    /// Class effects, when this is one: `Some(result)`; anything else is `None`.
    #[allow(clippy::option_option, reason = "outer: was it a class effect; inner: its result, if any")]
    fn perform_class(&self, effect: &Effect) -> Option<Option<Done>> {
        let class = self.classroom.as_deref();
        match (effect, class) {
            (Effect::ClassAsk(question), Some(class)) => class.ask(question.as_deref().cloned()),
            (Effect::ClassReveal, Some(class)) => class.reveal(),
            (Effect::ClassAnswer { id, text }, Some(class)) => {
                let (student, name) = self.student.clone().unwrap_or((0, None));
                let result = class.answer(student, name.as_deref(), *id, text);
                return Some(Some(Done::ClassAnswered(result)));
            }
            (Effect::ClassAsk(_) | Effect::ClassReveal | Effect::ClassAnswer { .. }, None) => {}
            _ => return None,
        }
        Some(None)
    }

    /// Class mode: brings the app up to date with the room (a student's question, the
    /// projector's tally). True when something changed and the screen needs drawing.
    pub fn sync_class(&self, app: &mut App) -> bool {
        let Some(class) = self.classroom.as_deref() else { return false };
        let message = if let Some((session, name)) = &self.student {
            let view = class.view(*session, name.as_deref());
            if app.class_view() == view.as_ref() {
                return false;
            }
            Message::ClassView(view.map(Box::new))
        } else {
            let tally = class.tally();
            if app.class_tally() == Some(&tally) {
                return false;
            }
            Message::ClassTally(Box::new(tally))
        };
        self.drive(app, message);
        true
    }

    fn perform_remote(&self, effect: Effect) -> Option<Done> {
        Some(match effect {
            Effect::WriteHandout(_) => Done::HandoutWritten(Err(EffectError::Remote)),
            Effect::SaveScenario { path, .. } => {
                Done::ScenarioSaved { path, result: Err(SaveRefusal::Failed(EffectError::Remote)) }
            }
            Effect::OpenScenario(path) => Done::ScenarioOpened { path, result: Err(EffectError::Remote) },
            Effect::PublishNotes(_) | Effect::ClassAsk(_) | Effect::ClassReveal | Effect::ClassAnswer { .. } => {
                return None;
            }
            Effect::SaveProgress(progress) => Done::ProgressSaved(self.save_progress(&progress)),
            Effect::SaveSettings(_) => Done::SettingsSaved(Ok(())),
        })
    }

    fn save_progress(&self, progress: &crate::progress::Progress) -> Result<(), EffectError> {
        match &self.data_dir {
            // A served student's progress sits on the teacher's disk: theirs alone from the
            // first write, not only once the session ends.
            Some(dir) if self.remote => {
                crate::progress::save_private(dir, progress).map_err(|e| EffectError::failed(&e))
            }
            Some(dir) => crate::progress::save(dir, progress).map_err(|e| EffectError::failed(&e)),
            None => Ok(()),
        }
    }

    fn write_handout(&self, text: &str) -> Result<String, EffectError> {
        let dir = self.handout_dir.as_ref().ok_or(EffectError::NoHandoutFolder)?;
        let path = crate::atomic::write_new(&dir.join("qkv-tutor-handout.md"), text.as_bytes())
            .map_err(|e| EffectError::failed(&e))?;
        Ok(display_name(&std::fs::canonicalize(&path).unwrap_or(path)))
    }

    /// Sends a message, performs every effect it returns (and those their results return)
    /// and hands each result back, so one call settles the app.
    pub fn drive(&self, app: &mut App, message: Message) {
        let effects = app.update(message);
        self.settle(app, effects);
    }

    /// Performs effects and hands each result back to the app, until nothing is left.
    pub fn settle(&self, app: &mut App, effects: Vec<Effect>) {
        let mut pending = effects;
        // Results rarely cause more effects; the bound only guards against a loop.
        for _ in 0..16 {
            let done: Vec<Done> = pending.drain(..).filter_map(|e| self.perform(e)).collect();
            if done.is_empty() {
                return;
            }
            for result in done {
                pending.extend(app.update(Message::Done(result)));
            }
        }
    }
}

fn save_scenario(path: &Path, scenario: &crate::scenario::Scenario, overwrite: bool) -> Result<(), SaveRefusal> {
    if !overwrite && std::fs::symlink_metadata(path).is_ok() {
        return Err(SaveRefusal::Exists);
    }
    crate::scenario::save(path, scenario).map_err(|e| SaveRefusal::Failed(EffectError::failed(&e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_remote_session_refuses_the_teachers_files_and_says_why() {
        let remote = Runner { remote: true, handout_dir: Some(std::env::temp_dir()), ..Runner::default() };
        let handout = remote.perform(Effect::WriteHandout("# notes".into()));
        assert_eq!(handout, Some(Done::HandoutWritten(Err(EffectError::Remote))));
        let path = PathBuf::from("/etc/passwd");
        let opened = remote.perform(Effect::OpenScenario(path.clone()));
        assert_eq!(opened, Some(Done::ScenarioOpened { path, result: Err(EffectError::Remote) }));
        assert!(EffectError::Remote.to_string().contains("files stay on the teacher's computer"));
    }

    #[test]
    fn a_handout_without_a_folder_and_a_failed_open_are_errors_with_their_reason() {
        let local = Runner::default();
        let handout = local.perform(Effect::WriteHandout("# notes".into()));
        assert_eq!(handout, Some(Done::HandoutWritten(Err(EffectError::NoHandoutFolder))));
        let dir = tempfile::tempdir().expect("temp");
        let missing = dir.path().join("missing.json");
        let Some(Done::ScenarioOpened { result: Err(EffectError::Failed(reason)), .. }) =
            local.perform(Effect::OpenScenario(missing))
        else {
            panic!("a missing file is a failure");
        };
        assert!(reason.contains("missing.json"), "{reason}");
    }
}
