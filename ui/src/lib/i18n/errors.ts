// The console's errors in the chosen language. An error's text comes from
// one of two places. The account server words its own (a conflict, a
// refusal, a field rule) in the reader's language, so that is shown as it
// came. The desktop shell writes English only, often with details in it
// (which server, which file, what the system said): codes with a fixed
// meaning are shown from the `errors` catalogue, and any other text the shell
// wrote is recognised by its `shellErrors` template and shown translated,
// its details kept. English shows every text as it came.

import type { CommandError } from '../generated/CommandError';
import type { Language } from '../generated/Language';
import { catalogue, ENGLISH, type MessageKey } from './catalogue';
import { language } from './locale.svelte';
import { interpolate, t, type Params } from './translate';

const TRANSLATED = new Set<CommandError['code']>([
  'keyring_locked',
  'keyring_unavailable',
  'session_expired',
  'server_unreachable',
  'sign_in_cancelled',
  'operation_cancelled',
  'step_up_required',
  'forbidden',
  'staff_two_factor_required',
  'approval_required',
  'caller_not_verified',
]);

/** What to show for `error`: its own text in English, the catalogue's otherwise. */
export function localError(error: CommandError): { message: string; advice?: string } {
  const lang = language();
  const shellAdvice = error.advice ?? undefined;
  if (lang === 'en') return { message: error.message, advice: shellAdvice };
  const shell = shellTexts(lang);
  const advice = shellAdvice === undefined ? undefined : shell.advice(shellAdvice);
  if (!TRANSLATED.has(error.code)) return { message: shell.message(error.message), advice };
  const message = t(`errors.${error.code}.message` as MessageKey);
  const adviceKey = `errors.${error.code}.advice`;
  // Not every code has advice of its own; the shell's, translated, then.
  return { message, advice: hasKey(adviceKey) ? t(adviceKey as MessageKey) : advice };
}

function hasKey(key: string): boolean {
  return t(key as MessageKey) !== key;
}

/** A shell text as `lang` has it, or as it came if no template knows it. */
type Translate = (english: string) => string;

interface ShellTexts {
  message: Translate;
  advice: Translate;
}

interface Template {
  pattern: RegExp;
  /** The placeholders' names, in the order `pattern` captures them. */
  names: string[];
  /** How much of the template is fixed text: the more, the surer the match. */
  literal: number;
  local: string;
}

const AS_IT_CAME: ShellTexts = { message: (text) => text, advice: (text) => text };

const shellByLanguage = new Map<Language, ShellTexts>();

/** `lang`'s lookup, built once its catalogue is here; until then texts pass through. */
function shellTexts(lang: Language): ShellTexts {
  const built = shellByLanguage.get(lang);
  if (built) return built;
  const local = catalogue(lang)?.shellErrors;
  if (!local) return AS_IT_CAME;
  const templates = { message: [] as Template[], advice: [] as Template[] };
  for (const [key, english] of Object.entries(ENGLISH.shellErrors)) {
    const translated = local[key];
    if (typeof translated !== 'string') continue;
    const kind = key.startsWith('advice.') ? templates.advice : templates.message;
    kind.push(template(english, translated));
  }
  for (const kind of Object.values(templates)) kind.sort((a, b) => b.literal - a.literal);
  const texts = { message: translator(templates.message), advice: translator(templates.advice) };
  shellByLanguage.set(lang, texts);
  return texts;
}

function template(english: string, local: string): Template {
  // Split alternates fixed text and placeholder names: "a {x} b" → ["a ", "x", " b"].
  const parts = english.split(/\{(\w+)\}/);
  const fixed = parts.filter((_, i) => i % 2 === 0);
  const names = parts.filter((_, i) => i % 2 === 1);
  const source = fixed.map((text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('(.+?)');
  return { pattern: new RegExp(`^${source}$`, 's'), names, literal: fixed.join('').length, local };
}

function translator(templates: Template[]): Translate {
  return (english) => {
    for (const { pattern, names, local } of templates) {
      const match = pattern.exec(english);
      if (!match) continue;
      const params: Params = {};
      names.forEach((name, i) => (params[name] = match[i + 1] ?? ''));
      return interpolate(local, params);
    }
    return english;
  };
}
