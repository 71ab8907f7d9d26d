// Service partners (PR-6, PR-7), for administrators: who receives which
// kinds of customers' data, and for what. What customers were told bounds
// what a partner may receive, so:
// - a new partner is announced in a published policy version about personal
//   information that offers "stop sharing with service partners" and is not
//   in force yet; the partner receives data only from the day that version
//   takes effect, so customers can opt out first. The form lists only such
//   versions; without one, there is nothing to announce the partner in.
// - an edit changes the details only: the kinds of data may be narrowed,
//   never widened (more needs a new announcement, and a new partner);
//   whether customers may turn the partner off on its own is fixed.
// - retiring stops everything that goes to them; the customers' sharing
//   ledger keeps their name. Ids are never reused, not even a retired one's.
//
// Edits and retiring are made on the version the administrator saw. If
// someone else changed the partner meanwhile, the desktop app reports a
// conflict: the list is read again and the administrator told, and the
// edit form keeps what they typed (it lives here, not in the component, so
// reading the list again cannot reset it).
//
// The kinds of data are edited one per row; blank rows are dropped before
// sending, and the server's `categories[i]` (an index into what was sent)
// is shown at the row it came from.

import { createRunner, NO_ACTIONS, type ActionState, type Runner } from '../actions';
import { toCommandError } from '../commandErrors';
import type { SectionDeps, Slot } from '../deps';
import { formatDate } from '../format';
import type { CommandError } from '../generated/CommandError';
import type { FieldError } from '../generated/FieldError';
import type { NewPartner } from '../generated/NewPartner';
import type { Partner } from '../generated/Partner';
import type { PartnerDetails } from '../generated/PartnerDetails';
import type { PolicyVersion } from '../generated/PolicyVersion';
import { t } from '../i18n';
import { explainStaffError, staffFailure } from './errors';

export const ADD_PARTNER_KEY = 'partner-add';
export const editKey = (id: string): string => `partner-edit:${id}`;
export const retireKey = (id: string): string => `partner-retire:${id}`;
/** Opening a partner's privacy statement: not a change, but its failure shows on the partner's row. */
export const linkKey = (id: string): string => `partner-link:${id}`;

/** The server's limit on the kinds of data one partner receives. */
export const MAX_CATEGORIES = 12;

/** 3 to 48 lower-case letters, digits and hyphens, not starting or ending with one. */
const PARTNER_ID = /^[a-z0-9][a-z0-9-]{1,46}[a-z0-9]$/;

export const DETAILS_FIELDS = ['name', 'purpose', 'categories', 'privacy_url', 'curtails'] as const;
export const PARTNER_FIELDS = ['id', 'announced_in', 'optional', ...DETAILS_FIELDS] as const;

// Functions, not constants: the words are the current language's when asked.
export const noEligibleVersion = (): string => t('admin.partner.noEligible');

export const narrowHint = (): string => t('admin.partner.narrowHint');

export const optionalFixed = (): string => t('admin.partner.optionalFixed');

// ---- What the list shows ----

export type PartnerStatusKind = 'receiving' | 'upcoming' | 'retired';

export interface PartnerStatus {
  kind: PartnerStatusKind;
  /** "Receiving data", "Starts 1 Apr 2099", "Retired 5 Mar 2026". */
  text: string;
}

export const isRetired = (p: Pick<Partner, 'retired_at'>): boolean => p.retired_at != null && p.retired_at !== '';

export function partnerStatus(p: Pick<Partner, 'starts_at' | 'retired_at'>, now: Date = new Date()): PartnerStatus {
  if (isRetired(p)) return { kind: 'retired', text: t('admin.partner.retired', { date: formatDate(p.retired_at!) }) };
  if (new Date(p.starts_at).getTime() > now.getTime()) {
    return { kind: 'upcoming', text: t('admin.partner.starts', { date: formatDate(p.starts_at) }) };
  }
  return { kind: 'receiving', text: t('admin.partner.receiving') };
}

/** Where the partner was announced; the first ones came with the policy customers accepted. */
export const announcedText = (p: Pick<Partner, 'announced_in'>): string =>
  p.announced_in ? t('admin.partner.announcedIn', { version: p.announced_in }) : t('admin.partner.firstPolicy');

/** The server's order: current partners by name, then retired ones. */
export function sortPartners(items: readonly Partner[]): Partner[] {
  const byName = (a: Partner, b: Partner) => a.name.localeCompare(b.name);
  return [...items.filter((p) => !isRetired(p)).sort(byName), ...items.filter(isRetired).sort(byName)];
}

