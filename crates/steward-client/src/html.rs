//! Just enough HTML to drive the sign-in page like a browser: find the one form,
//! collect what a browser would submit, and read the `.error` message.
//!
//! The page is our own server's, so this is a careful tokenizer (quotes, comments,
//! script/style bodies, entities), not a general HTML5 parser.

/// One start or end tag.
#[derive(Debug, Clone)]
struct Tag {
    name: String,
    closing: bool,
    attrs: Vec<(String, Option<String>)>,
    /// Byte offset just after the `>`.
    end: usize,
    start: usize,
}

impl Tag {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_deref().unwrap_or(""))
    }

    fn has(&self, name: &str) -> bool {
        self.attrs.iter().any(|(n, _)| n == name)
    }
}

/// The form a browser would submit: where, how, and which name/value pairs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// The raw `action` attribute (resolve it against the page URL); `None` = the page.
    pub action: Option<String>,
    /// Lower-case `method`, `get` when absent.
    pub method: String,
    /// Successful controls in document order.
    pub fields: Vec<(String, String)>,
    /// Names of all text-like inputs, submitted or not (to learn e.g. `otp` is asked for).
    pub input_names: Vec<String>,
}

impl Form {
    pub fn has_input(&self, name: &str) -> bool {
        self.input_names.iter().any(|n| n == name)
    }

    /// Replaces the value of `name`, or appends it.
    pub fn set(&mut self, name: &str, value: &str) {
        match self.fields.iter_mut().find(|(n, _)| n == name) {
            Some((_, v)) => *v = value.to_string(),
            None => self.fields.push((name.to_string(), value.to_string())),
        }
    }
}

/// Parses the page's single `<form>`. More or fewer than one is an error: we must
/// not guess which form is the sign-in form.
pub fn parse_single_form(html: &str) -> Result<Form, String> {
    let tags = tokenize(html);
    let forms: Vec<usize> = tags
        .iter()
        .enumerate()
        .filter(|(_, t)| t.name == "form" && !t.closing)
        .map(|(i, _)| i)
        .collect();
    let [form_idx] = forms.as_slice() else {
        return Err(format!(
            "expected one form on the sign-in page, found {}",
            forms.len()
        ));
    };
    let form = &tags[*form_idx];
    let mut out = Form {
        action: form.attr("action").map(str::to_string),
        method: form.attr("method").unwrap_or("get").to_ascii_lowercase(),
        fields: Vec::new(),
        input_names: Vec::new(),
    };
    let mut submitted_button = false;
    for tag in tags[form_idx + 1..].iter() {
        if tag.name == "form" && tag.closing {
            break;
        }
        if tag.closing || !(tag.name == "input" || tag.name == "button") || tag.has("disabled") {
            continue;
        }
        let Some(name) = tag.attr("name").filter(|n| !n.is_empty()) else {
            continue;
        };
        let default_type = if tag.name == "button" {
            "submit"
        } else {
            "text"
        };
        let kind = tag
            .attr("type")
            .unwrap_or(default_type)
            .to_ascii_lowercase();
        let value = tag.attr("value").unwrap_or("");
        match kind.as_str() {
            // A browser sends the button that was clicked; we "click" the first one.
            "submit" => {
                if !submitted_button {
                    submitted_button = true;
                    out.fields.push((name.to_string(), value.to_string()));
                }
            }
            "button" | "reset" | "image" | "file" => {}
            "checkbox" | "radio" => {
                if tag.has("checked") {
                    let v = if tag.has("value") { value } else { "on" };
                    out.fields.push((name.to_string(), v.to_string()));
                }
            }
            _ => {
                out.input_names.push(name.to_string());
                out.fields.push((name.to_string(), value.to_string()));
            }
        }
    }
    Ok(out)
}

/// The text of the first element whose class list contains `error`, whitespace
/// collapsed and capped, for "sign-in refused: <why>" messages.
pub fn error_text(html: &str) -> Option<String> {
    let tags = tokenize(html);
    let idx = tags.iter().position(|t| {
        !t.closing
            && t.attr("class")
                .is_some_and(|c| c.split_ascii_whitespace().any(|c| c == "error"))
    })?;
    let open = &tags[idx];
    let mut depth = 0usize;
    let mut text = String::new();
    let mut pos = open.end;
    for t in &tags[idx + 1..] {
        text.push_str(&html[pos..t.start]);
        pos = t.end;
        if t.name == open.name {
            if !t.closing {
                depth += 1;
            } else if depth == 0 {
                break;
            } else {
                depth -= 1;
            }
        }
    }
    let text = decode_entities(&text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let capped: String = text.chars().take(300).collect();
    (!capped.is_empty()).then_some(capped)
}

fn tokenize(html: &str) -> Vec<Tag> {
    let b = html.as_bytes();
    let len = b.len();
    let mut tags = Vec::new();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let start = i + off;
        i = start + 1;
        if html[i..].starts_with("!--") {
            i = html[i + 3..].find("-->").map_or(len, |p| i + 3 + p + 3);
            continue;
        }
        if i < len && (b[i] == b'!' || b[i] == b'?') {
            i = html[i..].find('>').map_or(len, |p| i + p + 1);
            continue;
        }
        let closing = i < len && b[i] == b'/';
        if closing {
            i += 1;
        }
        let name_start = i;
        while i < len && (b[i].is_ascii_alphanumeric() || b[i] == b'-') {
            i += 1;
        }
        if i == name_start {
            continue; // a literal '<' in text
        }
        let name = html[name_start..i].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while i < len && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                i += 1;
            }
            if i >= len {
                break;
            }
            if b[i] == b'>' {
                i += 1;
                break;
            }
            let an_start = i;
            while i < len && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
                i += 1;
            }
            if i == an_start {
                i += 1; // stray '='
                continue;
            }
            let attr_name = html[an_start..i].to_ascii_lowercase();
            while i < len && b[i].is_ascii_whitespace() {
                i += 1;
            }
            let mut value = None;
            if i < len && b[i] == b'=' {
                i += 1;
                while i < len && b[i].is_ascii_whitespace() {
                    i += 1;
                }
                if i < len && (b[i] == b'"' || b[i] == b'\'') {
                    let q = b[i] as char;
                    let vs = i + 1;
                    let ve = html[vs..].find(q).map_or(len, |p| vs + p);
                    value = Some(decode_entities(&html[vs..ve]));
                    i = (ve + 1).min(len);
                } else {
                    let vs = i;
                    while i < len && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    value = Some(decode_entities(&html[vs..i]));
                }
            }
            attrs.push((attr_name, value));
        }
        let raw_text = !closing && (name == "script" || name == "style");
        tags.push(Tag {
            name: name.clone(),
            closing,
            attrs,
            end: i,
            start,
        });
        if raw_text {
            let close = format!("</{name}");
            i = html[i..]
                .to_ascii_lowercase()
                .find(&close)
                .map_or(len, |p| i + p);
        }
    }
    tags
}

