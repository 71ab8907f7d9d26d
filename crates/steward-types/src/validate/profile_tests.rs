//! Whole-profile validation (PR-1 profile fields), the field specs (PR-18
//! required/optional and for which service), correction-only fields (PR-9),
//! and the field-by-field view used by the change history.

use super::*;
use crate::profile::{ContactPurpose, PostalAddress};

pub(super) fn address() -> PostalAddress {
    PostalAddress {
        country: "GB".into(),
        line1: "10 Downing Street".into(),
        line2: None,
        locality: "London".into(),
        region: None,
        postal_code: Some("SW1A 2AA".into()),
    }
}

pub(super) fn personal() -> Profile {
    Profile {
        legal_name: "Ada Lovelace".into(),
        display_name: "Ada".into(),
        company: None,
        emails: vec![ContactEmail {
            address: "ada@example.com".into(),
            purpose: ContactPurpose::General,
        }],
        postal_address: Some(address()),
        phone: None,
        fax: None,
        ip_ranges: Vec::new(),
        domains: Vec::new(),
    }
}

pub(super) fn company_profile() -> Profile {
    Profile {
        company: Some(Company {
            name: "Analytical Engines Ltd".into(),
            ..Company::default()
        }),
        ..personal()
    }
}

/// The errors of a profile that must be rejected.
#[track_caller]
pub(super) fn errors(p: &Profile, kind: AccountKind) -> Vec<FieldError> {
    match profile(p, kind) {
        Ok(ok) => panic!("expected errors, got {ok:?}"),
        Err(errors) => errors,
    }
}

#[track_caller]
pub(super) fn valid(p: &Profile, kind: AccountKind) -> Profile {
    match profile(p, kind) {
        Ok(ok) => ok,
        Err(errors) => panic!("expected a valid profile, got {errors:#?}"),
    }
}

/// Assert that `field` broke `rule` (and say what did break otherwise).
#[track_caller]
pub(super) fn assert_rule(errors: &[FieldError], field: &str, rule: &str) {
    assert!(
        errors.iter().any(|e| e.field == field && e.rule == rule),
        "expected {field}: {rule}, got {errors:#?}"
    );
    for e in errors {
        assert!(!e.message.is_empty(), "every error has a message: {e:?}");
    }
}

#[test]
fn pr1_a_valid_profile_is_trimmed_and_normalised() {
    let p = Profile {
        legal_name: "  Ada Lovelace ".into(),
        display_name: "Ada\u{200D}".into(), // ZWJ is not a control character
        emails: vec![ContactEmail {
            address: " Ada@Example.COM ".into(),
            purpose: ContactPurpose::Billing,
        }],
        postal_address: Some(PostalAddress {
            country: "gb".into(),
            line2: Some("   ".into()),
            postal_code: Some("sw1a2aa".into()),
            ..address()
        }),
        phone: Some("+44 (0)20 7946 0958".into()),
        fax: Some(" ".into()),
        ip_ranges: vec!["192.0.2.7".into(), "".into(), "2001:DB8::/32".into()],
        domains: vec!["Bücher.Example.".into()],
        ..personal()
    };
    let out = valid(&p, AccountKind::Personal);
    assert_eq!(out.legal_name, "Ada Lovelace");
    assert_eq!(out.display_name, "Ada\u{200D}");
    assert_eq!(out.emails[0].address, "Ada@example.com");
    assert_eq!(out.emails[0].purpose, ContactPurpose::Billing);
    let a = out.postal_address.clone().expect("address");
    assert_eq!(a.country, "GB");
    assert_eq!(a.line2, None, "blank optional strings become None");
    assert_eq!(a.postal_code.as_deref(), Some("SW1A 2AA"));
    assert_eq!(out.phone.as_deref(), Some("+442079460958"));
    assert_eq!(out.fax, None);
    assert_eq!(out.ip_ranges, ["192.0.2.7/32", "2001:db8::/32"]);
    assert_eq!(out.domains, ["bücher.example"]);
    // The canonical form is a fixed point.
    assert_eq!(valid(&out, AccountKind::Personal), out);
}

