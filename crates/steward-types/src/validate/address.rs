//! International postal addresses: ISO 3166-1 country codes, and per-country
//! rules for the region (state, province, prefecture) and the postal code.
//!
//! Postal-code formats are written in a tiny pattern language instead of
//! regular expressions: `9` is an ASCII digit, `A` an ASCII letter, `X` either,
//! and a space or hyphen is a separator. Input is matched with its separators
//! removed and re-rendered in the pattern's layout, so `sw1a1aa` becomes
//! `SW1A 1AA` and `941051234` becomes `94105-1234`.

use crate::problem::FieldError;
use crate::profile::PostalAddress;

use super::{check_text, fe, optional_text, Limit, MAX_INPUT};

/// Every officially assigned ISO 3166-1 alpha-2 code (249), plus `XK`
/// (Kosovo), a user-assigned code in general use by banks and the EU.
pub(crate) const COUNTRIES: &[&str] = &[
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
    "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
    "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
    "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
    "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "XK", "YE", "YT", "ZA", "ZM", "ZW",
];

/// USPS codes: the states, DC, the territories and the military "states".
const US_STATES: &[&str] = &[
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
    "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY",
    "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV",
    "WI", "WY", "DC", "PR", "AS", "GU", "MP", "VI", "UM", "AA", "AE", "AP",
];

const CA_PROVINCES: &[&str] = &[
    "AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT",
];

const AU_STATES: &[&str] = &["NSW", "VIC", "QLD", "WA", "SA", "TAS", "ACT", "NT"];

/// Brazilian unidades federativas.
const BR_STATES: &[&str] = &[
    "AC", "AL", "AP", "AM", "BA", "CE", "DF", "ES", "GO", "MA", "MT", "MS", "MG", "PA", "PB", "PR",
    "PE", "PI", "RJ", "RN", "RS", "RO", "RR", "SC", "SP", "SE", "TO",
];

/// Whether a country uses postal codes, and whether one is required.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Postal {
    Required,
    Optional,
    /// The country has no postal codes (HK, AE): one given is an error.
    NotUsed,
}

#[derive(Debug, Clone, Copy)]
enum Region {
    /// Not part of the address format; kept as entered if given.
    Free,
    /// Required, free text (JP prefecture, CN and IN province or state).
    RequiredText(&'static str),
    /// Required, one of these codes (upper-cased).
    RequiredCode(&'static [&'static str], &'static str),
    /// Optional; when given, two letters (IT province, upper-cased).
    OptionalTwoLetters(&'static str),
}

#[derive(Debug, Clone, Copy)]
struct Rules {
    postal: Postal,
    patterns: &'static [&'static str],
    /// Said after "Enter ": what to enter, with an example.
    hint: &'static str,
    /// An extra check on the normalised code, beyond the pattern.
    extra: Option<fn(&str) -> bool>,
    region: Region,
}

const fn rules(postal: Postal, patterns: &'static [&'static str], hint: &'static str) -> Rules {
    Rules {
        postal,
        patterns,
        hint,
        extra: None,
        region: Region::Free,
    }
}

const FIVE: &[&str] = &["99999"];
const FOUR: &[&str] = &["9999"];
const SIX: &[&str] = &["999999"];
const SE_CZ: &[&str] = &["999 99"];

