//! The profile's fields as the console and the change history see them:
//! what each is for and whether it is required (PR-18), which ones only a
//! correction request can change (PR-9), and each field's display value
//! (PR-1: see what changed).

use crate::profile::{ContactPurpose, Editability, FieldSpec, Profile, Requirement};
use crate::AccountKind;

/// Every leaf field path of a profile, in display order.
pub const FIELD_PATHS: [&str; 18] = [
    "legal_name",
    "display_name",
    "company.name",
    "company.registration_number",
    "company.tax_id",
    "company.industry",
    "company.website",
    "emails",
    "postal_address.country",
    "postal_address.line1",
    "postal_address.line2",
    "postal_address.locality",
    "postal_address.region",
    "postal_address.postal_code",
    "phone",
    "fax",
    "ip_ranges",
    "domains",
];

const INVOICING: &str = "Invoicing and tax";

fn spec(
    field: &str,
    label: &str,
    requirement: Requirement,
    needed_for: &str,
    note: Option<&str>,
) -> FieldSpec {
    FieldSpec {
        field: field.into(),
        label: label.into(),
        requirement,
        needed_for: needed_for.into(),
        editable: Editability::Editable,
        note: note.map(Into::into),
    }
}

/// What the console shows next to each field (PR-18): required or optional,
/// the service that needs it, and whether it is editable or correction-only.
/// `company.tax_id` is listed as editable with a note; the server marks it
/// correction-only once the account has been invoiced (see
/// [`correction_only_fields`]).
pub fn field_specs(kind: AccountKind) -> Vec<FieldSpec> {
    use Requirement::{Optional, Required};
    let mut specs = vec![
        spec(
            "legal_name",
            "Legal name",
            Required,
            "Contracts and invoicing",
            None,
        ),
        spec(
            "display_name",
            "Display name",
            Required,
            "How we address you",
            None,
        ),
    ];
    if kind == AccountKind::Company {
        specs.extend([
            FieldSpec {
                editable: Editability::CorrectionOnly,
                ..spec(
                    "company.name",
                    "Company name",
                    Required,
                    "Contracts and invoicing",
                    Some("The registered name can only be changed through a correction request, so that contracts and invoices stay accurate."),
                )
            },
            spec(
                "company.registration_number",
                "Company registration number",
                Optional,
                "Company verification",
                None,
            ),
            spec(
                "company.tax_id",
                "VAT or tax ID",
                Optional,
                "Tax-exempt (reverse-charge) invoicing",
                Some("Read-only once invoices have been issued"),
            ),
            spec("company.industry", "Industry", Optional, "Tailored product information", None),
            spec("company.website", "Website", Optional, "Company verification", None),
        ]);
    }
    specs.extend([
        spec(
            "emails",
            "Contact e-mail addresses",
            Required,
            "Account and service notices",
            Some("At least one address is required; up to 10."),
        ),
        spec("postal_address", "Postal address", Required, INVOICING, None),
        spec("postal_address.country", "Country", Required, INVOICING, None),
        spec("postal_address.line1", "Address line 1", Required, INVOICING, None),
        spec("postal_address.line2", "Address line 2", Optional, INVOICING, None),
        spec("postal_address.locality", "Town or city", Required, INVOICING, None),
        spec(
            "postal_address.region",
            "State, province or region",
            Optional,
            INVOICING,
            Some("Required in some countries, such as the US, Canada, Australia, Brazil, China, India and Japan."),
        ),
        spec(
            "postal_address.postal_code",
            "Postal code",
            Optional,
            INVOICING,
            Some("Required in most countries; the format depends on the country."),
        ),
        spec("phone", "Phone", Optional, "Support call-backs", None),
        spec("fax", "Fax", Optional, "Legal notices by fax", None),
        spec(
            "ip_ranges",
            "IP ranges",
            Optional,
            "Restricting media API access to your networks",
            None,
        ),
        spec("domains", "Domains", Optional, "Custom domains for media delivery", None),
    ]);
    specs
}

