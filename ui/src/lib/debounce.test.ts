import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { debouncedCheck } from './debounce';
import { deferred } from './testing/fakeApi';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('debouncedCheck', () => {
  it('checks the last input once typing pauses', async () => {
    const check = vi.fn((s: string) => Promise.resolve(s.length));
    const apply = vi.fn();
    const d = debouncedCheck(check, apply, undefined, 250);
    d.schedule('a');
    await vi.advanceTimersByTimeAsync(100);
    d.schedule('ab');
    await vi.advanceTimersByTimeAsync(249);
    expect(check).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(check).toHaveBeenCalledExactlyOnceWith('ab');
    expect(apply).toHaveBeenCalledWith(2, 'ab');
  });

  it('drops answers for input that is no longer the latest, and after cancel', async () => {
    const slow = deferred<number>();
    const check = vi.fn<(s: string) => Promise<number>>().mockReturnValueOnce(slow.promise).mockResolvedValue(9);
    const apply = vi.fn();
    const onError = vi.fn();
    const d = debouncedCheck(check, apply, onError, 10);
    d.schedule('old');
    await vi.advanceTimersByTimeAsync(10);
    d.schedule('new');
    await vi.advanceTimersByTimeAsync(10);
    slow.resolve(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(apply.mock.calls).toEqual([[9, 'new']]);

    d.schedule('gone');
    d.cancel();
    await vi.advanceTimersByTimeAsync(50);
    expect(check).toHaveBeenCalledTimes(2);
  });

  it('reports a failed check', async () => {
    const onError = vi.fn();
    const d = debouncedCheck(() => Promise.reject(new Error('x')), vi.fn(), onError, 10);
    d.schedule('a');
    await vi.advanceTimersByTimeAsync(10);
    expect(onError).toHaveBeenCalledOnce();
  });
});
