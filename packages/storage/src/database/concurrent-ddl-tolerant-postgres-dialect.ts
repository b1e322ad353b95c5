import {
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type DatabaseMetadataOptions,
  type Kysely,
  PostgresDialect,
  type SchemaMetadata,
  type TableMetadata,
} from 'kysely';

// Errors PostgreSQL raises when a schema or table disappears while a catalog query reads it.
const VANISHED = new Set(['3F000', '42P01', 'XX000']);
const ATTEMPTS = 5;

/**
 * Kysely's PostgreSQL dialect, with an introspector that survives concurrent DROP SCHEMA.
 *
 * Kysely's Migrator introspects every table of every schema, calling has_schema_privilege(name)
 * per row; when another test suite drops its schema mid-query, that call fails with
 * 'schema does not exist' and the migration with it. The catalog read is retried instead.
 */
export class ConcurrentDdlTolerantPostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    const introspector = super.createIntrospector(db);
    return {
      getSchemas: (): Promise<SchemaMetadata[]> => retry(() => introspector.getSchemas()),
      getTables: (options?: DatabaseMetadataOptions): Promise<TableMetadata[]> =>
        retry(() => introspector.getTables(options)),
      getMetadata: (options?: DatabaseMetadataOptions): Promise<DatabaseMetadata> =>
        retry(() => introspector.getMetadata(options)),
    };
  }
}

async function retry<T>(read: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await read();
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      if (attempt >= ATTEMPTS || typeof code !== 'string' || !VANISHED.has(code)) throw error;
    }
  }
}
