//! How a connection logs in: the class code by password or keyboard-interactive, an
//! authorized key, or nothing at all under `--open`.

use super::Connection;
use crate::serve::auth;
use crate::serve::shared::Access;
use russh::keys::PublicKey;
use russh::server::{Auth, Response};

/// The keyboard-interactive prompt's title.
const TITLE: &str = "qkv-tutor";
const PROMPT: &str = "Class code: ";

impl Connection {
    /// A login with no credentials: only under `--open`.
    pub(super) fn login_none(&mut self, user: &str) -> Auth {
        user.clone_into(&mut self.user);
        if matches!(self.shared.options.access, Access::Open) { Auth::Accept } else { Auth::reject() }
    }

    pub(super) fn login_password(&mut self, user: &str, password: &str) -> Auth {
        if self.check_code(user, password.as_bytes()).is_ok() { Auth::Accept } else { Auth::reject() }
    }

    /// First the prompt; then the typed code, checked. A lockout asks again, with the reason
    /// and how long: a bare second prompt looks like a typo.
    pub(super) fn login_interactive(&mut self, user: &str, response: Option<Response<'_>>) -> Auth {
        let Some(mut response) = response else {
            return prompt("Type the class code your teacher gave you.".into());
        };
        let given = response.next().unwrap_or_default();
        match self.check_code(user, &given) {
            Ok(()) => Auth::Accept,
            Err(locked @ auth::Refusal::Locked(_)) => prompt(format!("{locked}.")),
            Err(_) => Auth::reject(),
        }
    }

    pub(super) fn login_key(&mut self, user: Option<&str>, key: &PublicKey) -> Auth {
        if let Some(user) = user {
            user.clone_into(&mut self.user);
        }
        let keys = &self.shared.options.authorized_keys;
        if keys.iter().any(|k| k.key_data() == key.key_data()) { Auth::Accept } else { Auth::reject() }
    }

    fn check_code(&mut self, user: &str, given: &[u8]) -> Result<(), auth::Refusal> {
        user.clone_into(&mut self.user);
        let checked = auth::check_code(&self.shared, self.peer.ip(), given);
        if let Err(refusal) = &checked {
            self.refuse(&refusal.to_string());
        }
        checked
    }
}

fn prompt(instructions: String) -> Auth {
    Auth::Partial {
        name: TITLE.into(),
        instructions: instructions.into(),
        prompts: vec![(PROMPT.into(), false)].into(),
    }
}
