import { describe, expect, it } from 'vitest';
import {
  accountKindLabel,
  activityKindLabel,
  actorLabel,
  correctionStatusLabel,
  formatDate,
  formatDateTime,
  formatLastUsed,
  memberRoleLabel,
  userRoleLabel,
} from './format';

describe('labels', () => {
  it('words the roles and kinds', () => {
    expect(userRoleLabel('agent')).toBe('Support agent');
    expect(userRoleLabel('admin')).toBe('Administrator');
    expect(memberRoleLabel('billing_manager')).toBe('Billing manager');
    expect(accountKindLabel('company')).toBe('Company');
  });
});

describe('formatLastUsed', () => {
  const now = new Date('2025-11-29T12:00:00Z');
  const at = (iso: string) => formatLastUsed(iso, now, 'en-US');

  it('is relative within a week', () => {
    expect(at('2025-11-29T11:59:30Z')).toBe('just now');
    expect(at('2025-11-29T11:55:00Z')).toBe('5 minutes ago');
    expect(at('2025-11-29T09:00:00Z')).toBe('3 hours ago');
    expect(at('2025-11-28T10:00:00Z')).toBe('yesterday');
    expect(at('2025-11-25T12:00:00Z')).toBe('4 days ago');
  });

  it('is a date beyond a week, or in the future', () => {
    expect(at('2025-10-01T12:00:00Z')).toBe('Oct 1, 2025');
    expect(at('2025-12-24T12:00:00Z')).toBe('Dec 24, 2025');
  });

  it('says unknown for a bad timestamp', () => {
    expect(at('not a date')).toBe('unknown');
  });
});

describe('issue 3 wording', () => {
  it('shows staff as acting on the customer\'s behalf', () => {
    expect(actorLabel({ name: 'Grace Agent', kind: 'staff' })).toBe('Support (on your behalf)');
    expect(actorLabel({ name: 'Ada', kind: 'member' })).toBe('Ada');
    expect(actorLabel({ name: 'scheduler', kind: 'system' })).toBe('Steward (automatic)');
  });

  it('words statuses and activity', () => {
    expect(correctionStatusLabel('in_review')).toBe('In review');
    expect(activityKindLabel('sign_in_failed')).toBe('Failed sign-in');
  });

  it('formats dates, and passes through what is not one', () => {
    expect(formatDate('2025-10-01T12:00:00Z', 'en-US')).toBe('Oct 1, 2025');
    expect(formatDateTime('2025-10-01T12:00:00Z', 'en-US')).toMatch(/^Oct 1, 2025/);
    expect(formatDate('soon', 'en-US')).toBe('soon');
  });
});
