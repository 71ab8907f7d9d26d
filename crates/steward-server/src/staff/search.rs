//! Finding a customer (PR-10): one index row per searchable value, prefix
//! matches from a B-tree range and substring matches from a trigram index,
//! merged and ranked here.
//!
//! Every query is bounded: at most [`PREFIX_LIMIT`] prefix rows and
//! [`SUBSTRING_LIMIT`] substring rows are read, so a query's cost does not
//! grow with the number of accounts. Ranking is exact for the prefix hits
//! and among the substring candidates read; a query matching more than that
//! (three common letters, say) ranks a sample, and typing on narrows it.

use std::collections::HashMap;

use steward_types::problem::FieldError;
use steward_types::profile::Profile;
use steward_types::staff::{
    CustomerHit, MatchKind, SearchField, SEARCH_MAX_CHARS, SEARCH_MIN_CHARS,
};
use steward_types::AccountKind;
use uuid::Uuid;

use crate::error::{ApiError, ApiResult};
use crate::store::{CustomerCardRow, SearchRequest, SearchSources, Store, TermRow};

pub const RESULTS: usize = 20;
const PREFIX_LIMIT: i64 = 100;
const SUBSTRING_LIMIT: i64 = 300;

/// The form both the index and queries are kept in: lower-case, single
/// spaces; telephone-like input becomes its digits.
pub fn normalise(q: &str) -> String {
    let q = q.trim();
    let phone_like = q.chars().any(|c| c.is_ascii_digit())
        && q.chars()
            .all(|c| c.is_ascii_digit() || " +-().".contains(c));
    if phone_like {
        return q.chars().filter(char::is_ascii_digit).collect();
    }
    q.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The index rows for one account.
pub fn terms_for(account_id: Uuid, src: &SearchSources) -> Vec<TermRow> {
    let mut out: Vec<TermRow> = Vec::new();
    let mut push = |field: SearchField, shown: &str| {
        let shown = shown.trim();
        let value = match field {
            SearchField::Phone => shown.chars().filter(char::is_ascii_digit).collect(),
            _ => normalise(shown),
        };
        // One row per value: the first field it came from (the company
        // name before the display name that repeats it).
        if value.is_empty() || out.iter().any(|t| t.value == value) {
            return;
        }
        out.push(TermRow {
            account_id,
            field: field.as_str().into(),
            value,
            shown: shown.to_owned(),
        });
    };
    let profile: Option<Profile> = src
        .profile_doc
        .as_deref()
        .and_then(|d| serde_json::from_str(d).ok());
    let company = profile.as_ref().and_then(|p| p.company.as_ref());
    push(
        if company.is_some() {
            SearchField::Company
        } else {
            SearchField::Name
        },
        &src.account_name,
    );
    let mut emails: Vec<String> = src.members.iter().map(|(_, e)| e.clone()).collect();
    for (name, _) in &src.members {
        push(SearchField::Name, name);
    }
    if let Some(p) = &profile {
        push(SearchField::Name, &p.legal_name);
        push(SearchField::Name, &p.display_name);
        if let Some(c) = company {
            push(SearchField::Company, &c.name);
            if let Some(host) = c
                .website
                .as_deref()
                .and_then(|w| url::Url::parse(w).ok())
                .and_then(|u| u.host_str().map(str::to_owned))
            {
                push(SearchField::Domain, host.trim_start_matches("www."));
            }
        }
        emails.extend(p.emails.iter().map(|e| e.address.clone()));
        for phone in [&p.phone, &p.fax].into_iter().flatten() {
            push(SearchField::Phone, phone);
        }
        for d in &p.domains {
            push(SearchField::Domain, d);
        }
    }
    for e in &emails {
        push(SearchField::Email, e);
        if let Some((_, domain)) = e.rsplit_once('@') {
            push(SearchField::Domain, domain);
        }
    }
    out
}

/// Rebuild one account's index rows from its profile and members. Called
/// after every write that changes them.
pub async fn reindex(store: &dyn Store, account_id: Uuid) -> anyhow::Result<()> {
    match store.search_sources(account_id).await? {
        Some(src) => {
            let terms = terms_for(account_id, &src);
            store.replace_search_terms(account_id, &terms).await?;
        }
        None => store.replace_search_terms(account_id, &[]).await?,
    }
    Ok(())
}

/// Rebuild every account's rows (after an upgrade, or by hand).
pub async fn reindex_all(store: &dyn Store) -> anyhow::Result<u64> {
    let mut after = Uuid::nil();
    let mut n = 0;
    loop {
        let ids = store.account_ids_after(after, 500).await?;
        let Some(last) = ids.last() else { break };
        after = *last;
        for id in ids {
            reindex(store, id).await?;
            n += 1;
        }
    }
    Ok(n)
}

/// How well a term matches, best first.
pub fn match_kind(value: &str, q: &str) -> Option<MatchKind> {
    if value == q {
        Some(MatchKind::Exact)
    } else if value.starts_with(q) {
        Some(MatchKind::Prefix)
    } else if value
        .match_indices(q)
        .any(|(i, _)| value[..i].ends_with([' ', '@', '.', '-', '_']))
    {
        Some(MatchKind::WordPrefix)
    } else if value.contains(q) {
        Some(MatchKind::Substring)
    } else {
        None
    }
}

fn field_rank(field: SearchField) -> u8 {
    match field {
        SearchField::AccountId => 0,
        SearchField::Invoice => 1,
        SearchField::Email => 2,
        SearchField::Name => 3,
        SearchField::Company => 4,
        SearchField::Phone => 5,
        SearchField::Domain => 6,
    }
}

#[derive(Debug, Clone)]
struct Best {
    kind: MatchKind,
    field: SearchField,
    shown: String,
    len: usize,
}

impl Best {
    fn key(&self) -> (MatchKind, u8, usize) {
        (self.kind, field_rank(self.field), self.len)
    }
}

/// Rank term rows into at most `RESULTS` accounts, best first.
fn rank(rows: Vec<TermRow>, q: &str) -> Vec<(Uuid, Best)> {
    let mut best: HashMap<Uuid, Best> = HashMap::new();
    for t in rows {
        let Some(field) = SearchField::parse(&t.field) else {
            continue;
        };
        let Some(kind) = match_kind(&t.value, q) else {
            continue;
        };
        let cand = Best {
            kind,
            field,
            len: t.value.len(),
            shown: t.shown,
        };
        match best.get(&t.account_id) {
            Some(b) if b.key() <= cand.key() => {}
            _ => {
                best.insert(t.account_id, cand);
            }
        }
    }
    let mut ranked: Vec<(Uuid, Best)> = best.into_iter().collect();
    ranked.sort_by(|a, b| a.1.key().cmp(&b.1.key()).then(a.0.cmp(&b.0)));
    ranked.truncate(RESULTS);
    ranked
}

/// What the trigram index is asked for: a long query's first
/// [`WINDOW`] characters. Every trigram of the needle is looked up, and the
/// long tail of an e-mail address (`@example.com`) is in nearly every row;
/// the window is selective on its own, and `rank` keeps only rows that
/// contain the whole query.
fn substring_window(q: &str) -> String {
    q.chars().take(WINDOW).collect()
}

const WINDOW: usize = 12;

/// Check the query: the rule names the field, as everywhere.
pub fn check_query(q: &str) -> ApiResult<String> {
    let norm = normalise(q);
    let n = norm.chars().count();
    if n < SEARCH_MIN_CHARS {
        return Err(ApiError::Validation(vec![FieldError::new(
            "q",
            "too_short",
            &format!("Type at least {SEARCH_MIN_CHARS} characters."),
        )]));
    }
    if q.chars().count() > SEARCH_MAX_CHARS {
        return Err(ApiError::Validation(vec![FieldError::new(
            "q",
            "too_long",
            &format!("At most {SEARCH_MAX_CHARS} characters."),
        )]));
    }
    if q.chars().any(char::is_control) {
        return Err(ApiError::Validation(vec![FieldError::new(
            "q",
            "control_characters",
            "Control characters are not allowed.",
        )]));
    }
    Ok(norm)
}

/// Run a search. Fewer than three characters match prefixes only: a
/// substring that short has no trigram and would scan.
pub async fn search(store: &dyn Store, q: &str) -> ApiResult<Vec<CustomerHit>> {
    if let Ok(id) = Uuid::parse_str(q.trim()) {
        let cards = store.customer_cards(&[id]).await?;
        return Ok(cards
            .into_iter()
            .map(|c| {
                let best = Best {
                    kind: MatchKind::Exact,
                    field: SearchField::AccountId,
                    shown: id.to_string(),
                    len: 0,
                };
                hit(c, &best)
            })
            .collect());
    }
    let norm = check_query(q)?;
    let invoice = norm.starts_with("inv").then(|| norm.to_uppercase());
    let mut rows = store
        .search_candidates(&SearchRequest {
            q: &norm,
            prefix_limit: PREFIX_LIMIT,
            invoice: invoice.as_deref(),
            substring_limit: 0,
        })
        .await?;
    // Substring matches rank below every prefix match: when prefixes fill
    // the page, they cannot change it, and the trigram search is skipped.
    let mut accounts: Vec<Uuid> = rows.iter().map(|t| t.account_id).collect();
    accounts.sort_unstable();
    accounts.dedup();
    if norm.chars().count() >= 3 && accounts.len() < RESULTS {
        rows.extend(
            store
                .search_candidates(&SearchRequest {
                    q: &substring_window(&norm),
                    prefix_limit: 0,
                    invoice: None,
                    substring_limit: SUBSTRING_LIMIT,
                })
                .await?,
        );
    }
    let ranked = rank(rows, &norm);
    let ids: Vec<Uuid> = ranked.iter().map(|(id, _)| *id).collect();
    let mut cards: HashMap<Uuid, CustomerCardRow> = store
        .customer_cards(&ids)
        .await?
        .into_iter()
        .map(|c| (c.account_id, c))
        .collect();
    Ok(ranked
        .into_iter()
        .filter_map(|(id, best)| cards.remove(&id).map(|c| hit(c, &best)))
        .collect())
}

fn hit(card: CustomerCardRow, best: &Best) -> CustomerHit {
    let profile: Option<Profile> = card
        .profile_doc
        .as_deref()
        .and_then(|d| serde_json::from_str(d).ok());
    let holder_name = profile
        .as_ref()
        .map(|p| p.legal_name.clone())
        .filter(|n| !n.is_empty())
        .or_else(|| card.owner.as_ref().map(|(n, _)| n.clone()))
        .unwrap_or_else(|| card.name.clone());
    CustomerHit {
        account_id: card.account_id,
        account_name: card.name,
        kind: AccountKind::parse(&card.kind).unwrap_or(AccountKind::Personal),
        holder_name,
        email_masked: card
            .owner
            .as_ref()
            .map(|(_, e)| super::mask::email(e))
            .unwrap_or_default(),
        company: profile.and_then(|p| p.company.map(|c| c.name)),
        matched: best.field,
        match_kind: best.kind,
        matched_text: super::mask::term(best.field.as_str(), &best.shown),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_normalise_like_the_index() {
        assert_eq!(normalise("  Jane   DOE "), "jane doe");
        assert_eq!(normalise("+44 (20) 7123-4567"), "442071234567");
        assert_eq!(normalise("INV-1A2B"), "inv-1a2b");
    }

    #[test]
    fn match_kinds_rank_exact_prefix_word_substring() {
        assert_eq!(match_kind("jane doe", "jane doe"), Some(MatchKind::Exact));
        assert_eq!(match_kind("jane doe", "jan"), Some(MatchKind::Prefix));
        assert_eq!(match_kind("jane doe", "doe"), Some(MatchKind::WordPrefix));
        assert_eq!(
            match_kind("jane@doe.example", "doe"),
            Some(MatchKind::WordPrefix)
        );
        assert_eq!(match_kind("jane doe", "ne d"), Some(MatchKind::Substring));
        assert_eq!(match_kind("jane doe", "xyz"), None);
    }

    #[test]
    fn ranking_prefers_better_matches_then_fields_then_shorter_values() {
        let a = Uuid::from_u128(1);
        let b = Uuid::from_u128(2);
        let c = Uuid::from_u128(3);
        let row = |id, field: &str, value: &str| TermRow {
            account_id: id,
            field: field.into(),
            value: value.into(),
            shown: value.into(),
        };
        let ranked = rank(
            vec![
                row(a, "name", "anna smith"),
                row(b, "email", "smith@example.com"),
                row(c, "company", "blacksmiths ltd"),
                row(a, "email", "anna@example.com"),
            ],
            "smith",
        );
        let order: Vec<Uuid> = ranked.iter().map(|(id, _)| *id).collect();
        assert_eq!(order, vec![b, a, c]);
        assert_eq!(ranked[1].1.kind, MatchKind::WordPrefix);
        assert_eq!(ranked[2].1.kind, MatchKind::Substring);
    }

    #[test]
    fn index_rows_cover_every_searchable_field_once() {
        let profile = serde_json::json!({
            "legal_name": "Priya Shah",
            "display_name": "Northwind Studios",
            "company": {"name": "Northwind Studios Ltd", "website": "https://www.northwind.example"},
            "emails": [{"address": "billing@northwind.example", "purpose": "billing"}],
            "phone": "+442071234567",
            "domains": ["northwind.example"]
        });
        let src = SearchSources {
            account_name: "Northwind Studios Ltd".into(),
            profile_doc: Some(profile.to_string()),
            members: vec![("Priya Shah".into(), "priya@northwind.example".into())],
        };
        let terms = terms_for(Uuid::nil(), &src);
        let has = |f: &str, v: &str| terms.iter().any(|t| t.field == f && t.value == v);
        assert!(has("company", "northwind studios ltd"));
        assert!(has("name", "priya shah"));
        assert!(has("name", "northwind studios"));
        assert!(has("email", "priya@northwind.example"));
        assert!(has("email", "billing@northwind.example"));
        assert!(has("phone", "442071234567"));
        assert!(has("domain", "northwind.example"));
        let domains = terms.iter().filter(|t| t.field == "domain").count();
        assert_eq!(domains, 1, "{terms:?}");
    }
}
