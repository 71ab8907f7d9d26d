//! The vault's pages: the card form, and what follows it. The form never
//! echoes the card number or security code back, even with errors.

use axum::http::StatusCode;
use axum::response::Response;
use steward_types::problem::FieldError;

use super::{CardForm, Tokenised};
use crate::html::{document, escape, html_response, words};
use crate::locale::here;
use crate::store::CardEntryRow;

/// The form posts to its own address, and nothing else.
const FORM_ACTION: &str = "'self'";

const BRAND: &str = "Steward · Secure card entry";

fn error_for<'a>(errors: &'a [FieldError], field: &str) -> Option<&'a FieldError> {
    errors.iter().find(|e| e.field == field)
}

/// One labelled input with its error, wired up for screen readers.
fn input(errors: &[FieldError], name: &str, label: &str, value: &str, attrs: &str) -> String {
    let err = error_for(errors, name);
    let (invalid, described, err_html) = match err {
        Some(e) => (
            " aria-invalid=\"true\"",
            format!(" aria-describedby=\"{name}-error\""),
            format!(
                "<span class=\"field-error\" id=\"{name}-error\">{}</span>",
                words(&e.message)
            ),
        ),
        None => ("", String::new(), String::new()),
    };
    format!(
        "<div><label for=\"{name}\">{label}</label>\
         <input id=\"{name}\" name=\"{name}\" value=\"{value}\"{attrs}{invalid}{described}>{err_html}</div>",
        label = words(label),
        value = escape(value),
    )
}

pub fn form(
    status: StatusCode,
    row: &CardEntryRow,
    f: &CardForm,
    errors: &[FieldError],
) -> Response {
    let summary = if errors.is_empty() {
        String::new()
    } else {
        let text = if errors.len() == 1 {
            "Check the field marked below. For your safety, the card number and security code are not kept: enter them again."
        } else {
            "Check the fields marked below. For your safety, the card number and security code are not kept: enter them again."
        };
        format!("<div class=\"error\" role=\"alert\">{}</div>", words(text))
    };
    let expires = row.expires_at.format("%H:%M UTC");
    let inner = format!(
        "<div class=\"brand\">{brand}</div><h1>{heading}</h1><p>{intro}</p>{summary}\
         <form method=\"post\" novalidate>\
         {number}\
         <div class=\"row\">{month}{year}{cvc}</div>\
         <fieldset><legend>{address}</legend>\
         {country}{line1}{line2}{locality}<div class=\"row\">{region}{postal}</div></fieldset>\
         <button type=\"submit\">{heading}</button></form>\
         <small>{after}</small>",
        brand = words(BRAND),
        heading = words("Add a card"),
        intro = words(&format!(
            "Your card number goes only to our payment vault. Steward keeps the brand, the last four digits, \
             the expiry date and the billing address. This page works once, until {expires}."
        )),
        address = words("Billing address"),
        after = words(
            "When the card is added, return to the Steward console: it updates by itself."
        ),
        number = input(errors, "number", "Card number", "",
            " type=\"text\" inputmode=\"numeric\" autocomplete=\"cc-number\" required autofocus maxlength=\"23\""),
        month = input(errors, "exp_month", "Expiry month", &f.exp_month,
            " type=\"text\" inputmode=\"numeric\" autocomplete=\"cc-exp-month\" placeholder=\"MM\" maxlength=\"2\" required"),
        year = input(errors, "exp_year", "Expiry year", &f.exp_year,
            " type=\"text\" inputmode=\"numeric\" autocomplete=\"cc-exp-year\" placeholder=\"YYYY\" maxlength=\"4\" required"),
        cvc = input(errors, "cvc", "Security code", "",
            " type=\"password\" inputmode=\"numeric\" autocomplete=\"cc-csc\" maxlength=\"4\" required"),
        country = input(errors, "country", "Country (2-letter code, e.g. GB)", &f.country,
            " type=\"text\" autocomplete=\"country\" maxlength=\"2\" required"),
        line1 = input(errors, "line1", "Address line 1", &f.line1,
            " type=\"text\" autocomplete=\"address-line1\" required"),
        line2 = input(errors, "line2", "Address line 2 (optional)", &f.line2,
            " type=\"text\" autocomplete=\"address-line2\""),
        locality = input(errors, "locality", "Town or city", &f.locality,
            " type=\"text\" autocomplete=\"address-level2\" required"),
        region = input(errors, "region", "State or region", &f.region,
            " type=\"text\" autocomplete=\"address-level1\""),
        postal = input(errors, "postal_code", "Postal code", &f.postal_code,
            " type=\"text\" autocomplete=\"postal-code\""),
    );
    html_response(
        status,
        FORM_ACTION,
        document(&here("Add a card · Steward"), &inner),
    )
}

pub fn added(card: &Tokenised) -> Response {
    let summary = format!(
        "{} ending {}, expires {:02}/{}.",
        card.brand.label(),
        card.last4,
        card.exp_month,
        card.exp_year
    );
    let inner = format!(
        "<div class=\"brand\">{}</div><h1>{}</h1>\
         <div class=\"ok\" role=\"status\">{}</div><p>{}</p>",
        words(BRAND),
        words("Card added"),
        words(&summary),
        words("You can close this window and return to the Steward console."),
    );
    html_response(
        StatusCode::CREATED,
        FORM_ACTION,
        document(&here("Card added · Steward"), &inner),
    )
}

pub fn gone(title: &str, message: &str) -> Response {
    dead_end(StatusCode::GONE, title, message)
}

pub fn not_found() -> Response {
    dead_end(
        StatusCode::NOT_FOUND,
        "This card page does not exist",
        "Check that you opened the whole link, or choose Add a card again in the Steward console.",
    )
}

/// The store failed: say what to do, log what happened.
pub fn unavailable(e: &sqlx::Error) -> Response {
    tracing::error!(error = %e, "card page: store unavailable");
    dead_end(
        StatusCode::SERVICE_UNAVAILABLE,
        "The card page is unavailable",
        "Nothing was saved. Wait a moment, then reload this page.",
    )
}

fn dead_end(status: StatusCode, title: &str, message: &str) -> Response {
    let title = here(title);
    let inner = format!(
        "<div class=\"brand\">{}</div><h1>{}</h1><p>{}</p>",
        words(BRAND),
        escape(&title),
        words(message)
    );
    html_response(status, FORM_ACTION, document(&title, &inner))
}
