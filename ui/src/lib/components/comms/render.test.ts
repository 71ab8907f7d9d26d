// Server-side renders of the Communications parts: each state shows the test
// ids, wording and accessibility hooks the desktop tests look for.
// (Behaviour is tested on the controller; these check what is on screen.)

import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { NO_ACTIONS } from '../../actions';
import { cellKey, conflictMessage, EMPTY_COMMS, type CommsController, type CommsState } from '../../comms/controller';
import { LOCKED_REASON, prefs, receipt, type Cells } from '../../testing/comms';
import PreferenceMatrix from './PreferenceMatrix.svelte';
import ReceiptsCard from './ReceiptsCard.svelte';

const ctl = {} as CommsController;

function matrix(cells: Cells = {}, state: Partial<CommsState> = {}, demo = false): string {
  const p = prefs(cells, 3);
  const comms: CommsState = { ...EMPTY_COMMS, status: 'ready', prefs: p, ...state };
  return render(PreferenceMatrix, { props: { comms, prefs: p, ctl, demo } }).body;
}

/** The `<input>` of one cell. */
function input(html: string, purpose: string, channel: string): string {
  const match = html.match(
    new RegExp(`<input[^>]*data-purpose="${purpose}"[^>]*data-channel="${channel}"[^>]*>`),
  );
  if (!match) throw new Error(`no cell ${purpose}/${channel}`);
  return match[0];
}

