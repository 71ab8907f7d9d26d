import { describe, expect, it } from 'vitest';
import { FIRST_MEANINGFUL_PAINT, markFirstMeaningfulPaint } from './paintMark';

function timeline() {
  const marks: string[] = [];
  return {
    marks,
    mark: (name: string) => marks.push(name),
    getEntriesByName: (name: string) => marks.filter((m) => m === name),
  };
}

function frames() {
  const queue: (() => void)[] = [];
  return {
    request: (callback: () => void) => queue.push(callback),
    run: () => queue.splice(0).forEach((callback) => callback()),
  };
}

describe('the first meaningful paint mark (issue 8, cold start)', () => {
  it('is set two frames after the first screen mounts, so that screen has been painted', () => {
    const t = timeline();
    const f = frames();
    markFirstMeaningfulPaint(t, f.request);
    expect(t.marks).toEqual([]);
    f.run();
    expect(t.marks).toEqual([]);
    f.run();
    expect(t.marks).toEqual([FIRST_MEANINGFUL_PAINT]);
  });

  it('is set once: later screens (sign-in, another start screen) do not move it', () => {
    const t = timeline();
    const f = frames();
    markFirstMeaningfulPaint(t, f.request);
    markFirstMeaningfulPaint(t, f.request);
    f.run();
    f.run();
    markFirstMeaningfulPaint(t, f.request);
    f.run();
    f.run();
    expect(t.marks).toEqual([FIRST_MEANINGFUL_PAINT]);
  });

  it('does nothing where there is no timeline', () => {
    expect(() => markFirstMeaningfulPaint(undefined, () => {})).not.toThrow();
  });
});
