import { describe, expect, it, vi } from 'vitest';
import { lazy } from './lazy.svelte';
import { deferred } from './testing/fakeApi';

describe('lazy', () => {
  it('loads nothing until asked, then once for every caller', async () => {
    const chunk = deferred<{ default: string }>();
    const load = vi.fn(() => chunk.promise);
    const page = lazy(load);
    expect(load).not.toHaveBeenCalled();
    expect(page.current).toBeUndefined();

    const first = page.load();
    const second = page.load();
    expect(load).toHaveBeenCalledOnce();
    chunk.resolve({ default: 'page' });
    expect(await first).toBe('page');
    expect(await second).toBe('page');
    expect(page.current).toBe('page');
    expect(await page.load()).toBe('page');
    expect(load).toHaveBeenCalledOnce();
  });

  it('tries again after a failed load', async () => {
    const load = vi
      .fn<() => Promise<{ default: string }>>()
      .mockRejectedValueOnce(new TypeError('Importing a module script failed.'))
      .mockResolvedValue({ default: 'page' });
    const page = lazy(load);
    await expect(page.load()).rejects.toThrow('Importing a module script failed.');
    expect(page.current).toBeUndefined();
    expect(await page.load()).toBe('page');
    expect(page.current).toBe('page');
    expect(load).toHaveBeenCalledTimes(2);
  });
});
