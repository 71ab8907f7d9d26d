use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use axum::http::HeaderMap;
use steward_types::problem::FieldError;
use steward_types::ErrorCode;

use super::*;

fn headers(accept: &str) -> HeaderMap {
    let mut h = HeaderMap::new();
    h.insert(
        header::ACCEPT_LANGUAGE,
        HeaderValue::from_str(accept).expect("header"),
    );
    h
}

#[test]
fn accept_language_picks_the_most_preferred_language_we_speak() {
    let cases = [
        ("de-DE,de;q=0.9,en;q=0.8", Some(Language::De)),
        ("fr-FR, fr;q=0.9, en;q=0.5", Some(Language::En)),
        ("en;q=0.5, DE-at;q=0.9", Some(Language::De)),
        ("en, de", Some(Language::En)),
        ("de;q=0, en;q=0.1", Some(Language::En)),
        ("fr", None),
        ("*", None),
        ("de;q=2, en;q=nonsense", None),
        ("", None),
    ];
    for (accept, want) in cases {
        assert_eq!(accepted(&headers(accept)), want, "{accept}");
    }
    assert_eq!(accepted(&HeaderMap::new()), None);
}

#[test]
fn values_are_carried_over_in_the_order_the_other_language_wants() {
    let parts = ["", " is already ", "; choose ", "."];
    assert_eq!(
        captures(&parts, "Ada is already owner; choose admin."),
        Some(vec!["Ada", "owner", "admin"])
    );
    assert_eq!(
        captures(&parts, "Ada is already owner; choose ."),
        None,
        "every value is non-empty"
    );
    assert_eq!(
        captures(&["At most ", " characters."], "At most 5 words."),
        None
    );
    assert_eq!(fill("{2} vor {1}; {3}", &["a", "b"]), "b vor a; {3}");
    assert_eq!(fill("{x} und {}", &["a"]), "{x} und {}");
}

#[test]
fn german_words_whole_messages_and_messages_with_values() -> anyhow::Result<()> {
    let catalogue = Catalogue::new(&[
        ("Enter {}.", "Geben Sie {1} ein."),
        (
            "Enter the correct value.",
            "Geben Sie den richtigen Wert ein.",
        ),
        (
            "a UK postcode such as SW1A 1AA",
            "eine britische Postleitzahl wie SW1A 1AA",
        ),
        ("Add at most {} {}.", "Fügen Sie höchstens {1} {2} hinzu."),
        ("domains", "Domains"),
        ("At most {} characters.", "Höchstens {1} Zeichen."),
        ("postal address", "Postanschrift"),
        ("telephone numbers", "Telefonnummern"),
        ("revealed {}", "{1} aufgedeckt"),
    ]);
    let cases = [
        (
            "Enter the correct value.",
            Some("Geben Sie den richtigen Wert ein."),
        ),
        (
            "Enter a UK postcode such as SW1A 1AA.",
            Some("Geben Sie eine britische Postleitzahl wie SW1A 1AA ein."),
        ),
        // An unknown value is carried over as it is.
        ("Enter your name.", Some("Geben Sie your name ein.")),
        (
            "Add at most 20 domains.",
            Some("Fügen Sie höchstens 20 Domains hinzu."),
        ),
        ("At most 500 characters.", Some("Höchstens 500 Zeichen.")),
        ("Something else entirely.", None),
        // Lists of entries, whole or as a value.
        (
            "postal address, telephone numbers",
            Some("Postanschrift, Telefonnummern"),
        ),
        (
            "revealed postal address, telephone numbers",
            Some("Postanschrift, Telefonnummern aufgedeckt"),
        ),
        ("postal address, fax numbers", None),
    ];
    for (english, german) in cases {
        assert_eq!(catalogue.find(english).as_deref(), german, "{english}");
    }
    Ok(())
}

#[test]
fn a_problem_is_worded_whole_and_english_is_left_as_written() {
    let mut problem = Problem::new(422, ErrorCode::ValidationFailed, "Validation failed")
        .with_detail("One or more fields are invalid; see `errors`.");
    problem.errors = vec![
        FieldError::new("reason", "max_length", "Use at most 500 characters."),
        FieldError::new("x", "y", "A message nobody wrote a catalogue entry for."),
    ];
    let english = problem.clone();
    word_problem(&mut problem, Language::En);
    assert_eq!(problem, english);

    word_problem(&mut problem, Language::De);
    assert_ne!(problem.title, english.title);
    assert_ne!(problem.detail, english.detail);
    assert_eq!(problem.errors[0].field, "reason", "fields and rules stay");
    assert_eq!(problem.errors[0].rule, "max_length");
    assert!(
        problem.errors[0].message.contains("500"),
        "{:?}",
        problem.errors[0]
    );
    assert_ne!(problem.errors[0].message, english.errors[0].message);
    assert_eq!(problem.errors[1].message, english.errors[1].message);
}

