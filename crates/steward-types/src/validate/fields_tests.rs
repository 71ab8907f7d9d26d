//! The field table (PR-18: required or optional, and for which service),
//! correction-only fields (PR-9), and the field-by-field view that the change
//! history is built from (PR-1: see what changed).

use super::profile_tests::{address, assert_rule, company_profile, errors, personal};
use super::*;
use crate::profile::{ContactPurpose, Editability, PostalAddress, Requirement};

#[test]
fn pr9_correction_only_fields() {
    assert!(correction_only_fields(AccountKind::Personal, false).is_empty());
    assert!(correction_only_fields(AccountKind::Personal, true).is_empty());
    assert_eq!(
        correction_only_fields(AccountKind::Company, false),
        ["company.name"]
    );
    assert_eq!(
        correction_only_fields(AccountKind::Company, true),
        ["company.name", "company.tax_id"]
    );
}

#[test]
fn pr18_field_specs_say_required_or_optional_and_for_what() {
    let personal_specs = field_specs(AccountKind::Personal);
    assert!(
        personal_specs
            .iter()
            .all(|s| !s.field.starts_with("company")),
        "no company fields for personal accounts"
    );
    let specs = field_specs(AccountKind::Company);
    let find = |f: &str| {
        specs
            .iter()
            .find(|s| s.field == f)
            .unwrap_or_else(|| panic!("no spec for {f}"))
    };
    for s in &specs {
        assert!(!s.label.is_empty() && !s.needed_for.is_empty(), "{s:?}");
    }
    let mut fields: Vec<&str> = specs.iter().map(|s| s.field.as_str()).collect();
    fields.sort_unstable();
    fields.dedup();
    assert_eq!(fields.len(), specs.len(), "one spec per field");
    for path in FIELD_PATHS {
        find(path);
    }
    let expect = [
        (
            "legal_name",
            Requirement::Required,
            "Contracts and invoicing",
        ),
        ("display_name", Requirement::Required, "How we address you"),
        (
            "emails",
            Requirement::Required,
            "Account and service notices",
        ),
        ("postal_address", Requirement::Required, "Invoicing and tax"),
        (
            "postal_address.country",
            Requirement::Required,
            "Invoicing and tax",
        ),
        (
            "postal_address.line1",
            Requirement::Required,
            "Invoicing and tax",
        ),
        (
            "postal_address.locality",
            Requirement::Required,
            "Invoicing and tax",
        ),
        (
            "postal_address.line2",
            Requirement::Optional,
            "Invoicing and tax",
        ),
        ("phone", Requirement::Optional, "Support call-backs"),
        ("fax", Requirement::Optional, "Legal notices by fax"),
        (
            "ip_ranges",
            Requirement::Optional,
            "Restricting media API access to your networks",
        ),
        (
            "domains",
            Requirement::Optional,
            "Custom domains for media delivery",
        ),
        (
            "company.name",
            Requirement::Required,
            "Contracts and invoicing",
        ),
        (
            "company.registration_number",
            Requirement::Optional,
            "Company verification",
        ),
        (
            "company.tax_id",
            Requirement::Optional,
            "Tax-exempt (reverse-charge) invoicing",
        ),
        (
            "company.industry",
            Requirement::Optional,
            "Tailored product information",
        ),
        (
            "company.website",
            Requirement::Optional,
            "Company verification",
        ),
    ];
    for (field, requirement, needed_for) in expect {
        let s = find(field);
        assert_eq!(
            (s.requirement, s.needed_for.as_str()),
            (requirement, needed_for),
            "{field}"
        );
    }
    assert_eq!(find("company.name").editable, Editability::CorrectionOnly);
    assert!(find("company.name").note.is_some());
    assert_eq!(find("company.tax_id").editable, Editability::Editable);
    assert_eq!(
        find("company.tax_id").note.as_deref(),
        Some("Read-only once invoices have been issued")
    );
    for kind in [AccountKind::Personal, AccountKind::Company] {
        let specs = field_specs(kind);
        let correction: Vec<&str> = specs
            .iter()
            .filter(|s| s.editable == Editability::CorrectionOnly)
            .map(|s| s.field.as_str())
            .collect();
        assert_eq!(correction, correction_only_fields(kind, false), "{kind:?}");
    }
}

