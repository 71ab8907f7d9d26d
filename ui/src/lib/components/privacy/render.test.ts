// Server-side renders of the Privacy parts: each state shows the test ids,
// wording and accessibility hooks the desktop tests look for. (Behaviour is
// tested on the controller; these check what is on screen.)

import { render } from 'svelte/server';
import { describe, expect, it, vi } from 'vitest';
import { NO_ACTIONS } from '../../actions';
import type { SectionDeps } from '../../deps';
import { formatDate } from '../../format';
import type { AccountAccess } from '../../generated/AccountAccess';
import {
  conflictMessage,
  curtailedBy,
  EMPTY_SHARING,
  ledgerEmpty,
  linkKey,
  partnerKey,
  readOnlyMessage,
  SHARE_NONE_KEY,
  type SharingController,
  type SharingState,
} from '../../privacy/sharing';
import {
  cookieConflictMessage,
  cookieKey,
  EMPTY_COOKIES,
  notChosen,
  perPerson,
  type CookieController,
  type CookieState,
} from '../../privacy/cookies';
import { sectionById } from '../../sections';
import { cookieConsent } from '../../testing/cookies';
import { unexpectedApi } from '../../testing/fakeApi';
import { customerMe } from '../../testing/fixtures';
import { ledgerEntry, PARTNERS, sharingView, type Choice } from '../../testing/sharing';
import PrivacySection from '../PrivacySection.svelte';
import CookiesCard from './CookiesCard.svelte';
import LedgerCard from './LedgerCard.svelte';
import SharingCard from './SharingCard.svelte';

const ctl = {} as SharingController;

/** The markup without Svelte's hydration comments. */
const clean = (html: string) => html.replace(/<!--[\s\S]*?-->/g, '');

function card(choice: Choice = {}, state: Partial<SharingState> = {}, canWrite = true, role = 'Owner'): string {
  const sharing: SharingState = { ...EMPTY_SHARING, status: 'ready', sharing: sharingView(choice, 3), ...state };
  return clean(render(SharingCard, { props: { sharing, ctl, canWrite, role } }).body);
}

/** The opening tag of the first element with `testid` (within one partner's row, if given). */
function tag(html: string, testid: string, partnerId?: string): string {
  const scope = partnerId ? row(html, partnerId) : html;
  const match = scope.match(new RegExp(`<[a-z]+[^>]*data-testid="${testid}"[^>]*>`));
  if (!match) throw new Error(`no ${testid}${partnerId ? ` in ${partnerId}` : ''}`);
  return match[0];
}

/** One partner's row, from its opening tag to the next row. */
function row(html: string, partnerId: string): string {
  const open = new RegExp(`<li[^>]*data-testid="partner-row"[^>]*data-partner-id="${partnerId}"[^>]*>`).exec(html);
  if (!open) throw new Error(`no row ${partnerId}`);
  const start = open.index;
  const next = html.indexOf('data-testid="partner-row"', start + open[0].length);
  return html.slice(start, next < 0 ? undefined : html.lastIndexOf('<li', next));
}

const text = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim();

