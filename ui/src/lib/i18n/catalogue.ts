// The message catalogues, one file per area in ./areas (English and German
// side by side). To add an area: add `areas/<name>.ts` (see areas/common.ts)
// and its line in areas/index.ts; its keys are then `t('<name>.<key>')`, and
// the type check holds its German to exactly its English keys.

import type { Messages } from './area';
import * as areas from './areas';

export const AREAS = areas satisfies Record<string, { en: Messages; de: Messages }>;

type Areas = typeof AREAS;

/** Every key `t()` knows: "<area>.<key>". */
export type MessageKey = {
  [A in keyof Areas & string]: `${A}.${keyof Areas[A]['en'] & string}`;
}[keyof Areas & string];
