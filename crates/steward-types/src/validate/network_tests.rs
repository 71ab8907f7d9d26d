//! IP ranges and domains (PR-1 profile fields: the networks and domains the
//! media API is restricted to).

use super::network::{cidr, domain};
use super::profile_tests::{assert_rule, errors, personal, valid};
use super::*;

#[test]
fn cidr_valid_ranges_are_canonicalised() {
    let cases = [
        ("192.0.2.0/24", "192.0.2.0/24"),
        (" 10.0.0.0/8 ", "10.0.0.0/8"),
        ("192.0.2.7", "192.0.2.7/32"),
        ("192.0.2.7/32", "192.0.2.7/32"),
        ("0.0.0.0/0", "0.0.0.0/0"),
        ("198.51.100.128/25", "198.51.100.128/25"),
        ("2001:DB8::/32", "2001:db8::/32"),
        ("2001:0db8:0000:0000::/48", "2001:db8::/48"),
        ("2001:db8:0:0:0:0:0:1", "2001:db8::1/128"),
        ("::1", "::1/128"),
        ("::/0", "::/0"),
        ("fe80::/10", "fe80::/10"),
        ("::ffff:192.0.2.1", "::ffff:192.0.2.1/128"),
        ("::ffff:192.0.2.0/120", "::ffff:192.0.2.0/120"),
        ("::FFFF:C000:0200/120", "::ffff:192.0.2.0/120"),
        ("192.0.2.0/024", "192.0.2.0/24"),
    ];
    for (input, want) in cases {
        assert_eq!(cidr(input).as_deref(), Ok(want), "{input}");
    }
}

#[test]
fn cidr_invalid_ranges_name_the_rule() {
    let cases = [
        (
            "192.0.2.1/24",
            "cidr_host_bits",
            Some("Did you mean 192.0.2.0/24?"),
        ),
        (
            "10.1.2.3/8",
            "cidr_host_bits",
            Some("Did you mean 10.0.0.0/8?"),
        ),
        (
            "192.0.2.1/0",
            "cidr_host_bits",
            Some("Did you mean 0.0.0.0/0?"),
        ),
        (
            "2001:db8::1/64",
            "cidr_host_bits",
            Some("Did you mean 2001:db8::/64?"),
        ),
        (
            "2001:db8:abcd:12::/40",
            "cidr_host_bits",
            Some("Did you mean 2001:db8:ab00::/40?"),
        ),
        (
            "::ffff:192.0.2.1/120",
            "cidr_host_bits",
            Some("Did you mean ::ffff:192.0.2.0/120?"),
        ),
        ("192.0.2.0/33", "cidr_prefix", Some("between 0 and 32")),
        ("192.0.2.0/999", "cidr_prefix", None),
        ("2001:db8::/129", "cidr_prefix", Some("between 0 and 128")),
        ("192.0.2.0/", "cidr", None),
        ("192.0.2.0/-1", "cidr", None),
        ("192.0.2.0/+8", "cidr", None),
        ("192.0.2.0/ 24", "cidr", None),
        ("192.0.2.0/0024", "cidr", None),
        ("192.0.2.0/24/8", "cidr", None),
        ("256.0.0.0/8", "cidr", None),
        ("010.0.0.0/8", "cidr", None),
        ("192.0.2", "cidr", None),
        ("192.0.2.0-192.0.2.255", "cidr", None),
        ("fe80::1%eth0", "cidr", None),
        ("[2001:db8::]/32", "cidr", None),
        ("example.com", "cidr", None),
        ("2001:db8:::/48", "cidr", None),
    ];
    for (input, rule, hint) in cases {
        let (got_rule, message) = cidr(input).expect_err(input);
        assert_eq!(got_rule, rule, "{input}");
        if let Some(hint) = hint {
            assert!(message.contains(hint), "{input}: {message}");
        }
    }
}

