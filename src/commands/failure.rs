//! Which kind of failure ended a command, and so its exit status: the user's to fix (a wrong
//! flag, a bad file: 2) or the machine's (a write that failed, a port in use: 1).

use qkv_tutor::engine::EngineError;
use qkv_tutor::fsread::ReadError;
use qkv_tutor::lesson::LessonError;
use qkv_tutor::progress::LockError;
use qkv_tutor::scenario::ScenarioError;
use qkv_tutor::serve::ServeError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The command line asks for something that cannot be done as asked.
    Usage,
    /// A file or value the user gave is not acceptable.
    BadInput,
    /// The machine failed: I/O, a save, a busy folder or port.
    Runtime,
}

/// An error marked with its kind where it was raised, when its type does not tell.
#[derive(Debug)]
pub struct Marked {
    pub failure: Failure,
    pub error: anyhow::Error,
}

impl std::fmt::Display for Marked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:#}", self.error)
    }
}

impl std::error::Error for Marked {}

impl Failure {
    /// The exit status for this kind of failure.
    pub fn status(self) -> u8 {
        match self {
            Failure::Usage | Failure::BadInput => 2,
            Failure::Runtime => 1,
        }
    }

    /// Wraps `error` so that [`Failure::of`] finds this kind.
    pub fn mark(self, error: impl Into<anyhow::Error>) -> anyhow::Error {
        anyhow::Error::new(Marked { failure: self, error: error.into() })
    }

    /// The kind of a failure: a mark if it has one, else what its library type says, else
    /// a runtime failure (an error nobody classified is not blamed on the user).
    pub fn of(error: &anyhow::Error) -> Failure {
        error.chain().find_map(Self::of_one).unwrap_or(Failure::Runtime)
    }

    fn of_one(cause: &(dyn std::error::Error + 'static)) -> Option<Failure> {
        if let Some(marked) = cause.downcast_ref::<Marked>() {
            return Some(marked.failure);
        }
        if let Some(scenario) = cause.downcast_ref::<ScenarioError>() {
            let write = matches!(scenario, ScenarioError::Write { .. });
            return Some(if write { Failure::Runtime } else { Failure::BadInput });
        }
        if cause.is::<LessonError>() || cause.is::<EngineError>() || cause.is::<ReadError>() {
            return Some(Failure::BadInput);
        }
        if cause.is::<LockError>() {
            return Some(Failure::Runtime);
        }
        if let Some(serve) = cause.downcast_ref::<ServeError>() {
            let bad = matches!(serve, ServeError::HostKey { .. } | ServeError::AuthorizedKeys { .. });
            return Some(if bad { Failure::BadInput } else { Failure::Runtime });
        }
        cause.downcast_ref::<std::io::Error>().map(|io| match io.kind() {
            // A target the user named that is no regular file, or a file where a folder belongs.
            std::io::ErrorKind::InvalidInput | std::io::ErrorKind::NotADirectory | std::io::ErrorKind::IsADirectory => {
                Failure::BadInput
            }
            _ => Failure::Runtime,
        })
    }
}

/// `bail!` for the user's mistakes on the command line.
macro_rules! usage {
    ($($arg:tt)*) => {
        return Err($crate::commands::failure::Failure::Usage.mark(anyhow::anyhow!($($arg)*)))
    };
}
pub(crate) use usage;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_and_library_types_decide_and_the_rest_is_runtime() {
        let io = |kind| anyhow::Error::new(std::io::Error::new(kind, "x"));
        assert_eq!(Failure::of(&io(std::io::ErrorKind::NotFound)), Failure::Runtime);
        assert_eq!(Failure::of(&io(std::io::ErrorKind::InvalidInput)), Failure::BadInput);
        let marked = Failure::Usage.mark(io(std::io::ErrorKind::NotFound).context("outer"));
        assert_eq!(Failure::of(&marked), Failure::Usage, "the mark wins over the io error inside");
        assert_eq!(Failure::of(&marked.context("wrapped")), Failure::Usage);
        assert_eq!(Failure::of(&anyhow::anyhow!("unclassified")), Failure::Runtime);
        let scenario = ScenarioError::Invalid { source_name: "s".into(), field: "f".into(), message: "m".into() };
        assert_eq!(Failure::of(&anyhow::Error::new(scenario)), Failure::BadInput);
        assert_eq!(Failure::BadInput.status(), 2);
        assert_eq!(Failure::Runtime.status(), 1);
    }
}
