//! The server's words in the caller's language (issue 9).
//!
//! Messages are written in English where their rule is checked, so the code
//! reads as it did. The other languages look a message up by that English
//! text (gettext's idea of the message id), with any values carried over,
//! where it leaves the server: [`crate::error`] for every problem, the pages,
//! mail (in the recipient's language), and the reads that serve words we
//! wrote (plans, field labels, the staff-access log, activity). What we store
//! stays English, so a record reads the same for everyone who reads it later.
//! Words people wrote (notices, partners, reasons, tickets) are shown as
//! written.
//!
//! Which language: the request's `Accept-Language` if it names one we speak
//! (a browser on the sign-in page, any API client), else the signed-in
//! user's profile language (the console sends no header and follows the
//! profile), else English.

mod de;

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::HashMap;
use std::sync::LazyLock;

use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use chrono::{DateTime, Datelike, Utc};
use steward_types::{Language, Problem};

/// The language of the current request and whether the caller asked for it.
#[derive(Debug, Clone, Copy)]
struct Chosen {
    language: Language,
    asked: bool,
}

tokio::task_local! {
    static CHOSEN: Cell<Chosen>;
}

/// Middleware: the request's language from `Accept-Language`, for the whole
/// request; the answer says which language it is in.
pub async fn scope(request: Request, next: Next) -> Response {
    let asked = accepted(request.headers());
    let chosen = Chosen {
        language: asked.unwrap_or_default(),
        asked: asked.is_some(),
    };
    // The language as the request ends: signing in may have set it.
    let (mut response, language) = CHOSEN
        .scope(Cell::new(chosen), async {
            let response = next.run(request).await;
            (response, current())
        })
        .await;
    // Only answers with words in them; data reads the same in any language.
    let worded = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| {
            ct.starts_with("application/problem+json") || ct.starts_with("text/html")
        });
    if worded {
        let headers = response.headers_mut();
        // A cache must not hand one reader's language to another.
        headers.append(header::VARY, HeaderValue::from_static("accept-language"));
        headers.insert(
            header::CONTENT_LANGUAGE,
            HeaderValue::from_static(language.as_str()),
        );
    }
    response
}

/// The signed-in user's profile language, unless the request asked for one.
pub fn follow_user(language: Language) {
    let _ = CHOSEN.try_with(|c| {
        if !c.get().asked {
            c.set(Chosen {
                language,
                asked: false,
            });
        }
    });
}

/// The current request's language; English outside a request.
pub fn current() -> Language {
    CHOSEN.try_with(|c| c.get().language).unwrap_or_default()
}

/// The most preferred language of `Accept-Language` (RFC 9110 section
/// 12.5.4) that we speak; `None` when it names none of them.
fn accepted(headers: &HeaderMap) -> Option<Language> {
    let value = headers.get(header::ACCEPT_LANGUAGE)?.to_str().ok()?;
    let mut best: Option<(u16, Language)> = None;
    for item in value.split(',') {
        let mut parts = item.split(';');
        let range = parts.next().unwrap_or("").trim();
        let quality = parts
            .find_map(|p| p.trim().strip_prefix("q="))
            .map_or(Some(1000), parse_quality);
        let (Some(quality), Some(language)) = (quality, spoken(range)) else {
            continue;
        };
        // Ties keep the first listed, as the header orders them.
        if quality > 0 && best.is_none_or(|(q, _)| quality > q) {
            best = Some((quality, language));
        }
    }
    best.map(|(_, language)| language)
}

/// `q=0.8` as thousandths; `None` when malformed (the item is ignored).
fn parse_quality(q: &str) -> Option<u16> {
    let value: f32 = q.trim().parse().ok()?;
    (0.0..=1.0)
        .contains(&value)
        .then(|| (value * 1000.0).round() as u16)
}

/// `de`, `de-AT`, `EN-gb` ... as a language we speak.
fn spoken(range: &str) -> Option<Language> {
    let primary = range.split('-').next()?.to_ascii_lowercase();
    Language::parse(&primary)
}

/// The language a person reads their mail in: their profile's (staff may
/// be the one acting, in a language of their own).
pub async fn language_of(
    state: &crate::state::AppState,
    user_id: uuid::Uuid,
) -> crate::error::ApiResult<Language> {
    Ok(state
        .store
        .user_by_id(user_id)
        .await?
        .map(|u| u.language)
        .unwrap_or_default())
}

/// `english` in `language`: the catalogue's wording with the values carried
/// over, or the English itself when there is none (logged, so a missing
/// entry shows up; the completeness test keeps them rare).
pub fn word(english: &str, language: Language) -> Cow<'_, str> {
    match language {
        Language::En => Cow::Borrowed(english),
        Language::De => match GERMAN.find(english) {
            Some(text) => Cow::Owned(text),
            None => {
                tracing::debug!(message = english, "no German wording");
                Cow::Borrowed(english)
            }
        },
    }
}

/// [`word`] in the current request's language.
pub fn here(english: &str) -> Cow<'_, str> {
    word(english, current())
}