/**
 * The versions a new partner may be announced in: about personal
 * information, offering "stop sharing with service partners", and not in
 * force at `now`.
 */
export function eligibleVersions(policies: readonly PolicyVersion[], now: Date = new Date()): PolicyVersion[] {
  return policies.filter(
    (p) =>
      p.concerns === 'personal_information' &&
      (p.opt_outs ?? []).includes('stop_partner_sharing') &&
      new Date(p.effective_at).getTime() > now.getTime(),
  );
}

/** How a version reads in the "Announced in" choice. */
export const versionOption = (p: Pick<PolicyVersion, 'version' | 'title' | 'effective_at'>): string =>
  t('admin.partner.versionOption', { title: p.title, version: p.version, date: formatDate(p.effective_at) });

// ---- The forms ----

/** What the edit form holds: the details, the kinds of data one per row. */
export interface DetailsDraft {
  name: string;
  purpose: string;
  categories: string[];
  privacy_url: string;
  curtails: string;
}

/** What the add form holds. */
export interface PartnerDraft extends DetailsDraft {
  id: string;
  /** Customers may turn it off on its own; on unless the service cannot run without it. */
  optional: boolean;
  /** A version from `eligibleVersions`; empty: none chosen. */
  announced_in: string;
}

export const emptyPartnerDraft = (): PartnerDraft => ({
  id: '',
  optional: true,
  announced_in: '',
  name: '',
  purpose: '',
  categories: [''],
  privacy_url: '',
  curtails: '',
});

export const detailsDraft = (p: Partner): DetailsDraft => ({
  name: p.name,
  purpose: p.purpose,
  categories: [...p.categories],
  privacy_url: p.privacy_url,
  curtails: p.curtails,
});

/** The kinds of data to send, trimmed, blank rows dropped; `rows[i]` is the row `categories[i]` came from. */
export function parseCategories(rows: readonly string[]): { categories: string[]; rows: number[] } {
  const categories: string[] = [];
  const from: number[] = [];
  rows.forEach((row, i) => {
    const value = row.trim();
    if (value === '') return;
    categories.push(value);
    from.push(i);
  });
  return { categories, rows: from };
}

/** What the edit form sends, and where each kind of data came from. */
export function detailsInput(draft: DetailsDraft): { details: PartnerDetails; rows: number[] } {
  const { categories, rows } = parseCategories(draft.categories);
  return {
    details: {
      name: draft.name.trim(),
      purpose: draft.purpose.trim(),
      categories,
      privacy_url: draft.privacy_url.trim(),
      curtails: draft.curtails.trim(),
    },
    rows,
  };
}

/** What the add form sends, and where each kind of data came from. */
export function partnerInput(draft: PartnerDraft): { partner: NewPartner; rows: number[] } {
  const { details, rows } = detailsInput(draft);
  return { partner: { id: draft.id.trim(), optional: draft.optional, announced_in: draft.announced_in.trim(), details }, rows };
}

function isHttps(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.hostname !== '';
  } catch {
    return false;
  }
}

const sameKind = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** What is wrong with the details before asking the server, each at its field (a row for a kind of data). */
export function detailsProblems(draft: DetailsDraft): FieldError[] {
  const problems: FieldError[] = [];
  const problem = (field: string, rule: string, message: string) => problems.push({ field, rule, message });
  if (draft.name.trim() === '') problem('name', 'required', t('admin.partner.nameRequired'));
  if (draft.purpose.trim() === '') problem('purpose', 'required', t('admin.partner.purposeRequired'));
  const { categories, rows } = parseCategories(draft.categories);
  if (categories.length === 0) problem('categories', 'required', t('admin.partner.categoriesRequired'));
  if (categories.length > MAX_CATEGORIES) {
    problem('categories', 'max_items', t('admin.partner.categoriesMax', { max: MAX_CATEGORIES }));
  }
  categories.forEach((c, i) => {
    if (categories.slice(0, i).some((earlier) => sameKind(earlier, c))) {
      problem(`categories[${rows[i]}]`, 'duplicate', t('admin.partner.duplicate'));
    }
  });
  const url = draft.privacy_url.trim();
  if (url === '') problem('privacy_url', 'required', t('admin.partner.urlRequired'));
  else if (!isHttps(url)) problem('privacy_url', 'https', t('admin.partner.urlHttps'));
  if (draft.curtails.trim() === '') problem('curtails', 'required', t('admin.partner.curtailsRequired'));
  return problems;
}

