import { afterEach, describe, expect, it, vi } from 'vitest';
import { copyText } from './clipboard';

afterEach(() => vi.unstubAllGlobals());

describe('copyText', () => {
  it('writes the text and says it did', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    expect(await copyText('report')).toBe(true);
    expect(writeText).toHaveBeenCalledExactlyOnceWith('report');
  });

  it('says it did not when the webview refuses the write', async () => {
    const writeText = vi.fn(() => Promise.reject(new DOMException('Denied', 'NotAllowedError')));
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    expect(await copyText('report')).toBe(false);
  });

  it('says it did not when there is no clipboard to write to', async () => {
    vi.stubGlobal('navigator', {});
    expect(await copyText('report')).toBe(false);
  });
});
