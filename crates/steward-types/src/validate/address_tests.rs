//! International postal addresses (PR-1 profile fields; PR-18: region and
//! postal code are required or not depending on the country).

use super::address::{match_pattern, postal_address, COUNTRIES};
use super::profile_tests::{assert_rule, errors, personal};
use super::*;
use crate::profile::PostalAddress;

fn addr(country: &str, region: Option<&str>, postal_code: Option<&str>) -> PostalAddress {
    PostalAddress {
        country: country.into(),
        line1: "1 Example Street".into(),
        line2: None,
        locality: "Example Town".into(),
        region: region.map(Into::into),
        postal_code: postal_code.map(Into::into),
    }
}

fn check(a: &PostalAddress) -> Result<PostalAddress, Vec<FieldError>> {
    let mut errors = Vec::new();
    let out = postal_address(a, &mut errors);
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

type Opt = Option<&'static str>;

/// (country, region, postal code) -> (normalised region, normalised code).
const VALID: &[(&str, Opt, Opt, Opt, Opt)] = &[
    ("US", Some("ca"), Some("94105"), Some("CA"), Some("94105")),
    (
        "US",
        Some("NY"),
        Some("10001-1234"),
        Some("NY"),
        Some("10001-1234"),
    ),
    (
        "US",
        Some("NY"),
        Some("100011234"),
        Some("NY"),
        Some("10001-1234"),
    ),
    ("US", Some("DC"), Some("20500"), Some("DC"), Some("20500")),
    ("US", Some("PR"), Some("00901"), Some("PR"), Some("00901")),
    (
        "CA",
        Some("on"),
        Some("k1a0b1"),
        Some("ON"),
        Some("K1A 0B1"),
    ),
    (
        "CA",
        Some("QC"),
        Some("H3Z 2Y7"),
        Some("QC"),
        Some("H3Z 2Y7"),
    ),
    ("GB", None, Some("SW1A 1AA"), None, Some("SW1A 1AA")),
    ("GB", None, Some("ec1a1bb"), None, Some("EC1A 1BB")),
    ("GB", None, Some("W1A 0AX"), None, Some("W1A 0AX")),
    ("GB", None, Some("m1 1ae"), None, Some("M1 1AE")),
    ("GB", None, Some("B33 8TH"), None, Some("B33 8TH")),
    ("GB", None, Some("CR2 6XH"), None, Some("CR2 6XH")),
    ("GB", None, Some("DN55  1PT"), None, Some("DN55 1PT")),
    ("GB", None, Some("GIR 0AA"), None, Some("GIR 0AA")),
    (
        "GB",
        Some("Greater London"),
        Some("SW1A 2AA"),
        Some("Greater London"),
        Some("SW1A 2AA"),
    ),
    ("IE", None, Some("a65f4e2"), None, Some("A65 F4E2")),
    ("IE", None, Some("D6W XY12"), None, Some("D6W XY12")),
    ("IE", Some("Co. Dublin"), None, Some("Co. Dublin"), None),
    ("DE", None, Some("10115"), None, Some("10115")),
    ("FR", None, Some("75008"), None, Some("75008")),
    ("ES", None, Some("28013"), None, Some("28013")),
    ("IT", Some("rm"), Some("00184"), Some("RM"), Some("00184")),
    ("IT", None, Some("20121"), None, Some("20121")),
    ("MX", None, Some("06600"), None, Some("06600")),
    ("FI", None, Some("00100"), None, Some("00100")),
    ("NL", None, Some("1012ab"), None, Some("1012 AB")),
    ("BE", None, Some("1000"), None, Some("1000")),
    ("AT", None, Some("1010"), None, Some("1010")),
    ("CH", None, Some("8001"), None, Some("8001")),
    ("DK", None, Some("1050"), None, Some("1050")),
    ("NO", None, Some("0150"), None, Some("0150")),
    ("AU", Some("nsw"), Some("2000"), Some("NSW"), Some("2000")),
    ("AU", Some("ACT"), Some("2600"), Some("ACT"), Some("2600")),
    ("NZ", None, Some("6011"), None, Some("6011")),
    ("HU", None, Some("1051"), None, Some("1051")),
    ("ZA", None, Some("8001"), None, Some("8001")),
    ("SE", None, Some("11455"), None, Some("114 55")),
    ("SE", None, Some("114 55"), None, Some("114 55")),
    ("PL", None, Some("00-950"), None, Some("00-950")),
    ("PT", None, Some("1000-001"), None, Some("1000-001")),
    (
        "JP",
        Some("Tokyo"),
        Some("1000001"),
        Some("Tokyo"),
        Some("100-0001"),
    ),
    (
        "JP",
        Some("東京都"),
        Some("100-0001"),
        Some("東京都"),
        Some("100-0001"),
    ),
    (
        "CN",
        Some("Beijing"),
        Some("100000"),
        Some("Beijing"),
        Some("100000"),
    ),
    (
        "IN",
        Some("Delhi"),
        Some("110001"),
        Some("Delhi"),
        Some("110001"),
    ),
    (
        "BR",
        Some("sp"),
        Some("01310100"),
        Some("SP"),
        Some("01310-100"),
    ),
    ("SG", None, Some("018956"), None, Some("018956")),
    ("KR", None, Some("03187"), None, Some("03187")),
    ("HK", None, None, None, None),
    ("AE", Some("Dubai"), None, Some("Dubai"), None),
    ("CZ", None, Some("11000"), None, Some("110 00")),
    ("SK", None, Some("811 01"), None, Some("811 01")),
    // Countries outside the table: optional, letters, digits, spaces, hyphens.
    ("AR", None, Some("C1425"), None, Some("C1425")),
    ("LU", None, Some("L-1234"), None, Some("L-1234")),
    ("KE", None, None, None, None),
    ("XK", None, Some("10000"), None, Some("10000")),
];

#[test]
fn valid_international_addresses_are_normalised() {
    for (country, region, code, want_region, want_code) in VALID {
        let out = check(&addr(country, *region, *code))
            .unwrap_or_else(|e| panic!("{country} {region:?} {code:?}: {e:#?}"));
        assert_eq!(out.country, *country);
        assert_eq!(out.region.as_deref(), *want_region, "{country} region");
        assert_eq!(out.postal_code.as_deref(), *want_code, "{country} {code:?}");
        // Normalised output is itself valid and unchanged.
        assert_eq!(check(&out).ok(), Some(out.clone()), "{country} fixed point");
    }
}

/// (country, region, postal code) -> the (field, rule) it must break.
const INVALID: &[(&str, Opt, Opt, &str, &str)] = &[
    ("US", None, Some("94105"), "region", "required"),
    ("US", Some("XX"), Some("94105"), "region", "region"),
    ("US", Some("California"), Some("94105"), "region", "region"),
    ("US", Some("CA"), Some("9410"), "postal_code", "postal_code"),
    (
        "US",
        Some("CA"),
        Some("94105-12"),
        "postal_code",
        "postal_code",
    ),
    (
        "US",
        Some("CA"),
        Some("ABCDE"),
        "postal_code",
        "postal_code",
    ),
    ("US", Some("CA"), None, "postal_code", "required"),
    (
        "CA",
        Some("ON"),
        Some("K1A 0B"),
        "postal_code",
        "postal_code",
    ),
    (
        "CA",
        Some("ON"),
        Some("D1A 0B1"),
        "postal_code",
        "postal_code",
    ),
    (
        "CA",
        Some("ON"),
        Some("W1A 0B1"),
        "postal_code",
        "postal_code",
    ),
    ("CA", Some("XX"), Some("K1A 0B1"), "region", "region"),
    ("CA", None, Some("K1A 0B1"), "region", "required"),
    ("GB", None, Some("SW1A"), "postal_code", "postal_code"),
    ("GB", None, Some("12345"), "postal_code", "postal_code"),
    ("GB", None, Some("ABC 1AA"), "postal_code", "postal_code"),
    ("GB", None, Some("SW1A 1A1"), "postal_code", "postal_code"),
    ("GB", None, None, "postal_code", "required"),
    ("IE", None, Some("A65 F4E"), "postal_code", "postal_code"),
    ("IE", None, Some("123 4567"), "postal_code", "postal_code"),
    ("DE", None, Some("1011"), "postal_code", "postal_code"),
    ("DE", None, Some("1011A"), "postal_code", "postal_code"),
    ("DE", None, None, "postal_code", "required"),
    ("FR", None, Some("750008"), "postal_code", "postal_code"),
    ("ES", None, Some("2801"), "postal_code", "postal_code"),
    ("IT", Some("Roma"), Some("00184"), "region", "region"),
    ("MX", None, Some("6600"), "postal_code", "postal_code"),
    ("FI", None, Some("FI-00100"), "postal_code", "postal_code"),
    ("NL", None, Some("0123 AB"), "postal_code", "postal_code"),
    ("NL", None, Some("1012 SA"), "postal_code", "postal_code"),
    ("NL", None, Some("1012"), "postal_code", "postal_code"),
    ("BE", None, Some("10000"), "postal_code", "postal_code"),
    ("AT", None, Some("A-1010"), "postal_code", "postal_code"),
    ("CH", None, Some("800"), "postal_code", "postal_code"),
    ("DK", None, Some("DK1050"), "postal_code", "postal_code"),
    ("NO", None, Some("01500"), "postal_code", "postal_code"),
    ("AU", None, Some("2000"), "region", "required"),
    ("AU", Some("XYZ"), Some("2000"), "region", "region"),
    ("AU", Some("NSW"), Some("200"), "postal_code", "postal_code"),
    ("NZ", None, Some("60110"), "postal_code", "postal_code"),
    ("HU", None, Some("H-1051"), "postal_code", "postal_code"),
    ("ZA", None, Some("800"), "postal_code", "postal_code"),
    ("SE", None, Some("1145"), "postal_code", "postal_code"),
    ("PL", None, Some("00950X"), "postal_code", "postal_code"),
    ("PT", None, Some("1000-01"), "postal_code", "postal_code"),
    ("JP", None, Some("100-0001"), "region", "required"),
    (
        "JP",
        Some("Tokyo"),
        Some("100-001"),
        "postal_code",
        "postal_code",
    ),
    ("CN", None, Some("100000"), "region", "required"),
    (
        "CN",
        Some("Beijing"),
        Some("10000"),
        "postal_code",
        "postal_code",
    ),
    ("IN", None, Some("110001"), "region", "required"),
    (
        "IN",
        Some("Delhi"),
        Some("11001"),
        "postal_code",
        "postal_code",
    ),
    ("BR", Some("XX"), Some("01310-100"), "region", "region"),
    ("BR", None, Some("01310-100"), "region", "required"),
    (
        "BR",
        Some("SP"),
        Some("01310-10"),
        "postal_code",
        "postal_code",
    ),
    ("SG", None, Some("01895"), "postal_code", "postal_code"),
    ("KR", None, Some("0318"), "postal_code", "postal_code"),
    ("HK", None, Some("999077"), "postal_code", "not_used"),
    ("AE", None, Some("00000"), "postal_code", "not_used"),
    ("CZ", None, Some("1100"), "postal_code", "postal_code"),
    ("SK", None, Some("8110"), "postal_code", "postal_code"),
    ("AR", None, Some("C1425#"), "postal_code", "postal_code"),
    (
        "KE",
        None,
        Some("12345678901234567"),
        "postal_code",
        "postal_code",
    ),
    ("UK", None, Some("SW1A 1AA"), "country", "country"),
    ("XX", None, None, "country", "country"),
    ("United Kingdom", None, None, "country", "country"),
    ("", None, None, "country", "required"),
];

#[test]
fn invalid_international_addresses_name_the_rule() {
    for (country, region, code, field, rule) in INVALID {
        let errors = check(&addr(country, *region, *code))
            .err()
            .unwrap_or_else(|| panic!("{country} {region:?} {code:?} should be rejected"));
        assert_rule(&errors, &format!("postal_address.{field}"), rule);
    }
}

#[test]
fn postal_code_messages_name_the_format_with_an_example() {
    let cases = [
        ("GB", None, "SW1A", "Enter a UK postcode such as SW1A 1AA."),
        (
            "US",
            Some("CA"),
            "9410",
            "Enter a ZIP code such as 94105 or 94105-1234.",
        ),
        (
            "HK",
            None,
            "999077",
            "Hong Kong does not use postal codes; leave the postal code empty.",
        ),
    ];
    for (country, region, code, message) in cases {
        let errors = check(&addr(country, region, Some(code)))
            .err()
            .unwrap_or_default();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].message, message);
    }
    let errors = check(&addr("DE", None, Some("1011")))
        .err()
        .unwrap_or_default();
    assert!(errors[0].message.contains("5 digits"), "{errors:?}");
}

