import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createTestSchema, requireServices, serviceUrls } from '../testing/index.ts';
import { describeDatabaseContract } from './database.contract.ts';
import type { Database } from './database.ts';
import { migrateToLatest } from './migrate-to-latest.ts';
import { migrations } from './migrations/index.ts';
import { openDatabase } from './open-database.ts';

const available = await requireServices('postgres');

describe.skipIf(!available)('PostgreSQL', () => {
  describeDatabaseContract('PostgreSQL schema', async () => {
    const { url, schema, drop } = await createTestSchema('storage_db');
    const open = () => openDatabase({ kind: 'postgres', url, schema });
    const opened: Database[] = [await open()];
    return {
      database: opened[0] as Database,
      openPeer: async () => {
        const peer = await open();
        opened.push(peer);
        return peer;
      },
      dispose: async () => {
        await Promise.all(opened.map((database) => database.close()));
        await drop();
      },
    };
  });

  it('creates a missing schema and keeps every table, Kysely bookkeeping included, inside it', async () => {
    // Another suite's migrated schema on the same server must not fool the migrator.
    const other = await createTestSchema('storage_other');
    const otherDatabase = await openDatabase({ kind: 'postgres', url: other.url, schema: other.schema });
    const schema = `storage_new_${randomBytes(6).toString('hex')}`;
    const database = await openDatabase({ kind: 'postgres', url: serviceUrls.postgres, schema });
    try {
      await migrateToLatest(otherDatabase);
      expect(await migrateToLatest(database)).toEqual(Object.keys(migrations));
      const { rows } = await sql<{ table_name: string }>`
        select table_name from information_schema.tables where table_schema = ${schema}`.execute(database.db);
      expect(rows.map((row) => row.table_name).sort()).toEqual([
        'attachment_downloads',
        'attachments',
        'call_members',
        'calls',
        'chat_members',
        'chats',
        'deliveries',
        'devices',
        'events',
        'kysely_migration',
        'kysely_migration_lock',
        'meeting_files',
        'meeting_messages',
        'meeting_metrics',
        'meeting_participants',
        'meetings',
        'message_receipts',
        'messages',
        'otp_challenges',
        'recording_chunks',
        'recording_events',
        'recordings',
        'sessions',
        'users',
      ]);
    } finally {
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(database.db);
      await Promise.all([database.close(), otherDatabase.close()]);
      await other.drop();
    }
  });

  it('parses int8 as a number in its own pools only, leaving the global pg.types alone', async () => {
    const { url, schema, drop } = await createTestSchema('storage_types');
    const database = await openDatabase({ kind: 'postgres', url, schema });
    try {
      const { rows } = await sql<{ n: unknown }>`select ${sql.lit(9_007_199_254_740_991)}::int8 as n`.execute(
        database.db,
      );
      expect(rows[0]?.n).toBe(9_007_199_254_740_991);
      expect(pg.types.getTypeParser(20, 'text')('5')).toBe('5');
    } finally {
      await database.close();
      await drop();
    }
  });

  it('refuses a schema name that would need quoting', async () => {
    await expect(
      openDatabase({ kind: 'postgres', url: serviceUrls.postgres, schema: 'x; drop' }),
    ).rejects.toThrow(/invalid PostgreSQL schema name/);
  });
});
