//! Invoice documents (PR-2, PR-3) over real HTTP on both stores: the PDF
//! opens in a real extractor (poppler's `pdftotext`) and says what the
//! invoice says; roles apply as for the invoice itself.

use std::process::Command;
use std::time::Instant;

use chrono::Duration;
use reqwest::Method;
use rust_decimal::Decimal;
use steward_server::clock::Clock;
use steward_server::store::NewInvoice;
use steward_tests::api::{company, valid_company_profile, Caller, Company};
use steward_tests::on_both_stores;
use steward_tests::server::{Backend, TestServer};
use steward_types::billing::{InvoiceLine, InvoiceStatus, Money};

fn path(c: &Company, rest: &str) -> String {
    format!("/v1/accounts/{}{rest}", c.account_id)
}

/// The text poppler extracts from a PDF; fails the test when the file does
/// not open.
fn pdftotext(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("invoice.pdf");
    std::fs::write(&file, bytes).expect("write pdf");
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext runs (poppler-utils; `make setup` installs it)");
    assert!(
        out.status.success(),
        "pdftotext could not read the PDF: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 text")
}

async fn pdf_of(caller: &Caller, s: &TestServer, c: &Company, id: &str) -> reqwest::Response {
    s.http
        .get(s.url(&path(c, &format!("/invoices/{id}/pdf"))))
        .bearer_auth(&caller.access)
        .send()
        .await
        .expect("get pdf")
}

/// PR-3: the PDF carries the invoice's number, lines, tax and total, and
/// who it is for; viewers may download it; strangers learn nothing.
async fn the_invoice_pdf_says_what_the_invoice_says(backend: Backend) {
    let s = TestServer::start(backend).await;
    let c = company(&s).await;
    let owner = Caller::sign_in(&s, c.owner).await;
    let etag = owner.get(&path(&c, "/profile")).await.etag.expect("etag");
    let r = owner
        .send(
            Method::PUT,
            &path(&c, "/profile"),
            Some(valid_company_profile("Acme")),
            Some(&etag),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let account: uuid::Uuid = c.account_id.parse().expect("uuid");
    let at = s.clock.now();
    let gbp = |v: i64| Money::new(Decimal::new(v, 2), "GBP");
    s.store
        .insert_invoices(&[NewInvoice {
            account_id: account,
            number: String::new(),
            issued_at: at,
            due_at: at + Duration::days(14),
            paid_at: None,
            status: InvoiceStatus::Open,
            lines: vec![
                InvoiceLine {
                    description: "Studio (monthly)".into(),
                    quantity: 1,
                    unit_price: gbp(9900),
                    amount: gbp(9900),
                },
                InvoiceLine {
                    description: "Extra seats".into(),
                    quantity: 12,
                    unit_price: gbp(10025),
                    amount: gbp(120300),
                },
            ],
            subtotal: Decimal::new(130200, 2),
            tax_rate: Decimal::new(20, 2),
            tax: Decimal::new(26040, 2),
            total: Decimal::new(156240, 2),
            currency: "GBP".into(),
        }])
        .await
        .expect("invoice");
    let list = owner.get(&path(&c, "/invoices")).await;
    let id = list.body["items"][0]["id"]
        .as_str()
        .expect("id")
        .to_string();
    let number = list.body["items"][0]["number"]
        .as_str()
        .expect("number")
        .to_string();

    let resp = pdf_of(&owner, &s, &c, &id).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "application/pdf");
    let disposition = resp.headers()["content-disposition"]
        .to_str()
        .expect("cd")
        .to_string();
    assert_eq!(
        disposition,
        format!("attachment; filename=\"{number}.pdf\"")
    );
    let bytes = resp.bytes().await.expect("pdf");
    let text = pdftotext(&bytes);
    for expected in [
        number.as_str(),
        "Invoice",
        "Open",
        "Studio (monthly)",
        "Extra seats",
        "£100.25",
        "£1,203.00",
        "Subtotal",
        "£1,302.00",
        "Tax (20%)",
        "£260.40",
        "Total (GBP)",
        "£1,562.40",
        "Bill to",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    // Addressed to the company, as its profile stands.
    for expected in ["Acme Media Ltd", "Tax id: GB987654321"] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }

    // Roles as for the invoice: viewers read it; strangers get 404.
    let viewer = Caller::sign_in(&s, c.viewer).await;
    assert_eq!(pdf_of(&viewer, &s, &c, &id).await.status(), 200);
    let stranger = Caller::sign_in(&s, c.stranger).await;
    assert_eq!(pdf_of(&stranger, &s, &c, &id).await.status(), 404);
    let missing = uuid::Uuid::now_v7().to_string();
    assert_eq!(pdf_of(&owner, &s, &c, &missing).await.status(), 404);

    // A figure for the closing note, not an assertion: time per document
    // over HTTP, store read included.
    let runs = 50u32;
    let started = Instant::now();
    for _ in 0..runs {
        assert_eq!(pdf_of(&owner, &s, &c, &id).await.status(), 200);
    }
    #[allow(clippy::print_stdout, reason = "the measured figure")]
    {
        println!(
            "invoice PDF over HTTP ({backend:?}): {:.2} ms per document, {} bytes",
            started.elapsed().as_secs_f64() * 1000.0 / f64::from(runs),
            bytes.len()
        );
    }
    s.shutdown().await;
}

on_both_stores!(the_invoice_pdf_says_what_the_invoice_says);
