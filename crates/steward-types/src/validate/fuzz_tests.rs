//! Property-based fuzzing of the validators that take outside input (issue
//! 7, PR-16): whatever arrives, they never panic; every error names a field
//! the form has and a rule; and what they accept is already canonical, so
//! validating it again changes nothing (a value stored once reads back as
//! stored). `PROPTEST_CASES` raises the case count for the long variant.

use proptest::prelude::*;

use super::network::{cidr, domain};
use super::*;
use crate::profile::{Company, ContactEmail, ContactPurpose, PostalAddress, Profile};
use crate::AccountKind;

/// Text a person, a script or an attacker might send: anything at all,
/// near-valid values, and the characters validators trip over.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ a-zA-Z0-9.,'@+:/_-]{0,40}",
        "[0-9a-fA-F:./]{0,45}",
        "[a-zäöüßéñ0-9-]{1,20}(\\.[a-zäöüßéñ0-9-]{1,12}){0,3}\\.?",
        "[a-z0-9._%+-]{1,20}@[a-z0-9-]{1,15}\\.[a-z]{2,6}",
        "\\+?[0-9 ()-]{0,20}",
        Just(String::new()),
        Just("\u{202E}gnp.exe".to_string()),
        Just("a\u{0000}b".to_string()),
        Just("x".repeat(1100)),
        Just("xn--bcher-kva.example".to_string()),
        Just("2001:db8::/48".to_string()),
        Just("203.0.113.7/24".to_string()),
    ]
}

fn opt_text() -> impl Strategy<Value = Option<String>> {
    prop::option::of(text())
}

fn purpose() -> impl Strategy<Value = ContactPurpose> {
    prop_oneof![
        Just(ContactPurpose::General),
        Just(ContactPurpose::Billing),
        Just(ContactPurpose::Technical),
        Just(ContactPurpose::Privacy),
    ]
}

fn address() -> impl Strategy<Value = PostalAddress> {
    (
        prop_oneof![
            Just("GB".to_string()),
            Just("US".to_string()),
            Just("DE".to_string()),
            text()
        ],
        text(),
        opt_text(),
        text(),
        opt_text(),
        opt_text(),
    )
        .prop_map(
            |(country, line1, line2, locality, region, postal_code)| PostalAddress {
                country,
                line1,
                line2,
                locality,
                region,
                postal_code,
            },
        )
}

fn company() -> impl Strategy<Value = Company> {
    (text(), opt_text(), opt_text(), opt_text(), opt_text()).prop_map(
        |(name, registration_number, tax_id, industry, website)| Company {
            name,
            registration_number,
            tax_id,
            industry,
            website,
        },
    )
}

fn profile() -> impl Strategy<Value = Profile> {
    (
        (text(), text(), prop::option::of(company())),
        prop::collection::vec((text(), purpose()), 0..12),
        prop::option::of(address()),
        (opt_text(), opt_text()),
        prop::collection::vec(text(), 0..52),
        prop::collection::vec(text(), 0..52),
    )
        .prop_map(
            |(
                (legal_name, display_name, company),
                emails,
                postal_address,
                (phone, fax),
                ip_ranges,
                domains,
            )| {
                Profile {
                    legal_name,
                    display_name,
                    company,
                    emails: emails
                        .into_iter()
                        .map(|(address, purpose)| ContactEmail { address, purpose })
                        .collect(),
                    postal_address,
                    phone,
                    fax,
                    ip_ranges,
                    domains,
                }
            },
        )
}

/// A field path the profile form has: a leaf, a list, or an item of one.
fn known_field(field: &str) -> bool {
    let root = field.split('[').next().unwrap_or(field);
    FIELD_PATHS.contains(&root)
        || FIELD_PATHS.contains(&field)
        || root == "company"
        || root == "postal_address"
        || (field.starts_with("emails[") && field.ends_with("].address"))
}

fn well_formed(errors: &[FieldError]) -> Result<(), TestCaseError> {
    prop_assert!(!errors.is_empty(), "an Err carries at least one error");
    for e in errors {
        prop_assert!(!e.rule.is_empty() && !e.message.is_empty(), "{e:?}");
        prop_assert!(!e.message.contains('\u{0}'), "{e:?}");
    }
    Ok(())
}

/// Each item once, in order: a careful person does not repeat one, and
/// the validator refuses repeats.
fn once<T: Clone + Eq + std::hash::Hash>(items: Vec<T>) -> Vec<T> {
    let mut seen = std::collections::HashSet::new();
    items
        .into_iter()
        .filter(|i| seen.insert(i.clone()))
        .collect()
}