/// The fields a customer may not change directly on this account: they go
/// through a correction request (PR-9). `invoiced` makes the tax id one.
pub fn correction_only_fields(kind: AccountKind, invoiced: bool) -> Vec<&'static str> {
    match (kind, invoiced) {
        (AccountKind::Personal, _) => Vec::new(),
        (AccountKind::Company, false) => vec!["company.name"],
        (AccountKind::Company, true) => vec!["company.name", "company.tax_id"],
    }
}

fn purpose(p: ContactPurpose) -> &'static str {
    match p {
        ContactPurpose::General => "general",
        ContactPurpose::Billing => "billing",
        ContactPurpose::Technical => "technical",
        ContactPurpose::Privacy => "privacy",
    }
}

fn text(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

fn opt(s: Option<&String>) -> Option<String> {
    s.and_then(|s| text(s))
}

fn joined(items: impl Iterator<Item = String>) -> Option<String> {
    let items: Vec<String> = items.filter(|s| !s.trim().is_empty()).collect();
    (!items.is_empty()).then(|| items.join(", "))
}

/// `name[3]` (or `name[3].rest`): the index and the rest.
fn indexed<'a>(field: &'a str, name: &str) -> Option<(usize, &'a str)> {
    let rest = field.strip_prefix(name)?.strip_prefix('[')?;
    let (index, rest) = rest.split_once(']')?;
    if index.is_empty() || !index.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((index.parse().ok()?, rest))
}

/// The display value of a field path (for the change history and correction
/// requests): `None` when absent or empty, or when the path is unknown.
/// E-mails show as `address (purpose)`; lists are joined with `", "`. Item
/// paths from field errors (`emails[0].address`, `domains[2]`) work too.
pub fn value_of(profile: &Profile, field: &str) -> Option<String> {
    let company = profile.company.as_ref();
    let address = profile.postal_address.as_ref();
    match field {
        "legal_name" => text(&profile.legal_name),
        "display_name" => text(&profile.display_name),
        "company.name" => company.and_then(|c| text(&c.name)),
        "company.registration_number" => company.and_then(|c| opt(c.registration_number.as_ref())),
        "company.tax_id" => company.and_then(|c| opt(c.tax_id.as_ref())),
        "company.industry" => company.and_then(|c| opt(c.industry.as_ref())),
        "company.website" => company.and_then(|c| opt(c.website.as_ref())),
        "emails" => joined(
            profile
                .emails
                .iter()
                .filter(|e| !e.address.trim().is_empty())
                .map(|e| format!("{} ({})", e.address.trim(), purpose(e.purpose))),
        ),
        "postal_address.country" => address.and_then(|a| text(&a.country)),
        "postal_address.line1" => address.and_then(|a| text(&a.line1)),
        "postal_address.line2" => address.and_then(|a| opt(a.line2.as_ref())),
        "postal_address.locality" => address.and_then(|a| text(&a.locality)),
        "postal_address.region" => address.and_then(|a| opt(a.region.as_ref())),
        "postal_address.postal_code" => address.and_then(|a| opt(a.postal_code.as_ref())),
        "phone" => opt(profile.phone.as_ref()),
        "fax" => opt(profile.fax.as_ref()),
        "ip_ranges" => joined(profile.ip_ranges.iter().map(|s| s.trim().to_string())),
        "domains" => joined(profile.domains.iter().map(|s| s.trim().to_string())),
        _ => {
            if let Some((i, rest)) = indexed(field, "emails") {
                let e = profile.emails.get(i)?;
                return match rest {
                    "" => text(&format!("{} ({})", e.address.trim(), purpose(e.purpose))),
                    ".address" => text(&e.address),
                    ".purpose" => Some(purpose(e.purpose).to_string()),
                    _ => None,
                };
            }
            for (name, list) in [
                ("ip_ranges", &profile.ip_ranges),
                ("domains", &profile.domains),
            ] {
                if let Some((i, "")) = indexed(field, name) {
                    return list.get(i).and_then(|s| text(s));
                }
            }
            None
        }
    }
}

/// Every leaf field path with its display value, in [`FIELD_PATHS`] order,
/// so that two profiles can be compared field by field.
pub fn flatten(profile: &Profile) -> Vec<(&'static str, Option<String>)> {
    FIELD_PATHS
        .iter()
        .map(|&path| (path, value_of(profile, path)))
        .collect()
}
