// The `shellErrors` catalogue against the Rust code that writes those texts:
// every message and advice the desktop shell can put in a CommandError
// (steward-client's error.rs, src-tauri/src/*.rs) has an English template
// there, so German never shows a new text in English unnoticed; and every
// template still has its Rust text, so the catalogue does not rot. Values the
// Rust code inserts ({url}, {e}, {}) all count as one placeholder.

import { describe, expect, it } from 'vitest';
import shellErrors from './areas/shellErrors';

const fs = (await import(/* @vite-ignore */ 'node:fs' as string)) as {
  readFileSync(path: URL, encoding: 'utf8'): string;
  readdirSync(path: URL): string[];
};

const ROOT = new URL('../../../../', import.meta.url);

/** Expressions that carry a text from elsewhere (an argument, a thiserror message, an advice() above). */
const PASSED_ON = new Set([
  'message: message.into()',
  'advice: advice.map(str::to_string)',
  'message: self.to_string()',
  'advice: self.advice().map(str::to_string)',
]);

/** Templates for one value a general text takes, so that value reads right too. */
const SPECIAL_CASES: Record<string, string> = {
  // console.rs puts "the demo server" in for {place}.
  'message.credentialGoneDemo': 'message.credentialGone',
  // billing.rs saves only invoices so far.
  'message.saveInvoice': 'message.saveDownload',
};

type Kind = 'message' | 'advice';

interface Found {
  kind: Kind;
  /** Normalised: every placeholder is `{}`. */
  text: string;
  at: string;
}

// ---- Just enough of Rust's lexer to find strings and matching brackets ----

/** The end of a comment, string or char literal starting at `i`, or -1 if none starts there. */
function skipLiteral(src: string, i: number): number {
  if (src.startsWith('//', i)) {
    const end = src.indexOf('\n', i);
    return end < 0 ? src.length : end;
  }
  if (src.startsWith('/*', i)) return src.indexOf('*/', i + 2) + 2;
  const raw = /^b?r(#*)"/.exec(src.slice(i, i + 40));
  if (raw && !/\w/.test(src[i - 1] ?? '')) {
    const close = `"${raw[1]}`;
    return src.indexOf(close, i + raw[0].length) + close.length;
  }
  if (src[i] === '"') return stringAt(src, i).end;
  if (src[i] === "'") {
    const char = /^'(?:\\u\{[0-9a-fA-F]+\}|\\.|[^\\'])'/.exec(src.slice(i, i + 12));
    return char ? i + char[0].length : i + 1; // else a lifetime: just the quote
  }
  return -1;
}

/** The index of the bracket closing the one at `open`. */
function closing(src: string, open: number): number {
  const pairs: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
  const stack: string[] = [];
  for (let i = open; i < src.length; ) {
    const after = skipLiteral(src, i);
    if (after >= 0) {
      i = after;
      continue;
    }
    const c = src[i]!;
    if (pairs[c]) stack.push(pairs[c]);
    else if (c === stack[stack.length - 1]) {
      stack.pop();
      if (stack.length === 0) return i;
    }
    i++;
  }
  throw new Error(`unbalanced bracket at ${open}`);
}