/// A personal profile a careful person would type: always accepted.
fn good_profile() -> impl Strategy<Value = Profile> {
    (
        "[A-Z][a-z]{1,10} [A-Z][a-zé]{1,12}",
        "  [A-Z][a-z]{1,10}  ",
        prop::collection::vec(
            (
                "[a-z]{1,8}(\\.[a-z]{1,8})?@[a-z]{2,10}\\.(com|org|example)",
                purpose(),
            ),
            1..4,
        ),
        prop::option::of("\\+44 ?20 ?79[0-9]{2} ?[0-9]{4}"),
        prop::collection::vec((1u8..=223, any::<u8>(), any::<u8>()), 0..5),
        prop::collection::vec("[a-z]{2,10}(-[a-z]{2,6})?\\.(com|org|net|example)", 0..5),
        "[1-9][0-9]{0,2} [A-Z][a-z]{2,10} (Road|Street|Lane)",
    )
        .prop_map(
            |(legal_name, display_name, emails, phone, nets, domains, line1)| Profile {
                legal_name,
                display_name,
                company: None,
                emails: once(emails)
                    .into_iter()
                    .map(|(address, purpose)| ContactEmail { address, purpose })
                    .collect(),
                postal_address: Some(PostalAddress {
                    country: "GB".into(),
                    line1,
                    line2: None,
                    locality: "London".into(),
                    region: None,
                    postal_code: Some("n1 7gr".into()),
                }),
                phone,
                fax: None,
                ip_ranges: once(nets)
                    .iter()
                    .map(|(a, b, c)| format!("{a}.{b}.{c}.0/24"))
                    .collect(),
                domains: once(domains),
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn profiles_never_panic_and_accepted_ones_are_canonical(
        p in profile(),
        company_account in any::<bool>(),
    ) {
        let kind = if company_account { AccountKind::Company } else { AccountKind::Personal };
        match super::profile(&p, kind) {
            Ok(clean) => prop_assert_eq!(super::profile(&clean, kind), Ok(clean.clone())),
            Err(errors) => {
                well_formed(&errors)?;
                for e in &errors {
                    prop_assert!(known_field(&e.field), "unknown field {:?}", e.field);
                }
            }
        }
    }

    #[test]
    fn careful_profiles_are_accepted_and_canonical(p in good_profile()) {
        let clean = super::profile(&p, AccountKind::Personal);
        prop_assert!(clean.is_ok(), "{:?} refused: {:?}", p, clean);
        let clean = clean.unwrap_or_default();
        prop_assert_eq!(super::profile(&clean, AccountKind::Personal), Ok(clean.clone()));
    }

    #[test]
    fn postal_addresses_never_panic_and_are_canonical(a in address()) {
        match postal_address(&a) {
            Ok(clean) => prop_assert_eq!(postal_address(&clean), Ok(clean.clone())),
            Err(errors) => {
                well_formed(&errors)?;
                for e in &errors {
                    prop_assert!(e.field.starts_with("postal_address."), "{:?}", e.field);
                }
            }
        }
    }

    #[test]
    fn emails_never_panic_and_are_canonical(s in text()) {
        match email("emails[0].address", &s) {
            Ok(clean) => prop_assert_eq!(email("emails[0].address", &clean), Ok(clean.clone())),
            Err(e) => prop_assert_eq!(e.field.as_str(), "emails[0].address"),
        }
    }

    #[test]
    fn cidrs_never_panic_and_are_canonical(s in text()) {
        if let Ok(clean) = cidr(&s) {
            prop_assert_eq!(cidr(&clean), Ok(clean.clone()));
            prop_assert!(clean.contains('/'), "{}", clean);
        }
    }

    #[test]
    fn domains_never_panic_and_are_canonical(s in text()) {
        if let Ok(d) = domain(&s) {
            prop_assert_eq!(domain(&d.unicode).map(|x| x.ascii), Ok(d.ascii.clone()));
            prop_assert!(d.ascii.is_ascii(), "{}", d.ascii);
        }
    }

    #[test]
    fn new_passwords_never_panic(p in text(), email in text(), name in text()) {
        for e in new_password(&p, &email, &name) {
            prop_assert_eq!(e.field.as_str(), "new_password");
        }
    }

    #[test]
    fn money_is_exact_or_refused(s in prop_oneof![
        any::<String>(),
        "-?[0-9]{0,30}(\\.[0-9]{0,30})?",
        "[0-9.eE+-]{0,12}",
    ]) {
        // Money travels as a JSON string; whatever string arrives either
        // parses to the exact decimal it spells or is refused.
        let body = serde_json::json!({"amount": s, "currency": "GBP"});
        if let Ok(m) = serde_json::from_value::<crate::billing::Money>(body) {
            let back = serde_json::to_value(&m).expect("serialise");
            let again: crate::billing::Money = serde_json::from_value(back).expect("round trip");
            prop_assert_eq!(again, m);
        }
    }

    #[test]
    fn money_as_a_json_number_is_refused(f in any::<f64>()) {
        let body = serde_json::json!({"amount": f, "currency": "GBP"});
        prop_assert!(serde_json::from_value::<crate::billing::Money>(body).is_err());
    }
}
