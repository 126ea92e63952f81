//! Which role an answer gives which job. Free recall and Apply now's blanks ask the same
//! thing ("what does the key do?"), so one reader serves both: whole words and phrases only,
//! never substrings, so "keyboard" names no key and "looked up by" is the key's job, not the
//! query's "look for".

use crate::quiz::spec::Role;
use strum::IntoEnumIterator;

/// What a sentence can say a role does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    /// Asking what the token looks for: the query's.
    Ask,
    /// Advertising what the token offers: the key's.
    Advertise,
    /// Deciding who attends to whom: the query and the key together.
    Match,
    /// Carrying what gets passed on: the value's.
    Carry,
}

impl Job {
    /// Whether this is (one of) `role`'s jobs.
    #[must_use]
    pub fn belongs_to(self, role: Role) -> bool {
        matches!(
            (self, role),
            (Job::Ask, Role::Query)
                | (Job::Advertise, Role::Key)
                | (Job::Match, Role::Query | Role::Key)
                | (Job::Carry, Role::Value)
        )
    }

    /// The job in words, and whose it is, for the note that says an answer swapped it.
    #[must_use]
    pub fn described(self) -> &'static str {
        match self {
            Job::Ask => "the query's job (asking what a token looks for)",
            Job::Advertise => "the key's job (advertising what a token offers)",
            Job::Match => "the job of queries and keys (deciding who attends to whom)",
            Job::Carry => "the value's job (carrying what gets passed on)",
        }
    }
}

/// Phrases naming a job, as lower-case words; a longer phrase is tried before the words in it,
/// so the passive "looked up" (the key's) is never read as the query's "look up".
const JOBS: &[(&[&str], Job)] = &[
    (&["looked", "up"], Job::Advertise),
    (&["be", "found"], Job::Advertise),
    (&["found", "by"], Job::Advertise),
    (&["is", "matched"], Job::Advertise),
    (&["matched", "against"], Job::Advertise),
    (&["gets", "said"], Job::Carry),
    (&["look", "for"], Job::Ask),
    (&["looks", "for"], Job::Ask),
    (&["looking", "for"], Job::Ask),
    (&["look", "up"], Job::Ask),
    (&["looks", "up"], Job::Ask),
    (&["who", "talks"], Job::Match),
];

const WORDS: &[(&str, Job)] = &[
    ("ask", Job::Ask),
    ("asks", Job::Ask),
    ("asking", Job::Ask),
    ("search", Job::Ask),
    ("searches", Job::Ask),
    ("seek", Job::Ask),
    ("seeks", Job::Ask),
    ("want", Job::Ask),
    ("wants", Job::Ask),
    ("advertise", Job::Advertise),
    ("advertises", Job::Advertise),
    ("advertising", Job::Advertise),
    ("offer", Job::Advertise),
    ("offers", Job::Advertise),
    ("describe", Job::Advertise),
    ("describes", Job::Advertise),
    ("label", Job::Advertise),
    ("labels", Job::Advertise),
    ("match", Job::Match),
    ("matches", Job::Match),
    ("matching", Job::Match),
    ("talks", Job::Match),
    ("whom", Job::Match),
    ("attend", Job::Match),
    ("attends", Job::Match),
    ("compare", Job::Match),
    ("compares", Job::Match),
    ("score", Job::Match),
    ("scores", Job::Match),
    ("relevance", Job::Match),
    ("partner", Job::Match),
    ("partners", Job::Match),
    ("similarity", Job::Match),
    ("carry", Job::Carry),
    ("carries", Job::Carry),
    ("carrying", Job::Carry),
    ("content", Job::Carry),
    ("said", Job::Carry),
    ("say", Job::Carry),
    ("says", Job::Carry),
    ("deliver", Job::Carry),
    ("delivers", Job::Carry),
    ("pass", Job::Carry),
    ("passes", Job::Carry),
    ("passed", Job::Carry),
    ("information", Job::Carry),
    ("payload", Job::Carry),
    ("hand", Job::Carry),
    ("hands", Job::Carry),
    ("handed", Job::Carry),
    ("contribute", Job::Carry),
    ("contributes", Job::Carry),
];

/// Words that name a role; the symbols name two or three at once (QKᵀ, QK^T, QKV).
fn roles_of(word: &str) -> &'static [Role] {
    match word {
        "query" | "queries" | "q" | "wq" => &[Role::Query],
        "key" | "keys" | "k" | "wk" => &[Role::Key],
        "value" | "values" | "v" | "wv" => &[Role::Value],
        "qk" | "qkt" | "qkᵀ" => &[Role::Query, Role::Key],
        "qkv" => &[Role::Query, Role::Key, Role::Value],
        _ => &[],
    }
}