/// Decodes the character references a server's HTML escaper produces.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest.find(';').filter(|&semi| semi <= 10).and_then(|semi| {
            let ent = &rest[1..semi];
            let ch = match ent {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => {
                    let num = ent.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(code)
                }
            }?;
            Some((ch, semi + 1))
        });
        match decoded {
            Some((ch, used)) => {
                out.push(ch);
                rest = &rest[used..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Escapes text for the loopback answer page (the query it shows is attacker-controlled).
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

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in &middot; Steward</title>
<style>form > input[type=hidden] { display:none }</style>
<script>var s = "<form action='/evil'>";</script></head>
<body>
<!-- <form action="/commented-out"> -->
<main class="card">
  <h1>Sign in to Steward</h1>
  <p class="error" role="alert">Wrong email or password. <b>Try&nbsp;again</b> &amp; check caps&#39;lock.</p>
  <form method="POST" action="/oauth/authorize" class='signin'>
    <input type="hidden" name="response_type" value="code">
    <input type="hidden" name="client_id" value="steward-console"/>
    <input type="hidden" name="redirect_uri" value="http://127.0.0.1:49152/callback">
    <input type=hidden name=state value=abc_DEF-123>
    <input type="hidden" name="code_challenge" value="E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM">
    <input type="hidden" name="code_challenge_method" value="S256">
    <input type="hidden" name="scope" value="account &amp; more &quot;x&quot; &lt;y&gt; &#x41;">
    <label>Email <input name="username" type="email" autocomplete="username" required value="ada@example.com"></label>
    <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
    <input type="checkbox" name="remember">
    <input type="text" name="ignored" disabled value="x">
    <button type="submit">Sign in</button>
  </form>
</main></body></html>"#;

    #[test]
    fn parses_the_realistic_sign_in_page() {
        let f = parse_single_form(PAGE).expect("form");
        assert_eq!(f.action.as_deref(), Some("/oauth/authorize"));
        assert_eq!(f.method, "post");
        let get = |n: &str| {
            f.fields
                .iter()
                .find(|(k, _)| k == n)
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(get("redirect_uri"), Some("http://127.0.0.1:49152/callback"));
        assert_eq!(
            get("state"),
            Some("abc_DEF-123"),
            "unquoted attribute values"
        );
        assert_eq!(
            get("client_id"),
            Some("steward-console"),
            "self-closing input"
        );
        assert_eq!(
            get("scope"),
            Some("account & more \"x\" <y> A"),
            "entities decoded"
        );
        assert_eq!(get("username"), Some("ada@example.com"));
        assert_eq!(get("password"), Some(""));
        assert_eq!(get("remember"), None, "unchecked checkbox is not sent");
        assert_eq!(get("ignored"), None, "disabled input is not sent");
        assert!(f.has_input("password") && !f.has_input("otp"));
        assert_eq!(f.fields.len(), 9);
    }

    #[test]
    fn reads_the_error_text() {
        assert_eq!(
            error_text(PAGE).as_deref(),
            Some("Wrong email or password. Try again & check caps'lock.")
        );
        assert_eq!(
            error_text("<p class=\"errors\">no</p>"),
            None,
            "class tokens, not substrings"
        );
        assert_eq!(
            error_text("<div class='x error'>a <div>b</div> c</div><p>d</p>").as_deref(),
            Some("a b c")
        );
    }

    #[test]
    fn rejects_pages_without_exactly_one_form() {
        assert!(parse_single_form("<html><body>Nothing here</body></html>").is_err());
        assert!(parse_single_form("<form></form><form></form>").is_err());
    }

    #[test]
    fn set_replaces_or_appends() {
        let mut f = parse_single_form(PAGE).expect("form");
        f.set("password", "pw");
        f.set("otp", "123456");
        assert!(f.fields.contains(&("password".into(), "pw".into())));
        assert_eq!(
            f.fields.last(),
            Some(&("otp".to_string(), "123456".to_string()))
        );
    }

    #[test]
    fn entities_and_escaping() {
        assert_eq!(
            decode_entities("a &amp;amp; b &#39;c&#x27; &bogus; & d"),
            "a &amp; b 'c' &bogus; & d"
        );
        assert_eq!(
            escape("<script>\"x\"&'y'"),
            "&lt;script&gt;&quot;x&quot;&amp;&#39;y&#39;"
        );
        assert_eq!(decode_entities(&escape("a<b>&\"'")), "a<b>&\"'");
    }
}
