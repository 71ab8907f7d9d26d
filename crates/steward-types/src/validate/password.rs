//! New-password rules after OWASP ASVS v4.0 section 2.1: length, not
//! composition; a list of common and breached passwords; nothing derived
//! from the account's own e-mail address or name.

use crate::problem::FieldError;

use super::fe;

/// ASVS 2.1.1: at least 12 characters.
pub const MIN_PASSWORD_CHARS: usize = 12;
/// ASVS 2.1.2: at least 64 must be allowed; we allow up to 128.
pub const MAX_PASSWORD_CHARS: usize = 128;

/// Common and breached passwords, lower case, one a line (`#` comments).
const COMMON_PASSWORDS: &str = include_str!("common-passwords.txt");

const FIELD: &str = "new_password";

/// Every rule a new password breaks (empty when it is acceptable). Any
/// printable character is allowed, spaces and emoji included (ASVS 2.1.4),
/// and nothing is truncated (ASVS 2.1.3).
pub fn new_password(password: &str, email: &str, display_name: &str) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        errors.push(fe(
            FIELD,
            "min_length",
            format!("Use at least {MIN_PASSWORD_CHARS} characters. A few unrelated words make a long password that is easy to remember."),
        ));
    }
    if chars > MAX_PASSWORD_CHARS {
        errors.push(fe(
            FIELD,
            "max_length",
            format!("Use at most {MAX_PASSWORD_CHARS} characters."),
        ));
        // Nothing that long is on the list, and the checks below would only
        // repeat themselves on an over-long input.
        return errors;
    }
    let lower = password.to_lowercase();
    if is_common(&lower) {
        errors.push(fe(
            FIELD,
            "common_password",
            "This password is too common or has appeared in a data breach. Choose one that is harder to guess.",
        ));
    }
    let local = email.trim().rsplit_once('@').map_or("", |(local, _)| local);
    // A one- or two-letter local part would forbid half the alphabet.
    if local.chars().count() >= 3 && lower.contains(&local.to_lowercase()) {
        errors.push(fe(
            FIELD,
            "contains_email",
            "Do not use your e-mail address, or the part before the @, in your password.",
        ));
    }
    let name = display_name.trim();
    if !name.is_empty() && lower.trim() == name.to_lowercase() {
        errors.push(fe(
            FIELD,
            "equals_name",
            "Do not use your name as your password.",
        ));
    }
    errors
}

/// Whether the (lower-cased) password is on the embedded list.
pub(crate) fn is_common(lower: &str) -> bool {
    COMMON_PASSWORDS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .any(|l| l == lower)
}
