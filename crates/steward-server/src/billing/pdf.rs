//! The invoice document (PR-2) as a one-page A4 PDF: who issued it, who it
//! is for, its number, dates and status, the lines, tax and total. Built
//! with `pdf-writer` and the standard Helvetica fonts (nothing embedded),
//! text in WinAnsi encoding so `£` and `€` print as themselves.

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use steward_types::billing::{Invoice, Money};
use steward_types::profile::PostalAddress;

/// Who the invoice is addressed to, from the account's profile.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BillTo {
    pub name: String,
    pub tax_id: Option<String>,
    pub address: Option<PostalAddress>,
}

const SELLER: [&str; 3] = [
    "Steward Media Hosting",
    "Accounts and billing",
    "billing@steward.example",
];

const WIDTH: f32 = 595.0;
const HEIGHT: f32 = 842.0;
const MARGIN: f32 = 56.0;
const REGULAR: Name<'static> = Name(b"F1");
const BOLD: Name<'static> = Name(b"F2");

/// Lines that fit on the page before the totals; longer invoices continue
/// with a note (the API has every line).
const MAX_LINES: usize = 24;

pub fn render(invoice: &Invoice, bill_to: &BillTo) -> Vec<u8> {
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let page_id = Ref::new(3);
    let regular = Ref::new(4);
    let bold = Ref::new(5);
    let content_id = Ref::new(6);
    let info = Ref::new(7);

    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids([page_id]).count(1);
    let mut page = pdf.page(page_id);
    page.media_box(Rect::new(0.0, 0.0, WIDTH, HEIGHT));
    page.parent(tree);
    page.contents(content_id);
    let mut resources = page.resources();
    let mut fonts = resources.fonts();
    fonts.pair(REGULAR, regular);
    fonts.pair(BOLD, bold);
    fonts.finish();
    resources.finish();
    page.finish();
    for (id, name) in [(regular, &b"Helvetica"[..]), (bold, b"Helvetica-Bold")] {
        pdf.type1_font(id)
            .base_font(Name(name))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
    }
    let title = format!("Invoice {}", invoice.number);
    pdf.document_info(info)
        .title(TextStr(&title))
        .creator(TextStr("Steward"));

    let mut c = Content::new();
    let right = WIDTH - MARGIN;
    let mut y = HEIGHT - MARGIN - 10.0;

    // Header: the seller on the left, the document on the right.
    text(&mut c, BOLD, 20.0, MARGIN, y, "Steward");
    right_text(&mut c, BOLD, 20.0, right, y, "Invoice");
    y -= 22.0;
    for line in SELLER {
        text(&mut c, REGULAR, 9.5, MARGIN, y, line);
        y -= 13.0;
    }
    let mut ry = HEIGHT - MARGIN - 32.0;
    let paid = invoice.paid_at.map(|p| p.format("%-d %B %Y").to_string());
    let facts = [
        ("Number", Some(invoice.number.clone())),
        (
            "Issued",
            Some(invoice.issued_at.format("%-d %B %Y").to_string()),
        ),
        ("Due", Some(invoice.due_at.format("%-d %B %Y").to_string())),
        ("Paid", paid),
        ("Status", Some(status_label(invoice).to_string())),
    ];
    for (label, value) in facts {
        let Some(value) = value else { continue };
        right_text(&mut c, BOLD, 9.5, right, ry, &value);
        right_text(&mut c, REGULAR, 9.5, right - 150.0, ry, label);
        ry -= 13.0;
    }

    // Bill to.
    y = y.min(ry) - 18.0;
    text(&mut c, BOLD, 9.5, MARGIN, y, "Bill to");
    y -= 14.0;
    let mut to = vec![bill_to.name.clone()];
    if let Some(a) = &bill_to.address {
        to.push(a.line1.clone());
        if let Some(l2) = &a.line2 {
            to.push(l2.clone());
        }
        let locality = [
            Some(a.locality.clone()),
            a.region.clone(),
            a.postal_code.clone(),
        ]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
        to.push(locality);
        to.push(a.country.clone());
    }
    if let Some(t) = &bill_to.tax_id {
        to.push(format!("Tax id: {t}"));
    }
    for line in to.iter().filter(|l| !l.is_empty()) {
        text(&mut c, REGULAR, 10.0, MARGIN, y, line);
        y -= 13.0;
    }

    // Lines.
    y -= 20.0;
    let cols = [right - 230.0, right - 110.0, right];
    text(&mut c, BOLD, 9.5, MARGIN, y, "Description");
    right_text(&mut c, BOLD, 9.5, cols[0], y, "Qty");
    right_text(&mut c, BOLD, 9.5, cols[1], y, "Unit price");
    right_text(&mut c, BOLD, 9.5, cols[2], y, "Amount");
    y -= 7.0;
    rule(&mut c, y);
    y -= 15.0;
    for line in invoice.lines.iter().take(MAX_LINES) {
        text(
            &mut c,
            REGULAR,
            10.0,
            MARGIN,
            y,
            &clip(&line.description, 60),
        );
        right_text(
            &mut c,
            REGULAR,
            10.0,
            cols[0],
            y,
            &line.quantity.to_string(),
        );
        right_text(&mut c, REGULAR, 10.0, cols[1], y, &amount(&line.unit_price));
        right_text(&mut c, REGULAR, 10.0, cols[2], y, &amount(&line.amount));
        y -= 15.0;
    }
    if invoice.lines.len() > MAX_LINES {
        let more = format!(
            "... and {} more lines: see the invoice in the Steward console.",
            invoice.lines.len() - MAX_LINES
        );
        text(&mut c, REGULAR, 9.0, MARGIN, y, &more);
        y -= 15.0;
    }
    rule(&mut c, y + 6.0);

    // Totals.
    y -= 12.0;
    let percent = (invoice.tax_rate * rust_decimal::Decimal::ONE_HUNDRED).normalize();
    let tax_label = format!("Tax ({percent}%)");
    let total_label = format!("Total ({})", invoice.total.currency);
    for (label, value, font) in [
        ("Subtotal", amount(&invoice.subtotal), REGULAR),
        (tax_label.as_str(), amount(&invoice.tax), REGULAR),
        (total_label.as_str(), amount(&invoice.total), BOLD),
    ] {
        right_text(&mut c, font, 10.5, cols[1], y, label);
        right_text(&mut c, font, 10.5, cols[2], y, &value);
        y -= 16.0;
    }

    text(
        &mut c,
        REGULAR,
        8.5,
        MARGIN,
        MARGIN,
        "Questions about this invoice? Open Billing in the Steward console. Card payments are handled by our payment vault.",
    );
    pdf.stream(content_id, &c.finish());
    pdf.finish()
}