#[test]
fn outside_a_request_the_server_speaks_english() {
    assert_eq!(current(), Language::En);
    follow_user(Language::De);
    assert_eq!(current(), Language::En);
}

#[tokio::test]
async fn the_profile_language_applies_unless_the_request_asked_for_one() {
    let unasked = Chosen {
        language: Language::En,
        asked: false,
    };
    let language = CHOSEN
        .scope(Cell::new(unasked), async {
            follow_user(Language::De);
            current()
        })
        .await;
    assert_eq!(language, Language::De);

    let asked = Chosen {
        language: Language::En,
        asked: true,
    };
    let language = CHOSEN
        .scope(Cell::new(asked), async {
            follow_user(Language::De);
            current()
        })
        .await;
    assert_eq!(language, Language::En);
}

#[tokio::test]
async fn reword_changes_only_what_has_other_words() {
    let mut english = "wrong password".to_string();
    reword(&mut english);
    assert_eq!(english, "wrong password", "outside a request: English");

    let german = Chosen {
        language: Language::De,
        asked: true,
    };
    let (known, unknown) = CHOSEN
        .scope(Cell::new(german), async {
            let mut known = "wrong password".to_string();
            let mut unknown = "Kim's own words".to_string();
            reword(&mut known);
            reword(&mut unknown);
            (known, unknown)
        })
        .await;
    assert_eq!(known, word("wrong password", Language::De));
    assert_ne!(known, "wrong password");
    assert_eq!(unknown, "Kim's own words");
}

// --- The catalogue against the code ----------------------------------------

/// Sources whose sentences are not words for the caller: the export's and
/// invoice's documents (written once, in English), the demo's sample data,
/// and test helpers.
const NOT_WORDED: [&str; 5] = ["export/", "billing/pdf.rs", "demo", "_tests.rs", "locale/"];

/// Names that read the same in every language.
const NOT_MESSAGES: [&str; 5] = ["Visa", "Mastercard", "American Express", "Discover", "JCB"];

/// The server's and the types' sources, but those whose path has one of `skip`.
fn sources(skip: &[&str]) -> anyhow::Result<Vec<(PathBuf, String)>> {
    let server = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let types = Path::new(env!("CARGO_MANIFEST_DIR")).join("../steward-types/src");
    let mut files = Vec::new();
    for root in [server, types] {
        let mut stack = vec![root];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir)? {
                let path = entry?.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let shown = path.to_string_lossy().replace('\\', "/");
                    if skip.iter().any(|n| shown.contains(n)) {
                        continue;
                    }
                    let text = std::fs::read_to_string(&path)?;
                    // Tests' own sentences are not the server's words.
                    let code = match text.find("#[cfg(test)]") {
                        Some(at) => text[..at].to_string(),
                        None => text,
                    };
                    files.push((path, code));
                }
            }
        }
    }
    Ok(files)
}

/// The string literals of `code` (plain ones; raw strings are SQL here), with
/// `\`-continued lines joined and `{name}` placeholders written as `{}`, and
/// the text before each on its line.
fn literals(code: &str) -> Vec<(String, String)> {
    let bytes = code.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let opens = bytes[i] == b'"'
            && !(i > 0 && (bytes[i - 1] == b'\'' || bytes[i - 1] == b'#' || bytes[i - 1] == b'r'));
        if !opens {
            i += 1;
            continue;
        }
        let start = i + 1;
        let mut j = start;
        while j < bytes.len() && bytes[j] != b'"' {
            j += if bytes[j] == b'\\' { 2 } else { 1 };
        }
        let raw = &code[start..j.min(code.len())];
        let line_start = code[..i].rfind('\n').map_or(0, |n| n + 1);
        out.push((normalise(raw), code[line_start..i].to_string()));
        i = j + 1;
    }
    out
}

