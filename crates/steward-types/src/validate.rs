//! Validation shared by the server (which enforces it) and the console (which
//! runs the same code through IPC as the user types). Every error names the
//! field path (`postal_address.postal_code`, `emails[1].address`,
//! `ip_ranges[0]`) and the rule it broke; all errors are collected, not just
//! the first.
//!
//! Rule ids: `required`, `max_length`, `control_characters`, `not_allowed`,
//! `characters`, `url`, `max_items`, `email`, `duplicate`, `country`,
//! `postal_code`, `region`, `not_used`, `e164`, `cidr`, `cidr_prefix`,
//! `cidr_host_bits`, `domain`; for new passwords `min_length`, `max_length`,
//! `common_password`, `contains_email`, `equals_name`.

mod address;
mod contact;
mod fields;
mod network;
mod password;

use std::collections::HashSet;

use crate::problem::FieldError;
use crate::profile::{Company, ContactEmail, PostalAddress, Profile};
use crate::AccountKind;

pub use contact::email;
pub use fields::{correction_only_fields, field_specs, flatten, value_of, FIELD_PATHS};
pub use password::{new_password, MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS};

/// No string is looked at further when longer than this (characters).
pub const MAX_INPUT: usize = 1000;
pub const MAX_EMAILS: usize = 10;
pub const MAX_IP_RANGES: usize = 50;
pub const MAX_DOMAINS: usize = 50;

pub(crate) fn fe(field: impl Into<String>, rule: &str, message: impl Into<String>) -> FieldError {
    FieldError {
        field: field.into(),
        rule: rule.to_string(),
        message: message.into(),
    }
}

/// How a text field is checked: the message when it is required but empty,
/// and its maximum length in characters.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limit {
    required: Option<&'static str>,
    max: usize,
}

impl Limit {
    pub(crate) const fn required(message: &'static str, max: usize) -> Self {
        Self {
            required: Some(message),
            max,
        }
    }
}

/// C0/C1 controls (line breaks, tabs, NUL), and the invisible bidirectional
/// overrides and separators that can make text display as something else.
fn is_forbidden_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}' | '\u{FEFF}'
        )
}

/// Trim a text field and check it; returns the trimmed text even when it
/// broke a rule (the caller returns the errors then).
pub(crate) fn check_text(
    field: &str,
    value: &str,
    limit: Limit,
    errors: &mut Vec<FieldError>,
) -> String {
    let value = value.trim();
    if value.chars().count() > limit.max.min(MAX_INPUT) {
        errors.push(fe(
            field,
            "max_length",
            format!("Use at most {} characters.", limit.max.min(MAX_INPUT)),
        ));
        return value.chars().take(MAX_INPUT).collect();
    }
    if value.chars().any(is_forbidden_char) {
        errors.push(fe(
            field,
            "control_characters",
            "Remove line breaks, tabs and other invisible control characters.",
        ));
    }
    if value.is_empty() {
        if let Some(message) = limit.required {
            errors.push(fe(field, "required", message));
        }
    }
    value.to_string()
}

/// An optional text field: `None` when absent or blank.
pub(crate) fn optional_text(
    field: &str,
    value: Option<&str>,
    max: usize,
    errors: &mut Vec<FieldError>,
) -> Option<String> {
    let value = check_text(
        field,
        value?,
        Limit {
            required: None,
            max,
        },
        errors,
    );
    (!value.is_empty()).then_some(value)
}

/// Check and normalise a postal address on its own (the payment vault's
/// billing address); errors use `postal_address.*` paths.
pub fn postal_address(input: &PostalAddress) -> Result<PostalAddress, Vec<FieldError>> {
    let mut errors = Vec::new();
    let out = address::postal_address(input, &mut errors);
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Check and normalise a profile (PR-1). On success the returned profile is
/// the canonical form to store (trimmed, E.164 phones, lower-case domains,
/// canonical networks, upper-case country and postal codes).
pub fn profile(input: &Profile, kind: AccountKind) -> Result<Profile, Vec<FieldError>> {
    let mut errors = Vec::new();
    let legal_name = check_text(
        "legal_name",
        &input.legal_name,
        Limit::required("Enter the full legal name.", 200),
        &mut errors,
    );
    let display_name = check_text(
        "display_name",
        &input.display_name,
        Limit::required("Enter the name we should address you by.", 200),
        &mut errors,
    );
    let company = match (kind, &input.company) {
        (AccountKind::Personal, None) => None,
        (AccountKind::Personal, Some(c)) if is_blank(c) => None,
        (AccountKind::Personal, Some(_)) => {
            errors.push(fe(
                "company",
                "not_allowed",
                "Personal accounts have no company details. Remove them, or ask us to convert the account to a company account.",
            ));
            None
        }
        (AccountKind::Company, None) => {
            errors.push(fe(
                "company.name",
                "required",
                "Enter the company's registered name.",
            ));
            None
        }
        (AccountKind::Company, Some(c)) => Some(company(c, &mut errors)),
    };
    let emails = contact_emails(&input.emails, &mut errors);
    let postal_address = match &input.postal_address {
        None => {
            errors.push(fe(
                "postal_address",
                "required",
                "Enter a postal address; we need it for invoicing and tax.",
            ));
            None
        }
        Some(a) => Some(address::postal_address(a, &mut errors)),
    };
    let phone = phone_number("phone", input.phone.as_deref(), &mut errors);
    let fax = phone_number("fax", input.fax.as_deref(), &mut errors);
    let ip_ranges = ip_ranges(&input.ip_ranges, &mut errors);
    let domains = domains(&input.domains, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Profile {
        legal_name,
        display_name,
        company,
        emails,
        postal_address,
        phone,
        fax,
        ip_ranges,
        domains,
    })
}

fn is_blank(c: &Company) -> bool {
    let blank = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
    c.name.trim().is_empty()
        && blank(&c.registration_number)
        && blank(&c.tax_id)
        && blank(&c.industry)
        && blank(&c.website)
}

fn company(input: &Company, errors: &mut Vec<FieldError>) -> Company {
    let name = check_text(
        "company.name",
        &input.name,
        Limit::required("Enter the company's registered name.", 200),
        errors,
    );
    let mut identifier = |field: &str, value: Option<&str>, max: usize| {
        let value = optional_text(field, value, max, errors)?;
        let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, ' ' | '.' | '/' | '-');
        if value.chars().count() <= max && !value.chars().all(allowed) {
            errors.push(fe(
                field,
                "characters",
                "Use only letters, digits, spaces, dots, slashes and hyphens, as printed on your registration documents.",
            ));
        }
        Some(value)
    };
    let registration_number = identifier(
        "company.registration_number",
        input.registration_number.as_deref(),
        64,
    );
    let tax_id = identifier("company.tax_id", input.tax_id.as_deref(), 32);
    let industry = optional_text("company.industry", input.industry.as_deref(), 100, errors);
    let website = optional_text(
        "company.website",
        input.website.as_deref(),
        MAX_INPUT,
        errors,
    )
    .map(|w| match website(&w) {
        Ok(url) => url,
        Err(message) => {
            errors.push(fe("company.website", "url", message));
            w
        }
    });
    Company {
        name,
        registration_number,
        tax_id,
        industry,
        website,
    }
}

