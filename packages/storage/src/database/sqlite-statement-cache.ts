import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * A better-sqlite3 connection that keeps its prepared statements for reuse. Kysely prepares every
 * query anew, and under messaging load preparing cost nearly as much as running the statements.
 * Least recently used statements are dropped past `capacity` (IN lists of varying length make
 * many distinct statements). Safe because Kysely runs one query at a time on this connection.
 */
export function withStatementCache(connection: BetterSqlite3.Database, capacity = 500): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => {
      statements.clear();
      connection.close();
    },
    prepare(sql: string): SqliteStatement {
      const cached = statements.get(sql);
      if (cached) {
        statements.delete(sql); // re-insert: Map order is recency order
        statements.set(sql, cached);
        return cached;
      }
      const statement = connection.prepare(sql) as unknown as SqliteStatement;
      statements.set(sql, statement);
      if (statements.size > capacity) statements.delete(statements.keys().next().value as string);
      return statement;
    },
  };
}