describe('the "Do not share" switch', () => {
  it('is a switch, named by its visible label, off by default', () => {
    const html = card();
    const sw = tag(html, 'sharing-none');
    expect(sw).toContain('role="switch"');
    expect(sw).toContain('aria-checked="false"');
    expect(sw).toContain('aria-labelledby="sharing-none-label"');
    expect(sw).not.toMatch(/\sdisabled/);
    expect(html).toMatch(/id="sharing-none-label"[^>]*>Do not share my personal information with service partners</);
    expect(tag(card({ shareNone: true }), 'sharing-none')).toContain('aria-checked="true"');
  });

  it('says what turning it on curtails, partner by partner, before it does', () => {
    const view = sharingView({ optedOut: ['postbox-mailing'] }, 3);
    const html = card({ optedOut: ['postbox-mailing'] }, { confirming: { kind: 'share_none', partners: curtailedBy(view) } });
    expect(html).toContain('data-testid="sharing-none-curtail"');
    expect(html).toContain('role="group"');
    expect(html).toContain('Stop sharing with every service partner?');
    expect(html.match(/data-testid="curtail-item"/g)).toHaveLength(PARTNERS.length);
    for (const p of PARTNERS) expect(html).toContain(p.curtails);
    expect(text(html)).toContain('Postbox Mailing: No newsletters or product e-mail reach you, whatever Communications says. Already off');
    expect(html).toContain('data-testid="sharing-none-confirm"');
    expect(html).toContain('data-testid="sharing-none-cancel"');
    expect(card()).not.toContain('data-testid="sharing-none-curtail"');
  });

  it('tells what turning it off restores: the partners kept off one by one stay off', () => {
    expect(text(card({ shareNone: true, optedOut: ['tally-insights', 'postbox-mailing'] }))).toContain(
      'Turning this off shares again with every partner below except Tally Insights and Postbox Mailing, as you had chosen.',
    );
    expect(text(card({ shareNone: true }))).toContain('Turning this off shares again with every partner below.');
  });
});