pub(crate) fn website(value: &str) -> Result<String, &'static str> {
    const HINT: &str =
        "Enter the full web address, starting with https://, such as https://www.example.com.";
    let url = url::Url::parse(value).map_err(|_| HINT)?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return Err(HINT);
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("Remove the user name and password from the web address.");
    }
    Ok(url.to_string())
}

fn contact_emails(input: &[ContactEmail], errors: &mut Vec<FieldError>) -> Vec<ContactEmail> {
    if input.is_empty() {
        errors.push(fe(
            "emails",
            "required",
            "Add at least one contact e-mail address for account and service notices.",
        ));
    }
    if input.len() > MAX_EMAILS {
        errors.push(fe(
            "emails",
            "max_items",
            format!("Add at most {MAX_EMAILS} contact e-mail addresses."),
        ));
    }
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(input.len().min(MAX_EMAILS));
    for (i, e) in input.iter().take(MAX_EMAILS).enumerate() {
        let field = format!("emails[{i}].address");
        let address = match email(&field, &e.address) {
            Ok(address) => {
                // The same address may serve several purposes, one entry each.
                if !seen.insert((address.to_lowercase(), e.purpose)) {
                    errors.push(fe(
                        &field,
                        "duplicate",
                        "This address is already listed for the same purpose; remove one of them.",
                    ));
                }
                address
            }
            Err(error) => {
                errors.push(error);
                e.address.trim().to_string()
            }
        };
        out.push(ContactEmail {
            address,
            purpose: e.purpose,
        });
    }
    out
}

fn phone_number(field: &str, value: Option<&str>, errors: &mut Vec<FieldError>) -> Option<String> {
    let value = optional_text(field, value, 64, errors)?;
    if errors.iter().any(|e| e.field == field) {
        return Some(value);
    }
    match contact::e164(&value) {
        Ok(number) => Some(number),
        Err(message) => {
            errors.push(fe(field, "e164", message));
            Some(value)
        }
    }
}

/// A checked list item: the key that duplicates are found by, and the
/// value to store.
type Checked = Result<(String, String), (&'static str, String)>;

/// Check a list of network values: at most `max`, blank entries dropped,
/// each normalised by `check`, duplicates (by key) refused.
fn list(
    name: &str,
    input: &[String],
    max: usize,
    noun: &str,
    errors: &mut Vec<FieldError>,
    check: impl Fn(&str) -> Checked,
) -> Vec<String> {
    if input.len() > max {
        errors.push(fe(name, "max_items", format!("Add at most {max} {noun}.")));
    }
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (i, raw) in input.iter().take(max).enumerate() {
        let field = format!("{name}[{i}]");
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            continue;
        }
        if trimmed.chars().count() > MAX_INPUT {
            errors.push(fe(
                &field,
                "max_length",
                format!("Use at most {MAX_INPUT} characters."),
            ));
            continue;
        }
        match check(trimmed) {
            Ok((key, value)) => {
                if !seen.insert(key) {
                    errors.push(fe(
                        &field,
                        "duplicate",
                        "This is already in the list; remove the repeat.",
                    ));
                }
                out.push(value);
            }
            Err((rule, message)) => {
                errors.push(fe(&field, rule, message));
                out.push(trimmed.to_string());
            }
        }
    }
    out
}

fn ip_ranges(input: &[String], errors: &mut Vec<FieldError>) -> Vec<String> {
    list(
        "ip_ranges",
        input,
        MAX_IP_RANGES,
        "IP ranges",
        errors,
        |s| network::cidr(s).map(|c| (c.clone(), c)),
    )
}

fn domains(input: &[String], errors: &mut Vec<FieldError>) -> Vec<String> {
    list(
        "domains",
        input,
        MAX_DOMAINS,
        "domains",
        errors,
        |s| match network::domain(s) {
            Ok(d) => Ok((d.ascii, d.unicode)),
            Err(message) => Err(("domain", message)),
        },
    )
}

#[cfg(test)]
mod address_tests;
#[cfg(test)]
mod contact_tests;
#[cfg(test)]
mod fields_tests;
#[cfg(test)]
mod fuzz_tests;
#[cfg(test)]
mod network_tests;
#[cfg(test)]
mod password_tests;
#[cfg(test)]
mod profile_tests;
