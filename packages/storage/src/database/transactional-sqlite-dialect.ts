import { type DialectAdapter, SqliteAdapter, SqliteDialect } from 'kysely';

// Kysely's SqliteAdapter says SQLite has no transactional DDL, so its Migrator would run migrations
// outside a transaction and a failed migration could leave half its tables behind. SQLite does roll
// back CREATE TABLE and CREATE INDEX, so we let the Migrator use a transaction.
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/** Kysely's SQLite dialect, with migrations run inside a transaction. */
export class TransactionalSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalSqliteAdapter();
  }
}
