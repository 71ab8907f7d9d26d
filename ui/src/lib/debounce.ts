// As-you-type checks through IPC: wait until typing pauses, and never let a
// slow answer for older input overwrite the answer for newer input.

export const TYPING_PAUSE_MS = 250;

export interface DebouncedCheck<I> {
  /** Checks `input` once typing pauses; replaces any check not yet answered. */
  schedule(input: I): void;
  /** Drops the scheduled check and any answer still on its way. */
  cancel(): void;
}

export function debouncedCheck<I, O>(
  check: (input: I) => Promise<O>,
  apply: (output: O, input: I) => void,
  onError: (reason: unknown) => void = () => {},
  delay: number = TYPING_PAUSE_MS,
): DebouncedCheck<I> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Every schedule or cancel bumps this; an answer applies only if it is the latest.
  let generation = 0;

  return {
    schedule(input) {
      if (timer !== undefined) clearTimeout(timer);
      const mine = ++generation;
      timer = setTimeout(() => {
        timer = undefined;
        check(input).then(
          (output) => {
            if (mine === generation) apply(output, input);
          },
          (reason: unknown) => {
            if (mine === generation) onError(reason);
          },
        );
      }, delay);
    },
    cancel() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      generation++;
    },
  };
}
