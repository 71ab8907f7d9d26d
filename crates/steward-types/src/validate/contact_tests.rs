//! E-mail addresses (sign-in and contact) and E.164 phone numbers (PR-1).

use super::contact::e164;
use super::*;

#[test]
fn email_valid_addresses_are_trimmed_with_a_lower_case_unicode_domain() {
    let cases = [
        ("ada@example.com", "ada@example.com"),
        ("  Ada.Lovelace@Example.COM ", "Ada.Lovelace@example.com"),
        (
            "first.last+tag@sub.example.co.uk",
            "first.last+tag@sub.example.co.uk",
        ),
        ("o'brien@example.ie", "o'brien@example.ie"),
        ("user@bücher.example", "user@bücher.example"),
        ("user@XN--BCHER-KVA.example", "user@bücher.example"),
        ("josé@example.com", "josé@example.com"),
        ("info@例え.テスト", "info@例え.テスト"),
        ("x@example.com.", "x@example.com"),
        (
            &format!("{}@example.com", "l".repeat(64)),
            &format!("{}@example.com", "l".repeat(64)),
        ),
    ];
    for (input, want) in cases {
        assert_eq!(email("email", input).as_deref(), Ok(want), "{input}");
    }
}

#[test]
fn email_invalid_addresses_are_rejected_at_the_given_field() {
    let long_domain = format!(
        "{}.example",
        std::iter::repeat_n("d".repeat(60), 3)
            .collect::<Vec<_>>()
            .join(".")
    );
    let cases = [
        ("plainaddress", "email"),
        ("a@b@example.com", "email"),
        ("@example.com", "email"),
        ("user@", "email"),
        ("user@localhost", "email"),
        ("user@example", "email"),
        ("user@example.123", "email"),
        ("us er@example.com", "email"),
        ("user\u{7}@example.com", "email"),
        ("user(comment)@example.com", "email"),
        ("\"quoted\"@example.com", "email"),
        ("a,b@example.com", "email"),
        ("a;b@example.com", "email"),
        ("a<b>@example.com", "email"),
        ("a[b]@example.com", "email"),
        ("a\\b@example.com", "email"),
        ("a:b@example.com", "email"),
        (".user@example.com", "email"),
        ("user.@example.com", "email"),
        ("us..er@example.com", "email"),
        ("user@-example.com", "email"),
        ("user@exa_mple.com", "email"),
        ("user@192.0.2.1", "email"),
        ("user@[192.0.2.1]", "email"),
        (&format!("{}@example.com", "l".repeat(65)), "email"),
        (&format!("{}@{long_domain}", "l".repeat(64)), "email"),
        (&"a".repeat(5000), "email"),
        ("", "required"),
        ("   ", "required"),
    ];
    for (input, rule) in cases {
        let e = email("emails[3].address", input).expect_err(input);
        assert_eq!(
            (e.field.as_str(), e.rule.as_str()),
            ("emails[3].address", rule),
            "{input}"
        );
        assert!(!e.message.is_empty());
    }
    // The total limit counts the domain's xn-- form.
    let total = format!("{}@{long_domain}", "l".repeat(64));
    assert!(total.len() > 254);
    let shorter = format!("{}@{long_domain}", "l".repeat(10));
    assert!(shorter.len() <= 254);
    assert!(email("email", &shorter).is_ok());
}

#[test]
fn e164_normalises_human_input() {
    let cases = [
        ("+44 20 7946 0958", "+442079460958"),
        ("+44 (0)20 7946 0958", "+442079460958"),
        ("+44 (0) 20 7946 0958", "+442079460958"),
        ("0044 20 7946 0958", "+442079460958"),
        ("+1 (415) 555-2671", "+14155552671"),
        ("+1.415.555.2671", "+14155552671"),
        ("+49-30-901820", "+4930901820"),
        ("+81 3-1234-5678", "+81312345678"),
        ("  +33 1 42 68 53 00 ", "+33142685300"),
        ("+12345678", "+12345678"),
        ("+123456789012345", "+123456789012345"),
    ];
    for (input, want) in cases {
        assert_eq!(e164(input).as_deref(), Ok(want), "{input}");
    }
}

#[test]
fn e164_rejects_what_cannot_be_dialled_internationally() {
    let cases = [
        "020 7946 0958",     // no country code: we cannot guess it
        "44 20 7946 0958",   // no + or 00
        "+0 20 7946 0958",   // country codes do not start with 0
        "000 44 20 7946",    // 00 then 0
        "+1234567",          // 7 digits
        "+1234567890123456", // 16 digits
        "+44 20 7946 0958 ext 12",
        "+44 20 7946 0958x12",
        "+44 (20 7946 0958",
        "+44 20) 7946 0958",
        "+44 ((20)) 7946 0958",
        "+44 () 20 7946 0958",
        "++44 20 7946 0958",
        "+44 20 7946 0958+",
        "tel:+442079460958",
        "+44/20/7946/0958",
        "+",
        "+٤٤٢٠٧٩٤٦٠٩٥٨", // non-ASCII digits
    ];
    for input in cases {
        let message = e164(input).expect_err(input);
        assert!(message.contains('+'), "{input}: {message}");
    }
}
