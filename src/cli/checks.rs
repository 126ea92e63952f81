//! What the command line may not say although clap accepts it: a flag the chosen command
//! would ignore, or an empty folder.

use super::{Cli, Command};
use clap::ArgMatches;
use clap::parser::ValueSource;
use std::path::PathBuf;

impl Command {
    /// The command's name, as typed.
    #[must_use]
    pub fn name(&self) -> &'static str {
        match self {
            Command::Walk(_) => "walk",
            Command::Check { .. } => "check",
            Command::Progress(_) => "progress",
            Command::Notes { .. } => "notes",
            Command::Serve(_) => "serve",
            Command::Completions { .. } => "completions",
            Command::Man => "man",
        }
    }

    /// The global flags this command acts on; any other given on the command line is refused.
    fn uses(&self, id: &str) -> bool {
        let used: &[&str] = match self {
            Command::Walk(_) => &["scenario", "scale", "causal", "lesson"],
            Command::Check { .. } => &["lesson"],
            Command::Progress(_) | Command::Serve(_) => &["data_dir", "lesson"],
            Command::Notes { .. } | Command::Completions { .. } | Command::Man => &[],
        };
        used.contains(&id)
    }
}

/// Paths as given, the empty one included: an empty environment variable means "unset" (see
/// [`Cli::refusal`]), which clap's own path parser would refuse.
pub(super) fn any_path() -> impl clap::builder::TypedValueParser<Value = PathBuf> {
    use clap::builder::TypedValueParser;
    clap::builder::OsStringValueParser::new().map(PathBuf::from)
}

impl Cli {
    /// Parses the command line and refuses what it would silently ignore: a flag the chosen
    /// command does not act on, or an empty `--data-dir ""`. Exits 2 with clap's message.
    #[must_use]
    pub fn parse_checked() -> Self {
        use clap::{CommandFactory, FromArgMatches};
        let matches = Self::command().get_matches();
        let cli = Self::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
        if let Some(problem) = cli.refusal(&matches) {
            Self::command().error(clap::error::ErrorKind::ArgumentConflict, problem).exit();
        }
        cli.without_empty_dirs()
    }

    /// What is wrong with a command line clap accepted, if anything.
    #[must_use]
    pub fn refusal(&self, matches: &ArgMatches) -> Option<String> {
        let sub = matches.subcommand().map(|(_, sub)| sub);
        for (id, flag) in [("data_dir", "--data-dir"), ("config_dir", "--config-dir")] {
            if [Some(matches), sub].into_iter().flatten().any(|m| given(m, id) && empty(m, id)) {
                return Some(format!("{flag} needs a folder, not an empty value"));
            }
        }
        let command = self.command.as_ref()?;
        let sub = sub?;
        if let Command::Walk(walk) = command
            && walk.models
        {
            return models_refusal(walk, sub);
        }
        let ignored = <Self as clap::CommandFactory>::command()
            .get_arguments()
            .filter(|arg| {
                let id = arg.get_id().as_str();
                let here = if arg.is_global_set() { sub } else { matches };
                !command.uses(id) && given(here, id)
            })
            .find_map(|arg| arg.get_long().map(str::to_owned))?;
        let numbers = ["scenario", "scale", "causal"].iter().any(|id| given(sub, id));
        let why = match command {
            Command::Serve(_) if numbers => "serve teaches the lesson's own numbers",
            _ => "it would be ignored",
        };
        Some(format!("--{ignored} does not apply to `qkv-tutor {}`: {why}; leave it out", command.name()))
    }

    /// An empty folder from the environment means the default folder.
    fn without_empty_dirs(mut self) -> Self {
        let empty = |dir: &Option<PathBuf>| dir.as_ref().is_some_and(|d| d.as_os_str().is_empty());
        if empty(&self.data_dir) {
            self.data_dir = None;
        }
        if empty(&self.config_dir) {
            self.config_dir = None;
        }
        self
    }
}

/// `walk --models` prints real models' sizes from their configurations: the lesson's
/// numbers, the followed token and the handout do not apply to it.
fn models_refusal(walk: &super::WalkArgs, sub: &ArgMatches) -> Option<String> {
    let why = "the models' sizes come from their configurations, not from a scenario";
    let flag = ["scenario", "scale", "causal", "query", "lesson"].into_iter().find(|id| given(sub, id));
    if let Some(id) = flag {
        return Some(format!("--{id} does not apply to `qkv-tutor walk --models`: {why}; leave it out"));
    }
    (walk.format == Some(super::Format::Markdown))
        .then(|| "--format markdown does not apply to `qkv-tutor walk --models`: it prints text or json".to_string())
}

/// Typed on the command line (not taken from the environment or a default).
fn given(matches: &ArgMatches, id: &str) -> bool {
    matches.try_get_raw(id).ok().flatten().is_some() && matches.value_source(id) == Some(ValueSource::CommandLine)
}

fn empty(matches: &ArgMatches, id: &str) -> bool {
    matches.try_get_one::<PathBuf>(id).ok().flatten().is_some_and(|p| p.as_os_str().is_empty())
}
