import { Kysely, sql } from 'kysely';
import pg from 'pg';
import { ConcurrentDdlTolerantPostgresDialect } from './concurrent-ddl-tolerant-postgres-dialect.ts';
import type { Database } from './database.ts';
import type { DatabaseSchema } from './schema.ts';

const INT8_OID = 20;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

// Per pool, not the global pg.types: every pool must agree, and tests create many pools.
// Times are ms since the epoch (< 2^53), so int8 fits a JS number; count(*) is int8 too.
const types: pg.CustomTypesConfig = {
  getTypeParser: (oid, format) =>
    oid === INT8_OID && format !== 'binary' ? Number : pg.types.getTypeParser(oid, format),
};

/** Opens a pool on a PostgreSQL server, optionally confined to one schema. */
export async function openPostgresDatabase(options: {
  url: string;
  schema?: string;
  onError?: (error: Error) => void;
}): Promise<Database> {
  const { url, schema, onError } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(`invalid PostgreSQL schema name ${JSON.stringify(schema)}: use [a-z0-9_], 63 at most`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    types,
    connectionTimeoutMillis: 5_000,
    // A startup parameter rather than a SET after connect: it applies before the first query of
    // every pooled connection, with no race.
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // Without a listener, an idle connection dropped by the server would crash the process.
  pool.on('error', (error) => onError?.(error));

  const db = new Kysely<DatabaseSchema>({ dialect: new ConcurrentDdlTolerantPostgresDialect({ pool }) });
  try {
    if (schema !== undefined) await createSchemaIfMissing(db, schema);
  } catch (error) {
    await db.destroy();
    throw error;
  }

  let closing: Promise<void> | undefined;
  return {
    db,
    kind: 'postgres',
    async ping() {
      await sql`select 1`.execute(db);
    },
    close() {
      closing ??= db.destroy();
      return closing;
    },
  };
}

const DUPLICATE_SCHEMA = '42P06';
const UNIQUE_VIOLATION = '23505';

async function createSchemaIfMissing(db: Kysely<DatabaseSchema>, schema: string): Promise<void> {
  try {
    await db.schema.createSchema(schema).ifNotExists().execute();
  } catch (error) {
    // Two nodes starting together: `if not exists` still races on the catalog's unique index.
    const code = (error as { code?: unknown }).code;
    if (code !== DUPLICATE_SCHEMA && code !== UNIQUE_VIOLATION) throw error;
  }
}