#[test]
fn pr1_names_are_required_bounded_and_free_of_control_characters() {
    let cases: &[(&str, &str, Option<&str>)] = &[
        ("legal_name", "", Some("required")),
        ("legal_name", "   ", Some("required")),
        ("legal_name", &"x".repeat(200), None),
        ("legal_name", &"x".repeat(201), Some("max_length")),
        ("legal_name", &"é".repeat(200), None), // characters, not bytes
        ("legal_name", &"x".repeat(5000), Some("max_length")),
        ("legal_name", "Ada\nLovelace", Some("control_characters")),
        ("legal_name", "Ada\u{0}", Some("control_characters")),
        (
            "legal_name",
            "Ada \u{202E}ecalevol",
            Some("control_characters"),
        ),
        ("legal_name", "José Ñúñez-O'Brien 李小龍", None),
        ("display_name", "", Some("required")),
        ("display_name", &"x".repeat(201), Some("max_length")),
        ("display_name", "Ada\tL", Some("control_characters")),
    ];
    for (field, value, rule) in cases {
        let mut p = personal();
        match *field {
            "legal_name" => p.legal_name = value.to_string(),
            _ => p.display_name = value.to_string(),
        }
        match rule {
            None => {
                valid(&p, AccountKind::Personal);
            }
            Some(rule) => assert_rule(&errors(&p, AccountKind::Personal), field, rule),
        }
    }
}

#[test]
fn personal_accounts_have_no_company() {
    let mut p = company_profile();
    let e = errors(&p, AccountKind::Personal);
    assert_rule(&e, "company", "not_allowed");
    // An all-blank company block (an untouched form) is simply dropped.
    p.company = Some(Company {
        name: "  ".into(),
        industry: Some(String::new()),
        ..Company::default()
    });
    assert_eq!(valid(&p, AccountKind::Personal).company, None);
}

#[test]
fn company_accounts_need_a_company_name() {
    let mut p = personal();
    assert_rule(
        &errors(&p, AccountKind::Company),
        "company.name",
        "required",
    );
    p.company = Some(Company::default());
    assert_rule(
        &errors(&p, AccountKind::Company),
        "company.name",
        "required",
    );
    assert!(valid(&company_profile(), AccountKind::Company)
        .company
        .is_some());
}

#[test]
fn company_fields() {
    type Edit = fn(&mut Company, &str);
    /// (field, how to set it, value) -> the stored value, or the rule broken.
    type Case<'a> = (&'a str, Edit, &'a str, Result<Option<&'a str>, &'a str>);
    let cases: &[Case] = &[
        (
            "company.name",
            |c, v| c.name = v.into(),
            &"n".repeat(201),
            Err("max_length"),
        ),
        (
            "company.name",
            |c, v| c.name = v.into(),
            " Acme\r\nLtd",
            Err("control_characters"),
        ),
        (
            "company.registration_number",
            |c, v| c.registration_number = Some(v.into()),
            " SC 123/45.6-A ",
            Ok(Some("SC 123/45.6-A")),
        ),
        (
            "company.registration_number",
            |c, v| c.registration_number = Some(v.into()),
            "AB#123",
            Err("characters"),
        ),
        (
            "company.registration_number",
            |c, v| c.registration_number = Some(v.into()),
            &"1".repeat(65),
            Err("max_length"),
        ),
        (
            "company.registration_number",
            |c, v| c.registration_number = Some(v.into()),
            "  ",
            Ok(None),
        ),
        (
            "company.tax_id",
            |c, v| c.tax_id = Some(v.into()),
            "GB 123 4567 89",
            Ok(Some("GB 123 4567 89")),
        ),
        (
            "company.tax_id",
            |c, v| c.tax_id = Some(v.into()),
            "DE_123456789",
            Err("characters"),
        ),
        (
            "company.tax_id",
            |c, v| c.tax_id = Some(v.into()),
            &"1".repeat(33),
            Err("max_length"),
        ),
        (
            "company.industry",
            |c, v| c.industry = Some(v.into()),
            " Publishing ",
            Ok(Some("Publishing")),
        ),
        (
            "company.industry",
            |c, v| c.industry = Some(v.into()),
            &"i".repeat(101),
            Err("max_length"),
        ),
        (
            "company.industry",
            |c, v| c.industry = Some(v.into()),
            "",
            Ok(None),
        ),
        (
            "company.website",
            |c, v| c.website = Some(v.into()),
            "https://Example.COM",
            Ok(Some("https://example.com/")),
        ),
        (
            "company.website",
            |c, v| c.website = Some(v.into()),
            "http://www.example.com/about?x=1",
            Ok(Some("http://www.example.com/about?x=1")),
        ),
        (
            "company.website",
            |c, v| c.website = Some(v.into()),
            "https://Bücher.example/",
            Ok(Some("https://xn--bcher-kva.example/")),
        ),
        (
            "company.website",
            |c, v| c.website = Some(v.into()),
            "www.example.com",
            Err("url"),
        ),
        (
            "company.website",
            |c, v| c.website = Some(v.into()),
            "ftp://example.com",
            Err("url"),
        ),
        (
            "company.website",
            |c, v| c.website = Some(v.into()),
            "mailto:info@example.com",
            Err("url"),
        ),
        (
            "company.website",
            |c, v| c.website = Some(v.into()),
            "https://user:pw@example.com",
            Err("url"),
        ),
        (
            "company.website",
            |c, v| c.website = Some(v.into()),
            "https://",
            Err("url"),
        ),
    ];
    for (field, edit, value, expected) in cases {
        let mut p = company_profile();
        if let Some(c) = p.company.as_mut() {
            edit(c, value);
        }
        match expected {
            Ok(want) => {
                let out = valid(&p, AccountKind::Company);
                assert_eq!(
                    value_of(&out, field).as_deref(),
                    *want,
                    "{field} = {value:?}"
                );
            }
            Err(rule) => assert_rule(&errors(&p, AccountKind::Company), field, rule),
        }
    }
}