/// A day in a sentence: "30 December 2026", "30. Dezember 2026".
pub fn date(at: DateTime<Utc>, language: Language) -> String {
    match language {
        Language::En => at.format("%-d %B %Y").to_string(),
        Language::De => format!(
            "{}. {} {}",
            at.day(),
            GERMAN_MONTHS[at.month0() as usize],
            at.year()
        ),
    }
}

/// A moment in a sentence: "30 December 2026 14:05 UTC", "30. Dezember 2026, 14:05 UTC".
pub fn date_time(at: DateTime<Utc>, language: Language) -> String {
    match language {
        Language::En => format!("{} {}", date(at, language), at.format("%H:%M UTC")),
        Language::De => format!("{}, {}", date(at, language), at.format("%H:%M UTC")),
    }
}

const GERMAN_MONTHS: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];

/// `text`, stored or built in English, in the current request's language;
/// untouched (no copy) when that is English or there is no wording.
pub fn reword(text: &mut String) {
    if let Cow::Owned(worded) = here(text) {
        *text = worded;
    }
}

/// A problem's title, detail and field messages in `language`.
pub fn word_problem(problem: &mut Problem, language: Language) {
    if language == Language::En {
        return;
    }
    problem.title = word(&problem.title, language).into_owned();
    if let Some(detail) = &problem.detail {
        problem.detail = Some(word(detail, language).into_owned());
    }
    for error in &mut problem.errors {
        error.message = word(&error.message, language).into_owned();
    }
}

static GERMAN: LazyLock<Catalogue> = LazyLock::new(|| Catalogue::new(de::DE));

/// One language's wording: whole messages by their English, and the
/// messages with values as their English split around each `{}`.
struct Catalogue {
    exact: HashMap<&'static str, &'static str>,
    /// Longest fixed text first, so the most specific pattern wins
    /// ("Enter {}." only takes what nothing longer explains).
    patterns: Vec<(Vec<&'static str>, &'static str)>,
}

impl Catalogue {
    fn new(entries: &'static [(&'static str, &'static str)]) -> Self {
        let mut exact = HashMap::new();
        let mut patterns = Vec::new();
        for &(english, other) in entries {
            if english.contains("{}") {
                patterns.push((english.split("{}").collect::<Vec<_>>(), other));
            } else {
                exact.insert(english, other);
            }
        }
        patterns.sort_by_key(|(parts, _)| {
            std::cmp::Reverse(parts.iter().map(|p| p.len()).sum::<usize>())
        });
        Self { exact, patterns }
    }

    fn find(&self, english: &str) -> Option<String> {
        if let Some(text) = self.phrase(english) {
            return Some(text);
        }
        self.patterns.iter().find_map(|(parts, other)| {
            let values = captures(parts, english)?;
            // A value may be a phrase of its own ("a German postal code ...").
            let values: Vec<Cow<'_, str>> = values
                .into_iter()
                .map(|v| self.phrase(v).map_or(Cow::Borrowed(v), Cow::Owned))
                .collect();
            let values: Vec<&str> = values.iter().map(AsRef::as_ref).collect();
            Some(fill(other, &values))
        })
    }

    /// A whole entry, or a list of them ("postal address, telephone numbers").
    fn phrase(&self, english: &str) -> Option<String> {
        if let Some(text) = self.exact.get(english) {
            return Some((*text).to_string());
        }
        let parts: Option<Vec<&str>> = english
            .split(", ")
            .map(|part| self.exact.get(part).copied())
            .collect();
        parts.filter(|p| p.len() > 1).map(|p| p.join(", "))
    }
}

/// The values `text` puts in the gaps between `parts`, leftmost first;
/// `None` unless the text is exactly the parts with a non-empty value in
/// each gap.
fn captures<'t>(parts: &[&str], text: &'t str) -> Option<Vec<&'t str>> {
    let (first, rest) = parts.split_first()?;
    let mut remaining = text.strip_prefix(first)?;
    let mut values = Vec::with_capacity(rest.len());
    for (i, part) in rest.iter().enumerate() {
        let last = i + 1 == rest.len();
        let at = if last {
            // The final part ends the text; the value is what comes before it.
            remaining
                .len()
                .checked_sub(part.len())
                .filter(|&at| remaining.is_char_boundary(at) && remaining[at..] == **part)?
        } else {
            // At least one character of value before the next part.
            let skip = remaining.chars().next()?.len_utf8();
            remaining[skip..].find(part).map(|at| at + skip)?
        };
        let value = &remaining[..at];
        if value.is_empty() {
            return None;
        }
        values.push(value);
        remaining = &remaining[at + part.len()..];
    }
    Some(values)
}

/// `template` with `{1}`, `{2}` ... replaced by the values in order.
fn fill(template: &str, values: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let index = after
            .find('}')
            .and_then(|close| Some((close, after[..close].parse::<usize>().ok()?)));
        match index.and_then(|(close, n)| Some((close, *values.get(n.checked_sub(1)?)?))) {
            Some((close, value)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests;
