import { type Migration, Migrator, sql } from 'kysely';
import type { Database } from './database.ts';
import { migrations as allMigrations } from './migrations/index.ts';

/**
 * Applies the migrations not applied yet, in one transaction, and returns their names (empty when
 * the database is up to date). Safe to call from several nodes at once on PostgreSQL: Kysely's
 * Migrator holds an advisory lock while it runs. Throws the first migration's error.
 */
export async function migrateToLatest(
  database: Database,
  migrations: Record<string, Migration> = allMigrations,
): Promise<string[]> {
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrations },
    // Kysely checks for its bookkeeping tables in every schema of the server: without naming ours,
    // another schema's kysely_migration (another test suite, or public) makes it skip creating them.
    ...(database.kind === 'postgres' ? { migrationTableSchema: await currentSchema(database) } : {}),
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((result) => result.status === 'Error')?.migrationName;
    throw new Error(`migration ${failed ?? '(setup)'} failed`, { cause: error });
  }
  return results.filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

async function currentSchema(database: Database): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(
    database.db,
  );
  const schema = rows[0]?.schema;
  if (!schema) throw new Error('PostgreSQL has no current schema: check search_path');
  return schema;
}
