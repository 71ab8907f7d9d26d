// The same mark as the console's first meaningful paint
// (ui/src/lib/paintMark.ts): two animation frames after the page's content
// is in place, so both are timed by the same clock (tests/e2e/bench/console.mjs).
requestAnimationFrame(() =>
  requestAnimationFrame(() => performance.mark('steward:first-meaningful-paint')),
);
