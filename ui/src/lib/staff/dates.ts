// Calendar days as date inputs give them (`YYYY-MM-DD`), and the instants
// the server takes for them (RFC 3339, UTC).

const pad = (n: number) => String(n).padStart(2, '0');

/** `days` after `now`'s calendar day (local), as `YYYY-MM-DD`. */
export function dayAfter(now: Date, days: number): string {
  const at = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days);
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** Whether `ymd` is a real calendar date written `YYYY-MM-DD`. */
export function isDay(ymd: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const at = new Date(Date.UTC(year, month, day));
  return at.getUTCFullYear() === year && at.getUTCMonth() === month && at.getUTCDate() === day;
}

/** The start of day `ymd`, UTC. */
export const startOfDay = (ymd: string): string => `${ymd}T00:00:00Z`;

/** The end of day `ymd`, UTC (its last second). */
export const endOfDay = (ymd: string): string => `${ymd}T23:59:59Z`;
