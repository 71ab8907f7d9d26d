// Server-side renders of the Notices page: each state shows the test ids,
// wording and accessibility hooks the desktop tests look for. (Behaviour is
// tested on the controller; these check what is on screen.)

import { render } from 'svelte/server';
import { describe, expect, it, vi } from 'vitest';
import type { AccountAccess } from '../../generated/AccountAccess';
import type { ConsoleSection } from '../../generated/ConsoleSection';
import {
  EMPTY_NOTICES,
  optOutKey,
  type NoticesController,
  type NoticesState,
} from '../../notices/controller';
import { promotionalQuestion } from '../../notices/wording';
import { sectionById } from '../../sections';
import { customerMe } from '../../testing/fixtures';
import { BILLING_POLICY, fakeNotices, PARTNER_POLICY } from '../../testing/notices';
import NoticesSection from '../NoticesSection.svelte';

const [OWNED, BILLING_MANAGED] = customerMe.accounts as [AccountAccess, AccountAccess];
const V = PARTNER_POLICY.version;
const ctl = { runner: {} } as NoticesController;

const clean = (html: string) => html.replace(/<!--[\s\S]*?-->/g, '');
const text = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim();

function page(
  state: Partial<NoticesState> = {},
  account: AccountAccess | undefined = OWNED,
  canReview: (s: ConsoleSection) => boolean = () => true,
): string {
  const notices: NoticesState = { ...EMPTY_NOTICES, status: 'ready', inbox: fakeNotices().current(), ...state };
  return clean(
    render(NoticesSection, {
      props: { section: sectionById('notices'), notices, ctl, account, canReview, onnavigate: vi.fn() },
    }).body,
  );
}

/** One notice, from its opening tag to the next. */
function notice(html: string, version: string): string {
  const open = new RegExp(`<li[^>]*data-testid="notice"[^>]*data-version="${version}"[^>]*>`).exec(html);
  if (!open) throw new Error(`no notice ${version}`);
  const next = html.indexOf('data-testid="notice" ', open.index + open[0].length);
  return html.slice(open.index, next < 0 ? undefined : html.lastIndexOf('<li', next));
}

describe('the inbox', () => {
  it('lists the notices newest first, with their version, dates and the version in force', () => {
    const html = page();
    expect(html).toContain('data-testid="notices-section"');
    expect([...html.matchAll(/data-testid="notice" data-version="([^"]+)"/g)].map((m) => m[1])).toEqual([
      V,
      BILLING_POLICY.version,
    ]);
    expect(text(html)).toContain('The privacy policy in force is privacy-policy-2013.');
    const first = notice(html, V);
    expect(text(first)).toContain('A new delivery partner');
    expect(text(first)).toMatch(/Takes effect on /);
    expect(text(first)).toMatch(/Published on /);
    expect(first).toContain('data-testid="notice-unread"');
    expect(text(notice(html, BILLING_POLICY.version))).toMatch(/Took effect on /);
  });

  it('keeps a notice closed until opened, then shows its paragraphs', () => {
    const closed = notice(page(), V);
    expect(closed).toMatch(/data-testid="notice-toggle"[^>]*aria-expanded="false"/);
    expect(closed).toMatch(/data-testid="notice-body"[^>]*hidden/);
    const open = notice(page({ open: [V] }), V);
    expect(open).toMatch(/aria-expanded="true"/);
    expect(open).not.toMatch(/data-testid="notice-body"[^>]*hidden/);
    expect(open).toContain('<p>EdgeCache Networks will deliver media.</p>');
    expect(open).toContain('<p>They receive your account id.</p>');
  });

  it('says so when empty', () => {
    const html = page({ inbox: { unread: 0, notices: [], current_version: 'privacy-policy-2013' } });
    expect(text(html)).toContain('No notices. When the privacy policy changes, you will find the notice here.');
    expect(html).toContain('data-testid="notices-empty"');
  });

  it('offers to try again when it could not be read', () => {
    const html = page({ status: 'failed', inbox: undefined, loadError: { code: 'server_unreachable', message: 'No answer.' } });
    expect(html).toContain('data-testid="notices-load-error"');
    expect(text(html)).toContain('Try again');
  });
});

