//! The sign-in page, rendered by the server for the user's browser. No
//! JavaScript, no external assets; a strict CSP in the response headers.

use axum::http::StatusCode;
use axum::response::Response;

use crate::html::{document, escape, html_response, words};
use crate::locale::here;

/// The sign-in form posts to us, then we redirect to the console's loopback listener.
const FORM_ACTION: &str = "'self' http://127.0.0.1:* http://[::1]:*";

/// Hidden fields carried from the authorize request to the form post.
pub type Hidden<'a> = [(&'a str, &'a str)];

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
        .map(|e| format!("<div class=\"error\" role=\"alert\">{}</div>", words(e)))
        .unwrap_or_default();
    // Two-factor accounts: the code field, focused, under the password.
    let otp_html = if ask_otp {
        format!(
            "<label for=\"otp\">{}</label>\
             <input id=\"otp\" name=\"otp\" type=\"text\" inputmode=\"numeric\" autocomplete=\"one-time-code\" required autofocus \
             aria-describedby=\"otp-help\"><small id=\"otp-help\">{}</small>",
            words("Authentication code"),
            words("The 6-digit code from your authenticator app, or one of your recovery codes."),
        )
    } else {
        String::new()
    };
    let autofocus = if ask_otp { "" } else { " autofocus" };
    let inner = format!(
        "<div class=\"brand\">Steward</div><h1>{heading}</h1>\
         <p>{intro}</p>{error_html}\
         <form method=\"post\" action=\"/oauth/authorize\">{fields}\
         <label for=\"username\">{email_label}</label>\
         <input id=\"username\" name=\"username\" type=\"email\" autocomplete=\"username\" required{autofocus} value=\"{email}\">\
         <label for=\"password\">{password_label}</label>\
         <input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>{otp_html}\
         <button type=\"submit\">{heading}</button></form>\
         <small>{after}</small>",
        heading = words("Sign in"),
        intro = words("Sign in to manage your account, billing and privacy choices."),
        email_label = words("E-mail address"),
        password_label = words("Password"),
        after = words("After signing in, this page returns you to the Steward console."),
        email = escape(email),
    );
    html_response(
        status,
        FORM_ACTION,
        document(&here("Sign in to Steward"), &inner),
    )
}

/// A dead end that must not redirect (unknown client, bad redirect URI).
pub fn error(status: StatusCode, title: &str, message: &str) -> Response {
    let inner = format!(
        "<div class=\"brand\">Steward</div><h1>{}</h1><div class=\"error\" role=\"alert\">{}</div>\
         <p>{}</p>",
        words(title),
        words(message),
        words("Close this window and start the sign-in again from the Steward console."),
    );
    html_response(status, FORM_ACTION, document(&here(title), &inner))
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