/// The per-country table. `None` means the generic rule: postal code
/// optional, up to 16 letters, digits, spaces and hyphens.
fn rules_for(country: &str) -> Option<Rules> {
    use Postal::*;
    let r = match country {
        "US" => Rules {
            region: Region::RequiredCode(US_STATES, "a two-letter state code such as NY, CA or DC"),
            ..rules(
                Required,
                &["99999", "99999-9999"],
                "a ZIP code such as 94105 or 94105-1234",
            )
        },
        "CA" => Rules {
            region: Region::RequiredCode(
                CA_PROVINCES,
                "a two-letter province code such as ON, QC or BC",
            ),
            extra: Some(canadian_letters),
            ..rules(
                Required,
                &["A9A 9A9"],
                "a Canadian postal code such as K1A 0B1",
            )
        },
        "GB" => Rules {
            extra: Some(uk_postcode),
            ..rules(
                Required,
                &[
                    "A9 9AA", "A99 9AA", "AA9 9AA", "AA99 9AA", "A9A 9AA", "AA9A 9AA", "AAA 9AA",
                ],
                "a UK postcode such as SW1A 1AA",
            )
        },
        "IE" => Rules {
            extra: Some(eircode),
            ..rules(
                Optional,
                &["A99 XXXX", "A9A XXXX"],
                "an Eircode such as A65 F4E2, or leave it empty",
            )
        },
        "DE" => rules(
            Required,
            FIVE,
            "a German postal code of 5 digits, such as 10115",
        ),
        "FR" => rules(
            Required,
            FIVE,
            "a French postal code of 5 digits, such as 75008",
        ),
        "ES" => rules(
            Required,
            FIVE,
            "a Spanish postal code of 5 digits, such as 28013",
        ),
        "MX" => rules(
            Required,
            FIVE,
            "a Mexican postal code of 5 digits, such as 06600",
        ),
        "FI" => rules(
            Required,
            FIVE,
            "a Finnish postal code of 5 digits, such as 00100",
        ),
        "IT" => Rules {
            region: Region::OptionalTwoLetters(
                "the two-letter province code such as RM or MI, or leave it empty",
            ),
            ..rules(
                Required,
                FIVE,
                "an Italian postal code (CAP) of 5 digits, such as 00184",
            )
        },
        "NL" => Rules {
            extra: Some(dutch_postcode),
            ..rules(Required, &["9999 AA"], "a Dutch postcode such as 1012 AB")
        },
        "BE" => rules(
            Required,
            FOUR,
            "a Belgian postal code of 4 digits, such as 1000",
        ),
        "AT" => rules(
            Required,
            FOUR,
            "an Austrian postal code of 4 digits, such as 1010",
        ),
        "CH" => rules(
            Required,
            FOUR,
            "a Swiss postal code of 4 digits, such as 8001",
        ),
        "DK" => rules(
            Required,
            FOUR,
            "a Danish postal code of 4 digits, such as 1050",
        ),
        "NO" => rules(
            Required,
            FOUR,
            "a Norwegian postal code of 4 digits, such as 0150",
        ),
        "NZ" => rules(
            Required,
            FOUR,
            "a New Zealand postcode of 4 digits, such as 6011",
        ),
        "HU" => rules(
            Required,
            FOUR,
            "a Hungarian postal code of 4 digits, such as 1051",
        ),
        "ZA" => rules(
            Required,
            FOUR,
            "a South African postal code of 4 digits, such as 8001",
        ),
        "AU" => Rules {
            region: Region::RequiredCode(
                AU_STATES,
                "a state or territory code such as NSW, VIC or ACT",
            ),
            ..rules(
                Required,
                FOUR,
                "an Australian postcode of 4 digits, such as 2000",
            )
        },
        "SE" => rules(Required, SE_CZ, "a Swedish postal code such as 114 55"),
        "CZ" => rules(Required, SE_CZ, "a Czech postal code such as 110 00"),
        "SK" => rules(Required, SE_CZ, "a Slovak postal code such as 811 01"),
        "PL" => rules(Required, &["99-999"], "a Polish postal code such as 00-950"),
        "PT" => rules(
            Required,
            &["9999-999"],
            "a Portuguese postal code such as 1000-001",
        ),
        "JP" => Rules {
            region: Region::RequiredText("the prefecture, such as Tokyo"),
            ..rules(
                Required,
                &["999-9999"],
                "a Japanese postal code such as 100-0001",
            )
        },
        "CN" => Rules {
            region: Region::RequiredText("the province or municipality, such as Beijing"),
            ..rules(
                Required,
                SIX,
                "a Chinese postal code of 6 digits, such as 100000",
            )
        },
        "IN" => Rules {
            region: Region::RequiredText("the state or union territory, such as Maharashtra"),
            ..rules(
                Required,
                SIX,
                "an Indian PIN code of 6 digits, such as 110001",
            )
        },
        "BR" => Rules {
            region: Region::RequiredCode(
                BR_STATES,
                "the two-letter state code (UF) such as SP or RJ",
            ),
            ..rules(
                Required,
                &["99999-999"],
                "a Brazilian CEP such as 01310-100",
            )
        },
        "SG" => rules(
            Required,
            SIX,
            "a Singapore postal code of 6 digits, such as 018956",
        ),
        "KR" => rules(
            Required,
            FIVE,
            "a South Korean postal code of 5 digits, such as 03187",
        ),
        "HK" | "AE" => rules(NotUsed, &[], "no postal code"),
        _ => return None,
    };
    Some(r)
}

