// The Notices section (PR-7): notices of privacy-policy changes, acknowledging
// them, and opting out in place where a change allows.

const en = {
  intro:
    'When the privacy policy changes, we tell you here before the change takes effect: what changes, from when, and what you can do about it. Open a notice to read it.',
  current: 'The privacy policy in force is {version}.',
  loading: 'Loading your notices…',
  empty: 'No notices. When the privacy policy changes, you will find the notice here.',
  listTitle: 'Notices, newest first',
  /** The navigation badge's accessible words: "2 unread". */
  unread: { one: '{count} unread', other: '{count} unread' },
  new: 'New',
  inForce: 'In force',
  acknowledged: 'Acknowledged',
  version: 'Version {version}',
  takesEffect: 'Takes effect on {date}',
  tookEffect: 'Took effect on {date}',
  published: 'Published on {date}',
  acknowledgedOn: 'Acknowledged on {date}.',
  receiptNote: 'A consent receipt was recorded; you will find it under Communications, in Consent receipts.',
  openCommunications: 'Open Communications',
  ackHelp: 'Acknowledging records, with a consent receipt, that you were told of this change.',
  recording: 'Recording…',
  readIt: 'I have read this',
  'optOut.title': 'Opt out now',
  'optOut.intro': 'You do not have to wait for the change: opt out here. Each option first tells you what it stops.',
  'optOut.checking': 'Checking what this stops…',
  'optOut.keep': 'Keep it as it is',
  'optOut.stop_partner_sharing': 'Stop sharing with service partners',
  'optOut.unsubscribe_promotional': 'Unsubscribe from promotional communications',
  'optOut.refuse_optional_cookies': 'Refuse optional cookies',
  'review.profile': 'Review your profile',
  'review.billing': 'Review your billing details',
  'review.communications': 'Review your communication choices',
  'review.privacy': 'Review your privacy choices',
  'review.security': 'Review your security settings',
  'review.team': 'Review your team',
  'blocked.noAccount': 'Sharing is chosen per account, and you are not a member of any account.',
  'blocked.notOwner':
    'Only an owner of {account} can stop its sharing with service partners. Ask an owner, or choose an account you own.',
  'blocked.role': 'Your role on {account} does not include {section}. Ask an account owner to review it.',
  'blocked.needsAccount': '{section} belongs to an account, and you are not a member of any account.',
  'promotional.newsletters': 'Our newsletters, occasional e-mails and ideas for future products.',
  'promotional.product_testing': 'Invitations to try new features early and tell us what you think.',
  'promotional.title': 'Unsubscribe from all promotional communications?',
  'promotional.intro': 'From the moment you confirm, on every channel, you no longer get:',
  'promotional.after': 'Service and account notices, such as invoices and security alerts, are not affected.',
  'promotional.confirm': 'Unsubscribe',
  'promotional.done':
    'You are unsubscribed from all promotional communications. You can change this under Communications.',
  'cookies.title': 'Refuse optional cookies on our websites?',
  'cookies.intro': 'Only necessary cookies (sign-in and security) stay on. This curtails:',
  'cookies.after': 'This is your own choice: it applies whichever account you work on.',
  'cookies.confirm': 'Refuse cookies',
  'cookies.done':
    'Optional cookies are refused: our websites use only necessary cookies. You can change this under Privacy.',
  'cookies.already': 'You had already refused optional cookies. Nothing changed.',
  'sharing.title': 'Stop sharing {account}’s personal information with every service partner?',
  'sharing.intro':
    'From the moment you confirm, nothing more goes to any partner, including those the service needs. This curtails:',
  'sharing.after':
    'What was sent before stays listed in the sharing ledger under Privacy, where you can turn sharing on again.',
  'sharing.confirm': 'Stop sharing',
  'sharing.done':
    'Sharing stopped: nothing more of {account}’s personal information goes to service partners. You can change this under Privacy.',
  'sharing.already': '{account} already shares nothing with service partners. Nothing changed.',
  keptChanging: 'Your choice kept changing elsewhere while we saved it, so nothing was changed here.',
  keptChangingAdvice: 'Check it under Privacy, then try again.',
};

export default en;
