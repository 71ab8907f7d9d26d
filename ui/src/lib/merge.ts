// Three-way merge of a form against a save that got there first.
//
// Works on flat records (field path -> value): `base` is what the form was
// loaded from, `mine` what the user has now, `theirs` what the server holds.
// A field only they changed takes theirs; a field only I changed keeps mine;
// a field both changed to the same value takes it; a field both changed
// differently is a conflict the user decides. Values are compared whole, so
// a list field (e-mails, IP ranges) is one value, never merged item by item.
// Nothing the user typed is dropped unless they choose "Use theirs".

export type Choice = 'mine' | 'theirs';

export interface Conflict<V = unknown> {
  path: string;
  base: V;
  mine: V;
  theirs: V;
}

export interface MergePlan<T extends Record<string, unknown>> {
  /** Every field decided without asking; conflicting fields hold mine until chosen. */
  merged: T;
  /** Changed by both, differently, in field order. */
  conflicts: Conflict<T[keyof T]>[];
  /** Changed by them only: taken automatically. */
  theirs: string[];
  /** Changed by me only: kept. */
  mine: string[];
}

/** Structural equality of values: strings, lists and plain objects (an e-mail entry). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, i) => sameValue(item, b[i]))
    );
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return (
      ka.length === kb.length &&
      ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
    );
  }
  return false;
}

/** The union of the keys, in `order` first, then any other key in first-seen order. */
function keysOf(records: Record<string, unknown>[], order: readonly string[]): string[] {
  const keys = [...order];
  for (const record of records) {
    for (const key of Object.keys(record)) if (!keys.includes(key)) keys.push(key);
  }
  return keys;
}

export function planMerge<T extends Record<string, unknown>>(
  base: T,
  mine: T,
  theirs: T,
  order: readonly string[] = [],
): MergePlan<T> {
  const merged: Record<string, unknown> = {};
  const plan: MergePlan<T> = { merged: merged as T, conflicts: [], theirs: [], mine: [] };
  for (const path of keysOf([base, mine, theirs], order)) {
    const b = base[path];
    const m = mine[path];
    const t = theirs[path];
    const iChanged = !sameValue(m, b);
    const theyChanged = !sameValue(t, b);
    if (iChanged && theyChanged && !sameValue(m, t)) {
      plan.conflicts.push({ path, base: b, mine: m, theirs: t } as Conflict<T[keyof T]>);
      merged[path] = m;
    } else if (theyChanged && !iChanged) {
      plan.theirs.push(path);
      merged[path] = t;
    } else {
      if (iChanged && !theyChanged) plan.mine.push(path);
      merged[path] = m;
    }
  }
  return plan;
}

/** The merged record with each conflict resolved; an unchosen conflict keeps `fallback`. */
export function resolveMerge<T extends Record<string, unknown>>(
  plan: MergePlan<T>,
  choices: Partial<Record<string, Choice>>,
  fallback: Choice = 'mine',
): T {
  const resolved: Record<string, unknown> = { ...plan.merged };
  for (const conflict of plan.conflicts) {
    const choice = choices[conflict.path] ?? fallback;
    resolved[conflict.path] = choice === 'theirs' ? conflict.theirs : conflict.mine;
  }
  return resolved as T;
}
