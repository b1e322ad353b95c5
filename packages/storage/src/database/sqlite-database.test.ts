import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { describeDatabaseContract } from './database.contract.ts';
import { openDatabase } from './open-database.ts';

const root = await mkdtemp(join(tmpdir(), 'parley-sqlite-'));
afterAll(() => rm(root, { recursive: true, force: true }));

let counter = 0;
describeDatabaseContract('SQLite file', async () => {
  // A folder that does not exist yet: openDatabase creates it.
  const database = await openDatabase({ kind: 'sqlite', file: join(root, `db${++counter}`, 'parley.db') });
  return { database, dispose: () => database.close() };
});

describeDatabaseContract('SQLite in memory', async () => {
  const database = await openDatabase({ kind: 'sqlite', file: ':memory:' });
  return { database, dispose: () => database.close() };
});

describe('SQLite settings', () => {
  it('uses WAL, foreign keys and a busy timeout on a file', async () => {
    const database = await openDatabase({ kind: 'sqlite', file: join(root, 'settings', 'parley.db') });
    try {
      const pragma = async (name: string) =>
        Object.values((await sql.raw(`pragma ${name}`).execute(database.db)).rows[0] as object)[0];
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('foreign_keys')).toBe(1);
      expect(await pragma('busy_timeout')).toBe(5000);
    } finally {
      await database.close();
    }
  });
});
