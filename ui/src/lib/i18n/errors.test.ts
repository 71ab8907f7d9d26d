import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '.';
import { localError } from './errors';

afterEach(() => setLanguage('en'));

const unreachable = {
  code: 'server_unreachable' as const,
  message: "Can't reach the Steward server at http://127.0.0.1:9",
  advice: 'Check your network connection and the server address, then try again.',
};

describe('the console’s own errors in the chosen language (issue 9)', () => {
  it('English shows the shell’s own text, details included', () => {
    expect(localError(unreachable)).toEqual({ message: unreachable.message, advice: unreachable.advice });
  });

  it('German shows the catalogue’s text for codes with a fixed meaning', async () => {
    await setLanguage('de');
    expect(localError(unreachable)).toEqual({
      message: 'Steward erreicht den Server nicht',
      advice: 'Prüfen Sie die Netzwerkverbindung und die Serveradresse und versuchen Sie es erneut.',
    });
    // No advice of its own: none invented.
    expect(localError({ code: 'operation_cancelled', message: 'Cancelled. Nothing was saved.' })).toEqual({
      message: 'Abgebrochen. Es wurde nichts gespeichert.',
      advice: undefined,
    });
  });

  it('what the server said in its own words is shown as it came', async () => {
    await setLanguage('de');
    const conflict = { code: 'conflict' as const, message: 'This invitation is no longer valid. Ask for a new one.' };
    expect(localError(conflict)).toEqual({ message: conflict.message, advice: undefined });
  });
});
