// The one place that knows the desktop shell's command names.
//
// Every command resolves with a generated IPC type or rejects with a
// `CommandError`, whatever the shell (or Tauri itself) rejected with.

import { invoke, isTauri, type InvokeArgs } from '@tauri-apps/api/core';
import type { CommandError } from './generated/CommandError';
import type { CommandErrorCode } from './generated/CommandErrorCode';
import type { Connection } from './generated/Connection';
import type { DemoPersona } from './generated/DemoPersona';
import type { Me } from './generated/Me';
import type { SessionView } from './generated/SessionView';
import type { StartupState } from './generated/StartupState';

/** The commands the UI uses, as an interface so state logic can be tested with a fake. */
export interface Api {
  startup(): Promise<StartupState>;
  listConnections(): Promise<Connection[]>;
  tryDemo(persona: DemoPersona): Promise<SessionView>;
  connect(serverUrl: string): Promise<SessionView>;
  cancelSignIn(): Promise<void>;
  resume(connectionId: string): Promise<SessionView>;
  forgetConnection(connectionId: string): Promise<void>;
  me(): Promise<Me>;
  signOut(): Promise<void>;
}

// A `Record` over the generated union: adding a code in Rust without adding it
// here fails the type check.
const KNOWN_CODES: Record<CommandErrorCode, true> = {
  keyring_locked: true,
  keyring_unavailable: true,
  session_expired: true,
  server_unreachable: true,
  sign_in_cancelled: true,
  invalid_input: true,
  other: true,
};

export function isCommandErrorCode(value: unknown): value is CommandErrorCode {
  return typeof value === 'string' && Object.hasOwn(KNOWN_CODES, value);
}

const FALLBACK_MESSAGE = 'Something unexpected went wrong.';

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/**
 * Turns anything a command rejected with into a `CommandError`.
 *
 * - A well-formed `CommandError` keeps its fields (and only those; `null`
 *   optional fields, as serde sends them, become absent).
 * - An object with an unknown code becomes code `other`, keeping its message.
 * - A string (Tauri's own errors, e.g. an unknown command) or an `Error`
 *   becomes code `other` with that message.
 */
export function toCommandError(reason: unknown): CommandError {
  if (typeof reason === 'string') {
    return { code: 'other', message: nonEmptyString(reason) ?? FALLBACK_MESSAGE };
  }
  if (reason instanceof Error) {
    return { code: 'other', message: nonEmptyString(reason.message) ?? FALLBACK_MESSAGE };
  }
  if (typeof reason === 'object' && reason !== null) {
    const r = reason as Record<string, unknown>;
    const message = nonEmptyString(r.message);
    const error: CommandError = {
      code: isCommandErrorCode(r.code) ? r.code : 'other',
      message: message ?? FALLBACK_MESSAGE,
    };
    const advice = nonEmptyString(r.advice);
    if (advice !== undefined) error.advice = advice;
    const requestId = nonEmptyString(r.request_id);
    if (requestId !== undefined) error.request_id = requestId;
    return error;
  }
  return { code: 'other', message: FALLBACK_MESSAGE };
}

/** Shown when the UI is opened in a plain browser instead of the desktop app. */
export const NOT_IN_DESKTOP_APP: CommandError = {
  code: 'other',
  message: 'The Steward window is not connected to the desktop app.',
  advice: 'Open Steward from the desktop app rather than in a web browser.',
};

async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
  if (!isTauri()) throw { ...NOT_IN_DESKTOP_APP };
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toCommandError(reason);
  }
}

/** Normalises `notice: null` (serde's `None`) to an absent notice. */
function normaliseStartup(state: StartupState): StartupState {
  if (state.state !== 'signed_out') return state;
  const { notice, ...rest } = state;
  return notice ? { ...rest, notice: toCommandError(notice) } : rest;
}

/** The real commands, through Tauri's IPC. Arguments are camelCase: Tauri maps them to snake_case. */
export const api: Api = {
  startup: async () => normaliseStartup(await call<StartupState>('startup')),
  listConnections: () => call<Connection[]>('list_connections'),
  tryDemo: (persona) => call<SessionView>('try_demo', { persona }),
  connect: (serverUrl) => call<SessionView>('connect', { serverUrl }),
  cancelSignIn: () => call<void>('cancel_sign_in'),
  resume: (connectionId) => call<SessionView>('resume', { connectionId }),
  forgetConnection: (connectionId) => call<void>('forget_connection', { connectionId }),
  me: () => call<Me>('me'),
  signOut: () => call<void>('sign_out'),
};
