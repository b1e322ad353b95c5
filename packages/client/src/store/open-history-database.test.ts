import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../logger.ts';
import { loadSqlite } from './load-sqlite.ts';
import { openHistoryDatabase } from './open-history-database.ts';

describe('openHistoryDatabase', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('keeps the history in memory, and says so, where there is no OPFS', async () => {
    const history = await openHistoryDatabase(await loadSqlite(), 'U1', silentLogger);
    expect(history.persistence).toEqual({ persistent: false, reason: 'unsupported' });
    history.db.exec('CREATE TABLE t (x)');
    await history.close(false);
  });

  it('says another tab has it when the Web Lock stays taken', async () => {
    const requested: string[] = [];
    vi.stubGlobal('navigator', {
      locks: {
        // Held elsewhere: the request waits until its signal aborts it.
        request: (name: string, options: { signal: AbortSignal }) => {
          requested.push(name);
          return new Promise((_resolve, reject) => {
            options.signal.addEventListener('abort', () => reject(options.signal.reason));
          });
        },
      },
    });
    const history = await openHistoryDatabase(await loadSqlite(), 'U1', silentLogger, 20);
    expect(history.persistence).toEqual({ persistent: false, reason: 'in-use' });
    expect(requested).toEqual(['parley-history-U1']);
    await history.close(false);
  });
});
