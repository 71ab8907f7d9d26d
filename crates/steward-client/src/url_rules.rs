//! The transport rule: tokens travel over https, or over plain http only to
//! this computer (127.0.0.0/8, ::1, localhost), where no network is crossed.

use std::net::{Ipv4Addr, Ipv6Addr};

use url::{Host, Url};

use crate::error::{ClientError, Result};

/// Parses user input as a server address (`https://host[:port][/path]`).
pub fn parse_server_url(input: &str) -> Result<Url> {
    let url = Url::parse(input.trim()).map_err(|e| ClientError::InvalidServerUrl(e.to_string()))?;
    check_server_url(&url)
}

/// The transport rule for the server and every endpoint it advertises: https, or
/// http only to a loopback host. Returns the URL with a trailing `/` on its path.
pub fn check_server_url(url: &Url) -> Result<Url> {
    let bad = |why: &str| Err(ClientError::InvalidServerUrl(why.to_string()));
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(url) => {}
        "http" => return bad("plain http:// is only allowed for this computer; use https://"),
        other => return bad(&format!("unsupported scheme {other}:; use https://")),
    }
    if url.host().is_none() {
        return bad("the address has no host");
    }
    if !url.username().is_empty() || url.password().is_some() {
        return bad("the address must not contain a user name or password");
    }
    if url.query().is_some() || url.fragment().is_some() {
        return bad("the address must not contain ?query or #fragment");
    }
    let mut url = url.clone();
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}

/// An endpoint from the metadata: same transport rule, query allowed.
pub(crate) fn endpoint(raw: &str) -> Result<Url> {
    let url = Url::parse(raw).map_err(|e| {
        ClientError::invalid_response(format!("bad endpoint URL in server metadata: {e}"), None)
    })?;
    let ok = url.host().is_some()
        && (url.scheme() == "https" || (url.scheme() == "http" && is_loopback(&url)));
    if !ok {
        return Err(ClientError::InvalidServerUrl(format!(
            "the server advertises an insecure endpoint: {}",
            url.origin().ascii_serialization()
        )));
    }
    Ok(url)
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Ipv4(a)) => Ipv4Addr::is_loopback(&a),
        Some(Host::Ipv6(a)) => Ipv6Addr::is_loopback(&a),
        Some(Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(s: &str) -> Result<Url> {
        check_server_url(&Url::parse(s).expect("url"))
    }

    #[test]
    fn https_anywhere_http_only_to_loopback() {
        for ok in [
            "https://steward.example",
            "http://127.0.0.1:8080",
            "http://127.8.9.10",
            "http://[::1]:3000/",
            "http://localhost:1",
            "http://LOCALHOST",
        ] {
            assert!(check(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://steward.example",
            "http://10.0.0.1",
            "http://[::2]",
            "http://localhost.evil.com",
            "ftp://127.0.0.1",
            "file:///etc/passwd",
            "https://u:p@steward.example",
            "https://steward.example/?x=1",
        ] {
            assert!(
                matches!(check(bad), Err(ClientError::InvalidServerUrl(_))),
                "{bad}"
            );
        }
        assert!(parse_server_url("  not a url ").is_err());
    }

    #[test]
    fn base_urls_are_normalised_for_joining() {
        assert_eq!(
            check("https://h.example/steward").expect("ok").as_str(),
            "https://h.example/steward/"
        );
        assert_eq!(
            check("https://h.example").expect("ok").as_str(),
            "https://h.example/"
        );
    }

    #[test]
    fn metadata_endpoints_follow_the_transport_rule() {
        assert!(endpoint("https://a.example/oauth/token").is_ok());
        assert!(endpoint("http://127.0.0.1:4000/oauth/token").is_ok());
        assert!(endpoint("http://a.example/oauth/token").is_err());
        assert!(endpoint("/oauth/token").is_err());
    }
}