/// Canadian postal codes never use D, F, I, O, Q or U, nor W or Z first.
fn canadian_letters(code: &str) -> bool {
    code.chars().enumerate().all(|(i, c)| {
        let never = matches!(c, 'D' | 'F' | 'I' | 'O' | 'Q' | 'U');
        let never_first = i == 0 && matches!(c, 'W' | 'Z');
        !never && !never_first
    })
}

/// The three-letter outward code exists only as `GIR 0AA` (Girobank).
fn uk_postcode(code: &str) -> bool {
    let outward = code.split(' ').next().unwrap_or_default();
    let letters_first = outward
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    letters_first < 3 || code == "GIR 0AA"
}

/// Eircode routing keys are a letter and two digits, except `D6W`.
fn eircode(code: &str) -> bool {
    let key = code.get(..3).unwrap_or_default();
    key.as_bytes().get(2).is_some_and(u8::is_ascii_digit) || key == "D6W"
}

/// Dutch postcodes run from 1000; the letter pairs SA, SD and SS are unused.
fn dutch_postcode(code: &str) -> bool {
    !code.starts_with('0') && !["SA", "SD", "SS"].iter().any(|p| code.ends_with(p))
}

/// Match `input` against a pattern, ignoring the input's separators (spaces,
/// hyphens) and case; on success, the input in the pattern's layout.
pub(crate) fn match_pattern(pattern: &str, input: &str) -> Option<String> {
    let compact: Vec<char> = input
        .chars()
        .filter(|c| !matches!(c, ' ' | '-'))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let slots = pattern.chars().filter(|c| !matches!(c, ' ' | '-')).count();
    if compact.len() != slots {
        return None;
    }
    let mut chars = compact.into_iter();
    let mut out = String::with_capacity(pattern.len());
    for p in pattern.chars() {
        if matches!(p, ' ' | '-') {
            out.push(p);
            continue;
        }
        let c = chars.next()?;
        let ok = match p {
            '9' => c.is_ascii_digit(),
            'A' => c.is_ascii_uppercase(),
            'X' => c.is_ascii_digit() || c.is_ascii_uppercase(),
            literal => c == literal,
        };
        if !ok {
            return None;
        }
        out.push(c);
    }
    Some(out)
}

fn generic_postal_code(code: &str) -> bool {
    code.chars().count() <= 16
        && code.chars().any(|c| c.is_ascii_alphanumeric())
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-')
}