/// Words that turn a clause around ("values do not decide…"): such a clause pairs nothing.
const NEGATIONS: [&str; 4] = ["not", "never", "no", "nor"];

/// `text` as lower-case words: `n't` read as `not`, `d_k` as `dk`, so symbols and subscripts
/// match however they are typed.
#[must_use]
pub fn words(text: &str) -> Vec<String> {
    let text = text.to_lowercase().replace("n't", " not").replace("n’t", " not").replace('_', "");
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

/// The roles a list of words names, symbols expanded.
#[must_use]
pub fn roles_named(words: &[String]) -> Vec<Role> {
    Role::iter().filter(|r| words.iter().any(|w| roles_of(w).contains(r))).collect()
}

/// The jobs a list of words names, phrases first.
#[must_use]
pub fn jobs_named(words: &[String]) -> Vec<Job> {
    let mut jobs = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let phrase =
            JOBS.iter().find(|(p, _)| words[i..].iter().take(p.len()).map(String::as_str).eq(p.iter().copied()));
        if let Some((p, job)) = phrase {
            jobs.push(*job);
            i += p.len();
            continue;
        }
        jobs.extend(WORDS.iter().filter(|(w, _)| *w == words[i]).map(|(_, j)| *j));
        i += 1;
    }
    jobs
}

/// One clause: the roles it names and the jobs it gives them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Clause {
    pub roles: Vec<Role>,
    pub jobs: Vec<Job>,
}

/// `text` cut into clauses at punctuation; a clause naming roles without jobs ("queries and
/// keys, together,") lends them to the next when that one names no role, and one with jobs
/// but no role belongs to the one before. Negated clauses are dropped.
#[must_use]
pub fn clauses(text: &str) -> Vec<Clause> {
    let mut out: Vec<Clause> = Vec::new();
    let mut waiting: Vec<Role> = Vec::new();
    for piece in text.split([';', '.', ',', ':', '!', '?', '\n', '—', '(', ')']) {
        let words = words(piece);
        if words.iter().any(|w| NEGATIONS.contains(&w.as_str())) {
            continue;
        }
        let (mut roles, jobs) = (roles_named(&words), jobs_named(&words));
        match (roles.is_empty(), jobs.is_empty(), out.last_mut()) {
            (false, true, _) => waiting.extend(roles),
            (true, false, Some(last)) if waiting.is_empty() => last.jobs.extend(jobs),
            (_, false, _) => {
                // Roles waiting for a job lend themselves only to a clause with no roles of
                // its own: "queries, keys: they decide who matches".
                if roles.is_empty() {
                    roles.append(&mut waiting);
                }
                waiting.clear();
                out.push(Clause { roles, jobs });
            }
            _ => {}
        }
    }
    out
}

/// What an answer says `role` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pairing {
    /// Some clause gives the role one of its own jobs.
    Right,
    /// The role appears only with another role's job.
    Swapped(Job),
    /// The role is given no job at all.
    NoJob,
}

/// How `text` pairs `role` with a job.
#[must_use]
pub fn pairing(role: Role, text: &str) -> Pairing {
    let all = clauses(text);
    let mine: Vec<&Clause> = all.iter().filter(|c| c.roles.contains(&role)).collect();
    if mine.iter().any(|c| c.jobs.iter().any(|j| j.belongs_to(role))) {
        return Pairing::Right;
    }
    mine.iter()
        .flat_map(|c| c.jobs.iter())
        .find(|j| !j.belongs_to(role))
        .map_or(Pairing::NoJob, |j| Pairing::Swapped(*j))
}

/// A blank of Apply now's picture: the vector a weight makes, or what that vector does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blank {
    Names(Role),
    JobOf(Role),
}

/// Whether `answer` fills `blank`: it names that role and no other, or gives a job of that
/// role and none that belongs only to another.
#[must_use]
pub fn blank_fits(blank: Blank, answer: &str) -> bool {
    let words = words(answer);
    if words.iter().any(|w| NEGATIONS.contains(&w.as_str())) {
        return false;
    }
    match blank {
        Blank::Names(role) => roles_named(&words) == [role],
        Blank::JobOf(role) => {
            let jobs = jobs_named(&words);
            !jobs.is_empty() && jobs.iter().all(|j| j.belongs_to(role))
        }
    }
}

/// `a`, `a and b`, `a, b and c`.
#[must_use]
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
