import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { serviceUrls } from './service-urls.ts';

/** A PostgreSQL schema of its own for one test suite. */
export interface TestSchema {
  /** The server's URL; pass `schema` along to `openDatabase`. */
  url: string;
  schema: string;
  /** Drops the schema and everything in it. */
  drop(): Promise<void>;
}

/** Creates a fresh, uniquely named schema, `<prefix>_<random>`, on the test PostgreSQL server. */
export async function createTestSchema(prefix: string): Promise<TestSchema> {
  const url = serviceUrls.postgres;
  const cleaned = prefix
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .slice(0, 40);
  const schema = `${/^[a-z_]/.test(cleaned) ? '' : 't_'}${cleaned}_${randomBytes(6).toString('hex')}`;
  await runStatement(url, `create schema "${schema}"`);
  return { url, schema, drop: () => runStatement(url, `drop schema if exists "${schema}" cascade`) };
}

async function runStatement(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