/// Check and normalise a postal address; errors use `postal_address.*` paths.
pub(crate) fn postal_address(input: &PostalAddress, errors: &mut Vec<FieldError>) -> PostalAddress {
    let before = errors.len();
    let country_raw = check_text(
        "postal_address.country",
        &input.country,
        Limit::required("Choose the country.", MAX_INPUT),
        errors,
    );
    let line1 = check_text(
        "postal_address.line1",
        &input.line1,
        Limit::required("Enter the first line of the address.", 200),
        errors,
    );
    let line2 = optional_text("postal_address.line2", input.line2.as_deref(), 200, errors);
    let locality = check_text(
        "postal_address.locality",
        &input.locality,
        Limit::required("Enter the town or city.", 100),
        errors,
    );
    let region = optional_text(
        "postal_address.region",
        input.region.as_deref(),
        100,
        errors,
    );
    let postal_code = optional_text(
        "postal_address.postal_code",
        input.postal_code.as_deref(),
        32,
        errors,
    );
    let mut out = PostalAddress {
        country: country_raw.clone(),
        line1,
        line2,
        locality,
        region,
        postal_code,
    };

    let country = country_raw.to_ascii_uppercase();
    if country_raw.is_empty()
        || errors[before..]
            .iter()
            .any(|e| e.field == "postal_address.country")
    {
        return out;
    }
    if !COUNTRIES.contains(&country.as_str()) {
        errors.push(fe(
            "postal_address.country",
            "country",
            "Choose a country, or enter its two-letter ISO code such as GB, US or DE.",
        ));
        return out;
    }
    out.country = country.clone();
    let region_ok = !errors[before..]
        .iter()
        .any(|e| e.field == "postal_address.region");
    let code_ok = !errors[before..]
        .iter()
        .any(|e| e.field == "postal_address.postal_code");

    let Some(rules) = rules_for(&country) else {
        if let (Some(code), true) = (&out.postal_code, code_ok) {
            if !generic_postal_code(code) {
                errors.push(fe(
                    "postal_address.postal_code",
                    "postal_code",
                    "Enter the postal code using letters, digits, spaces and hyphens only (at most 16 characters), or leave it empty.",
                ));
            }
        }
        return out;
    };

    if region_ok {
        out.region = check_region(rules.region, out.region.take(), errors);
    }
    if code_ok {
        out.postal_code = check_postal_code(&country, &rules, out.postal_code.take(), errors);
    }
    out
}

fn check_region(
    rule: Region,
    region: Option<String>,
    errors: &mut Vec<FieldError>,
) -> Option<String> {
    const FIELD: &str = "postal_address.region";
    match (rule, region) {
        (Region::Free, region) => region,
        (Region::RequiredText(what) | Region::RequiredCode(_, what), None) => {
            errors.push(fe(FIELD, "required", format!("Enter {what}.")));
            None
        }
        (Region::RequiredText(_), Some(r)) => Some(r),
        (Region::RequiredCode(codes, what), Some(r)) => {
            let upper = r.to_ascii_uppercase();
            if codes.contains(&upper.as_str()) {
                Some(upper)
            } else {
                errors.push(fe(FIELD, "region", format!("Enter {what}.")));
                Some(r)
            }
        }
        (Region::OptionalTwoLetters(_), None) => None,
        (Region::OptionalTwoLetters(what), Some(r)) => {
            if r.len() == 2 && r.chars().all(|c| c.is_ascii_alphabetic()) {
                Some(r.to_ascii_uppercase())
            } else {
                errors.push(fe(FIELD, "region", format!("Enter {what}.")));
                Some(r)
            }
        }
    }
}

fn check_postal_code(
    country: &str,
    rules: &Rules,
    code: Option<String>,
    errors: &mut Vec<FieldError>,
) -> Option<String> {
    const FIELD: &str = "postal_address.postal_code";
    let Some(code) = code else {
        if rules.postal == Postal::Required {
            errors.push(fe(FIELD, "required", format!("Enter {}.", rules.hint)));
        }
        return None;
    };
    if rules.postal == Postal::NotUsed {
        let name = if country == "HK" {
            "Hong Kong"
        } else {
            "The United Arab Emirates"
        };
        errors.push(fe(
            FIELD,
            "not_used",
            format!("{name} does not use postal codes; leave the postal code empty."),
        ));
        return Some(code);
    }
    let normalised = rules
        .patterns
        .iter()
        .find_map(|p| match_pattern(p, &code))
        .filter(|c| rules.extra.is_none_or(|extra| extra(c)));
    match normalised {
        Some(c) => Some(c),
        None => {
            errors.push(fe(FIELD, "postal_code", format!("Enter {}.", rules.hint)));
            Some(code)
        }
    }
}