fn status_label(i: &Invoice) -> &'static str {
    use steward_types::billing::InvoiceStatus::*;
    match i.status {
        Open => "Open",
        Paid => "Paid",
        Void => "Void",
        Refunded => "Refunded",
    }
}

/// `£1,234.50`, `€9.00`, `USD 5.00`: the exact decimal, grouped, with the
/// currency's symbol where WinAnsi has one.
pub fn amount(m: &Money) -> String {
    let s = m.amount.to_string();
    let (sign, digits) = s.strip_prefix('-').map_or(("", s.as_str()), |d| ("-", d));
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let number = if frac.is_empty() {
        grouped
    } else {
        format!("{grouped}.{frac}")
    };
    match m.currency.as_str() {
        "GBP" => format!("{sign}£{number}"),
        "EUR" => format!("{sign}€{number}"),
        "USD" => format!("{sign}${number}"),
        other => format!("{sign}{other} {number}"),
    }
}

fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let cut: String = s.chars().take(max - 3).collect();
        format!("{cut}...")
    }
}

fn rule(c: &mut Content, y: f32) {
    c.set_line_width(0.6);
    c.set_stroke_rgb(0.75, 0.78, 0.82);
    c.move_to(MARGIN, y);
    c.line_to(WIDTH - MARGIN, y);
    c.stroke();
}

fn text(c: &mut Content, font: Name, size: f32, x: f32, y: f32, s: &str) {
    let bytes = win_ansi(s);
    c.begin_text();
    c.set_font(font, size);
    c.next_line(x, y);
    c.show(Str(&bytes));
    c.end_text();
}

fn right_text(c: &mut Content, font: Name, size: f32, right: f32, y: f32, s: &str) {
    let bold = font == BOLD;
    text(c, font, size, right - width(s, size, bold), y, s);
}

