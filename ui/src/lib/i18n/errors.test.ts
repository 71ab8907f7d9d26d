import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '.';
import germanShellErrors from './areas/de/shellErrors';
import shellErrors from './areas/shellErrors';
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

  it('what the server said in its own words is shown as it came, the shell’s advice in German', async () => {
    await setLanguage('de');
    const conflict = { code: 'conflict' as const, message: 'This invitation is no longer valid. Ask for a new one.' };
    expect(localError(conflict)).toEqual({ message: conflict.message, advice: undefined });
    // The server words its problems in the reader's language; the advice under them is the shell's.
    const invalid = {
      code: 'invalid_input' as const,
      message: 'Die Eingaben sind ungültig: Die E-Mail-Adresse ist bereits vergeben.',
      advice: 'Correct the highlighted fields, then save again.',
    };
    expect(localError(invalid)).toEqual({
      message: invalid.message,
      advice: 'Korrigieren Sie die markierten Felder und speichern Sie dann erneut.',
    });
  });

  it('German shows the shell’s own texts translated, their details kept', async () => {
    await setLanguage('de');
    expect(
      localError({
        code: 'other',
        message: 'Could not write /home/kim/export.zip: Permission denied (os error 13)',
        advice: 'Check that the folder exists, that you can write to it and that the disk has room, then try again.',
      }),
    ).toEqual({
      message: '/home/kim/export.zip konnte nicht geschrieben werden: Permission denied (os error 13)',
      advice:
        'Prüfen Sie, ob der Ordner existiert, ob Sie darin schreiben dürfen und ob auf dem Datenträger Platz ist, und versuchen Sie es erneut.',
    });
  });

  it('German prefers the template that says the most: an optional part, a special case', async () => {
    await setLanguage('de');
    const shown = (message: string) => localError({ code: 'other', message }).message;
    expect(shown('Sign-in failed: server_error')).toBe('Anmeldung fehlgeschlagen: server_error');
    expect(shown('Sign-in failed: server_error (The vault (EU) is down)')).toBe(
      'Anmeldung fehlgeschlagen: server_error (The vault (EU) is down)',
    );
    expect(shown('Sign-in was refused (HTTP 401): Falsches Passwort')).toBe(
      'Die Anmeldung wurde abgelehnt (HTTP 401): Falsches Passwort',
    );
    expect(shown('Could not save the invoice: No space left on device (os error 28)')).toBe(
      'Die Rechnung konnte nicht gespeichert werden: No space left on device (os error 28)',
    );
    expect(shown('Could not save the connection: disk full')).toBe(
      'Die Verbindung konnte nicht gespeichert werden: disk full',
    );
    expect(shown('Could not save the export as /home/kim/export.zip: Read-only file system (os error 30)')).toBe(
      'Der Export konnte nicht als /home/kim/export.zip gespeichert werden: Read-only file system (os error 30)',
    );
  });

  it('a code with a fixed meaning but no advice of its own gets the shell’s advice in German', async () => {
    await setLanguage('de');
    expect(
      localError({
        code: 'sign_in_cancelled',
        message: 'Sign-in did not finish within 300 seconds',
        advice: 'Start the sign-in again and complete it in the browser window that opens.',
      }),
    ).toEqual({
      message: 'Anmeldung abgebrochen.',
      advice: 'Starten Sie die Anmeldung erneut und schließen Sie sie in dem Browserfenster ab, das sich dann öffnet.',
    });
  });

  it('German passes a text it does not know through unchanged', async () => {
    await setLanguage('de');
    const unknown = {
      code: 'other' as const,
      message: 'Something the shell has never said before',
      advice: 'Correct the highlighted fields, then save again, please.',
    };
    expect(localError(unknown)).toEqual({ message: unknown.message, advice: unknown.advice });
  });

  it('English shows every text as it came', () => {
    for (const error of [
      { code: 'other' as const, message: 'Could not write /tmp/x: Permission denied', advice: 'Sign in again.' },
      {
        code: 'invalid_input' as const,
        message: 'Invalid.',
        advice: 'Correct the highlighted fields, then save again.',
      },
      { code: 'conflict' as const, message: 'This invitation is no longer valid. Ask for a new one.' },
    ]) {
      expect(localError(error)).toEqual({ message: error.message, advice: error.advice });
    }
  });

  it('German recognises every shell template, values filled in', async () => {
    await setLanguage('de');
    const fill = (text: string) => text.replace(/\{(\w+)\}/g, (_, name: string) => `«${name}»`);
    const german: Record<string, string> = germanShellErrors;
    for (const [key, english] of Object.entries(shellErrors)) {
      const error = key.startsWith('advice.')
        ? { code: 'other' as const, message: 'x', advice: fill(english) }
        : { code: 'other' as const, message: fill(english) };
      const shown = localError(error);
      expect(key.startsWith('advice.') ? shown.advice : shown.message, key).toBe(fill(german[key] ?? key));
    }
  });
});
