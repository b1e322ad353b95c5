import type { Database, Sqlite3Static } from '@sqlite.org/sqlite-wasm';
import type { Logger } from '../logger.ts';
import type { Persistence } from './local-store.ts';

export interface HistoryDatabase {
  db: Database;
  persistence: Persistence;
  /** Closes the database and, with `destroy`, deletes its files. */
  close(destroy: boolean): Promise<void>;
}

/**
 * Opens an account's history in OPFS through the `opfs-sahpool` VFS, which needs neither
 * SharedArrayBuffer nor COOP/COEP headers, only a Worker. One tab at a time may hold it (the
 * VFS keeps exclusive access handles): a Web Lock tells a second tab that it is `in-use`
 * instead of letting it fail on the handles. Without OPFS, or without the lock, the history is
 * an in-memory database for as long as the tab lives.
 */
export async function openHistoryDatabase(
  sqlite3: Sqlite3Static,
  userId: string,
  logger: Logger,
  lockWaitMs = defaultLockWaitMs,
): Promise<HistoryDatabase> {
  const release = await holdLock(`parley-history-${userId}`, lockWaitMs);
  if (release === null) return inMemory(sqlite3, { persistent: false, reason: 'in-use' });
  try {
    // One directory per account: two accounts in one browser never share a pool or a file.
    const pool = await sqlite3.installOpfsSAHPoolVfs({ directory: `.parley-history-${userId}` });
    const db = new pool.OpfsSAHPoolDb('/history.sqlite3');
    return {
      db,
      persistence: { persistent: true },
      async close(destroy) {
        db.close();
        if (destroy) await pool.removeVfs();
        release();
      },
    };
  } catch (error) {
    logger.warn({ error }, 'OPFS is not available: keeping the history in memory');
    release();
    return inMemory(sqlite3, { persistent: false, reason: 'unsupported' });
  }
}

function inMemory(sqlite3: Sqlite3Static, persistence: Persistence): HistoryDatabase {
  const db = new sqlite3.oo1.DB(':memory:', 'c');
  return {
    db,
    persistence,
    async close() {
      db.close();
    },
  };
}

/**
 * How long to wait for the lock before deciding another tab holds it. After a reload, the old
 * page's Worker can keep the lock (and the VFS's file handles) for a moment after the new page
 * starts; without waiting, a reload would open an in-memory history.
 */
const defaultLockWaitMs = 3_000;

/**
 * Takes the named Web Lock, waiting up to `waitMs`, and keeps it until released (or the
 * Worker ends). Returns the release function, or null when another tab keeps the lock.
 */
async function holdLock(name: string, waitMs: number): Promise<(() => void) | null> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  // Without Web Locks there is no way to ask; the VFS's exclusive handles still protect the files.
  if (!locks) return () => {};
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), waitMs);
  return new Promise((resolve) => {
    locks
      .request(name, { signal: controller.signal }, () => {
        clearTimeout(timer);
        return new Promise<void>((release) => resolve(release));
      })
      // Aborted while waiting: another tab is using the history.
      .catch(() => resolve(null));
  });
}