/** The (non-raw) string literal whose opening quote is at `i`, unescaped. */
function stringAt(src: string, i: number): { text: string; end: number } {
  let j = i + 1;
  while (src[j] !== '"') j += src[j] === '\\' ? 2 : 1;
  const text = src
    .slice(i + 1, j)
    .replace(/\\\r?\n\s*/g, '') // a `\` at the end of a line continues it
    .replace(/\\u\{([0-9a-fA-F]+)\}/g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r', '0': '\0' })[c] ?? c);
  return { text, end: j + 1 };
}

/** The text of the expression at `i` if it is `"…"`, `format!("…", …)` or `Some(…)` of one. */
function textAt(src: string, i: number): string | undefined {
  const rest = src.slice(i);
  const lead = /^\s*(Some\(|format!\(|")/.exec(rest);
  if (!lead) return undefined;
  const at = i + lead[0].length;
  return lead[1] === '"' ? stringAt(src, at - 1).text : textAt(src, at);
}

/** A format string with every placeholder (`{url}`, `{}`, `{0:?}`) as `{}`, and `{{`/`}}` as braces. */
function normalise(format: string): string {
  return format
    .replace(/\{\{|\}\}/g, (b) => (b === '{{' ? '\u0001' : '\u0002'))
    .replace(/\{[^{}]*\}/g, '{}')
    .replace(/\u0001/g, '{')
    .replace(/\u0002/g, '}');
}

/** The source without its `#[cfg(test)] mod … { … }` blocks. */
function withoutTests(src: string): string {
  const test = /#\[cfg\(test\)\]\s*mod\s+\w+\s*\{/.exec(src);
  if (!test) return src;
  const end = closing(src, test.index + test[0].length - 1);
  return withoutTests(src.slice(0, test.index) + src.slice(end + 1));
}

/**
 * Each text a format can give: an argument like
 * `.x.as_deref().map(|d| format!(" ({d})")).unwrap_or_default()` is that
 * part or nothing, so "Sign-in failed: {error}{}" is "Sign-in failed: {}" or
 * "Sign-in failed: {} ({})", and German needs a template for both.
 */
function shapes(format: string, args: string[]): string[] {
  let shown = [''];
  let next = 0;
  const parts = format.split(/(\{\{|\}\}|\{[^{}]*\})/);
  for (const part of parts) {
    const placeholder = /^\{(\w*)(?::[^}]*)?\}$/.exec(part);
    const name = placeholder?.[1];
    const arg = name === '' ? args[next++] : name !== undefined && /^\d+$/.test(name) ? args[Number(name)] : undefined;
    const optional = arg && /\.unwrap_or_default\(\)$/.test(arg) ? /\.map\(\s*\|\w+\|\s*format!\(\s*"/.exec(arg) : null;
    if (optional && arg) {
      const some = textAt(arg, optional.index + optional[0].length - 1) ?? '';
      shown = shown.flatMap((before) => [before, before + some]);
    } else {
      shown = shown.map((before) => before + part);
    }
  }
  return shown;
}

function lineOf(src: string, i: number): number {
  return src.slice(0, i).split('\n').length;
}

/** Where the expression starting at `i` ends: at a `,` or `;` or a closing bracket not its own. */
function expressionEnd(src: string, i: number): number {
  while (i < src.length) {
    const after = skipLiteral(src, i);
    if (after >= 0) {
      i = after;
      continue;
    }
    const c = src[i]!;
    if ('([{'.includes(c)) i = closing(src, i) + 1;
    else if (',;)]}'.includes(c)) return i;
    else i++;
  }
  return i;
}

/** The comma-separated items between the bracket at `open` and its closing one. */
function items(src: string, open: number): string[] {
  const end = closing(src, open);
  const found: string[] = [];
  for (let i = open + 1; i < end; ) {
    const after = expressionEnd(src, i);
    const item = src.slice(i, after).trim();
    if (item) found.push(item);
    i = after + 1;
  }
  return found;
}

interface Opaque {
  kind: Kind;
  expression: string;
  at: string;
}

/** Every user-facing text in one Rust file; `opaque` gets what is built from an expression not read here. */
function texts(path: string, opaque: Opaque[]): Found[] {
  const src = withoutTests(fs.readFileSync(new URL(path, ROOT), 'utf8'));
  const found: Found[] = [];
  const add = (kind: Kind, expression: string, i: number) => {
    const at = `${path}:${lineOf(src, i)}`;
    const text = textAt(expression, 0);
    if (text !== undefined) found.push({ kind, text: normalise(text), at });
    else if (expression !== 'None') opaque.push({ kind, expression, at });
  };

  // #[error("…", …)]: thiserror's message; "{}" alone is the server's problem text.
  for (const m of src.matchAll(/#\[error\(\s*"/g)) {
    const [format = '', ...args] = items(src, src.indexOf('(', m.index));
    const text = textAt(format, 0);
    if (text === undefined || text === '{}') continue;
    const at = `${path}:${lineOf(src, m.index)}`;
    for (const shape of shapes(text, args)) found.push({ kind: 'message', text: normalise(shape), at });
  }

  // Some("…") in the body of any `fn advice`.
  for (const m of src.matchAll(/\bfn\s+advice\s*\(/g)) {
    const params = closing(src, m.index + m[0].length - 1);
    const open = src.indexOf('{', params);
    const body = src.slice(open, closing(src, open) + 1);
    for (const some of body.matchAll(/\bSome\(/g)) add('advice', body.slice(some.index), open + some.index);
  }

  // other(message, advice): the shell's own CommandError.
  for (const m of src.matchAll(/(?:crate::console::|(?<![\w:.]|fn\s+))other\(/g)) {
    const [message = '', advice = 'None'] = items(src, m.index + m[0].length - 1);
    add('message', message, m.index);
    add('advice', advice, m.index);
  }

  // CommandError { message: …, advice: … }; not `-> CommandError {` or `for CommandError {`, a body.
  for (const m of src.matchAll(/(?<!(?:->|\bfor)\s*)\bCommandError\s*\{/g)) {
    for (const field of items(src, m.index + m[0].length - 1)) {
      const named = /^(message|advice)\s*:\s*/.exec(field);
      if (named) add(named[1] as Kind, field.slice(named[0].length), m.index);
    }
  }

  // notice.message = …; notice.advice = …;
  for (const m of src.matchAll(/\.(message|advice)\s*=(?!=)\s*/g)) {
    const start = m.index + m[0].length;
    add(m[1] as Kind, src.slice(start, expressionEnd(src, start)).trim(), m.index);
  }
  return found;
}

// ---- The check ----

const rustFiles = [
  'crates/steward-client/src/error.rs',
  ...fs
    .readdirSync(new URL('src-tauri/src/', ROOT))
    .filter((name) => name.endsWith('.rs'))
    .sort()
    .map((name) => `src-tauri/src/${name}`),
];

const opaque: Opaque[] = [];
const found = rustFiles.flatMap((path) => texts(path, opaque));

const templates = Object.entries(shellErrors).map(([key, english]) => ({
  key,
  kind: (key.startsWith('advice.') ? 'advice' : 'message') as Kind,
  text: english.replace(/\{\w+\}/g, '{}'),
}));

function keysFor({ kind, text }: Found): string[] {
  return templates.filter((t) => t.kind === kind && t.text === text).map((t) => t.key);
}

describe('the shellErrors catalogue and the Rust code', () => {
  it('finds the texts the shell writes', () => {
    const distinct = new Set(found.map((f) => `${f.kind}:${f.text}`));
    console.info(`shellErrors: ${found.length} texts (${distinct.size} distinct) in ${rustFiles.length} Rust files`);
    // About 65 today: far fewer means the extraction broke, not the code shrank.
    expect(distinct.size).toBeGreaterThanOrEqual(50);
    expect(found.filter((f) => f.kind === 'message').length).toBeGreaterThanOrEqual(25);
    expect(found.filter((f) => f.kind === 'advice').length).toBeGreaterThanOrEqual(25);
    // Each kind of place the extraction looks in still yields something.
    for (const sample of [
      "message:Can't reach the Steward server at {}", // #[error]
      'message:Sign-in failed: {}', // #[error] with an optional part…
      'message:Sign-in failed: {} ({})', // …in either shape
      'advice:Correct the highlighted fields, then save again.', // fn advice
      'message:Could not save the export as {}: {}', // other(format!(…))
      'advice:Choose a folder on this computer.', // other(…, Some(…))
      'message:Sign-in cancelled.', // CommandError { message: … }
      'advice:Sign in again. Nothing in your account has changed.', // notice.advice = …
    ]) {
      expect(distinct, sample).toContain(sample);
    }
  });

  it('has an English template for every text the shell writes', () => {
    const missing = found
      .filter((f) => keysFor(f).length === 0)
      .map((f) => `${f.at}: ${f.kind} ${JSON.stringify(f.text)}`);
    expect(
      missing,
      `Add these to ui/src/lib/i18n/areas/shellErrors.ts (and its German), an \`advice.…\` key for advice, \`message.…\` otherwise, one per shape of a text with optional parts:\n${missing.join('\n')}\n`,
    ).toEqual([]);
  });

  it('can read every message and advice the shell builds', () => {
    const unread = opaque
      .filter((o) => !PASSED_ON.has(`${o.kind}: ${o.expression}`))
      .map((o) => `${o.at}: ${o.kind} ${o.expression}`);
    expect(
      unread,
      `Write these as "…", format!("…", …) or Some("…") so the catalogue can be checked against them (or, if they pass on a text from elsewhere, add them to PASSED_ON here):\n${unread.join('\n')}\n`,
    ).toEqual([]);
    const seen = new Set(opaque.map((o) => `${o.kind}: ${o.expression}`));
    expect([...PASSED_ON].filter((p) => !seen.has(p)), 'PASSED_ON lists expressions no longer there').toEqual([]);
  });

  it('has no template the shell no longer writes', () => {
    const used = new Set(found.flatMap(keysFor));
    for (const [special, general] of Object.entries(SPECIAL_CASES)) {
      const generalText = templates.find((t) => t.key === general)?.text ?? '';
      const pattern = new RegExp(
        `^${generalText.split('{}').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+')}$`,
        's',
      );
      const specialText = templates.find((t) => t.key === special)?.text ?? '';
      expect(specialText, `${special} is a case of ${general}`).toMatch(pattern);
      if (used.has(general)) used.add(special);
    }
    const stale = templates.filter((t) => !used.has(t.key)).map((t) => `${t.key}: ${JSON.stringify(t.text)}`);
    const advice = `No Rust text for these templates any more; remove them (and their German):\n${stale.join('\n')}\n`;
    expect(stale, advice).toEqual([]);
  });

  it('has each English text once', () => {
    const seen = new Map<string, string>();
    for (const [key, english] of Object.entries(shellErrors)) {
      expect(seen.get(english), `${key} repeats ${seen.get(english)}`).toBeUndefined();
      seen.set(english, key);
    }
  });
});
