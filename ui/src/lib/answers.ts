// A kept page shown again reads its data again (keptPages.svelte.ts); when
// the answer is what is already on screen, nothing is replaced, so the page
// is not rendered again for nothing (issue 8: re-rendering is what grows
// WebKit's memory).

/** Whether two answers of the server hold the same data (versions are bigints). */
export function sameAnswer(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a, bigints) === JSON.stringify(b, bigints);
}

const bigints = (_key: string, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value);