describe('the partners', () => {
  it('lists each partner with what it does, what it receives, its privacy statement and its kind', () => {
    const html = card({ optedOut: ['tally-insights'] });
    expect(html.match(/data-testid="partner-row"/g)).toHaveLength(PARTNERS.length);
    const tally = row(html, 'tally-insights');
    expect(tally).toContain('data-shared="false"');
    expect(text(tally)).toContain('Tally Insights');
    expect(text(tally)).toContain('Aggregate audience statistics for your usage reports.');
    expect(tally).toMatch(/data-testid="partner-categories"[^>]*><li[^>]*>usage records<\/li><\/ul>/);
    expect(tag(html, 'partner-kind', 'tally-insights')).toBeTruthy();
    expect(text(tally)).toContain('Optional');
    expect(text(tally)).toContain('Not shared: you turned this partner off. Usage reports show downloads only');
    const link = tag(html, 'partner-privacy-link', 'tally-insights');
    expect(link).toContain('href="https://tally.example/privacy"');
    expect(link).toContain('data-partner-id="tally-insights"');
    expect(link).toContain('target="_blank"');
    expect(link).toContain('rel="noreferrer"');
    expect(tally).toContain('tally.example/privacy');
    expect(text(tally)).toContain('Privacy statement of Tally Insights (opens in your browser)');

    const cdn = row(html, 'northbeam-cdn');
    expect(cdn).toContain('data-shared="true"');
    expect(text(cdn)).toContain('Required');
    expect(text(cdn)).toContain('Shared');
    expect(cdn.match(/<li[ >]/g)).toHaveLength(3);
    expect(text(cdn)).toContain('only “Do not share my personal information” stops it');
  });

  it('gives optional partners their own switch, and required ones none', () => {
    const html = card({ optedOut: ['tally-insights'] });
    expect(html.match(/data-testid="partner-toggle"/g)).toHaveLength(3);
    expect(row(html, 'northbeam-cdn')).not.toContain('partner-toggle');
    const tally = tag(html, 'partner-toggle', 'tally-insights');
    expect(tally).toContain('role="switch"');
    expect(tally).toContain('aria-checked="false"');
    expect(tally).toContain('data-partner-id="tally-insights"');
    expect(tally).toContain('aria-labelledby="partner-tally-insights-switch"');
    expect(tally).not.toMatch(/\sdisabled/);
    expect(tag(html, 'partner-toggle', 'postbox-mailing')).toContain('aria-checked="true"');
    expect(text(row(html, 'postbox-mailing'))).toContain('Share with Postbox Mailing');
  });

  it('shows every partner as not shared under "Do not share", with their switches disabled and why', () => {
    const html = card({ shareNone: true });
    expect(html.match(/data-shared="false"/g)).toHaveLength(PARTNERS.length);
    expect(html).not.toContain('data-shared="true"');
    expect(html).not.toContain('data-opted-out="true"');
    expect(html.match(/data-testid="partner-state"[^>]*>\s*Not shared/g)).toHaveLength(PARTNERS.length);
    expect(text(row(html, 'tally-insights'))).toContain('is on. Shared again when you turn it off.');
    expect(html).toContain('data-testid="sharing-none-note"');
    for (const id of ['tally-insights', 'network-liaison', 'postbox-mailing']) {
      const sw = tag(html, 'partner-toggle', id);
      expect(sw).toMatch(/\sdisabled/);
      expect(sw).toMatch(/aria-describedby="[^"]*sharing-none-note/);
    }
    expect(tag(html, 'sharing-none')).not.toMatch(/\sdisabled/);
    expect(card()).not.toContain('data-testid="sharing-none-note"');
  });

  it('says what turning one partner off curtails, in its row', () => {
    const html = card(
      {},
      {
        confirming: {
          kind: 'partner',
          partnerId: 'network-liaison',
          name: 'ISPs and network administrators',
          curtails: 'We cannot contact networks on your behalf when they block your media.',
        },
      },
    );
    const liaison = row(html, 'network-liaison');
    expect(liaison).toContain('data-testid="partner-curtail"');
    expect(liaison).toContain('Stop sharing with ISPs and network administrators?');
    expect(liaison).toContain('We cannot contact networks on your behalf when they block your media.');
    expect(liaison).toContain('data-testid="partner-off-confirm"');
    expect(liaison).toContain('data-testid="partner-off-cancel"');
    expect(html.match(/data-testid="partner-curtail"/g)).toHaveLength(1);
  });

  it('still shows, under "Do not share", which optional partners are also off on their own', () => {
    const html = card({ shareNone: true, optedOut: ['postbox-mailing'] });
    const postbox = row(html, 'postbox-mailing');
    expect(postbox).toContain('data-shared="false"');
    expect(postbox).toContain('data-opted-out="true"');
    expect(postbox).toMatch(/data-testid="partner-state"[^>]*>\s*Off \(also off on its own\)/);
    expect(text(postbox)).toContain('you had also turned this partner off on its own, so it stays off when you turn that switch off');
    expect(tag(html, 'partner-toggle', 'postbox-mailing')).toMatch(/aria-describedby="partner-postbox-mailing-state /);
    const tally = row(html, 'tally-insights');
    expect(tally).toContain('data-opted-out="false"');
    expect(tally).toMatch(/data-testid="partner-state"[^>]*>\s*Not shared/);
    // Without the switch, a partner off on its own is just that.
    const off = card({ optedOut: ['postbox-mailing'] });
    expect(row(off, 'postbox-mailing')).toContain('data-opted-out="true"');
    expect(row(off, 'postbox-mailing')).toMatch(/data-testid="partner-state"[^>]*>\s*Not shared/);
  });

  it('shows a privacy statement that is not https as text, without a link', () => {
    const sharing: SharingState = {
      ...EMPTY_SHARING,
      status: 'ready',
      sharing: {
        ...sharingView({}, 3),
        partners: sharingView({}, 3).partners.map((p) =>
          p.id === 'tally-insights' ? { ...p, privacy_url: 'http://tally.example/privacy' } : p,
        ),
      },
    };
    const html = clean(render(SharingCard, { props: { sharing, ctl, canWrite: true, role: 'Owner' } }).body);
    const tally = row(html, 'tally-insights');
    expect(tally).not.toContain('partner-privacy-link');
    expect(tally).toContain('data-testid="partner-privacy-unlinked"');
    expect(text(tally)).toContain('Privacy statement: http://tally.example/privacy');
    expect(row(html, 'postbox-mailing')).toContain('data-testid="partner-privacy-link"');
  });

  it('says from when a partner announced by a notice receives data, and that it can be turned off before then', () => {
    const startsAt = '2099-04-01T00:00:00Z';
    const upcoming = (optedOut: string[] = []): string => {
      const view = sharingView({ optedOut }, 3);
      const sharing: SharingState = {
        ...EMPTY_SHARING,
        status: 'ready',
        sharing: { ...view, partners: view.partners.map((p) => (p.id === 'tally-insights' ? { ...p, starts_at: startsAt } : p)) },
      };
      return clean(render(SharingCard, { props: { sharing, ctl, canWrite: true, role: 'Owner' } }).body);
    };
    const html = upcoming();
    const tally = row(html, 'tally-insights');
    expect(tag(html, 'partner-starts', 'tally-insights')).toContain(`data-starts-at="${startsAt}"`);
    expect(text(tally)).toContain(`Receives data from ${formatDate(startsAt)}, when the policy change that announced it takes effect.`);
    expect(tally).toMatch(/data-testid="partner-state"[^>]*>\s*Upcoming/);
    expect(text(tally)).toContain('Nothing goes to them yet. You can turn this partner off on its own before then.');
    // Partners already receiving data say nothing of a start.
    expect(html.match(/data-testid="partner-starts"/g)).toHaveLength(1);
    expect(row(html, 'postbox-mailing')).toMatch(/data-testid="partner-state"[^>]*>\s*Shared/);
    // Turned off before it starts: not shared, and still says when it would have started.
    const off = row(upcoming(['tally-insights']), 'tally-insights');
    expect(off).toMatch(/data-testid="partner-state"[^>]*>\s*Not shared/);
    expect(off).toContain('data-testid="partner-starts"');
  });
});

