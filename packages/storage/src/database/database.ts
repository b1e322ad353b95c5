import type { Kysely } from 'kysely';
import type { DatabaseSchema } from './schema.ts';

/** Where the database lives: an SQLite file (embedded mode) or a PostgreSQL server (scaled mode). */
export type DatabaseOptions =
  | {
      kind: 'sqlite';
      /** Path of the database file, or ':memory:'. Its parent folder is created if missing. */
      file: string;
    }
  | {
      kind: 'postgres';
      /** A postgres:// connection URL. */
      url: string;
      /** Schema to use instead of `public`; created if missing. Test suites each get their own. */
      schema?: string;
      /** Errors of idle pooled connections (e.g. the server restarted); the pool replaces them. */
      onError?: (error: Error) => void;
    };

/** An open database: Kysely for queries, plus the lifecycle the server needs. */
export interface Database {
  db: Kysely<DatabaseSchema>;
  kind: 'sqlite' | 'postgres';
  /** Throws when the database cannot be reached (for /readyz). */
  ping(): Promise<void>;
  /** Closes every connection; calling it again does nothing. */
  close(): Promise<void>;
}
