// What every field of the profile form needs, passed as one prop.

import type { FieldSpec } from '../generated/FieldSpec';
import type { ListPath, ProfileDraft } from './draft';
import type { FieldErrors } from './fields';

export interface FieldContext {
  draft: ProfileDraft;
  errors: FieldErrors;
  specs: readonly FieldSpec[];
  /** No `profile_write` on this account: values only, no edit controls. */
  readonly: boolean;
  edit(path: string, value: string): void;
  add(list: ListPath): void;
  remove(list: ListPath, index: number): void;
  requestCorrection(path: string): void;
}