describe('read-only roles', () => {
  it('disable every switch, with the note saying who can change it', () => {
    const html = card({}, {}, false, 'Viewer');
    expect(html).toContain('data-testid="sharing-readonly"');
    expect(text(html)).toContain(`${readOnlyMessage()} As a viewer, you can see the choice and the ledger.`);
    expect(text(card({}, {}, false, 'Billing manager'))).toContain('As a billing manager');
    const switches = html.match(/<button[^>]*role="switch"[^>]*>/g) ?? [];
    expect(switches).toHaveLength(4);
    for (const sw of switches) {
      expect(sw).toMatch(/\sdisabled/);
      expect(sw).toMatch(/aria-describedby="[^"]*sharing-readonly/);
    }
    expect(card()).not.toContain('data-testid="sharing-readonly"');
  });
});

describe('saving', () => {
  it('marks the saving switch busy and the others unavailable meanwhile', () => {
    const html = card({}, { actions: { ...NO_ACTIONS, busy: partnerKey('tally-insights') } });
    const saving = tag(html, 'partner-toggle', 'tally-insights');
    expect(saving).toContain('aria-busy="true"');
    expect(saving).toContain('aria-disabled="true"');
    expect(row(html, 'tally-insights')).toContain('class="spinner"');
    expect(tag(html, 'sharing-none')).toContain('aria-disabled="true"');
    expect(tag(html, 'sharing-none')).not.toContain('aria-busy');
    expect(tag(card(), 'sharing-none')).not.toContain('aria-disabled');
  });

  it('reports a saved change on the status line, and a refusal as an error', () => {
    const message = 'Sharing is off: nothing more of your personal information goes to service partners.';
    const html = card({ shareNone: true }, { actions: { ...NO_ACTIONS, done: { key: SHARE_NONE_KEY, message } } });
    expect(html).toMatch(new RegExp(`data-testid="sharing-status"[^>]*>[\\s\\S]*${message}`));
    expect(card()).toContain('<div role="status" data-testid="sharing-status"></div>');
    const failed = card(
      {},
      { actions: { ...NO_ACTIONS, errors: { [SHARE_NONE_KEY]: { code: 'forbidden', message: 'Forbidden' } } } },
    );
    expect(failed).toContain('data-testid="sharing-error"');
    expect(failed).toContain('data-code="forbidden"');
  });

  it('reports a privacy statement that could not be opened on the status line', () => {
    const html = card(
      {},
      {
        actions: {
          ...NO_ACTIONS,
          errors: {
            [linkKey('tally-insights')]: {
              code: 'other',
              message: 'Could not open your web browser.',
              advice: 'Set a default web browser in your system settings, then try again.',
            },
          },
        },
      },
    );
    expect(html).toContain('data-testid="sharing-error"');
    expect(html).toContain('Could not open your web browser.');
    expect(html).toContain('Set a default web browser in your system settings, then try again.');
  });

  it('shows a conflict with the current choice', () => {
    const html = card({ optedOut: ['postbox-mailing'] }, { conflict: true });
    expect(html).toContain('data-testid="sharing-conflict"');
    expect(html).toContain(conflictMessage());
    expect(row(html, 'postbox-mailing')).toContain('data-shared="false"');
    expect(card()).not.toContain('data-testid="sharing-conflict"');
  });

  it('says it is loading, or why it could not load', () => {
    const loading = render(SharingCard, {
      props: { sharing: { ...EMPTY_SHARING, status: 'loading' }, ctl, canWrite: true, role: 'Owner' },
    }).body;
    expect(loading).toContain('Loading the sharing choice…');
    expect(loading).not.toContain('data-testid="sharing-none"');
    const failed = render(SharingCard, {
      props: {
        sharing: { ...EMPTY_SHARING, status: 'failed', loadError: { code: 'server_unreachable', message: 'Unreachable.' } },
        ctl,
        canWrite: true,
        role: 'Owner',
      },
    }).body;
    expect(failed).toContain('data-testid="sharing-load-error"');
    expect(failed).toContain('Try again');
  });
});