#[test]
fn ip_ranges_in_the_profile() {
    let mut p = personal();
    p.ip_ranges = vec![
        "192.0.2.1".into(),
        " ".into(),
        "192.0.2.1/32".into(),
        "2001:db8::1/64".into(),
    ];
    let e = errors(&p, AccountKind::Personal);
    assert_rule(&e, "ip_ranges[2]", "duplicate");
    assert_rule(&e, "ip_ranges[3]", "cidr_host_bits");
    assert_eq!(e.len(), 2, "{e:#?}");

    p.ip_ranges = (0..51).map(|i| format!("10.0.{i}.0/24")).collect();
    assert_rule(&errors(&p, AccountKind::Personal), "ip_ranges", "max_items");
    p.ip_ranges.truncate(50);
    assert_eq!(valid(&p, AccountKind::Personal).ip_ranges.len(), 50);

    p.ip_ranges = vec!["1".repeat(2000)];
    assert_rule(
        &errors(&p, AccountKind::Personal),
        "ip_ranges[0]",
        "max_length",
    );
}

#[test]
fn idn_domains_are_stored_in_lower_case_unicode() {
    let cases = [
        ("example.com", "example.com"),
        ("Example.COM.", "example.com"),
        ("  sub.example.co.uk ", "sub.example.co.uk"),
        ("Bücher.example", "bücher.example"),
        ("xn--bcher-kva.example", "bücher.example"),
        ("XN--BCHER-KVA.EXAMPLE", "bücher.example"),
        ("例え.テスト", "例え.テスト"),
        ("xn--r8jz45g.xn--zckzah", "例え.テスト"),
        ("ПРИМЕР.рф", "пример.рф"),
        ("a-b.example", "a-b.example"),
        ("123.example", "123.example"),
        ("cdn1.example.xn--p1ai", "cdn1.example.рф"),
        (
            &format!("{}.example", "a".repeat(63)),
            &format!("{}.example", "a".repeat(63)),
        ),
    ];
    for (input, want) in cases {
        let got = domain(input).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(got.unicode, want, "{input}");
        assert!(got.ascii.is_ascii(), "{input}");
    }
    assert_eq!(
        domain("bücher.example").ok(),
        domain("xn--bcher-kva.example").ok(),
        "Unicode and A-label forms are the same domain"
    );
}

#[test]
fn invalid_domains_are_rejected_with_a_reason() {
    let long_name = std::iter::repeat_n("a".repeat(60), 5)
        .collect::<Vec<_>>()
        .join(".");
    let cases = [
        ("", "Enter a domain"),
        (".", "Enter a domain"),
        ("localhost", "at least two parts"),
        ("example", "at least two parts"),
        ("example.123", "cannot be all digits"),
        ("192.0.2.1", "not an IP address"),
        ("2001:db8::1", "not an IP address"),
        ("[2001:db8::1]", "not an IP address"),
        ("-example.com", "hyphen"),
        ("example-.com", "hyphen"),
        ("example.-com", "hyphen"),
        ("ab--cd.example", "third and fourth"),
        ("exa_mple.com", "letters, digits and hyphens"),
        ("exa mple.com", "letters, digits and hyphens"),
        ("*.example.com", "letters, digits and hyphens"),
        ("a..example", "empty part"),
        (".example.com", "empty part"),
        ("example.com..", "empty part"),
        ("https://example.com", "without https://"),
        ("example.com/path", "without https://"),
        (&format!("{}.example", "a".repeat(64)), "63 characters"),
        (&format!("{}.example", "ü".repeat(60)), "63 characters"),
        (&long_name, "253 characters"),
        ("xn--a.example", "characters or sequences"),
    ];
    for (input, reason) in cases {
        let message = domain(input).expect_err(input);
        assert!(message.contains(reason), "{input}: {message}");
    }
    // Right-to-left label followed by a label starting with a digit breaks
    // the IDNA bidi rule; only the strict UTS 46 check catches it.
    assert!(domain("مثال.1a").is_err());
}

#[test]
fn domains_in_the_profile() {
    let mut p = personal();
    p.domains = vec![
        "Bücher.example".into(),
        "".into(),
        "xn--bcher-kva.example".into(),
        "localhost".into(),
        "cdn.example.com".into(),
    ];
    let e = errors(&p, AccountKind::Personal);
    assert_rule(&e, "domains[2]", "duplicate");
    assert_rule(&e, "domains[3]", "domain");
    assert_eq!(e.len(), 2, "{e:#?}");

    p.domains = vec!["Bücher.example".into(), "CDN.Example.com.".into()];
    assert_eq!(
        valid(&p, AccountKind::Personal).domains,
        ["bücher.example", "cdn.example.com"]
    );

    p.domains = (0..51).map(|i| format!("d{i}.example")).collect();
    assert_rule(&errors(&p, AccountKind::Personal), "domains", "max_items");
}