#[test]
fn pr18_every_required_field_is_enforced() {
    for kind in [AccountKind::Personal, AccountKind::Company] {
        let base = if kind == AccountKind::Company {
            company_profile()
        } else {
            personal()
        };
        for spec in field_specs(kind)
            .iter()
            .filter(|s| s.requirement == Requirement::Required)
        {
            let mut p = base.clone();
            let a = p.postal_address.as_mut();
            match spec.field.as_str() {
                "legal_name" => p.legal_name.clear(),
                "display_name" => p.display_name.clear(),
                "company.name" => p.company = Some(Company::default()),
                "emails" => p.emails.clear(),
                "postal_address" => p.postal_address = None,
                "postal_address.country" => a.map(|a| a.country.clear()).unwrap_or_default(),
                "postal_address.line1" => a.map(|a| a.line1.clear()).unwrap_or_default(),
                "postal_address.locality" => a.map(|a| a.locality.clear()).unwrap_or_default(),
                other => panic!("a required field without a test: {other}"),
            }
            assert_rule(&errors(&p, kind), &spec.field, "required");
        }
    }
}

#[test]
fn value_of_and_flatten_cover_every_field() {
    let empty = Profile::default();
    let flat = flatten(&empty);
    assert_eq!(
        flat.iter().map(|(p, _)| *p).collect::<Vec<_>>(),
        FIELD_PATHS
    );
    assert!(flat.iter().all(|(_, v)| v.is_none()), "{flat:?}");

    let full = Profile {
        company: Some(Company {
            name: "Acme Ltd".into(),
            registration_number: Some("01234567".into()),
            tax_id: Some("GB123456789".into()),
            industry: Some("Media".into()),
            website: Some("https://acme.example/".into()),
        }),
        emails: vec![
            ContactEmail {
                address: "a@acme.example".into(),
                purpose: ContactPurpose::General,
            },
            ContactEmail {
                address: "b@acme.example".into(),
                purpose: ContactPurpose::Billing,
            },
        ],
        postal_address: Some(PostalAddress {
            line2: Some("Floor 2".into()),
            region: Some("Greater London".into()),
            postal_code: Some("SW1A 1AA".into()),
            ..address()
        }),
        phone: Some("+442079460958".into()),
        fax: Some("+442079460959".into()),
        ip_ranges: vec!["192.0.2.0/24".into(), "2001:db8::/48".into()],
        domains: vec!["bücher.example".into()],
        ..personal()
    };
    let flat = flatten(&full);
    assert_eq!(flat.len(), 18);
    assert!(
        flat.iter().all(|(_, v)| v.is_some()),
        "every leaf has a value: {flat:?}"
    );
    let cases = [
        ("postal_address.postal_code", Some("SW1A 1AA")),
        ("company.tax_id", Some("GB123456789")),
        (
            "emails",
            Some("a@acme.example (general), b@acme.example (billing)"),
        ),
        ("ip_ranges", Some("192.0.2.0/24, 2001:db8::/48")),
        ("domains", Some("bücher.example")),
        ("emails[1].address", Some("b@acme.example")),
        ("emails[1].purpose", Some("billing")),
        ("emails[2].address", None),
        ("ip_ranges[1]", Some("2001:db8::/48")),
        ("domains[0]", Some("bücher.example")),
        ("domains[x]", None),
        ("nonsense", None),
        ("company", None),
        ("", None),
    ];
    for (path, want) in cases {
        assert_eq!(value_of(&full, path).as_deref(), want, "{path}");
    }
    // A change shows up at exactly the changed path.
    let mut changed = full.clone();
    if let Some(a) = changed.postal_address.as_mut() {
        a.postal_code = Some("EC1A 1BB".into());
    }
    let diff: Vec<_> = flatten(&full)
        .into_iter()
        .zip(flatten(&changed))
        .filter(|(a, b)| a != b)
        .map(|(a, b)| (a.0, a.1, b.1))
        .collect();
    assert_eq!(
        diff,
        [(
            "postal_address.postal_code",
            Some("SW1A 1AA".into()),
            Some("EC1A 1BB".into())
        )]
    );
}
