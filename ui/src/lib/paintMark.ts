// The console's first meaningful paint, marked in the page's own timeline
// (`performance`), where the benchmark reads it (issue 8: the cold-start
// row, tests/e2e/bench/console.mjs). The first screen with content calls it
// when it mounts; two animation frames later that screen has been painted.

export const FIRST_MEANINGFUL_PAINT = 'steward:first-meaningful-paint';

interface Timeline {
  mark(name: string): unknown;
  getEntriesByName(name: string): readonly unknown[];
}

/** Marks the first meaningful paint once; later screens change nothing. */
export function markFirstMeaningfulPaint(
  timeline: Timeline | undefined = globalThis.performance,
  frame: (callback: () => void) => unknown = (callback) => requestAnimationFrame(callback),
): void {
  if (!timeline || timeline.getEntriesByName(FIRST_MEANINGFUL_PAINT).length > 0) return;
  frame(() =>
    frame(() => {
      if (timeline.getEntriesByName(FIRST_MEANINGFUL_PAINT).length === 0) timeline.mark(FIRST_MEANINGFUL_PAINT);
    }),
  );
}
