import type { Database, DatabaseOptions } from './database.ts';
import { openSqliteDatabase } from './open-sqlite-database.ts';

/** Opens the database described by `options`. Run `migrateToLatest` before use. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  switch (options.kind) {
    case 'sqlite':
      return openSqliteDatabase(options.file);
    case 'postgres':
      // Loaded on demand: an embedded server never needs the PostgreSQL driver.
      return (await import('./open-postgres-database.ts')).openPostgresDatabase(options);
  }
}
