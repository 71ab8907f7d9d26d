//! The sign-in page, rendered by the server for the user's browser. No
//! JavaScript, no external assets; a strict CSP in the response headers.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// Hidden fields carried from the authorize request to the form post.
pub type Hidden<'a> = [(&'a str, &'a str)];

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "
:root{color-scheme:light dark;--bg:#f6f7f9;--card:#fff;--fg:#1b1f24;--muted:#5b6470;--line:#d8dde3;--accent:#2f5bd3;--err:#b42318}
@media (prefers-color-scheme:dark){:root{--bg:#111418;--card:#1a1f25;--fg:#e8ebef;--muted:#9aa4af;--line:#313943;--accent:#7aa2ff;--err:#ff8a80}}
*{box-sizing:border-box}body{margin:0;min-height:100vh;display:grid;place-items:center;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}
main{width:min(26rem,92vw);background:var(--card);border:1px solid var(--line);border-radius:14px;padding:2rem}
h1{font-size:1.35rem;margin:0 0 .25rem}p{color:var(--muted);margin:0 0 1.5rem}
label{display:block;font-weight:600;margin:1rem 0 .35rem}input[type=email],input[type=password],input[type=text]{width:100%;padding:.65rem .75rem;border:1px solid var(--line);border-radius:8px;background:transparent;color:inherit;font:inherit}
input:focus-visible,button:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
button{margin-top:1.5rem;width:100%;padding:.75rem;border:0;border-radius:8px;background:var(--accent);color:#fff;font:inherit;font-weight:600;cursor:pointer}
.error{border:1px solid var(--err);color:var(--err);border-radius:8px;padding:.6rem .8rem;margin-bottom:1rem}
.brand{font-weight:700;letter-spacing:.02em;color:var(--accent);margin-bottom:1rem}small{display:block;margin-top:1.25rem;color:var(--muted)}
";

fn html_response(status: StatusCode, body: String) -> Response {
    let mut resp = (status, body).into_response();
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert("x-frame-options", HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    // form-action must allow the loopback redirect that follows the post.
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http://127.0.0.1:* http://[::1]:*; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    resp
}

fn document(title: &str, inner: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>{title}</title><style>{STYLE}</style></head>\
         <body><main>{inner}</main></body></html>",
        title = escape(title),
    )
}

/// The sign-in form. `error` is shown above the fields; `email` is kept.
pub fn sign_in(
    status: StatusCode,
    hidden: &Hidden<'_>,
    email: &str,
    error: Option<&str>,
    ask_otp: bool,
) -> Response {
    let mut fields = String::new();
    for (name, value) in hidden {
        fields.push_str(&format!(
            "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
            escape(name),
            escape(value)
        ));
    }
    let error_html = error
        .map(|e| format!("<div class=\"error\" role=\"alert\">{}</div>", escape(e)))
        .unwrap_or_default();
    // Two-factor accounts: the code field, focused, under the password.
    let otp_html = if ask_otp {
        "<label for=\"otp\">Authentication code</label>\
         <input id=\"otp\" name=\"otp\" type=\"text\" inputmode=\"numeric\" autocomplete=\"one-time-code\" required autofocus \
         aria-describedby=\"otp-help\"><small id=\"otp-help\">The 6-digit code from your authenticator app, or one of your recovery codes.</small>"
    } else {
        ""
    };
    let autofocus = if ask_otp { "" } else { " autofocus" };
    let inner = format!(
        "<div class=\"brand\">Steward</div><h1>Sign in</h1>\
         <p>Sign in to manage your account, billing and privacy choices.</p>{error_html}\
         <form method=\"post\" action=\"/oauth/authorize\">{fields}\
         <label for=\"username\">E-mail address</label>\
         <input id=\"username\" name=\"username\" type=\"email\" autocomplete=\"username\" required{autofocus} value=\"{email}\">\
         <label for=\"password\">Password</label>\
         <input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>{otp_html}\
         <button type=\"submit\">Sign in</button></form>\
         <small>After signing in, this page returns you to the Steward console.</small>",
        email = escape(email),
    );
    html_response(status, document("Sign in to Steward", &inner))
}

/// A dead end that must not redirect (unknown client, bad redirect URI).
pub fn error(status: StatusCode, title: &str, message: &str) -> Response {
    let inner = format!(
        "<div class=\"brand\">Steward</div><h1>{}</h1><div class=\"error\" role=\"alert\">{}</div>\
         <p>Close this window and start the sign-in again from the Steward console.</p>",
        escape(title),
        escape(message)
    );
    html_response(status, document(title, &inner))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_that_could_break_out_of_an_attribute() {
        assert_eq!(
            escape("\"><script>&'"),
            "&quot;&gt;&lt;script&gt;&amp;&#39;"
        );
    }
}
