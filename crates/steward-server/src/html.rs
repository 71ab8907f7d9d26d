//! Server-rendered pages (sign-in, the payment vault's card page): no
//! JavaScript, no external assets, a strict CSP in the response headers.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

pub const STYLE: &str = "
:root{color-scheme:light dark;--bg:#f6f7f9;--card:#fff;--fg:#1b1f24;--muted:#5b6470;--line:#d8dde3;--accent:#2f5bd3;--err:#b42318}
@media (prefers-color-scheme:dark){:root{--bg:#111418;--card:#1a1f25;--fg:#e8ebef;--muted:#9aa4af;--line:#313943;--accent:#7aa2ff;--err:#ff8a80}}
*{box-sizing:border-box}body{margin:0;min-height:100vh;display:grid;place-items:center;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}
main{width:min(26rem,92vw);background:var(--card);border:1px solid var(--line);border-radius:14px;padding:2rem}
h1{font-size:1.35rem;margin:0 0 .25rem}p{color:var(--muted);margin:0 0 1.5rem}
label{display:block;font-weight:600;margin:1rem 0 .35rem}input[type=email],input[type=password],input[type=text]{width:100%;padding:.65rem .75rem;border:1px solid var(--line);border-radius:8px;background:transparent;color:inherit;font:inherit}
input:focus-visible,button:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
button{margin-top:1.5rem;width:100%;padding:.75rem;border:0;border-radius:8px;background:var(--accent);color:#fff;font:inherit;font-weight:600;cursor:pointer}
.error{border:1px solid var(--err);color:var(--err);border-radius:8px;padding:.6rem .8rem;margin-bottom:1rem}
select{width:100%;padding:.65rem .75rem;border:1px solid var(--line);border-radius:8px;background:var(--card);color:inherit;font:inherit}
.row{display:flex;gap:.75rem}.row>div{flex:1}[aria-invalid=true]{border-color:var(--err)!important}
.field-error{display:block;color:var(--err);font-size:.9rem;margin-top:.3rem}.ok{border:1px solid var(--accent);border-radius:8px;padding:.6rem .8rem;margin-bottom:1rem}
fieldset{border:0;padding:0;margin:1.25rem 0 0}legend{font-weight:700;padding:0}
.brand{font-weight:700;letter-spacing:.02em;color:var(--accent);margin-bottom:1rem}small{display:block;margin-top:1.25rem;color:var(--muted)}
";

/// An HTML page with the headers every server-rendered page gets: no cache,
/// no framing, no referrer, and a CSP with no script at all. `form_action`
/// is where its form may post.
pub fn html_response(status: StatusCode, form_action: &str, body: String) -> Response {
    let mut resp = (status, body).into_response();
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert("x-frame-options", HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    let csp = format!(
        "default-src 'none'; style-src 'unsafe-inline'; form-action {form_action}; frame-ancestors 'none'; base-uri 'none'"
    );
    if let Ok(v) = HeaderValue::from_str(&csp) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    resp
}

/// `english` in the request's language (see `locale`), escaped for HTML.
pub fn words(english: &str) -> String {
    escape(&crate::locale::here(english))
}

pub fn document(title: &str, inner: &str) -> String {
    format!(
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>{title}</title><style>{STYLE}</style></head>\
         <body><main>{inner}</main></body></html>",
        // The words are the request's language (see `locale`); so is the page.
        lang = crate::locale::current().as_str(),
        title = escape(title),
    )
}
