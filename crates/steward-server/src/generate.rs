//! A large, realistic data set for the search benchmark (issue 6):
//! `steward-server generate --accounts 1000000`. Names, companies,
//! addresses, telephones and an invoice per account, from a seeded PRNG so
//! two runs build the same data. Generated people cannot sign in: their
//! password hash is of a random secret that is thrown away.

use std::time::Instant;

use chrono::{DateTime, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rust_decimal::Decimal;
use steward_types::profile::{Company, ContactEmail, ContactPurpose, PostalAddress, Profile};
use uuid::Uuid;

use crate::staff::search;
use crate::store::{GeneratedBatch, SearchSources, Store};

const FIRST: &[&str] = &[
    "Aaliyah",
    "Aarav",
    "Abdul",
    "Ada",
    "Adebayo",
    "Agnieszka",
    "Ahmed",
    "Aiko",
    "Akira",
    "Alejandro",
    "Alex",
    "Alice",
    "Amara",
    "Amelia",
    "Ana",
    "Anders",
    "Andrea",
    "Anika",
    "Anna",
    "Arjun",
    "Aroha",
    "Astrid",
    "Ava",
    "Ayesha",
    "Bao",
    "Beatriz",
    "Ben",
    "Bianca",
    "Bogdan",
    "Camille",
    "Carlos",
    "Carmen",
    "Chen",
    "Chidi",
    "Chloe",
    "Daniel",
    "Dario",
    "David",
    "Dmitri",
    "Elena",
    "Elif",
    "Ella",
    "Emeka",
    "Emil",
    "Emma",
    "Eszter",
    "Ethan",
    "Fatima",
    "Felix",
    "Finn",
    "Freya",
    "Gabriel",
    "Giulia",
    "Grace",
    "Hana",
    "Hannah",
    "Hassan",
    "Helena",
    "Hiroshi",
    "Ibrahim",
    "Ines",
    "Ingrid",
    "Isabel",
    "Ivan",
    "Jack",
    "Jakub",
    "James",
    "Javier",
    "Jin",
    "Joao",
    "Johan",
    "Jonas",
    "Jorge",
    "Julia",
    "Kai",
    "Karim",
    "Kasia",
    "Kenji",
    "Kwame",
    "Lars",
    "Laura",
    "Layla",
    "Leila",
    "Leo",
    "Liam",
    "Lina",
    "Luca",
    "Lucia",
    "Luis",
    "Maja",
    "Malik",
    "Marco",
    "Maria",
    "Mariam",
    "Mateo",
    "Mei",
    "Mia",
    "Mohammed",
    "Nadia",
    "Naledi",
    "Nia",
    "Nikolai",
    "Noah",
    "Nora",
    "Olga",
    "Oliver",
    "Omar",
    "Oscar",
    "Pablo",
    "Paula",
    "Pedro",
    "Priya",
    "Rafael",
    "Rahul",
    "Rania",
    "Ravi",
    "Rosa",
    "Ruth",
    "Sakura",
    "Samir",
    "Sara",
    "Sebastian",
    "Sofia",
    "Sven",
    "Tariq",
    "Thandiwe",
    "Theo",
    "Tomasz",
    "Valentina",
    "Vikram",
    "Wei",
    "Yara",
    "Yusuf",
    "Zainab",
    "Zoe",
];

const LAST: &[&str] = &[
    "Abara",
    "Adeyemi",
    "Ahmed",
    "Alvarez",
    "Andersen",
    "Bakker",
    "Banerjee",
    "Becker",
    "Bianchi",
    "Brown",
    "Castillo",
    "Chen",
    "Costa",
    "Cruz",
    "Dubois",
    "Eriksson",
    "Fernandes",
    "Fischer",
    "Garcia",
    "Gonzalez",
    "Gupta",
    "Haddad",
    "Hansen",
    "Hernandez",
    "Hoffmann",
    "Ibrahim",
    "Ito",
    "Jansen",
    "Jensen",
    "Johansson",
    "Kaur",
    "Khan",
    "Kim",
    "Kowalski",
    "Kumar",
    "Larsen",
    "Lee",
    "Lopez",
    "Martin",
    "Martinez",
    "Mensah",
    "Meyer",
    "Moreau",
    "Muller",
    "Murphy",
    "Nakamura",
    "Nguyen",
    "Nielsen",
    "Novak",
    "Nowak",
    "Okafor",
    "Okonkwo",
    "Olsen",
    "Ortiz",
    "Patel",
    "Perez",
    "Petrov",
    "Popescu",
    "Ramirez",
    "Reyes",
    "Ricci",
    "Rodriguez",
    "Rossi",
    "Russo",
    "Sanchez",
    "Santos",
    "Sato",
    "Schmidt",
    "Schneider",
    "Shah",
    "Silva",
    "Singh",
    "Smith",
    "Suzuki",
    "Tanaka",
    "Taylor",
    "Thomas",
    "Torres",
    "Van Dijk",
    "Wagner",
    "Walker",
    "Wang",
    "Weber",
    "Williams",
    "Wilson",
    "Wong",
    "Yamamoto",
    "Yilmaz",
    "Zhang",
    "Zielinski",
];

const COMPANY_A: &[&str] = &[
    "Amber",
    "Atlas",
    "Aurora",
    "Beacon",
    "Blue Harbour",
    "Bright",
    "Cedar",
    "Cobalt",
    "Copper",
    "Crescent",
    "Delta",
    "Ember",
    "Evergreen",
    "Falcon",
    "Fjord",
    "Granite",
    "Harbour",
    "Horizon",
    "Iris",
    "Juniper",
    "Kestrel",
    "Lantern",
    "Lumen",
    "Maple",
    "Meridian",
    "Nimbus",
    "Northwind",
    "Oak",
    "Orbit",
    "Pioneer",
    "Quartz",
    "Redwood",
    "Riverside",
    "Saffron",
    "Silverline",
    "Solstice",
    "Summit",
    "Tidal",
    "Velvet",
    "Willow",
    "Zenith",
];

const COMPANY_B: &[&str] = &[
    "Studios",
    "Media",
    "Films",
    "Pictures",
    "Productions",
    "Broadcasting",
    "Audio",
    "Labs",
    "Creative",
    "Digital",
    "Streaming",
    "Post",
    "Animation",
    "Records",
    "Publishing",
];

const SUFFIX: &[&str] = &["Ltd", "GmbH", "BV", "SAS", "AB", "Inc", "LLC", "Oy", "SRL"];

const MAIL: &[&str] = &[
    "example.com",
    "example.org",
    "example.net",
    "mail.example",
    "post.example",
    "inbox.example",
];

/// (city, country, calling code, postal code shape: digits or UK-style).
const CITIES: &[(&str, &str, &str)] = &[
    ("London", "GB", "44"),
    ("Manchester", "GB", "44"),
    ("Edinburgh", "GB", "44"),
    ("Dublin", "IE", "353"),
    ("Berlin", "DE", "49"),
    ("Hamburg", "DE", "49"),
    ("Munich", "DE", "49"),
    ("Paris", "FR", "33"),
    ("Lyon", "FR", "33"),
    ("Amsterdam", "NL", "31"),
    ("Rotterdam", "NL", "31"),
    ("Stockholm", "SE", "46"),
    ("Copenhagen", "DK", "45"),
    ("Oslo", "NO", "47"),
    ("Helsinki", "FI", "358"),
    ("Madrid", "ES", "34"),
    ("Barcelona", "ES", "34"),
    ("Lisbon", "PT", "351"),
    ("Rome", "IT", "39"),
    ("Milan", "IT", "39"),
    ("Warsaw", "PL", "48"),
    ("Prague", "CZ", "420"),
    ("Vienna", "AT", "43"),
    ("Zurich", "CH", "41"),
    ("New York", "US", "1"),
    ("Austin", "US", "1"),
    ("Toronto", "CA", "1"),
];

const STREETS: &[&str] = &[
    "High Street",
    "Station Road",
    "Church Lane",
    "Mill Road",
    "Park Avenue",
    "Market Square",
    "Harbour Way",
    "King Street",
    "Queen's Road",
    "Riverside Walk",
    "Elm Grove",
    "Victoria Road",
];

fn pick<'a>(rng: &mut StdRng, list: &[&'a str]) -> &'a str {
    list[rng.gen_range(0..list.len())]
}

