import { describe, expect, it } from 'vitest';
import { connectionMessage, persistenceNotice } from './connection-words.ts';

describe('connection words', () => {
  it('says what is going on in plain words', () => {
    expect(connectionMessage({ status: 'connecting' })).toBe('Connecting…');
    expect(connectionMessage({ status: 'reconnecting', attempt: 2, retryAt: 0 })).toBe('Connecting…');
    expect(connectionMessage({ status: 'connected' })).toBe('Updating…');
    expect(connectionMessage({ status: 'caught-up' })).toBeNull();
    expect(connectionMessage({ status: 'offline', reason: 'no-network' })).toBe('Waiting for network');
    expect(connectionMessage({ status: 'offline', reason: 'other-tab' })).toMatch(
      /^Parley is open in another tab/,
    );
    expect(connectionMessage({ status: 'offline', reason: 'stopped' })).toBeNull();
  });

  it('warns when history is not kept', () => {
    expect(persistenceNotice({ persistent: false, reason: 'unsupported' })).toBe(
      'History is kept only until you close this tab.',
    );
    expect(persistenceNotice({ persistent: false, reason: 'in-use' })).toBeNull();
    expect(persistenceNotice({ persistent: true })).toBeNull();
  });
});
