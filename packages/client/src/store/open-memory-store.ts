import { inThreadBackend } from './in-thread-backend.ts';
import { loadSqlite } from './load-sqlite.ts';
import { LocalStore } from './local-store.ts';
import { SqlDatabase } from './sql-database.ts';
import { StoreEngine } from './store-engine.ts';

export interface MemoryStoreOptions {
  userId: string;
  now?: () => number;
}

/**
 * A store on an in-memory database in this thread, for Node (tests, tools); browsers use
 * `openLocalStore`, which keeps the database in a Worker and in OPFS.
 */
export async function openMemoryStore(options: MemoryStoreOptions): Promise<LocalStore> {
  const sqlite3 = await loadSqlite();
  const db = new SqlDatabase(new sqlite3.oo1.DB(':memory:', 'c'));
  const engine = new StoreEngine(db, options);
  return new LocalStore(inThreadBackend(engine, { persistent: false, reason: 'unsupported' }));
}