fn slug(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect()
}

/// One generated account, in the batch.
fn account(rng: &mut StdRng, i: u64, now: DateTime<Utc>, hash: &str, b: &mut GeneratedBatch) {
    let first = pick(rng, FIRST);
    let last = pick(rng, LAST);
    let name = format!("{first} {last}");
    let company = rng.gen_bool(0.3).then(|| {
        format!(
            "{} {} {}",
            pick(rng, COMPANY_A),
            pick(rng, COMPANY_B),
            pick(rng, SUFFIX)
        )
    });
    let domain = match &company {
        Some(c) => format!(
            "{}{}.example",
            slug(&c[..c.rfind(' ').unwrap_or(c.len())]),
            i % 997
        ),
        None => pick(rng, MAIL).to_owned(),
    };
    // The index makes every address unique, as sign-in e-mails must be.
    let email = format!("{}.{}{i}@{domain}", slug(first), slug(last));
    let (city, country, code) = CITIES[rng.gen_range(0..CITIES.len())];
    let phone = format!("+{code}{}", rng.gen_range(100_000_000_u64..999_999_999));
    let created = now - chrono::Duration::days(rng.gen_range(1..3650));
    let created_ms = crate::clock::to_millis(created);
    let user_id = Uuid::now_v7();
    let account_id = Uuid::now_v7();
    let account_name = company.clone().unwrap_or_else(|| name.clone());
    let profile = Profile {
        legal_name: name.clone(),
        display_name: company.clone().unwrap_or_else(|| name.clone()),
        company: company.as_ref().map(|c| Company {
            name: c.clone(),
            registration_number: None,
            tax_id: None,
            industry: Some("Media production".into()),
            website: Some(format!("https://www.{domain}")),
        }),
        emails: vec![ContactEmail {
            address: email.clone(),
            purpose: ContactPurpose::Billing,
        }],
        postal_address: Some(PostalAddress {
            country: country.into(),
            line1: format!("{} {}", rng.gen_range(1..250), pick(rng, STREETS)),
            line2: None,
            locality: city.into(),
            region: None,
            postal_code: Some(format!("{:05}", rng.gen_range(1000..99999))),
        }),
        phone: Some(phone),
        fax: None,
        ip_ranges: Vec::new(),
        domains: company
            .as_ref()
            .map(|_| vec![domain.clone()])
            .unwrap_or_default(),
    };
    let doc = serde_json::to_string(&profile).unwrap_or_default();
    b.terms.extend(search::terms_for(
        account_id,
        &SearchSources {
            account_name: account_name.clone(),
            profile_doc: Some(doc.clone()),
            members: vec![(name.clone(), email.clone())],
        },
    ));
    b.users
        .push((user_id, email, name, hash.to_owned(), created_ms));
    b.accounts.push((
        account_id,
        account_name,
        if company.is_some() {
            "company"
        } else {
            "personal"
        },
        created_ms,
    ));
    b.profiles.push((account_id, doc, created_ms));
    let subtotal = Decimal::new(rng.gen_range(900..49_900), 2);
    let tax = (subtotal * Decimal::new(20, 2)).round_dp(2);
    b.invoices.push((
        Uuid::now_v7(),
        account_id,
        crate::store::invoice_number(account_id, 1),
        crate::clock::to_millis(now - chrono::Duration::days(rng.gen_range(1..60))),
        if rng.gen_bool(0.9) { "paid" } else { "open" },
        subtotal.to_string(),
        tax.to_string(),
        (subtotal + tax).to_string(),
    ));
}

/// Add `count` accounts in batches of `batch`, reporting progress.
pub async fn generate(
    store: &dyn Store,
    count: u64,
    seed: u64,
    now: DateTime<Utc>,
    mut progress: impl FnMut(u64, f64),
) -> anyhow::Result<()> {
    const BATCH: u64 = 5000;
    let secret = crate::crypto::new_token(crate::crypto::TokenKind::Refresh);
    let hash = crate::hasher::hash_password(secret).await?;
    let mut rng = StdRng::seed_from_u64(seed);
    let started = Instant::now();
    let mut done = 0;
    while done < count {
        let n = BATCH.min(count - done);
        let mut b = GeneratedBatch::default();
        for i in done..done + n {
            account(&mut rng, i, now, &hash, &mut b);
        }
        store.insert_generated(&b).await?;
        done += n;
        progress(done, started.elapsed().as_secs_f64());
    }
    store.analyze().await?;
    Ok(())
}