#[test]
fn address_lines_and_all_errors_together() {
    let mut a = addr("US", None, Some("9410"));
    a.line1 = " ".into();
    a.locality = "x".repeat(101);
    a.line2 = Some("Suite\n5".into());
    let errors = check(&a).err().unwrap_or_default();
    assert_rule(&errors, "postal_address.line1", "required");
    assert_rule(&errors, "postal_address.locality", "max_length");
    assert_rule(&errors, "postal_address.line2", "control_characters");
    assert_rule(&errors, "postal_address.region", "required");
    assert_rule(&errors, "postal_address.postal_code", "postal_code");

    let mut a = addr("GB", None, Some("SW1A 1AA"));
    a.line1 = "x".repeat(201);
    assert_rule(
        &check(&a).err().unwrap_or_default(),
        "postal_address.line1",
        "max_length",
    );
    a.line1 = "x".repeat(200);
    assert!(check(&a).is_ok());
}

#[test]
fn addresses_are_checked_through_the_profile_too() {
    let mut p = personal();
    p.postal_address = Some(addr("JP", None, Some("1000001")));
    assert_rule(
        &errors(&p, AccountKind::Personal),
        "postal_address.region",
        "required",
    );
    p.postal_address = Some(addr("jp", Some("Osaka"), Some("5300001")));
    let out = profile(&p, AccountKind::Personal).unwrap_or_else(|e| panic!("{e:?}"));
    let a = out.postal_address.unwrap_or_default();
    assert_eq!(
        (a.country.as_str(), a.postal_code.as_deref()),
        ("JP", Some("530-0001"))
    );
}

