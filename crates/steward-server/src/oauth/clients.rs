//! Registered OAuth clients. The console is a public native client: it has no
//! secret, PKCE binds the code to it, and it receives the code on a loopback
//! redirect whose port changes on every sign-in.

use steward_types::{CONSOLE_CLIENT_ID, CONSOLE_REDIRECT_PATH};
use url::{Host, Url};

#[derive(Debug)]
pub struct Client {
    pub id: &'static str,
    pub redirect_uris: &'static [&'static str],
}

static CLIENTS: &[Client] = &[Client {
    id: CONSOLE_CLIENT_ID,
    redirect_uris: &["http://127.0.0.1/callback", "http://[::1]/callback"],
}];

const _: () = assert!(CONSOLE_REDIRECT_PATH.len() == "/callback".len());

pub fn find(id: &str) -> Option<&'static Client> {
    CLIENTS.iter().find(|c| c.id == id)
}

impl Client {
    /// Exact match of a registered redirect URI, except that the port of a
    /// loopback IP literal may be anything (RFC 8252 section 7.3). `localhost`
    /// is not accepted: it can resolve elsewhere (RFC 8252 section 8.3).
    pub fn allows_redirect(&self, candidate: &str) -> bool {
        let Ok(cand) = Url::parse(candidate) else {
            return false;
        };
        self.redirect_uris.iter().any(|registered| {
            let Ok(reg) = Url::parse(registered) else {
                return false;
            };
            let loopback = matches!(cand.host(), Some(Host::Ipv4(ip)) if ip.is_loopback())
                || matches!(cand.host(), Some(Host::Ipv6(ip)) if ip.is_loopback());
            let same_but_port = cand.scheme() == reg.scheme()
                && cand.host() == reg.host()
                && cand.path() == reg.path()
                && cand.query() == reg.query()
                && cand.fragment().is_none()
                && cand.username().is_empty()
                && cand.password().is_none();
            if loopback {
                same_but_port
            } else {
                same_but_port && cand.port_or_known_default() == reg.port_or_known_default()
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_redirects_match_on_any_port_only() {
        let c = find(CONSOLE_CLIENT_ID).expect("console client");
        assert!(c.allows_redirect("http://127.0.0.1:53817/callback"));
        assert!(c.allows_redirect("http://127.0.0.1/callback"));
        assert!(c.allows_redirect("http://[::1]:4000/callback"));
        for bad in [
            "http://localhost:53817/callback",
            "https://127.0.0.1:53817/callback",
            "http://127.0.0.1:53817/callback/",
            "http://127.0.0.1:53817/other",
            "http://127.0.0.1:53817/callback?x=1",
            "http://127.0.0.1:53817/callback#frag",
            "http://evil.example/callback",
            "http://user@127.0.0.1:1/callback",
            "not a url",
        ] {
            assert!(!c.allows_redirect(bad), "{bad} must be refused");
        }
        assert!(find("someone-else").is_none());
    }
}