/** The text of the `<label>` around one cell's box: its accessible name. */
function labelText(html: string, purpose: string, channel: string): string {
  const at = html.indexOf(input(html, purpose, channel));
  const end = html.indexOf('</label>', at);
  return html
    .slice(at, end)
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('the matrix', () => {
  it('has a real checkbox per purpose and channel, named by both', () => {
    const html = matrix();
    expect(html.match(/type="checkbox"/g)).toHaveLength(24);
    expect(html.match(/data-testid="comm-cell"/g)).toHaveLength(24);
    expect(labelText(html, 'newsletters', 'email')).toBe('Newsletters and product ideas by e-mail');
    expect(labelText(html, 'usage_trends', 'in_app')).toBe('Usage and trends in the app');
    for (const heading of ['E-mail', 'Post', 'Telephone', 'In the app']) {
      expect(html).toContain(`<th scope="col" class="channel`);
      expect(html).toContain(`>${heading}</th>`);
    }
  });

  it('checks what is on, with the state on each cell', () => {
    const html = matrix({ 'usage_trends/postal': 'on' });
    expect(input(html, 'usage_trends', 'postal')).toMatch(/checked/);
    expect(input(html, 'usage_trends', 'postal')).toContain('data-state="on"');
    expect(input(html, 'newsletters', 'postal')).not.toMatch(/checked/);
    expect(input(html, 'newsletters', 'postal')).toContain('data-state="off"');
  });

  it('tags the promotional purposes', () => {
    expect(matrix().match(/data-testid="comm-promotional"/g)).toHaveLength(2);
  });

  it('shows a pending cell checked, with its note', () => {
    const html = matrix({ 'newsletters/email': 'pending' });
    const box = input(html, 'newsletters', 'email');
    expect(box).toMatch(/checked/);
    expect(box).toContain('data-state="pending"');
    expect(box).toContain('aria-describedby="comm-pending-newsletters-email"');
    expect(html).toMatch(/id="comm-pending-newsletters-email"[^>]*data-testid="comm-pending"/);
    expect(html).toContain('Awaiting your confirmation — check your e-mail');
    expect(html).toContain('data-testid="comm-refresh"');
    expect(html).not.toContain('Demo mailbox');
    expect(matrix({ 'newsletters/email': 'pending' }, {}, true)).toContain('Demo mailbox below');
    expect(matrix()).not.toContain('data-testid="comm-pending');
  });

  it('shows a locked cell checked and disabled, its reason written out next to the row', () => {
    const html = matrix();
    const box = input(html, 'support_maintenance', 'email');
    expect(box).toMatch(/checked/);
    expect(box).toMatch(/disabled/);
    expect(box).toContain('aria-describedby="comm-locked-support_maintenance-email"');
    expect(html.match(/data-testid="comm-locked-reason"/g)).toHaveLength(1);
    expect(html).toContain(LOCKED_REASON);
    expect(html).toContain('E-mail is always on.');
    expect(input(html, 'support_maintenance', 'postal')).not.toMatch(/disabled/);
  });

  it('marks the saving cell busy and the others unavailable meanwhile', () => {
    const html = matrix({}, { actions: { ...NO_ACTIONS, busy: cellKey('usage_trends', 'email') } });
    expect(input(html, 'usage_trends', 'email')).toContain('data-busy="true"');
    expect(input(html, 'usage_trends', 'postal')).toContain('data-busy="false"');
    expect(input(html, 'usage_trends', 'postal')).toContain('aria-disabled="true"');
    expect(html).toContain('Saving…');
    expect(input(matrix(), 'usage_trends', 'postal')).not.toContain('aria-disabled');
  });

  it('says what turning off curtails before it does', () => {
    const html = matrix(
      {},
      {
        confirming: {
          purpose: 'status_information',
          channel: 'email',
          curtails: 'You will not get invoice and usage notices by e-mail; they stay in the console.',
        },
      },
    );
    expect(html).toContain('data-testid="comm-curtail"');
    expect(html).toContain('Turn off “Status: account usage, billing, system status” by e-mail?');
    expect(html).toContain('You will not get invoice and usage notices by e-mail; they stay in the console.');
    expect(html).toContain('data-testid="comm-curtail-confirm"');
    expect(html).toContain('data-testid="comm-curtail-cancel"');
    expect(matrix()).not.toContain('data-testid="comm-curtail"');
  });

  it('shows a conflict with the current choices', () => {
    const html = matrix({}, { conflict: true });
    expect(html).toContain('data-testid="comm-conflict"');
    expect(html).toContain(conflictMessage().replace(/'/g, '&#39;').replace(/;/g, ';'));
    expect(matrix()).not.toContain('data-testid="comm-conflict"');
  });

  it('offers "Unsubscribe from all promotional communications" and a status line', () => {
    const done = { ...NO_ACTIONS, done: { key: 'unsubscribe', message: 'Unsubscribed from all promotional communications.' } };
    const html = matrix({}, { actions: done });
    expect(html).toContain('data-testid="comm-unsubscribe-all"');
    expect(html).toMatch(/data-testid="comm-status"[^>]*>[\s\S]*Unsubscribed from all promotional communications\./);
    const failed = matrix({}, { actions: { ...NO_ACTIONS, errors: { 'cell:usage_trends/email': { code: 'other', message: 'No.' } } } });
    expect(failed).toContain('data-testid="comm-error"');
  });
});

describe('consent receipts', () => {
  function receipts(state: Partial<CommsState['receipts']>): string {
    const comms: CommsState = {
      ...EMPTY_COMMS,
      prefs: prefs(),
      receipts: { status: 'ready', items: [], loadingMore: false, ...state },
    };
    return render(ReceiptsCard, { props: { comms, ctl } }).body;
  }

  it('says what, from and to, how, who and under which policy', () => {
    const html = receipts({
      items: [
        receipt(3, { subject: 'status_information/postal', old_state: 'off', new_state: 'on' }),
        receipt(2, {
          source: 'staff',
          actor: { name: 'Sam Agent', kind: 'staff' },
          reason: 'Customer asked by phone',
          subject: 'newsletters/telephone',
          old_state: 'on',
          new_state: 'off',
        }),
        receipt(1, { source: 'opt_in_confirmation', old_state: 'pending', new_state: 'on' }),
      ],
    });
    expect(html.match(/data-testid="receipt-row"/g)).toHaveLength(3);
    expect(html).toContain('Status: account usage, billing, system status');
    expect(html).toMatch(/data-testid="receipt-channel"[^>]*>(<[^>]*>[^<]*<\/span>)?Post</);
    expect(html).toContain('In the console');
    expect(html).toContain('By staff');
    expect(html).toContain('Confirmed from e-mail');
    expect(html).toContain('Sam Agent (staff)');
    expect(html).toContain('Reason: Customer asked by phone');
    expect(html).toContain('Pending confirmation');
    expect(html).toContain('privacy-policy-2013');
    expect(html).toContain('nobody can edit or delete a');
    expect(html).not.toContain('data-testid="receipts-more"');
  });

  it('reads the Privacy page’s cookie and sharing receipts in words, without a channel', () => {
    const html = receipts({
      items: [
        receipt(4, { subject: 'cookies/analytics', old_state: 'not_chosen', new_state: 'accepted' }),
        receipt(3, { subject: 'cookies/preferences', old_state: 'accepted', new_state: 'refused' }),
        receipt(2, { subject: 'sharing/all', old_state: 'share', new_state: 'do_not_share' }),
        receipt(1, { subject: 'sharing/tally-insights', old_state: 'do_not_share', new_state: 'share' }),
      ],
    });
    const rows = html.match(/<tr data-testid="receipt-row"[\s\S]*?<\/tr>/g) ?? [];
    const words = rows.map((r) =>
      r
        .replace(/<!--[\s\S]*?-->/g, '')
        .replace(/<[^>]*>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    );
    expect(words[0]).toContain('Analytics cookies Not chosen → to Accepted');
    expect(words[1]).toContain('Preference cookies Accepted → to Refused');
    expect(words[2]).toContain('Sharing with all service partners Shared → to Not shared');
    expect(words[3]).toContain('Sharing with Tally Insights Not shared → to Shared');
    expect(html).not.toContain('data-testid="receipt-channel"');
  });

  it('offers "Load more" while there are older receipts', () => {
    const html = receipts({ items: [receipt(1)], nextCursor: 'c2' });
    expect(html).toContain('data-testid="receipts-more"');
    expect(html).toContain('Load more');
  });

  it('says when there are none yet', () => {
    expect(receipts({})).toContain('No receipts yet');
  });
});
