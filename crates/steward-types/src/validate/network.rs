//! Network identifiers: IP ranges in CIDR notation (std only) and DNS domain
//! names, internationalised ones included (UTS 46 through the `idna` crate).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// A rejected value: the rule id and a message that says what to do.
pub(crate) type Rejection = (&'static str, String);

const CIDR_HINT: &str = "Enter an IPv4 or IPv6 network in CIDR notation, such as \
    203.0.113.0/24 or 2001:db8::/48, or a single address.";

/// Parse an IPv4 or IPv6 network (`addr/prefix`, or a bare address meaning
/// `/32` or `/128`) into its canonical text: `192.0.2.0/24`, `2001:db8::/32`.
pub(crate) fn cidr(input: &str) -> Result<String, Rejection> {
    let input = input.trim();
    let (addr, prefix) = match input.split_once('/') {
        Some((addr, prefix)) => (addr, Some(prefix)),
        None => (input, None),
    };
    let addr: IpAddr = addr.parse().map_err(|_| ("cidr", CIDR_HINT.to_string()))?;
    let max: u8 = if addr.is_ipv4() { 32 } else { 128 };
    let prefix = match prefix {
        None => max,
        Some(p) if !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()) => {
            // At most three digits, so this cannot overflow a u16.
            let value: u16 = p.bytes().fold(0, |acc, b| acc * 10 + u16::from(b - b'0'));
            if value > u16::from(max) {
                let family = if addr.is_ipv4() { "IPv4" } else { "IPv6" };
                return Err((
                    "cidr_prefix",
                    format!(
                        "The prefix length of an {family} network is between 0 and {max}, e.g. {}.",
                        example(addr)
                    ),
                ));
            }
            u8::try_from(value).unwrap_or(max)
        }
        Some(_) => return Err(("cidr", CIDR_HINT.to_string())),
    };
    let network = match addr {
        IpAddr::V4(a) => {
            let mask = if prefix == 0 {
                0
            } else {
                u32::MAX << (32 - u32::from(prefix))
            };
            IpAddr::V4(Ipv4Addr::from(u32::from(a) & mask))
        }
        IpAddr::V6(a) => {
            let mask = if prefix == 0 {
                0
            } else {
                u128::MAX << (128 - u32::from(prefix))
            };
            IpAddr::V6(Ipv6Addr::from(u128::from(a) & mask))
        }
    };
    if network != addr {
        return Err((
            "cidr_host_bits",
            format!(
                "The address has bits set after the first {prefix}, so it is not the start \
                 of a network. Did you mean {network}/{prefix}?"
            ),
        ));
    }
    Ok(format!("{network}/{prefix}"))
}

fn example(addr: IpAddr) -> &'static str {
    if addr.is_ipv4() {
        "203.0.113.0/24"
    } else {
        "2001:db8::/48"
    }
}

/// A checked domain name in both of its forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Domain {
    /// Lower-case A-labels (`xn--bcher-kva.example`): compare these.
    pub ascii: String,
    /// Lower-case Unicode (`bücher.example`): store and show these.
    pub unicode: String,
}

/// Check a DNS name (IDN-aware). On failure, a message saying what to fix.
pub(crate) fn domain(input: &str) -> Result<Domain, String> {
    domain_checked(input).map_err(str::to_string)
}

fn domain_checked(input: &str) -> Result<Domain, &'static str> {
    let name = input.trim();
    let name = name.strip_suffix('.').unwrap_or(name);
    if name.is_empty() {
        return Err("Enter a domain name such as example.com.");
    }
    if name.contains("://") || name.contains('/') {
        return Err("Enter just the domain name, such as example.com, without https:// or a path.");
    }
    let unbracketed = name
        .strip_prefix('[')
        .and_then(|n| n.strip_suffix(']'))
        .unwrap_or(name);
    if unbracketed.parse::<IpAddr>().is_ok() {
        return Err(
            "Enter a domain name, not an IP address; add networks under IP ranges instead.",
        );
    }
    // Map to A-labels leniently first, so that the checks below can say
    // exactly what is wrong; the strict UTS 46 check comes last.
    let ascii = idna::domain_to_ascii_cow(name.as_bytes(), idna::AsciiDenyList::EMPTY)
        .map_err(|_| {
            "Enter a valid domain name; this one contains characters or sequences \
             that a domain name cannot have."
        })?
        .into_owned();
    let labels: Vec<&str> = ascii.split('.').collect();
    let any = |bad: fn(&str) -> bool| labels.iter().any(|l| bad(l));
    let checks: [(bool, &'static str); 8] = [
        (
            ascii.len() > 253,
            "A domain name can be at most 253 characters long (counted in its xn-- form).",
        ),
        (
            any(str::is_empty),
            "Remove the empty part: a domain name cannot have two dots in a row or start with a dot.",
        ),
        (
            labels.len() < 2,
            "Enter a full domain name with at least two parts, such as example.com.",
        ),
        (
            any(|l| l.len() > 63),
            "Each part of a domain name (between the dots) can be at most 63 characters long.",
        ),
        (
            any(|l| !l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')),
            "Use only letters, digits and hyphens between the dots of a domain name.",
        ),
        (
            any(|l| l.starts_with('-') || l.ends_with('-')),
            "A part of a domain name (between the dots) cannot start or end with a hyphen.",
        ),
        (
            any(|l| l.get(2..4) == Some("--") && !l.starts_with("xn--")),
            "Only internationalised names (xn--) may have hyphens in both the third and \
             fourth positions of a part.",
        ),
        (
            labels
                .last()
                .is_some_and(|tld| tld.bytes().all(|b| b.is_ascii_digit())),
            "The last part of a domain name (such as com or uk) cannot be all digits.",
        ),
    ];
    if let Some((_, message)) = checks.iter().find(|(failed, _)| *failed) {
        return Err(message);
    }
    if idna::domain_to_ascii_strict(name).ok().as_deref() != Some(ascii.as_str()) {
        return Err(
            "Enter a valid domain name; this internationalised name breaks the IDNA rules \
             (for example, it mixes scripts or writing directions in a way that is not allowed).",
        );
    }
    let (unicode, result) = idna::domain_to_unicode(&ascii);
    if result.is_err() {
        return Err("Enter a valid domain name; this internationalised name cannot be decoded.");
    }
    Ok(Domain { ascii, unicode })
}