/// The text in WinAnsiEncoding (Windows-1252); what it cannot encode
/// becomes `?`.
pub fn win_ansi(s: &str) -> Vec<u8> {
    s.chars()
        .map(|ch| match ch {
            '€' => 0x80,
            '‚' => 0x82,
            '„' => 0x84,
            '…' => 0x85,
            '‘' => 0x91,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '•' => 0x95,
            '–' => 0x96,
            '—' => 0x97,
            c if (c as u32) < 0x80 || (0xA0..=0xFF).contains(&(c as u32)) => {
                u8::try_from(c as u32).unwrap_or(b'?')
            }
            _ => b'?',
        })
        .collect()
}

/// Text width in points, from the Helvetica metrics (AFM) of the characters
/// amounts and labels use; others count as an average glyph.
fn width(s: &str, size: f32, bold: bool) -> f32 {
    let units: u32 = s
        .chars()
        .map(|ch| match ch {
            '0'..='9' | '£' | '€' | '$' | '?' => 556,
            '.' | ',' | ' ' | ':' | '/' => 278,
            '-' | '(' | ')' => 333,
            '%' => 889,
            'I' => 278,
            'J' => 500 + if bold { 56 } else { 0 },
            'F' | 'T' | 'Z' => 611,
            'L' => 556 + if bold { 55 } else { 0 },
            'C' | 'D' | 'H' | 'N' | 'R' | 'U' => 722,
            'G' | 'O' | 'Q' => 778,
            'M' => 833,
            'W' => 944,
            'A'..='Z' => 667,
            'i' | 'j' | 'l' => 222 + if bold { 56 } else { 0 },
            'f' | 't' => 278 + if bold { 55 } else { 0 },
            'r' => 333 + if bold { 56 } else { 0 },
            'm' => 833 + if bold { 56 } else { 0 },
            'w' => 722 + if bold { 56 } else { 0 },
            'c' | 'k' | 's' | 'v' | 'x' | 'y' | 'z' => 500 + if bold { 56 } else { 0 },
            _ => 556 + if bold { 55 } else { 0 },
        })
        .sum();
    units as f32 * size / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use rust_decimal::Decimal;
    use steward_types::billing::{InvoiceLine, InvoiceStatus};
    use uuid::Uuid;

    fn money(s: &str) -> Money {
        Money {
            amount: s.parse().expect("decimal"),
            currency: "GBP".into(),
        }
    }

    fn invoice(lines: usize) -> Invoice {
        let at = Utc
            .with_ymd_and_hms(2026, 3, 1, 9, 0, 0)
            .single()
            .expect("t");
        Invoice {
            id: Uuid::nil(),
            number: "INV-0A1B2C3D-00042".into(),
            issued_at: at,
            due_at: at + chrono::Duration::days(14),
            paid_at: None,
            status: InvoiceStatus::Open,
            lines: (0..lines)
                .map(|i| InvoiceLine {
                    description: format!("Studio (monthly), line {i}"),
                    quantity: 1,
                    unit_price: money("1234.50"),
                    amount: money("1234.50"),
                })
                .collect(),
            subtotal: money("1234.50"),
            tax_rate: Decimal::new(20, 2),
            tax: money("246.90"),
            total: money("1481.40"),
        }
    }

    #[test]
    fn amounts_are_exact_grouped_and_carry_their_currency() {
        assert_eq!(amount(&money("1234567.5")), "£1,234,567.5");
        assert_eq!(amount(&money("-99.00")), "-£99.00");
        assert_eq!(amount(&money("0.10")), "£0.10");
        let m = Money {
            amount: Decimal::new(12345, 2),
            currency: "JPY".into(),
        };
        assert_eq!(amount(&m), "JPY 123.45");
    }

    #[test]
    fn win_ansi_keeps_pound_and_euro_and_replaces_the_rest() {
        assert_eq!(win_ansi("£€é"), vec![0xA3, 0x80, 0xE9]);
        assert_eq!(win_ansi("東"), b"?".to_vec());
    }

    #[test]
    fn a_long_invoice_stays_on_one_page_and_says_what_is_left_out() {
        let bytes = render(&invoice(40), &BillTo::default());
        assert!(bytes.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("/Count 1"), "one page");
        assert!(text.contains("and 16 more lines"), "the cut is stated");
    }
}