fn normalise(raw: &str) -> String {
    let mut joined = String::new();
    let mut lines = raw.split("\\\n");
    joined.push_str(lines.next().unwrap_or_default());
    for line in lines {
        joined.push_str(line.trim_start());
    }
    // The text as the program holds it: escapes undone.
    let mut text = String::with_capacity(joined.len());
    let mut chars = joined.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            text.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => text.push('\n'),
            Some('t') => text.push('\t'),
            Some(other) => text.push(other),
            None => {}
        }
    }
    // `{name}` and `{}` alike; `{{` is not in any message.
    let mut out = String::new();
    let mut rest = text.as_str();
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        match rest[open..].find('}') {
            Some(close) => {
                out.push_str("{}");
                rest = &rest[open + close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// A sentence to a person: capital or value first, a space, closing stop.
fn is_sentence(text: &str, before: &str) -> bool {
    const NOT_WORDS: [&str; 14] = [
        "tracing::",
        "#[error",
        "description =",
        ".context(",
        "expect(",
        "anyhow!",
        "bail!",
        "panic!",
        "assert",
        "info!",
        "warn!",
        "debug!",
        "error!",
        "//",
    ];
    let first = text.chars().next();
    first.is_some_and(|c| c.is_ascii_uppercase() || c == '{')
        && text.contains(' ')
        && text.trim_end().ends_with(['.', '!', '?', ':'])
        && !text.contains('<')
        && !NOT_WORDS.iter().any(|n| before.contains(n))
}

/// Where texts are stored or served as written and worded when read (the
/// staff-access log, activity, field labels, what deletion keeps): their
/// words need German too, sentence or not. Each ends with the bracket (or
/// `=`) that opens what it covers.
const WORDED_LATER: [&str; 9] = [
    "audit::record(",
    "note_activity(",
    "NewActivity {",
    "activity(",
    "second_factor(",
    "spec(",
    "const KEPT: &[(&str, &str)] = &[",
    "const INVOICING: &str =",
    "fn label(self) -> &'static str {",
];

/// The texts inside each [`WORDED_LATER`] call or table of `code`.
fn worded_later(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    for sink in WORDED_LATER {
        for (at, _) in code.match_indices(sink) {
            let open = at + sink.len();
            let region = if sink.ends_with('=') {
                code[open..].split(';').next().unwrap_or_default()
            } else {
                balanced(&code[open - 1..])
            };
            for (text, _) in literals(region) {
                let words = text.chars().any(char::is_alphabetic)
                    && (text.contains(' ') || text.starts_with(|c: char| c.is_uppercase()));
                if words {
                    out.push(text);
                }
            }
        }
    }
    out
}

/// `text` from its opening bracket to the one that closes it (strings skipped).
fn balanced(text: &str) -> &str {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return &text[..=i];
                }
            }
            _ => {}
        }
        i += 1;
    }
    text
}

#[test]
fn every_message_the_server_writes_has_its_german_wording() -> anyhow::Result<()> {
    let german: BTreeSet<&str> = de::DE.iter().map(|(en, _)| *en).collect();
    let mut missing = BTreeSet::new();
    for (path, code) in sources(&NOT_WORDED)? {
        let sentences = literals(&code)
            .into_iter()
            .filter(|(text, before)| is_sentence(text, before))
            .map(|(text, _)| text);
        for text in sentences.chain(worded_later(&code)) {
            if !NOT_MESSAGES.contains(&text.as_str()) && !german.contains(text.as_str()) {
                missing.insert(format!("{}: {text}", path.display()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "add these to locale/de.rs (or, for a name the same in every language, to NOT_MESSAGES):\n{}",
        missing.into_iter().collect::<Vec<_>>().join("\n")
    );
    Ok(())
}

#[test]
fn every_german_entry_words_something_the_code_still_says() -> anyhow::Result<()> {
    // The demo's records (license history, staff access) are worded too.
    let said: BTreeSet<String> = sources(&["locale/"])?
        .iter()
        .flat_map(|(_, code)| literals(code))
        .map(|(text, _)| text)
        .collect();
    let mut keys = BTreeSet::new();
    for (english, german) in de::DE {
        assert!(
            keys.insert(*english),
            "{english:?} is in the catalogue twice"
        );
        assert!(
            said.contains(*english),
            "nothing says {english:?} any more: remove it"
        );
        let values = english.matches("{}").count();
        for (at, _) in german.match_indices('{') {
            let n: usize = german[at + 1..]
                .split('}')
                .next()
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            assert!(
                (1..=values).contains(&n),
                "{german:?} refers to a value {english:?} does not have"
            );
        }
    }
    Ok(())
}
