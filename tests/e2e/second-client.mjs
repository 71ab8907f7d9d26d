// A second API client for the end-to-end tests: it signs in to the console's
// own (demo) server with OAuth + PKCE over plain HTTP, as another device of
// the same user would, so a test can change data behind the console's back.

import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const b64url = (buf) => buf.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** The demo server's URL, from the console's saved connections (scratch HOME). */
export function demoServerUrl() {
  const configHome = process.env.XDG_CONFIG_HOME ?? join(process.env.HOME ?? '', '.config');
  const file = join(configHome, 'org.steward.console', 'connections.json');
  const saved = JSON.parse(readFileSync(file, 'utf8'));
  const list = Array.isArray(saved) ? saved : (saved.connections ?? []);
  const demo = list.map((c) => c.connection ?? c).find((c) => c.demo);
  if (!demo) throw new Error(`no demo connection in ${file}`);
  return demo.server_url.replace(/\/$/, '');
}

export class ApiClient {
  constructor(base, token) {
    this.base = base;
    this.token = token;
  }

  /** `otp`: the authenticator code, for staff (who sign in with two-factor). */
  static async signIn(base, email, password, otp) {
    const verifier = b64url(randomBytes(32));
    const challenge = b64url(createHash('sha256').update(verifier).digest());
    const redirect = 'http://127.0.0.1:49152/callback';
    const form = new URLSearchParams({
      response_type: 'code',
      client_id: 'steward-console',
      redirect_uri: redirect,
      state: 'e2e',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      scope: 'account',
      username: email,
      password,
    });
    if (otp) form.set('otp', otp);
    const page = await fetch(`${base}/oauth/authorize`, { method: 'POST', body: form, redirect: 'manual' });
    if (page.status !== 303) throw new Error(`sign-in answered ${page.status}`);
    const code = new URL(page.headers.get('location')).searchParams.get('code');
    const tokenResp = await fetch(`${base}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirect,
        client_id: 'steward-console',
        code_verifier: verifier,
      }),
    });
    const tokens = await tokenResp.json();
    if (!tokens.access_token) throw new Error(`token endpoint: ${JSON.stringify(tokens)}`);
    return new ApiClient(base, tokens.access_token);
  }

  async request(method, path, { body, ifMatch } = {}) {
    const headers = { authorization: `Bearer ${this.token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (ifMatch) headers['if-match'] = ifMatch;
    const resp = await fetch(`${this.base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await resp.text();
    return { status: resp.status, etag: resp.headers.get('etag'), body: text ? JSON.parse(text) : null };
  }
}