/** What is wrong with a new partner before asking the server; `existing`: every partner, retired ones too. */
export function partnerProblems(draft: PartnerDraft, existing: readonly Pick<Partner, 'id'>[] = []): FieldError[] {
  const problems: FieldError[] = [];
  const id = draft.id.trim();
  if (!PARTNER_ID.test(id)) {
    problems.push({ field: 'id', rule: 'slug', message: t('admin.partner.idFormat') });
  } else if (existing.some((p) => p.id === id)) {
    problems.push({ field: 'id', rule: 'taken', message: t('admin.partner.idTaken') });
  }
  problems.push(...detailsProblems(draft));
  if (draft.announced_in.trim() === '') {
    problems.push({ field: 'announced_in', rule: 'required', message: t('admin.partner.announcedRequired') });
  }
  return problems;
}

/** The rows naming a kind of data customers were not told the partner receives. */
export function widenedRows(announced: readonly string[], rows: readonly string[]): number[] {
  const widened: number[] = [];
  rows.forEach((row, i) => {
    if (row.trim() !== '' && !announced.some((a) => sameKind(a, row))) widened.push(i);
  });
  return widened;
}

/** An edit may narrow what `partner` receives, never widen it: each new kind at its row. */
export function narrowingProblems(partner: Pick<Partner, 'name' | 'categories'>, rows: readonly string[]): FieldError[] {
  return widenedRows(partner.categories, rows).map((i) => ({
    field: `categories[${i}]`,
    rule: 'not_announced',
    message: t('admin.partner.notAnnounced', { name: partner.name, kind: rows[i]!.trim() }),
  }));
}

/**
 * The server's refusal with its fields where the form shows them: a kind of
 * data (`categories[i]`, of what was sent) at its row, `details.name` as `name`.
 */
export function onRows(error: CommandError, rows: readonly number[]): CommandError {
  if (!error.fields?.length) return error;
  const fields = error.fields.map((f) => {
    const field = f.field.replace(/^details\./, '');
    const item = /^categories\[(\d+)\]$/.exec(field);
    return { ...f, field: item ? `categories[${rows[Number(item[1])] ?? Number(item[1])}]` : field };
  });
  return { ...error, fields };
}

/**
 * Someone else changed or retired the partner since the list was read: a
 * stale version (`precondition_failed`, which the desktop app reports as a
 * `conflict`) or a retired partner (a `conflict`). Either way the list is
 * read again.
 */
export function isStale(reason: unknown): boolean {
  if (typeof reason !== 'object' || reason === null) return false;
  const code = (reason as { code?: unknown }).code;
  return code === 'precondition_failed' || code === 'conflict';
}

// ---- What the section says ----

export const addedMessage = (p: Pick<Partner, 'name' | 'starts_at' | 'announced_in' | 'optional'>): string =>
  t('admin.partner.added', {
    name: p.name,
    date: formatDate(p.starts_at),
    version: p.announced_in ?? t('admin.partner.thePolicyVersion'),
    what: p.optional ? t('admin.partner.canTurnOff') : t('admin.partner.canStopSharing'),
  });

export const savedMessage = (p: Pick<Partner, 'name'>): string =>
  t('admin.partner.saved', { name: p.name });

export const retiredMessage = (p: Pick<Partner, 'name'>): string =>
  t('admin.partner.retiredMessage', { name: p.name });

export const retireQuestion = (p: Pick<Partner, 'name'>): string =>
  t('admin.partner.retireQuestion', { name: p.name });

export const staleEditMessage = (name: string): string =>
  t('admin.partner.staleEdit', { name });

export const staleRetireMessage = (name: string): string =>
  t('admin.partner.staleRetire', { name });

export const retiredMeanwhileMessage = (name: string): string =>
  t('admin.partner.retiredMeanwhile', { name });

export const staleUnreadMessage = (): string => t('admin.partner.staleUnread');

// ---- State ----

export interface PoliciesForPartners {
  status: 'idle' | 'loading' | 'ready' | 'failed';
  loadError?: CommandError;
  /** Every published version, newest first; the form offers the eligible ones. */
  items: PolicyVersion[];
}

export interface Editing {
  id: string;
  /** The version the administrator is editing; after a conflict, the one they were shown. */
  version: bigint | number;
  draft: DetailsDraft;
}