describe('the ledger', () => {
  function ledger(state: Partial<SharingState['ledger']>): string {
    const sharing: SharingState = {
      ...EMPTY_SHARING,
      ledger: { status: 'ready', items: [], refreshing: false, ...state },
    };
    return clean(render(LedgerCard, { props: { sharing, ctl } }).body);
  }

  it('lists each export: when, to whom, which data and why', () => {
    const html = ledger({
      items: [
        ledgerEntry(2, {
          partner_id: 'tally-insights',
          partner_name: 'Tally Insights',
          categories: ['usage records'],
          reason: 'Quarterly audience statistics',
        }),
        ledgerEntry(1),
      ],
    });
    expect(html).toContain('data-testid="sharing-ledger"');
    expect(html.match(/data-testid="ledger-row"/g)).toHaveLength(2);
    const at = ledgerEntry(2).at;
    expect(html).toContain(`<time datetime="${at}">`);
    expect(html).toContain(new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at)));
    expect(html).toContain('Tally Insights');
    expect(html).toMatch(/data-testid="ledger-categories"[^>]*><li>usage records<\/li><\/ul>/);
    expect(html).toMatch(/data-testid="ledger-categories"[^>]*><li>IP addresses of downloads<\/li><li>download logs<\/li><\/ul>/);
    expect(html).toContain('Quarterly audience statistics');
    expect(text(html)).toContain('goes through the choice above and is listed here');
    expect(text(html)).toContain('nothing more is sent to them');
    expect(html).toContain('data-testid="ledger-count"');
    expect(html).not.toContain('data-testid="ledger-empty"');
  });

  it('says when nothing was shared', () => {
    const html = ledger({});
    expect(html).toContain('data-testid="ledger-empty"');
    expect(html).toContain(ledgerEmpty());
    expect(html).not.toContain('data-testid="ledger-row"');
  });

  it('shows that it is read again, or why it could not be read', () => {
    expect(ledger({ items: [ledgerEntry(1)], refreshing: true })).toContain('Refreshing…');
    const failed = ledger({ status: 'failed', error: { code: 'other', message: 'Boom' } });
    expect(failed).toContain('data-testid="ledger-load-error"');
    expect(failed).toContain('Try again');
  });
});

