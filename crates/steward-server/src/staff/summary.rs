//! Anonymised case summaries (PR-11): a ticket written up for a public
//! forum, an ISP or a whitelisting service, with the customer's personal
//! data replaced by placeholders. Staff preview it before copying.

use std::collections::BTreeMap;

use steward_types::staff::{CaseSummary, Redaction, Ticket, TicketAuthorKind};

/// What we know about the customer, to find it in free text.
#[derive(Debug, Clone, Default)]
pub struct Known {
    /// People's and organisations' names.
    pub names: Vec<String>,
    /// Address lines, postcodes, cities.
    pub address: Vec<String>,
    /// The customer's own domains.
    pub domains: Vec<String>,
    /// Account ids, invoice numbers, tax ids.
    pub identifiers: Vec<String>,
}

struct Redactor {
    counts: BTreeMap<(String, String), u32>,
    /// Distinct values seen per placeholder prefix, for stable numbering.
    seen: BTreeMap<&'static str, Vec<String>>,
}

impl Redactor {
    fn note(&mut self, kind: &str, placeholder: &str) {
        *self
            .counts
            .entry((kind.to_owned(), placeholder.to_owned()))
            .or_default() += 1;
    }

    /// Replace every case-insensitive occurrence of `needle`.
    fn literal(&mut self, text: &str, needle: &str, kind: &str, placeholder: &str) -> String {
        let needle = needle.trim();
        if needle.chars().count() < 3 {
            return text.to_owned();
        }
        let lower = text.to_lowercase();
        let n = needle.to_lowercase();
        // Lower-casing can change byte lengths outside ASCII; fall back to
        // exact matching there rather than cut a character in half.
        let (hay, pat) = if lower.len() == text.len() && n.len() == needle.len() {
            (lower.as_str(), n.as_str())
        } else {
            (text, needle)
        };
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for (i, _) in hay.match_indices(pat) {
            if i < last {
                continue;
            }
            out.push_str(&text[last..i]);
            out.push_str(placeholder);
            self.note(kind, placeholder);
            last = i + pat.len();
        }
        out.push_str(&text[last..]);
        out
    }

    /// Replace tokens matching `is_match`, numbered per distinct value.
    fn number(&mut self, prefix: &'static str, value: &str) -> String {
        let key = value.to_lowercase();
        let seen = self.seen.entry(prefix).or_default();
        let n = match seen.iter().position(|s| *s == key) {
            Some(i) => i + 1,
            None => {
                seen.push(key);
                seen.len()
            }
        };
        format!("[{prefix}-{n}]")
    }

    /// Runs of digits and `+ - ( ) .` or spaces holding 7 or more digits.
    fn phones(&mut self, text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::with_capacity(text.len());
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c.is_ascii_digit()
                || (c == '+' && chars.get(i + 1).is_some_and(char::is_ascii_digit))
            {
                let mut j = i;
                let mut end = i;
                let mut digits = 0;
                while j < chars.len() && (chars[j].is_ascii_digit() || " +-().".contains(chars[j]))
                {
                    if chars[j].is_ascii_digit() {
                        digits += 1;
                        end = j + 1;
                    }
                    j += 1;
                }
                if digits >= 7 {
                    let run: String = chars[i..end]
                        .iter()
                        .filter(|c| c.is_ascii_digit())
                        .collect();
                    let placeholder = self.number("phone", &run);
                    self.note("telephone number", &placeholder);
                    out.push_str(&placeholder);
                } else {
                    out.extend(&chars[i..end.max(i + 1)]);
                }
                i = end.max(i + 1);
            } else {
                out.push(c);
                i += 1;
            }
        }
        out
    }

    fn tokens(
        &mut self,
        text: &str,
        kind: &str,
        prefix: &'static str,
        is_match: impl Fn(&str) -> bool,
    ) -> String {
        let mut out = String::with_capacity(text.len());
        let mut token = String::new();
        let flush = |token: &mut String, out: &mut String, this: &mut Self| {
            let trimmed = token.trim_end_matches(['.', ',', ';', ':', ')', '!', '?']);
            let tail = token[trimmed.len()..].to_owned();
            if !trimmed.is_empty() && is_match(trimmed) {
                let placeholder = this.number(prefix, trimmed);
                this.note(kind, &placeholder);
                out.push_str(&placeholder);
                out.push_str(&tail);
            } else {
                out.push_str(token);
            }
            token.clear();
        };
        for c in text.chars() {
            if c.is_whitespace() || c == '(' || c == '<' || c == '>' || c == '"' {
                flush(&mut token, &mut out, self);
                out.push(c);
            } else {
                token.push(c);
            }
        }
        flush(&mut token, &mut out, self);
        out
    }
}

fn is_email(t: &str) -> bool {
    t.split_once('@')
        .is_some_and(|(l, d)| !l.is_empty() && d.contains('.'))
}

