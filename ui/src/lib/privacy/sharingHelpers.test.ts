// The Privacy section's sharing helpers, without the controller: what an
// opt-out curtails, the partner's state and start date, and which privacy
// statement links the app may open (PR-6, PR-7).

import { describe, expect, it } from 'vitest';
import { formatDate } from '../format';
import { PARTNERS, sharingView } from '../testing/sharing';
import { curtailedBy, externalLink, optedOutNames, optedOutOf, partnerState, startsText } from './sharing';

describe('the helpers', () => {
  it('reads the optional partners turned off from the view, also under the switch', () => {
    expect(optedOutOf(sharingView({ optedOut: ['tally-insights', 'postbox-mailing'] }))).toEqual([
      'postbox-mailing',
      'tally-insights',
    ]);
    expect(optedOutOf(sharingView())).toEqual([]);
    expect(optedOutOf(sharingView({ shareNone: true, optedOut: ['tally-insights'] }))).toEqual(['tally-insights']);
    expect(optedOutNames(sharingView({ shareNone: true, optedOut: ['postbox-mailing', 'tally-insights'] }))).toEqual([
      'Tally Insights',
      'Postbox Mailing',
    ]);
  });

  it('keeps only the optional partners the view lists, once each: the server refuses anything else', () => {
    const view = { ...sharingView(), opted_out: ['retired-partner', 'northbeam-cdn', 'tally-insights', 'tally-insights'] };
    expect(optedOutOf(view)).toEqual(['tally-insights']);
    expect(optedOutNames(view)).toEqual(['Tally Insights']);
  });

  it('says where each partner stands, also under the switch', () => {
    const view = sharingView({ optedOut: ['tally-insights'] });
    const [cdn, , tally] = view.partners;
    expect(partnerState(view, cdn!)).toBe('shared');
    expect(partnerState(view, tally!)).toBe('opted_out');
    const none = sharingView({ shareNone: true, optedOut: ['tally-insights'] });
    const [noneCdn, , noneTally, noneLiaison] = none.partners;
    expect(partnerState(none, noneCdn!)).toBe('share_none');
    expect(partnerState(none, noneTally!)).toBe('share_none_opted_out');
    expect(partnerState(none, noneLiaison!)).toBe('share_none');
  });

  it('lists every partner the switch curtails, marking those already off', () => {
    const curtailed = curtailedBy(sharingView({ optedOut: ['tally-insights'] }));
    expect(curtailed.map((c) => c.id)).toEqual(PARTNERS.map((p) => p.id));
    expect(curtailed.map((c) => c.curtails)).toEqual(PARTNERS.map((p) => p.curtails));
    expect(curtailed.filter((c) => c.alreadyOff).map((c) => c.id)).toEqual(['tally-insights']);
  });
});

describe('partners announced by a notice', () => {
  it('say from when they receive data, until they do', () => {
    expect(startsText({ starts_at: '2099-04-01T00:00:00Z' }, 'en-GB')).toBe(`Receives data from ${formatDate('2099-04-01T00:00:00Z', 'en-GB')}`);
    expect(startsText({ starts_at: '2099-04-01T00:00:00Z' })).toMatch(/^Receives data from .*2099/);
    expect(startsText({})).toBeUndefined();
  });
});

describe('privacy statement links', () => {
  it('links https addresses only, labelled by host and path', () => {
    expect(externalLink('https://tally.example/privacy')).toEqual({
      href: 'https://tally.example/privacy',
      label: 'tally.example/privacy',
    });
    expect(externalLink('https://postbox.example/')).toEqual({ href: 'https://postbox.example/', label: 'postbox.example' });
    // The desktop app opens https only.
    expect(externalLink('http://tally.example/privacy')).toBeUndefined();
    expect(externalLink('javascript:alert(1)')).toBeUndefined();
    expect(externalLink('file:///etc/passwd')).toBeUndefined();
    expect(externalLink('not a url')).toBeUndefined();
  });
});
