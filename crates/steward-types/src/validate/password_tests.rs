//! New-password rules (OWASP ASVS v4.0 section 2.1).

use super::password::is_common;
use super::*;

fn rules(password: &str, email: &str, name: &str) -> Vec<String> {
    let errors = new_password(password, email, name);
    assert!(errors
        .iter()
        .all(|e| e.field == "new_password" && !e.message.is_empty()));
    errors.into_iter().map(|e| e.rule).collect()
}

#[test]
fn asvs_2_1_password_rules() {
    let email = "Ada.Lovelace@example.com";
    let name = "Ada Lovelace";
    let cases: &[(&str, &[&str])] = &[
        // No composition rules: length is what counts (2.1.1, 2.1.9).
        ("tangerine otter lamp", &[]),
        ("alllowercaseletters", &[]),
        ("840219376154", &[]),
        ("twelve chars", &[]),
        ("eleven char", &["min_length"]),
        ("", &["min_length"]),
        // Characters, not bytes; any printable Unicode, emoji included (2.1.4).
        ("ééééééééééé", &["min_length"]),
        ("éèêëēėęîïíīį", &[]),
        ("🦀🦀🦀🦀🦀🦀🦀🦀🦀🦀🦀🦀", &[]),
        (&"x".repeat(128), &[]),
        (&"x".repeat(129), &["max_length"]),
        // Common and breached passwords, case-insensitively (2.1.7).
        ("password1234", &["common_password"]),
        ("Password1234", &["common_password"]),
        ("QWERTYUIOP123", &["common_password"]),
        ("correct horse battery staple", &["common_password"]),
        ("password", &["min_length", "common_password"]),
        // Nothing taken from the account itself.
        ("my-ada.lovelace-secret", &["contains_email"]),
        ("MY-ADA.LOVELACE-SECRET", &["contains_email"]),
        ("ada lovelace", &["equals_name"]),
        ("  ADA LOVELACE ", &["equals_name"]),
        ("ada lovelace rules", &[]),
    ];
    for (password, want) in cases {
        assert_eq!(rules(password, email, name), *want, "{password:?}");
    }
}

#[test]
fn all_violations_are_returned() {
    assert_eq!(
        rules("password", "password@example.com", "Password"),
        [
            "min_length",
            "common_password",
            "contains_email",
            "equals_name"
        ]
    );
}

#[test]
fn a_very_short_local_part_is_not_held_against_the_password() {
    assert!(rules("jo-likes-long-walks", "jo@example.com", "Jo").is_empty());
    assert_eq!(
        rules("bob-likes-long-walks", "bob@example.com", "Bob"),
        ["contains_email"]
    );
    assert!(rules("a long enough passphrase", "", "").is_empty());
}

#[test]
fn the_embedded_list_is_lower_case_and_clean() {
    let entries: Vec<&str> = include_str!("common-passwords.txt")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .collect();
    assert!(entries.len() > 250);
    assert!(
        entries
            .iter()
            .filter(|e| e.chars().count() >= MIN_PASSWORD_CHARS)
            .count()
            > 200
    );
    for e in &entries {
        assert_eq!(*e, e.trim(), "no stray spaces: {e:?}");
        assert_eq!(*e, e.to_lowercase(), "lower case: {e:?}");
        assert!(is_common(e));
    }
    assert!(!is_common("tangerine otter lamp"));
    assert!(!is_common(""), "comment and blank lines are not entries");
}