fn is_ip(t: &str) -> bool {
    let bare = t.split('/').next().unwrap_or(t);
    bare.parse::<std::net::IpAddr>().is_ok()
}

/// Write up and anonymise a ticket. Internal notes are left out: they are
/// staff working notes, not part of the case as the customer described it.
pub fn summarise(ticket: &Ticket, known: &Known) -> CaseSummary {
    let mut r = Redactor {
        counts: BTreeMap::new(),
        seen: BTreeMap::new(),
    };
    let mut literals: Vec<(&str, String, String)> = Vec::new();
    for id in &known.identifiers {
        literals.push(("identifier", "[id]".into(), id.clone()));
    }
    for (i, d) in known.domains.iter().enumerate() {
        literals.push(("domain", format!("[domain-{}]", i + 1), d.clone()));
    }
    for a in &known.address {
        literals.push(("postal address", "[address]".into(), a.clone()));
    }
    for n in &known.names {
        literals.push(("name", "[customer]".into(), n.clone()));
    }
    // Longest first, so "Northwind Studios Ltd" goes whole before "Northwind".
    literals.sort_by_key(|(_, _, v)| std::cmp::Reverse(v.len()));
    // Structured values first (e-mails hold names and domains), then what
    // we know by name. Only what people wrote is redacted: the dates and
    // headings we add are not personal data.
    let mut redact = |text: &str| {
        let mut t = r.tokens(text, "e-mail address", "email", is_email);
        t = r.tokens(&t, "IP address", "ip", is_ip);
        t = r.phones(&t);
        for (kind, placeholder, value) in &literals {
            t = r.literal(&t, value, kind, placeholder);
        }
        t
    };
    let status = ticket.summary.status.as_str();
    let mut text = format!(
        "Case {} ({status})\nSubject: {}\n",
        ticket.summary.number,
        redact(&ticket.summary.subject)
    );
    for m in ticket.messages.iter().filter(|m| !m.internal) {
        let who = match m.author_kind {
            TicketAuthorKind::Customer => "Customer",
            TicketAuthorKind::Staff => "Support",
        };
        text.push_str(&format!(
            "\n{} {}:\n{}\n",
            m.at.format("%Y-%m-%d %H:%M UTC"),
            who,
            redact(&m.body)
        ));
    }
    CaseSummary {
        text,
        replaced: r
            .counts
            .into_iter()
            .map(|((kind, placeholder), count)| Redaction {
                kind,
                placeholder,
                count,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use steward_types::staff::{TicketMessage, TicketStatus, TicketSummary};
    use uuid::Uuid;

    #[test]
    fn personal_data_is_replaced_and_counted() {
        let at = chrono::Utc
            .with_ymd_and_hms(2026, 11, 2, 9, 30, 0)
            .single()
            .expect("date");
        let msg = |body: &str, internal| TicketMessage {
            id: Uuid::nil(),
            author: "Priya Shah".into(),
            author_kind: TicketAuthorKind::Customer,
            body: body.into(),
            internal,
            at,
        };
        let ticket = Ticket {
            summary: TicketSummary {
                id: Uuid::nil(),
                number: "T-000007".into(),
                account_id: Uuid::nil(),
                account_name: "Northwind Studios Ltd".into(),
                subject: "Mail from northwind.example bounces".into(),
                status: TicketStatus::Open,
                opened_by: "Priya Shah".into(),
                created_at: at,
                updated_at: at,
            },
            messages: vec![
                msg(
                    "Hi, Priya Shah of Northwind Studios Ltd here. Mail from priya@northwind.example \
                     sent via 203.0.113.7 is refused; call me on +44 20 7123 4567 or \
                     +44-20-7123-4567. Office: 1 High Street, N1 9GU.",
                    false,
                ),
                msg("Customer is on the VIP list, see account 0193abcd", true),
            ],
        };
        let known = Known {
            names: vec!["Priya Shah".into(), "Northwind Studios Ltd".into()],
            address: vec!["1 High Street".into(), "N1 9GU".into()],
            domains: vec!["northwind.example".into()],
            identifiers: vec!["0193abcd".into()],
        };
        let s = summarise(&ticket, &known);
        for secret in [
            "Priya",
            "Northwind",
            "northwind",
            "203.0.113",
            "7123",
            "High Street",
            "N1 9GU",
            "VIP",
            "0193abcd",
        ] {
            assert!(!s.text.contains(secret), "{secret} left in:\n{}", s.text);
        }
        assert!(s.text.contains("[email-1]"), "{}", s.text);
        assert!(s.text.contains("[ip-1]"));
        assert!(s.text.contains("[domain-1]"));
        assert!(s.text.contains("[customer]"));
        assert!(s.text.contains("Case T-000007 (open)"));
        let kinds: Vec<&str> = s.replaced.iter().map(|r| r.kind.as_str()).collect();
        assert!(kinds.contains(&"telephone number"), "{kinds:?}");
    }
}