export interface PartnersState {
  status: 'idle' | 'loading' | 'ready' | 'failed';
  loadError?: CommandError;
  /** Current partners by name, then retired ones. */
  items: Partner[];
  policies: PoliciesForPartners;
  /** The add form. */
  draft: PartnerDraft;
  /** The partner whose edit form is open (one at a time). */
  editing?: Editing;
  /** Keys: `partner-add`, `partner-edit:<id>`, `partner-retire:<id>`. */
  actions: ActionState;
}

export const EMPTY_PARTNERS: PartnersState = {
  status: 'idle',
  items: [],
  policies: { status: 'idle', items: [] },
  draft: emptyPartnerDraft(),
  actions: NO_ACTIONS,
};

export interface PartnersController {
  runner: Runner;
  /** The partners and the published policy versions, each on its own. */
  load(): Promise<void>;
  loadPolicies(): Promise<void>;
  setDraft(changes: Partial<PartnerDraft>): void;
  /** Resolves true once added (the form then empties). */
  add(): Promise<boolean>;
  /** Opens the edit form of a current partner, closing any other. */
  startEdit(id: string): void;
  editDraft(changes: Partial<DetailsDraft>): void;
  cancelEdit(): void;
  /** Resolves true once saved (the form then closes). */
  save(): Promise<boolean>;
  retire(id: string): Promise<boolean>;
  /** Opens the privacy statement in the browser. */
  openLink(id: string, url: string): Promise<boolean>;
}

function without<S extends object, K extends keyof S>(state: S, key: K): S {
  const next = { ...state };
  delete next[key];
  return next;
}