describe('acknowledging', () => {
  it('offers "I have read this", then says when it was acknowledged and where the receipt is', () => {
    expect(notice(page({ open: [V] }), V)).toContain('data-testid="notice-acknowledge"');
    const inbox = fakeNotices({ acknowledged: [V] }).current();
    const done = notice(page({ inbox, open: [V] }), V);
    expect(done).not.toContain('data-testid="notice-acknowledge"');
    expect(text(done)).toMatch(/Acknowledged on .+\. A consent receipt was recorded; you will find it under Communications/);
    expect(done).toContain('data-testid="notice-acknowledged"');
  });
});

describe('opt-outs', () => {
  it('are offered by a personal-information notice, one button per action', () => {
    const html = notice(page({ open: [V] }), V);
    expect([...html.matchAll(/data-testid="notice-opt-out" data-action="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'stop_partner_sharing',
      'unsubscribe_promotional',
      'refuse_optional_cookies',
    ]);
    expect(notice(page({ open: [BILLING_POLICY.version] }), BILLING_POLICY.version)).not.toContain('notice-opt-out');
  });

  it('explain that only an owner can stop the account’s sharing', () => {
    const html = notice(page({ open: [V] }, BILLING_MANAGED), V);
    expect(html).not.toContain('data-testid="notice-opt-out" data-action="stop_partner_sharing"');
    expect(html).toContain('data-testid="notice-opt-out-unavailable" data-action="stop_partner_sharing"');
    expect(text(html)).toContain('Only an owner of Analytical Engines Ltd can stop its sharing');
  });

  it('ask first, saying what they curtail', () => {
    const confirming = { ...promotionalQuestion(), version: V, action: 'unsubscribe_promotional' as const };
    const html = notice(page({ open: [V], confirming }), V);
    expect(html).toContain('data-testid="notice-opt-out-curtail"');
    expect(html).toContain('data-testid="notice-opt-out-confirm"');
    expect(text(html)).toContain('Unsubscribe from all promotional communications?');
    expect(text(html)).toContain('Invitations to try new features early');
  });

  it('say what was done once made', () => {
    const key = optOutKey(V, 'refuse_optional_cookies');
    const html = notice(page({ open: [V], done: { [key]: 'Optional cookies are refused.' } }), V);
    expect(html).toMatch(/data-testid="notice-opt-out-done" data-action="refuse_optional_cookies"/);
    expect(html).not.toContain('data-testid="notice-opt-out" data-action="refuse_optional_cookies"');
  });
});

describe('stopping partner sharing', () => {
  const ALSO_OWNED: AccountAccess = { ...OWNED, account_id: 'acc-also-owned', name: 'Difference Engines Ltd' };
  const stopped = { [optOutKey(V, 'stop_partner_sharing', OWNED.account_id)]: 'Ada Lovelace shares nothing now.' };
  const offered = 'data-testid="notice-opt-out" data-action="stop_partner_sharing"';

  it('says it was done for the account it was done for', () => {
    const html = notice(page({ open: [V], done: stopped }, OWNED), V);
    expect(html).toMatch(/data-testid="notice-opt-out-done" data-action="stop_partner_sharing"/);
    expect(html).not.toContain(offered);
  });

  it('is still offered for another account', () => {
    const html = notice(page({ open: [V], done: stopped }, ALSO_OWNED), V);
    expect(html).toContain(offered);
    expect(html).not.toContain('notice-opt-out-done');
  });

  it('does not show a question about another account', () => {
    const confirming = {
      ...promotionalQuestion(),
      version: V,
      action: 'stop_partner_sharing' as const,
      account: { id: OWNED.account_id, name: OWNED.name },
    };
    expect(notice(page({ open: [V], confirming }, OWNED), V)).toContain('data-testid="notice-opt-out-curtail"');
    expect(notice(page({ open: [V], confirming }, ALSO_OWNED), V)).not.toContain('notice-opt-out-curtail');
  });
});

describe('an account-information notice', () => {
  it('sends the reader to review the section it names', () => {
    const html = notice(page({ open: [BILLING_POLICY.version] }), BILLING_POLICY.version);
    expect(html).toMatch(/data-testid="notice-review" data-section="billing"/);
    expect(text(html)).toContain('Review your billing details');
  });

  it('explains when the reader cannot open it', () => {
    const html = notice(page({ open: [BILLING_POLICY.version] }, OWNED, () => false), BILLING_POLICY.version);
    expect(html).not.toContain('data-testid="notice-review"');
    expect(html).toContain('data-testid="notice-review-unavailable"');
  });
});
