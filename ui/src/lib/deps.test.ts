import { describe, expect, it, vi } from 'vitest';
import { failure, liveDeps, type SectionDeps } from './deps';
import { unexpectedApi } from './testing/fakeApi';
import { customerSession, sessionExpired } from './testing/fixtures';

const make = (): SectionDeps => ({ api: unexpectedApi(), sessionEnded: vi.fn(), sessionRenewed: vi.fn() });

describe('failure', () => {
  it('normalises, and hands only an expired session to the shell', () => {
    const deps = make();
    expect(failure(deps, 'boom')).toEqual({ code: 'other', message: 'boom' });
    expect(deps.sessionEnded).not.toHaveBeenCalled();
    expect(failure(deps, sessionExpired)).toEqual(sessionExpired);
    expect(deps.sessionEnded).toHaveBeenCalledWith(sessionExpired);
  });
});

describe('liveDeps', () => {
  it('always reaches the current deps', () => {
    let current = make();
    const live = liveDeps(() => current);
    const first = current;
    current = make();
    live.sessionRenewed(customerSession);
    live.sessionEnded(sessionExpired);
    expect(live.api).toBe(current.api);
    expect(current.sessionRenewed).toHaveBeenCalledWith(customerSession);
    expect(current.sessionEnded).toHaveBeenCalledWith(sessionExpired);
    expect(first.sessionRenewed).not.toHaveBeenCalled();
  });
});
