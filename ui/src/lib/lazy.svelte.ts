// Code fetched on first use rather than parsed at start-up: the signed-in
// shell, each of its sections and the German texts are chunks of their own,
// so the start screen parses only what it shows.

export interface Lazy<T> {
  /** What was loaded, once it is here: Svelte state, so a page shows it when it arrives. */
  readonly current: T | undefined;
  /** Loads it, once: callers share the load in flight; after a failure the next call tries again. */
  load(): Promise<T>;
}

export function lazy<T>(load: () => Promise<{ default: T }>): Lazy<T> {
  let current = $state.raw<T>();
  let pending: Promise<T> | undefined;
  return {
    get current() {
      return current;
    },
    load() {
      pending ??= load().then(
        (module) => (current = module.default),
        (reason: unknown) => {
          pending = undefined;
          throw reason;
        },
      );
      return pending;
    },
  };
}
