// Human wording for the Communications page: channel names, the accessible
// name of each cell, what turning a cell off curtails (PR-20), and how a
// consent receipt reads. Receipts also record the Privacy section's choices:
// cookies (`cookies/preferences`, PR-14) and sharing with service partners
// (`sharing/all`, `sharing/<partner id>`, PR-6); and acknowledged notices of
// a policy change (`policy/<version>`, PR-7).

import type { Actor } from '../generated/Actor';
import type { Channel } from '../generated/Channel';
import type { ConsentReceipt } from '../generated/ConsentReceipt';
import type { Purpose } from '../generated/Purpose';
import type { ReceiptSource } from '../generated/ReceiptSource';

// `Record`s over the generated unions: a new variant in Rust fails the type
// check until it has wording here.

/** Column headings, in the server's order. */
const CHANNEL_LABELS: Record<Channel, string> = {
  email: 'E-mail',
  postal: 'Post',
  telephone: 'Telephone',
  in_app: 'In the app',
};

/** After a purpose: "Newsletters and product ideas by e-mail". */
const CHANNEL_PHRASES: Record<Channel, string> = {
  email: 'by e-mail',
  postal: 'by post',
  telephone: 'by telephone',
  in_app: 'in the app',
};

/** The server's labels, for receipts read before the matrix (or of a purpose it no longer lists). */
const PURPOSE_LABELS: Record<Purpose, string> = {
  service_information: 'About our services',
  newsletters: 'Newsletters and product ideas',
  support_maintenance: 'Support and account maintenance',
  product_testing: 'Product testing and evaluation',
  usage_trends: 'Usage and trends',
  status_information: 'Status: account usage, billing, system status',
};

const SOURCE_LABELS: Record<ReceiptSource, string> = {
  console: 'In the console',
  unsubscribe_all: 'Unsubscribe from all',
  unsubscribe_link: 'E-mail unsubscribe link',
  opt_in_confirmation: 'Confirmed from e-mail',
  staff: 'By staff',
};

/** A receipt's states are strings on the wire; the known ones read as words. */
const STATE_LABELS: Record<string, string> = {
  on: 'On',
  off: 'Off',
  pending: 'Pending confirmation',
  // Cookies.
  not_chosen: 'Not chosen',
  refused: 'Refused',
  accepted: 'Accepted',
  // Sharing with service partners.
  share: 'Shared',
  do_not_share: 'Not shared',
  // Notices of a policy change.
  not_acknowledged: 'Not acknowledged',
  acknowledged: 'Acknowledged',
};

/** The cookie kinds a receipt names. */
const COOKIE_LABELS: Record<string, string> = {
  necessary: 'Necessary cookies',
  preferences: 'Preference cookies',
  analytics: 'Analytics cookies',
};

export const channelLabel = (c: Channel): string => CHANNEL_LABELS[c] ?? c;
export const channelPhrase = (c: Channel): string => CHANNEL_PHRASES[c] ?? `by ${c}`;
export const sourceLabel = (s: ReceiptSource): string => SOURCE_LABELS[s] ?? s;
export const stateLabel = (s: string): string => (Object.hasOwn(STATE_LABELS, s) ? STATE_LABELS[s]! : s);

export function isPurpose(value: string): value is Purpose {
  return Object.hasOwn(PURPOSE_LABELS, value);
}

export function isChannel(value: string): value is Channel {
  return Object.hasOwn(CHANNEL_LABELS, value);
}

/** The purpose's label: the one the server sent with the matrix, else ours, else the id. */
export function purposeLabel(purpose: string, labels?: ReadonlyMap<string, string>): string {
  return labels?.get(purpose) ?? (isPurpose(purpose) ? PURPOSE_LABELS[purpose] : purpose);
}

/** "Newsletters and product ideas by e-mail": a cell's accessible name and how messages name it. */
export const cellName = (label: string, channel: Channel): string => `${label} ${channelPhrase(channel)}`;

/**
 * What turning a cell off curtails, for the purposes where it matters
 * (PR-20). Promotional and other purposes turn off without a question.
 */
export function curtails(purpose: Purpose, channel: Channel): string | undefined {
  switch (purpose) {
    case 'status_information':
      return channel === 'in_app'
        ? 'You will not see invoice and usage notices in the app; invoices stay in the Billing section.'
        : `You will not get invoice and usage notices ${channelPhrase(channel)}; they stay in the console.`;
    case 'service_information':
      return `You will not hear ${channelPhrase(channel)} about new or changing services you use, including changes that affect you.`;
    default:
      return undefined;
  }
}

/** An id as words, for one we have no name for: "tally-insights" reads "Tally Insights". */
export function humanise(id: string): string {
  return id
    .split(/[-_\s]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

/**
 * What a receipt is about, as words: "Newsletters and product ideas" and
 * "E-mail" from `newsletters/email`; "Preference cookies" from
 * `cookies/preferences`; "Sharing with all service partners" from
 * `sharing/all`, "Sharing with Tally Insights" from `sharing/tally-insights`
 * (the partner's name from `partners` when known, else its id as words);
 * "Notice of privacy-policy-2027" from `policy/privacy-policy-2027`.
 * Subjects other than a purpose and a channel have no channel.
 */
export function receiptSubject(
  subject: string,
  labels?: ReadonlyMap<string, string>,
  partners?: ReadonlyMap<string, string>,
): { purpose: string; channel: string } {
  const slash = subject.indexOf('/');
  if (slash < 0) return { purpose: purposeLabel(subject, labels), channel: '' };
  const purpose = subject.slice(0, slash);
  const channel = subject.slice(slash + 1);
  if (purpose === 'cookies' && channel !== '') {
    return {
      purpose: Object.hasOwn(COOKIE_LABELS, channel) ? COOKIE_LABELS[channel]! : `${humanise(channel)} cookies`,
      channel: '',
    };
  }
  if (purpose === 'policy' && channel !== '') {
    return { purpose: `Notice of ${channel}`, channel: '' };
  }
  if (purpose === 'sharing' && channel !== '') {
    const partner = channel === 'all' ? 'all service partners' : (partners?.get(channel) ?? humanise(channel));
    return { purpose: `Sharing with ${partner}`, channel: '' };
  }
  return {
    purpose: purposeLabel(purpose, labels),
    channel: isChannel(channel) ? channelLabel(channel) : channel,
  };
}

/** "Off → On". */
export const receiptChange = (r: Pick<ConsentReceipt, 'old_state' | 'new_state'>): string =>
  `${stateLabel(r.old_state)} → ${stateLabel(r.new_state)}`;

/** Who made the change: the person's name; staff are named as staff. */
export function receiptActor(actor: Actor): string {
  switch (actor.kind) {
    case 'staff':
      return `${actor.name} (staff)`;
    case 'system':
      return `${actor.name} (automatic)`;
    default:
      return actor.name;
  }
}
