import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteConnection from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import type { Database } from './database.ts';
import type { DatabaseSchema } from './schema.ts';
import { withStatementCache } from './sqlite-statement-cache.ts';
import { TransactionalSqliteDialect } from './transactional-sqlite-dialect.ts';

/** Opens (and creates) an SQLite database file, or an in-memory one for ':memory:'. */
export async function openSqliteDatabase(file: string): Promise<Database> {
  const inMemory = file === ':memory:';
  if (!inMemory) mkdirSync(dirname(file), { recursive: true });
  const connection = new SqliteConnection(file);
  // WAL lets readers run while a write is in progress; it does not apply to in-memory databases.
  if (!inMemory) connection.pragma('journal_mode = WAL');
  // In WAL mode NORMAL never corrupts the database; a power cut may lose the last commits, which
  // clients resend (message ids are idempotent). FULL would fsync on every commit, several per message.
  connection.pragma('synchronous = NORMAL');
  // Cascades depend on foreign keys, which SQLite leaves off by default (better-sqlite3's build
  // turns them on; we do not rely on how it is built).
  connection.pragma('foreign_keys = ON');
  connection.pragma('busy_timeout = 5000');

  const db = new Kysely<DatabaseSchema>({
    dialect: new TransactionalSqliteDialect({ database: withStatementCache(connection) }),
  });
  let closing: Promise<void> | undefined;
  return {
    db,
    kind: 'sqlite',
    async ping() {
      await sql`select 1`.execute(db);
    },
    close() {
      closing ??= db.destroy();
      return closing;
    },
  };
}