describe('cookies', () => {
  const cookieCtl = {} as CookieController;
  const cookiesCard = (state: Partial<CookieState> = {}) =>
    clean(
      render(CookiesCard, {
        props: { cookies: { ...EMPTY_COOKIES, status: 'ready', consent: cookieConsent(), ...state }, ctl: cookieCtl },
      }).body,
    );
  /** The opening tag of the element with `testid` of one kind. */
  const kindTag = (html: string, testid: string, kind: string) => {
    const found = (html.match(/<[a-z]+[^>]*>/g) ?? []).find(
      (t) => t.includes(`data-testid="${testid}"`) && t.includes(`data-kind="${kind}"`),
    );
    if (!found) throw new Error(`no ${testid} ${kind}`);
    return found;
  };

  it('says whose choice it is and where it applies, in one sentence', () => {
    const html = cookiesCard();
    expect(html).toContain('data-testid="cookies-card"');
    expect(text(html)).toContain(perPerson());
    expect(perPerson().match(/\./g)).toHaveLength(1);
    expect(perPerson()).toMatch(/yours, whichever account/);
    expect(perPerson()).toMatch(/websites, which read them when you are signed in/);
  });

  it('shows necessary, preference and analytics cookies, each with what it does', () => {
    const html = cookiesCard({ consent: cookieConsent({ analytics: true }, 2, '2026-02-03T09:30:00Z') });
    expect(html.match(/data-testid="cookie-row"/g)).toHaveLength(3);
    expect(kindTag(html, 'cookie-row', 'necessary')).toContain('data-on="true"');
    expect(kindTag(html, 'cookie-row', 'preferences')).toContain('data-on="false"');
    expect(kindTag(html, 'cookie-row', 'analytics')).toContain('data-on="true"');
    expect(text(html)).toContain('Necessary Always on Sign-in and security; the sites do not work without them.');
    expect(text(html)).toContain('Preferences Remembers choices such as language and player volume.');
    expect(text(html)).toContain('Analytics Aggregate visit statistics that help us improve the sites.');
  });

  it('gives each kind a switch named by its row; the necessary one is always on and cannot be changed', () => {
    const html = cookiesCard({ consent: cookieConsent({ preferences: true }, 1, '2026-02-03T09:30:00Z') });
    expect(html.match(/data-testid="cookie-toggle"/g)).toHaveLength(3);
    const necessary = kindTag(html, 'cookie-toggle', 'necessary');
    expect(necessary).toContain('role="switch"');
    expect(necessary).toContain('aria-checked="true"');
    expect(necessary).toMatch(/\sdisabled/);
    expect(necessary).toContain('aria-labelledby="cookie-necessary-label"');
    expect(necessary).toContain('aria-describedby="cookie-necessary-help"');
    const preferences = kindTag(html, 'cookie-toggle', 'preferences');
    expect(preferences).toContain('aria-checked="true"');
    expect(preferences).not.toMatch(/\sdisabled/);
    expect(preferences).toContain('aria-labelledby="cookie-preferences-label"');
    const analytics = kindTag(html, 'cookie-toggle', 'analytics');
    expect(analytics).toContain('aria-checked="false"');
    expect(analytics).not.toMatch(/\sdisabled/);
  });

  it('says whether and when the choice was made', () => {
    const undecided = cookiesCard();
    expect(undecided).toMatch(new RegExp(`data-testid="cookie-decided"[^>]*>\\s*${notChosen()}`));
    const at = '2026-02-03T09:30:00Z';
    const decided = cookiesCard({ consent: cookieConsent({}, 1, at) });
    const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));
    expect(decided).toMatch(/data-testid="cookie-decided"[^>]*data-decided="true"/);
    expect(text(decided)).toContain(`Last chosen ${when}`);
    expect(decided).not.toContain(notChosen());
  });

  it('marks the saving switch busy and the other unavailable meanwhile', () => {
    const html = cookiesCard({ actions: { ...NO_ACTIONS, busy: cookieKey('analytics') } });
    const saving = kindTag(html, 'cookie-toggle', 'analytics');
    expect(saving).toContain('aria-busy="true"');
    expect(saving).toContain('aria-disabled="true"');
    const other = kindTag(html, 'cookie-toggle', 'preferences');
    expect(other).toContain('aria-disabled="true"');
    expect(other).not.toContain('aria-busy');
    expect(kindTag(cookiesCard(), 'cookie-toggle', 'analytics')).not.toContain('aria-disabled');
  });

  it('reports what turning one off curtails on the status line, and a failure as an error', () => {
    const message = 'Analytics cookies are off. Your visits are not counted in our statistics.';
    const html = cookiesCard({ actions: { ...NO_ACTIONS, done: { key: cookieKey('analytics'), message } } });
    expect(html).toMatch(new RegExp(`data-testid="cookie-status"[^>]*>[\\s\\S]*${message}`));
    expect(cookiesCard()).toContain('<div role="status" data-testid="cookie-status"></div>');
    const failed = cookiesCard({
      actions: { ...NO_ACTIONS, errors: { [cookieKey('preferences')]: { code: 'other', message: 'Boom' } } },
    });
    expect(failed).toContain('data-testid="cookie-error"');
    expect(failed).toContain('Boom');
    expect(cookiesCard()).not.toContain('data-testid="cookie-error"');
  });

  it('shows a choice changed elsewhere with its message', () => {
    const html = cookiesCard({ conflict: true });
    expect(html).toContain('data-testid="cookie-conflict"');
    expect(html).toContain(cookieConflictMessage());
    expect(cookiesCard()).not.toContain('data-testid="cookie-conflict"');
  });

  it('says it is loading, or why it could not load', () => {
    const loading = cookiesCard({ status: 'loading', consent: undefined });
    expect(loading).toContain('Loading your cookie choice…');
    expect(loading).not.toContain('data-testid="cookie-row"');
    const failed = cookiesCard({
      status: 'failed',
      consent: undefined,
      loadError: { code: 'server_unreachable', message: 'Unreachable.' },
    });
    expect(failed).toContain('data-testid="cookie-load-error"');
    expect(failed).toContain('Try again');
  });
});