#[test]
fn contact_emails_at_least_one_at_most_ten_no_duplicates() {
    let email = |a: &str, purpose| ContactEmail {
        address: a.into(),
        purpose,
    };
    let mut p = personal();
    p.emails.clear();
    assert_rule(&errors(&p, AccountKind::Personal), "emails", "required");

    p.emails = (0..11)
        .map(|i| email(&format!("u{i}@example.com"), ContactPurpose::General))
        .collect();
    assert_rule(&errors(&p, AccountKind::Personal), "emails", "max_items");
    p.emails.truncate(10);
    valid(&p, AccountKind::Personal);

    p.emails = vec![
        email("ops@example.com", ContactPurpose::Technical),
        email("OPS@Example.com ", ContactPurpose::Technical),
    ];
    let e = errors(&p, AccountKind::Personal);
    assert_rule(&e, "emails[1].address", "duplicate");
    assert!(!e.iter().any(|e| e.field == "emails[0].address"));

    // One address may serve several purposes.
    p.emails[1].purpose = ContactPurpose::Billing;
    valid(&p, AccountKind::Personal);

    p.emails = vec![
        email("ok@example.com", ContactPurpose::General),
        email("not-an-address", ContactPurpose::Privacy),
        email("", ContactPurpose::Billing),
    ];
    let e = errors(&p, AccountKind::Personal);
    assert_rule(&e, "emails[1].address", "email");
    assert_rule(&e, "emails[2].address", "required");
}

#[test]
fn postal_address_is_required() {
    let mut p = personal();
    p.postal_address = None;
    assert_rule(
        &errors(&p, AccountKind::Personal),
        "postal_address",
        "required",
    );
}

#[test]
fn phone_and_fax_are_optional_e164() {
    let mut p = personal();
    p.phone = Some("020 7946 0958".into());
    p.fax = Some("+44 20 7946 0958 ext 1".into());
    let e = errors(&p, AccountKind::Personal);
    assert_rule(&e, "phone", "e164");
    assert_rule(&e, "fax", "e164");
    assert!(e.iter().any(|e| e.message.contains("+44 20 7946 0958")));
    p.phone = Some("0044 20 7946 0958".into());
    p.fax = Some("+1 (415) 555-2671".into());
    let out = valid(&p, AccountKind::Personal);
    assert_eq!(out.phone.as_deref(), Some("+442079460958"));
    assert_eq!(out.fax.as_deref(), Some("+14155552671"));
}

#[test]
fn every_error_is_collected_not_just_the_first() {
    let p = Profile {
        legal_name: String::new(),
        display_name: "x".repeat(300),
        company: Some(Company {
            name: "Acme".into(),
            ..Company::default()
        }),
        emails: vec![ContactEmail {
            address: "nope".into(),
            purpose: ContactPurpose::General,
        }],
        postal_address: Some(PostalAddress {
            country: "US".into(),
            line1: String::new(),
            locality: "Springfield".into(),
            region: None,
            postal_code: Some("1234".into()),
            line2: None,
        }),
        phone: Some("12345".into()),
        fax: Some("+0".into()),
        ip_ranges: vec!["192.0.2.1/24".into()],
        domains: vec!["localhost".into()],
    };
    let e = errors(&p, AccountKind::Personal);
    let got: Vec<(&str, &str)> = e
        .iter()
        .map(|e| (e.field.as_str(), e.rule.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("legal_name", "required"),
            ("display_name", "max_length"),
            ("company", "not_allowed"),
            ("emails[0].address", "email"),
            ("postal_address.line1", "required"),
            ("postal_address.region", "required"),
            ("postal_address.postal_code", "postal_code"),
            ("phone", "e164"),
            ("fax", "e164"),
            ("ip_ranges[0]", "cidr_host_bits"),
            ("domains[0]", "domain"),
        ]
    );
}