export function createPartnersController(deps: SectionDeps, slot: Slot<PartnersState>): PartnersController {
  const patch = (changes: Partial<PartnersState>) => slot.set({ ...slot.get(), ...changes });
  const runner = createRunner(deps, { get: () => slot.get().actions, set: (actions) => patch({ actions }) });
  const find = (id: string) => slot.get().items.find((p) => p.id === id);

  /** Shows problems found before asking the server, as the server would. */
  function refuse(key: string, problems: FieldError[]) {
    const actions = slot.get().actions;
    const error: CommandError = { code: 'invalid_input', message: problems[0]!.message, fields: problems };
    patch({ actions: { ...without(actions, 'done'), errors: { ...actions.errors, [key]: error } } });
  }

  /** A removed row moves the rows after it: their errors would show at the wrong one. */
  function rowsRemoved(key: string, before: readonly string[], after: readonly string[] | undefined) {
    if (after && after.length < before.length && slot.get().actions.errors[key]) runner.dismiss(key);
  }

  /** Resolves false when the list could not be read. */
  async function loadPartners(): Promise<boolean> {
    patch({ status: slot.get().status === 'ready' ? 'ready' : 'loading' });
    try {
      const { items } = await deps.api.listPartners();
      const next: PartnersState = { ...slot.get(), status: 'ready', items: sortPartners(items) };
      delete next.loadError;
      slot.set(next);
      return true;
    } catch (reason) {
      const loadError = staffFailure(deps, reason);
      patch({ status: slot.get().status === 'ready' ? 'ready' : 'failed', loadError });
      return false;
    }
  }

  async function loadPolicies() {
    const was = slot.get().policies;
    patch({ policies: { ...was, status: was.status === 'ready' ? 'ready' : 'loading' } });
    try {
      const items = await deps.api.listPolicyVersions();
      patch({ policies: { status: 'ready', items } });
    } catch (reason) {
      const loadError = staffFailure(deps, reason);
      const now = slot.get().policies;
      patch({ policies: { ...now, status: now.status === 'ready' ? 'ready' : 'failed', loadError } });
    }
  }

  /** After a conflict on `id`: reads the list again and says what happened. */
  async function afterConflict(id: string, name: string, editing: boolean): Promise<CommandError> {
    if (!(await loadPartners())) return { code: 'conflict', message: staleUnreadMessage() };
    const fresh = find(id);
    if (!fresh || isRetired(fresh)) {
      if (slot.get().editing?.id === id) slot.set(without(slot.get(), 'editing'));
      return { code: 'conflict', message: retiredMeanwhileMessage(fresh?.name ?? name) };
    }
    const open = slot.get().editing;
    // The next save is made on the version now shown; what was typed stays.
    if (editing && open?.id === id) patch({ editing: { ...open, version: fresh.version } });
    return { code: 'conflict', message: editing ? staleEditMessage(fresh.name) : staleRetireMessage(fresh.name) };
  }

  /** Replaces (or adds) `partner` in the list, in the server's order. */
  const withPartner = (partner: Partner) => sortPartners([...slot.get().items.filter((p) => p.id !== partner.id), partner]);

  return {
    runner,

    async load() {
      await Promise.all([loadPartners(), loadPolicies()]);
    },

    loadPolicies,

    setDraft(changes) {
      const before = slot.get().draft.categories;
      patch({ draft: { ...slot.get().draft, ...changes } });
      rowsRemoved(ADD_PARTNER_KEY, before, changes.categories);
    },

    async add() {
      const draft = slot.get().draft;
      const problems = partnerProblems(draft, slot.get().items);
      if (problems.length > 0) {
        refuse(ADD_PARTNER_KEY, problems);
        return false;
      }
      const { partner, rows } = partnerInput(draft);
      let added: Partner | undefined;
      const ok = await runner.run(ADD_PARTNER_KEY, async () => {
        try {
          added = await deps.api.addPartner(partner);
        } catch (reason) {
          throw onRows(explainStaffError(toCommandError(reason)), rows);
        }
      });
      if (!ok || !added) return false;
      const row = added;
      const actions = slot.get().actions;
      patch({
        items: withPartner(row),
        draft: emptyPartnerDraft(),
        actions: { ...actions, done: { key: ADD_PARTNER_KEY, message: addedMessage(row) } },
      });
      return true;
    },

    startEdit(id) {
      const p = find(id);
      if (!p || isRetired(p) || slot.get().actions.busy !== undefined) return;
      const open = slot.get().editing;
      if (open) runner.dismiss(editKey(open.id));
      runner.dismiss(editKey(id));
      patch({ editing: { id, version: p.version, draft: detailsDraft(p) } });
    },

    editDraft(changes) {
      const open = slot.get().editing;
      if (!open) return;
      patch({ editing: { ...open, draft: { ...open.draft, ...changes } } });
      rowsRemoved(editKey(open.id), open.draft.categories, changes.categories);
    },

    cancelEdit() {
      const open = slot.get().editing;
      if (!open || slot.get().actions.busy === editKey(open.id)) return;
      runner.dismiss(editKey(open.id));
      slot.set(without(slot.get(), 'editing'));
    },

    async save() {
      const open = slot.get().editing;
      const partner = open && find(open.id);
      if (!open || !partner) return false;
      const key = editKey(open.id);
      const problems = [...detailsProblems(open.draft), ...narrowingProblems(partner, open.draft.categories)];
      if (problems.length > 0) {
        refuse(key, problems);
        return false;
      }
      const { details, rows } = detailsInput(open.draft);
      let saved: Partner | undefined;
      const ok = await runner.run(key, async () => {
        try {
          saved = await deps.api.updatePartner(open.id, details, open.version);
        } catch (reason) {
          throw isStale(reason) ? await afterConflict(open.id, partner.name, true) : onRows(explainStaffError(toCommandError(reason)), rows);
        }
      });
      if (!ok || !saved) return false;
      const row = saved;
      const actions = slot.get().actions;
      slot.set(
        without({ ...slot.get(), items: withPartner(row), actions: { ...actions, done: { key, message: savedMessage(row) } } }, 'editing'),
      );
      return true;
    },

    async retire(id) {
      const p = find(id);
      if (!p || isRetired(p)) return false;
      const key = retireKey(id);
      let retired: Partner | undefined;
      const ok = await runner.run(key, async () => {
        try {
          retired = await deps.api.retirePartner(id, p.version);
        } catch (reason) {
          throw isStale(reason) ? await afterConflict(id, p.name, false) : explainStaffError(toCommandError(reason));
        }
      });
      if (!ok || !retired) return false;
      const row = retired;
      const actions = slot.get().actions;
      const next: PartnersState = { ...slot.get(), items: withPartner(row), actions: { ...actions, done: { key, message: retiredMessage(row) } } };
      slot.set(next.editing?.id === id ? without(next, 'editing') : next);
      return true;
    },

    async openLink(id, url) {
      const key = linkKey(id);
      runner.dismiss(key);
      try {
        await deps.api.openExternalLink(url);
        return true;
      } catch (reason) {
        const error = staffFailure(deps, reason);
        const actions = slot.get().actions;
        patch({ actions: { ...actions, errors: { ...actions.errors, [key]: error } } });
        return false;
      }
    },
  };
}
