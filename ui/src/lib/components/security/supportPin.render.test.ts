// Server-side renders of the support PIN card (PR-10): the test ids, wording
// and accessibility hooks the desktop tests look for. (Behaviour is tested
// on the controller.)

import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { NO_ACTIONS } from '../../actions';
import {
  EMPTY_SUPPORT_PIN,
  pinExplainer,
  pinRules,
  PIN_SAVE_KEY,
  type SupportPinController,
  type SupportPinState,
} from '../../support/pin';
import { PIN_SET_AT } from '../../testing/support';
import SupportPinCard from './SupportPinCard.svelte';

const ctl = { runner: {} } as SupportPinController;
const clean = (html: string) => html.replace(/<!--[\s\S]*?-->/g, '');
const text = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
const tag = (html: string, testid: string) => {
  const match = html.match(new RegExp(`<[a-z]+[^>]*data-testid="${testid}"[^>]*>`));
  if (!match) throw new Error(`no ${testid}`);
  return match[0];
};

function card(state: Partial<SupportPinState> = {}): string {
  const support: SupportPinState = { ...EMPTY_SUPPORT_PIN, status: 'ready', pin: { is_set: false }, ...state };
  return clean(render(SupportPinCard, { props: { support, ctl } }).body);
}

describe('the support PIN card', () => {
  it('explains what the PIN is for, and that none is set', () => {
    const html = card();
    expect(html).toContain('data-testid="support-pin-card"');
    expect(text(html)).toContain(pinExplainer());
    expect(text(html)).toContain('No support PIN is set.');
    expect(text(html)).toContain(pinRules());
    expect(text(tag(html, 'support-pin-save'))).toBe('');
    expect(html).toMatch(/data-testid="support-pin-save"[^>]*>\s*Set PIN\s*</);
    expect(html).not.toContain('data-testid="support-pin-clear"');
  });

  it('takes the PIN in a password field with a numeric keypad, labelled, never prefilled', () => {
    const input = tag(card(), 'support-pin-input');
    expect(input).toContain('type="password"');
    expect(input).toContain('inputmode="numeric"');
    expect(input).toContain('id="support-pin"');
    expect(input).toContain('aria-describedby="support-pin-feedback"');
    expect(input).not.toMatch(/value="[^"]/);
    expect(card()).toMatch(/<label for="support-pin">Support PIN<\/label>/);
  });

  it('says since when one is set, and offers to change or remove it', () => {
    const html = card({ pin: { is_set: true, set_at: PIN_SET_AT } });
    expect(text(html)).toMatch(/Set A support PIN is set\. You set it on .+2026\./);
    expect(html).toMatch(/<label for="support-pin">New support PIN<\/label>/);
    expect(html).toMatch(/data-testid="support-pin-save"[^>]*>\s*Change PIN\s*</);
    expect(html).toContain('data-testid="support-pin-clear"');
  });

  it('shows the server’s words for the PIN next to the field', () => {
    const errors = {
      [PIN_SAVE_KEY]: {
        code: 'invalid_input' as const,
        message: 'The PIN was not saved.',
        fields: [{ field: 'pin', rule: 'guessable', message: 'Choose digits that are not all the same or in a run.' }],
      },
    };
    const html = card({ actions: { ...NO_ACTIONS, errors } });
    expect(tag(html, 'support-pin-input')).toContain('aria-invalid="true"');
    expect(tag(html, 'field-error-pin')).toBeTruthy();
    expect(text(html)).toContain('Choose digits that are not all the same or in a run.');
  });

  it('offers to try again when it could not load', () => {
    const html = card({ status: 'failed', pin: undefined, loadError: { code: 'server_unreachable', message: 'No server.' } });
    expect(html).toContain('data-testid="support-pin-load-error"');
    expect(html).not.toContain('data-testid="support-pin-input"');
  });
});
