// The server-address rule of the "Connect to a server" form.
//
// Credentials travel to the account server, so the connection must be
// encrypted: https:// everywhere, plain http:// only for this computer
// (a development or self-hosted server on the loopback interface).

import { t } from './i18n';

/** Shown next to the field, always. */
export const serverUrlRule = (): string => t('start.url.rule');

export type UrlCheck =
  /** Nothing typed yet, or the start of a scheme: no verdict yet. */
  | { state: 'empty' }
  | { state: 'incomplete' }
  | { state: 'invalid'; reason: string }
  /** `url` is the normalised address to send to `connect`. */
  | { state: 'valid'; url: string };

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** True for the loopback hosts plain http:// is allowed on. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}

/**
 * Checks a server address as the user types it.
 *
 * Returns `incomplete` while the input is still a prefix of `https://` or
 * `http://`, so the field does not scold someone halfway through typing.
 */
export function checkServerUrl(input: string): UrlCheck {
  const text = input.trim();
  if (text === '') return { state: 'empty' };

  const lower = text.toLowerCase();
  if ('https://'.startsWith(lower) || 'http://'.startsWith(lower)) {
    return { state: 'incomplete' };
  }

  if (!/^[a-z][a-z0-9+.-]*:\/\//.test(lower)) {
    return { state: 'invalid', reason: t('start.url.scheme') };
  }

  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { state: 'invalid', reason: t('start.url.invalid') };
  }

  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { state: 'invalid', reason: t('start.url.httpsOnly') };
  }
  if (url.hostname === '') {
    return { state: 'invalid', reason: t('start.url.host') };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return {
      state: 'invalid',
      reason: t('start.url.plainHttp'),
    };
  }
  if (url.username !== '' || url.password !== '') {
    return {
      state: 'invalid',
      reason: t('start.url.credentials'),
    };
  }
  if (url.search !== '' || url.hash !== '') {
    return { state: 'invalid', reason: t('start.url.query') };
  }

  return { state: 'valid', url: normaliseServerUrl(url) };
}

/** Origin plus path, without a trailing slash: `https://a.example/base`. */
function normaliseServerUrl(url: URL): string {
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${path}`;
}

/** The host (and port, if any) of a server URL, for display; the input if unparsable. */
export function hostOf(serverUrl: string): string {
  try {
    const url = new URL(serverUrl);
    return url.host || serverUrl;
  } catch {
    return serverUrl;
  }
}
