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
import { t, type MessageKey } from '../i18n';

// Keys over the generated unions: a new variant in Rust fails the type check
// until both catalogues have wording for it. Lists of the known values stay
// here (the wire's strings are checked against them).

const CHANNELS: Record<Channel, true> = { email: true, postal: true, telephone: true, in_app: true };

const PURPOSES: Record<Purpose, true> = {
  service_information: true,
  newsletters: true,
  support_maintenance: true,
  product_testing: true,
  usage_trends: true,
  status_information: true,
};

/** A receipt's states are strings on the wire; the known ones read as words. */
const STATE_KEYS: Record<string, MessageKey> = {
  on: 'comms.state.on',
  off: 'comms.state.off',
  pending: 'comms.state.pending',
  // Cookies.
  not_chosen: 'comms.state.not_chosen',
  refused: 'comms.state.refused',
  accepted: 'comms.state.accepted',
  // Sharing with service partners.
  share: 'comms.state.share',
  do_not_share: 'comms.state.do_not_share',
  // Notices of a policy change.
  not_acknowledged: 'comms.state.not_acknowledged',
  acknowledged: 'comms.state.acknowledged',
};

/** The cookie kinds a receipt names. */
const COOKIE_KEYS: Record<string, MessageKey> = {
  necessary: 'comms.cookie.necessary',
  preferences: 'comms.cookie.preferences',
  analytics: 'comms.cookie.analytics',
};

/** Column headings, in the server's order. */
export const channelLabel = (c: Channel): string => (isChannel(c) ? t(`comms.channel.${c}`) : c);
/** After a purpose: "Newsletters and product ideas by e-mail". */
export const channelPhrase = (c: Channel): string =>
  isChannel(c) ? t(`comms.channelPhrase.${c}`) : t('comms.channelPhrase.other', { channel: c });
export const sourceLabel = (s: ReceiptSource): string => t(`comms.source.${s}`);
export const stateLabel = (s: string): string => (Object.hasOwn(STATE_KEYS, s) ? t(STATE_KEYS[s]!) : s);

export function isPurpose(value: string): value is Purpose {
  return Object.hasOwn(PURPOSES, value);
}

export function isChannel(value: string): value is Channel {
  return Object.hasOwn(CHANNELS, value);
}

/** The purpose's label: the one the server sent with the matrix, else ours, else the id. */
export function purposeLabel(purpose: string, labels?: ReadonlyMap<string, string>): string {
  return labels?.get(purpose) ?? (isPurpose(purpose) ? t(`comms.purpose.${purpose}`) : purpose);
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
        ? t('comms.curtails.statusInApp')
        : t('comms.curtails.status', { phrase: channelPhrase(channel) });
    case 'service_information':
      return t('comms.curtails.service', { phrase: channelPhrase(channel) });
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
      purpose: Object.hasOwn(COOKIE_KEYS, channel)
        ? t(COOKIE_KEYS[channel]!)
        : t('comms.cookie.other', { name: humanise(channel) }),
      channel: '',
    };
  }
  if (purpose === 'policy' && channel !== '') {
    return { purpose: t('comms.subject.notice', { version: channel }), channel: '' };
  }
  if (purpose === 'sharing' && channel !== '') {
    const partner = channel === 'all' ? t('comms.subject.allPartners') : (partners?.get(channel) ?? humanise(channel));
    return { purpose: t('comms.subject.sharing', { partner }), channel: '' };
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
      return t('comms.actor.staff', { name: actor.name });
    case 'system':
      return t('comms.actor.system', { name: actor.name });
    default:
      return actor.name;
  }
}