#[test]
fn the_country_list_is_iso_3166_alpha_2() {
    // 249 officially assigned codes plus XK.
    assert_eq!(COUNTRIES.len(), 250);
    let mut sorted = COUNTRIES.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), COUNTRIES.len(), "no duplicates");
    assert!(COUNTRIES
        .iter()
        .all(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase())));
    for c in [
        "GB", "US", "DE", "JP", "AX", "BQ", "CW", "SS", "SX", "EH", "PS", "TW", "VA", "HK", "AE",
    ] {
        assert!(COUNTRIES.contains(&c), "{c}");
    }
    for c in ["UK", "EU", "EL", "YU", "AN", "ZR", "XX"] {
        assert!(!COUNTRIES.contains(&c), "{c}");
    }
}

#[test]
fn the_postal_pattern_language() {
    let cases = [
        ("99999", "12345", Some("12345")),
        ("99999", "1234", None),
        ("99999", "123456", None),
        ("99999", "1234A", None),
        ("A9A 9A9", "k1a-0b1", Some("K1A 0B1")),
        ("A9A 9A9", "K1A 0B", None),
        ("9999 AA", "1234ab", Some("1234 AB")),
        ("99-999", "00 950", Some("00-950")),
        ("A99 XXXX", "a65f4e2", Some("A65 F4E2")),
        ("A99 XXXX", "a65f4é2", None),
        ("GIR 0AA", "gir0aa", Some("GIR 0AA")),
        ("99999", "", None),
    ];
    for (pattern, input, want) in cases {
        assert_eq!(
            match_pattern(pattern, input).as_deref(),
            want,
            "{pattern} {input}"
        );
    }
}
