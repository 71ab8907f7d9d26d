import { describe, expect, it } from 'vitest';
import type { AccountAccess } from '../generated/AccountAccess';
import { customerMe } from '../testing/fixtures';
import {
  cookiesQuestion,
  emptyInbox,
  effectiveText,
  optOutBlocked,
  optOutLabel,
  paragraphs,
  promotionalQuestion,
  publishedText,
  reviewBlocked,
  reviewLabel,
  sharingQuestion,
  unreadLabel,
} from './wording';

const [OWNED, BILLING_MANAGED] = customerMe.accounts as [AccountAccess, AccountAccess];

describe('a notice’s words', () => {
  it('splits the summary into paragraphs, dropping blank lines', () => {
    expect(paragraphs('EdgeCache Networks will deliver media.\nThey receive your account id.')).toEqual([
      'EdgeCache Networks will deliver media.',
      'They receive your account id.',
    ]);
    expect(paragraphs('  One.  \n\n\nTwo.\n')).toEqual(['One.', 'Two.']);
    expect(paragraphs('')).toEqual([]);
  });

  it('says when a change takes effect, or took effect', () => {
    const now = new Date('2026-03-05T10:00:00Z');
    expect(effectiveText({ effective_at: '2026-04-01T00:00:00Z' }, now, 'en-GB')).toBe('Takes effect on 1 Apr 2026');
    expect(effectiveText({ effective_at: '2026-02-01T00:00:00Z' }, now, 'en-GB')).toBe('Took effect on 1 Feb 2026');
    expect(publishedText({ published_at: '2026-03-01T09:00:00Z' }, 'en-GB')).toBe('Published on 1 Mar 2026');
  });

  it('counts unread notices for the badge, and words the empty inbox', () => {
    expect(unreadLabel(2)).toBe('2 unread');
    expect(emptyInbox()).toBe('No notices. When the privacy policy changes, you will find the notice here.');
  });
});

describe('opt-outs', () => {
  it('are labelled by what they do', () => {
    expect(optOutLabel('stop_partner_sharing')).toBe('Stop sharing with service partners');
    expect(optOutLabel('unsubscribe_promotional')).toBe('Unsubscribe from promotional communications');
    expect(optOutLabel('refuse_optional_cookies')).toBe('Refuse optional cookies');
  });

  it('leave partner sharing to the account’s owners', () => {
    expect(optOutBlocked('stop_partner_sharing', OWNED)).toBeUndefined();
    expect(optOutBlocked('stop_partner_sharing', BILLING_MANAGED)).toBe(
      'Only an owner of Analytical Engines Ltd can stop its sharing with service partners. Ask an owner, or choose an account you own.',
    );
    expect(optOutBlocked('stop_partner_sharing', undefined)).toBe(
      'Sharing is chosen per account, and you are not a member of any account.',
    );
    // The person's own choices: whatever the account.
    expect(optOutBlocked('unsubscribe_promotional', undefined)).toBeUndefined();
    expect(optOutBlocked('refuse_optional_cookies', BILLING_MANAGED)).toBeUndefined();
  });

  it('say what they curtail before anything changes (PR-20)', () => {
    expect(promotionalQuestion()).toMatchObject({
      title: 'Unsubscribe from all promotional communications?',
      confirmLabel: 'Unsubscribe',
    });
    expect(promotionalQuestion().after).toContain('Service and account notices');
    expect(cookiesQuestion().lines.map((l) => l.id)).toEqual(['preferences', 'analytics']);
    const sharing = sharingQuestion('Ada Lovelace', [{ id: 'tally', name: 'Tally', text: 'No audience reports.' }]);
    expect(sharing.title).toBe('Stop sharing Ada Lovelace’s personal information with every service partner?');
    expect(sharing.lines).toEqual([{ id: 'tally', name: 'Tally', text: 'No audience reports.' }]);
    expect(sharing.confirmLabel).toBe('Stop sharing');
  });
});

describe('reviewing a section', () => {
  it('is labelled by the section, and explained when the reader cannot open it', () => {
    expect(reviewLabel('billing')).toBe('Review your billing details');
    expect(reviewBlocked('billing', true, OWNED)).toBeUndefined();
    expect(reviewBlocked('team', false, BILLING_MANAGED)).toBe(
      'Your role on Analytical Engines Ltd does not include Team. Ask an account owner to review it.',
    );
    expect(reviewBlocked('billing', false, undefined)).toBe(
      'Billing belongs to an account, and you are not a member of any account.',
    );
  });
});
