// The demo mailbox: what the demo server "e-mailed" (verification codes,
// invitations), so a demo user can finish those flows without real mail.

import type { OutboxMessage } from './generated/OutboxMessage';

/** The newest message first. */
export function newestFirst(messages: readonly OutboxMessage[]): OutboxMessage[] {
  return [...messages].sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at));
}

/**
 * The code a message asks the reader to enter ("Your code: 482913",
 * "invitation code is AB12-CD34"), for a one-click copy; undefined if none.
 */
export function findCode(body: string): string | undefined {
  const labelled = /\bcode\b[^A-Za-z0-9\n]{0,12}(?:is\s+)?[:\s]*([A-Za-z0-9][A-Za-z0-9-]{3,})/i.exec(body);
  if (labelled?.[1] && /\d/.test(labelled[1])) return labelled[1];
  // Otherwise a lone run of 6–8 digits, as one-time codes usually are.
  return /(?<![\d-])\d{6,8}(?![\d-])/.exec(body)?.[0];
}
