import { describe, expect, it } from 'vitest';
import { receipt } from '../testing/comms';
import {
  cellName,
  channelLabel,
  curtails,
  humanise,
  purposeLabel,
  receiptActor,
  receiptChange,
  receiptSubject,
  sourceLabel,
  stateLabel,
} from './wording';

describe('cells', () => {
  it('names each cell by purpose and channel', () => {
    expect(cellName('Newsletters and product ideas', 'email')).toBe('Newsletters and product ideas by e-mail');
    expect(cellName('Usage and trends', 'postal')).toBe('Usage and trends by post');
    expect(cellName('Usage and trends', 'telephone')).toBe('Usage and trends by telephone');
    expect(cellName('Usage and trends', 'in_app')).toBe('Usage and trends in the app');
  });

  it('labels the columns', () => {
    expect(['email', 'postal', 'telephone', 'in_app'].map((c) => channelLabel(c as never))).toEqual([
      'E-mail',
      'Post',
      'Telephone',
      'In the app',
    ]);
  });
});

describe('what turning off curtails (PR-20)', () => {
  it('explains status and service information, per channel', () => {
    expect(curtails('status_information', 'email')).toBe(
      'You will not get invoice and usage notices by e-mail; they stay in the console.',
    );
    expect(curtails('status_information', 'postal')).toContain('by post');
    expect(curtails('status_information', 'in_app')).toContain('Billing section');
    expect(curtails('service_information', 'telephone')).toContain('by telephone');
  });

  it('asks nothing for the other purposes', () => {
    for (const p of ['newsletters', 'product_testing', 'usage_trends', 'support_maintenance'] as const) {
      expect(curtails(p, 'email')).toBeUndefined();
    }
  });
});

describe('receipts', () => {
  it('reads the subject as purpose and channel, preferring the matrix labels', () => {
    expect(receiptSubject('newsletters/email')).toEqual({ purpose: 'Newsletters and product ideas', channel: 'E-mail' });
    expect(receiptSubject('usage_trends/in_app', new Map([['usage_trends', 'Trends']]))).toEqual({
      purpose: 'Trends',
      channel: 'In the app',
    });
    expect(receiptSubject('future_purpose/pigeon')).toEqual({ purpose: 'future_purpose', channel: 'pigeon' });
    expect(purposeLabel('status_information')).toBe('Status: account usage, billing, system status');
  });

  it('reads the change and the source in words', () => {
    expect(receiptChange(receipt(1, { old_state: 'off', new_state: 'on' }))).toBe('Off → On');
    expect(receiptChange(receipt(1, { old_state: 'off', new_state: 'pending' }))).toBe('Off → Pending confirmation');
    expect(receiptChange(receipt(1, { old_state: 'pending', new_state: 'mystery' }))).toBe('Pending confirmation → mystery');
    expect(sourceLabel('console')).toBe('In the console');
    expect(sourceLabel('unsubscribe_all')).toBe('Unsubscribe from all');
    expect(sourceLabel('unsubscribe_link')).toBe('E-mail unsubscribe link');
    expect(sourceLabel('opt_in_confirmation')).toBe('Confirmed from e-mail');
    expect(sourceLabel('staff')).toBe('By staff');
  });

  it('reads cookie receipts as the kind of cookie, without a channel', () => {
    expect(receiptSubject('cookies/preferences')).toEqual({ purpose: 'Preference cookies', channel: '' });
    expect(receiptSubject('cookies/analytics')).toEqual({ purpose: 'Analytics cookies', channel: '' });
    expect(receiptSubject('cookies/marketing')).toEqual({ purpose: 'Marketing cookies', channel: '' });
    // The matrix's labels are for purposes, not cookies.
    expect(receiptSubject('cookies/analytics', new Map([['cookies', 'Biscuits']]))).toEqual({
      purpose: 'Analytics cookies',
      channel: '',
    });
  });

  it('reads cookie states as words', () => {
    expect(receiptChange(receipt(1, { subject: 'cookies/analytics', old_state: 'not_chosen', new_state: 'accepted' }))).toBe(
      'Not chosen → Accepted',
    );
    expect(receiptChange(receipt(1, { subject: 'cookies/preferences', old_state: 'accepted', new_state: 'refused' }))).toBe(
      'Accepted → Refused',
    );
    expect(stateLabel('not_chosen')).toBe('Not chosen');
    expect(stateLabel('refused')).toBe('Refused');
    expect(stateLabel('accepted')).toBe('Accepted');
  });

  it('reads sharing receipts as whom the choice is about, named when known', () => {
    expect(receiptSubject('sharing/all')).toEqual({ purpose: 'Sharing with all service partners', channel: '' });
    expect(receiptSubject('sharing/tally-insights')).toEqual({ purpose: 'Sharing with Tally Insights', channel: '' });
    expect(receiptSubject('sharing/network-liaison', undefined, new Map([['network-liaison', 'ISPs and network administrators']]))).toEqual({
      purpose: 'Sharing with ISPs and network administrators',
      channel: '',
    });
    expect(receiptSubject('sharing/postbox_mailing')).toEqual({ purpose: 'Sharing with Postbox Mailing', channel: '' });
  });

  it('reads sharing states as shared or not', () => {
    expect(receiptChange(receipt(1, { subject: 'sharing/all', old_state: 'share', new_state: 'do_not_share' }))).toBe(
      'Shared → Not shared',
    );
    expect(stateLabel('share')).toBe('Shared');
    expect(stateLabel('do_not_share')).toBe('Not shared');
    // An unknown state reads as sent, even one named like an object's own properties.
    expect(stateLabel('constructor')).toBe('constructor');
  });

  it('reads an acknowledged notice as the version it was about', () => {
    expect(receiptSubject('policy/privacy-policy-2027')).toEqual({ purpose: 'Notice of privacy-policy-2027', channel: '' });
    expect(
      receiptChange(receipt(1, { subject: 'policy/privacy-policy-2027', old_state: 'not_acknowledged', new_state: 'acknowledged' })),
    ).toBe('Not acknowledged → Acknowledged');
  });

  it('turns ids into words', () => {
    expect(humanise('tally-insights')).toBe('Tally Insights');
    expect(humanise('network_liaison')).toBe('Network Liaison');
    expect(humanise('cdn')).toBe('Cdn');
    expect(humanise('')).toBe('');
  });

  it('names who made the change, staff as staff', () => {
    expect(receiptActor({ name: 'Ada Customer', kind: 'member' })).toBe('Ada Customer');
    expect(receiptActor({ name: 'Sam Agent', kind: 'staff' })).toBe('Sam Agent (staff)');
    expect(receiptActor({ name: 'Steward', kind: 'system' })).toBe('Steward (automatic)');
  });
});