describe('the Privacy page', () => {
  const deps: SectionDeps = { api: unexpectedApi(), sessionEnded: vi.fn(), sessionRenewed: vi.fn() };
  const page = (account: AccountAccess | undefined, accounts: AccountAccess[] = customerMe.accounts) =>
    clean(
      render(PrivacySection, {
        props: { section: sectionById('privacy'), account, accounts, deps, onselectaccount: vi.fn() },
      }).body,
    );

  it('explains service partners and the ledger, with a picker of the accounts', () => {
    const html = page(customerMe.accounts[0]);
    expect(html).toContain('data-testid="privacy-section"');
    expect(html).toMatch(/<h1 id="section-title" tabindex="-1">Privacy<\/h1>/);
    expect(text(html)).toContain('Service partners are companies that do part of our work for you');
    expect(text(html)).toContain('Choose what Ada Lovelace shares with them; every export of its data to a partner is recorded in the ledger below.');
    expect(html).toContain('data-testid="account-picker"');
    expect(html).toContain('data-testid="sharing-card"');
    expect(html).toContain('data-testid="sharing-ledger"');
    // The cookies card comes below the ledger.
    expect(html.indexOf('data-testid="cookies-card"')).toBeGreaterThan(html.indexOf('data-testid="sharing-ledger"'));
  });

  it('offers no picker for one account, and says so without any', () => {
    expect(page(customerMe.accounts[0], [customerMe.accounts[0]!])).not.toContain('data-testid="account-picker"');
    const none = page(undefined, []);
    expect(none).toContain('data-testid="sharing-no-account"');
    expect(none).not.toContain('data-testid="sharing-card"');
    // Cookies are the person's own: shown without any account too.
    expect(none).toContain('data-testid="cookies-card"');
  });
});
