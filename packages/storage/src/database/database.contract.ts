import { type Kysely, type Migration, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from './database.ts';
import { migrateToLatest } from './migrate-to-latest.ts';
import { migrations } from './migrations/index.ts';
import type { DatabaseSchema } from './schema.ts';

/** A fresh, empty database for one test. */
export interface DatabaseFixture {
  database: Database;
  /** Opens another node on the same database (its own connections), for adapters that have nodes. */
  openPeer?: () => Promise<Database>;
  /** Closes everything opened and deletes the database. */
  dispose(): Promise<void>;
}

const T0 = 1_760_000_000_123; // a real time in ms: beyond 32 bits, so bigint must come back whole

/** The behaviour every Database adapter shares; `open` gives each test an empty database. */
export function describeDatabaseContract(name: string, open: () => Promise<DatabaseFixture>): void {
  describe(`Database contract: ${name}`, () => {
    const fixtures: DatabaseFixture[] = [];
    async function fresh(): Promise<DatabaseFixture> {
      const fixture = await open();
      fixtures.push(fixture);
      return fixture;
    }
    async function migrated(): Promise<Database> {
      const { database } = await fresh();
      await migrateToLatest(database);
      return database;
    }
    afterEach(async () => {
      await Promise.all(fixtures.splice(0).map((fixture) => fixture.dispose()));
    });

    it('applies the migrations to an empty database, and the second run applies none', async () => {
      const { database } = await fresh();
      expect(await tableExists(database, 'users')).toBe(false);
      expect(await migrateToLatest(database)).toEqual(Object.keys(migrations));
      for (const table of ['users', 'devices', 'sessions', 'otp_challenges']) {
        expect(await tableExists(database, table), table).toBe(true);
      }
      expect(await migrateToLatest(database)).toEqual([]);
    });

    it('lets two concurrent migrations both succeed, applying each migration once', async () => {
      const { database, openPeer } = await fresh();
      // Two nodes starting together; an adapter without nodes gets two calls on one database.
      const other = openPeer ? await openPeer() : database;
      const results = await Promise.all([migrateToLatest(database), migrateToLatest(other)]);
      expect(results.flat().sort()).toEqual(Object.keys(migrations));
      expect(await tableExists(other, 'otp_challenges')).toBe(true);
    });

    it('runs the migrations in one transaction: a failure leaves no table behind', async () => {
      const { database } = await fresh();
      const broken: Migration = {
        async up(db) {
          await db.schema.createTable('half_done').addColumn('id', 'text').execute();
          await sql`select * from no_such_table`.execute(db);
        },
      };
      await expect(migrateToLatest(database, { ...migrations, '9999-broken': broken })).rejects.toThrow(
        /migration 9999-broken failed/,
      );
      expect(await tableExists(database, 'half_done')).toBe(false);
      expect(await tableExists(database, 'users')).toBe(false);
      expect(await migrateToLatest(database)).toEqual(Object.keys(migrations));
    });

    it('round-trips a row of every table, times as numbers and defaults filled', async () => {
      const { db } = await migrated();
      await db
        .insertInto('users')
        .values({
          id: 'u1',
          phone: '+15550000001',
          display_name: 'Ada',
          avatar_id: 'a1',
          password_hash: '$argon2id$v=19$x',
          created_at: T0,
          updated_at: T0 + 1,
        })
        .execute();
      await db
        .insertInto('devices')
        .values({ id: 'd1', user_id: 'u1', name: 'Firefox', created_at: T0, last_seen_at: T0 + 2 })
        .execute();
      await db
        .insertInto('sessions')
        .values({ token_hash: 'h1', device_id: 'd1', user_id: 'u1', created_at: T0 })
        .execute();
      await db
        .insertInto('otp_challenges')
        .values({
          id: 'o1',
          phone: '+15550000001',
          code_hash: 'c1',
          client_ip: '127.0.0.1',
          created_at: T0,
          expires_at: T0 + 300_000,
          consumed_at: null,
        })
        .execute();

      expect(await db.selectFrom('users').selectAll().execute()).toEqual([
        {
          id: 'u1',
          phone: '+15550000001',
          display_name: 'Ada',
          about: '',
          avatar_id: 'a1',
          password_hash: '$argon2id$v=19$x',
          created_at: T0,
          updated_at: T0 + 1,
        },
      ]);
      expect(await db.selectFrom('devices').selectAll().execute()).toEqual([
        {
          id: 'd1',
          user_id: 'u1',
          name: 'Firefox',
          created_at: T0,
          last_seen_at: T0 + 2,
          last_seq: 0,
          online_until: 0,
        },
      ]);
      expect(await db.selectFrom('sessions').selectAll().execute()).toEqual([
        { token_hash: 'h1', device_id: 'd1', user_id: 'u1', created_at: T0 },
      ]);
      expect(await db.selectFrom('otp_challenges').selectAll().execute()).toEqual([
        {
          id: 'o1',
          phone: '+15550000001',
          code_hash: 'c1',
          attempts: 0,
          client_ip: '127.0.0.1',
          created_at: T0,
          expires_at: T0 + 300_000,
          consumed_at: null,
        },
      ]);
      await roundTripMessaging(db);
      const { count } = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .executeTakeFirstOrThrow();
      expect(count).toBe(1);
    });

    it('rejects a second user with the same phone, and a second session for a device', async () => {
      const { db } = await migrated();
      await db.insertInto('users').values(user('u1', '+15550000001')).execute();
      await expect(db.insertInto('users').values(user('u2', '+15550000001')).execute()).rejects.toThrow();
      await db.insertInto('devices').values(device('d1', 'u1')).execute();
      await db
        .insertInto('sessions')
        .values(session('h1', 'd1', 'u1'))
        .execute();
      await expect(
        db
          .insertInto('sessions')
          .values(session('h2', 'd1', 'u1'))
          .execute(),
      ).rejects.toThrow();
      expect(await db.selectFrom('users').select('id').execute()).toEqual([{ id: 'u1' }]);
    });

    it('enforces foreign keys and cascades deletes from users to devices to sessions', async () => {
      const { db } = await migrated();
      await expect(db.insertInto('devices').values(device('d0', 'nobody')).execute()).rejects.toThrow();
      await db
        .insertInto('users')
        .values([user('u1', '+15550000001'), user('u2', '+15550000002')])
        .execute();
      await db
        .insertInto('devices')
        .values([device('d1', 'u1'), device('d2', 'u1'), device('d3', 'u2')])
        .execute();
      await db
        .insertInto('sessions')
        .values([session('h1', 'd1', 'u1'), session('h3', 'd3', 'u2')])
        .execute();

      await db.deleteFrom('devices').where('id', '=', 'd3').execute();
      expect(await db.selectFrom('sessions').select('token_hash').execute()).toEqual([{ token_hash: 'h1' }]);

      await db.deleteFrom('users').where('id', '=', 'u1').execute();
      expect(await db.selectFrom('devices').select('id').execute()).toEqual([]);
      expect(await db.selectFrom('sessions').select('token_hash').execute()).toEqual([]);
      expect(await db.selectFrom('users').select('id').execute()).toEqual([{ id: 'u2' }]);
    });

    it('rolls a transaction back when its callback throws, and commits when it returns', async () => {
      const { db } = await migrated();
      const failure = new Error('changed my mind');
      await expect(
        db.transaction().execute(async (trx) => {
          await trx.insertInto('users').values(user('u1', '+15550000001')).execute();
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect(await db.selectFrom('users').select('id').execute()).toEqual([]);

      await db.transaction().execute(async (trx) => {
        await trx.insertInto('users').values(user('u2', '+15550000002')).execute();
      });
      expect(await db.selectFrom('users').select('id').execute()).toEqual([{ id: 'u2' }]);
    });

    it('answers ping while open, and refuses queries once closed (closing twice is fine)', async () => {
      const { database } = await fresh();
      await database.ping();
      await database.close();
      await database.close();
      await expect(database.ping()).rejects.toThrow();
    });
  });
}

async function tableExists(database: Database, table: string): Promise<boolean> {
  try {
    await sql`select 1 from ${sql.table(table)} limit 0`.execute(database.db);
    return true;
  } catch {
    return false;
  }
}

function user(id: string, phone: string) {
  return {
    id,
    phone,
    display_name: null,
    avatar_id: null,
    password_hash: null,
    created_at: T0,
    updated_at: T0,
  };
}

function device(id: string, userId: string) {
  return { id, user_id: userId, name: id, created_at: T0, last_seen_at: T0 };
}

function session(tokenHash: string, deviceId: string, userId: string) {
  return { token_hash: tokenHash, device_id: deviceId, user_id: userId, created_at: T0 };
}

/** Rows of the messaging and attachment tables (after a user u1 with device d1 exists). */
async function roundTripMessaging(db: Kysely<DatabaseSchema>): Promise<void> {
  const rows = {
    chats: {
      id: 'c1',
      kind: 'group' as const,
      direct_key: null,
      title: 'Team',
      description: '',
      avatar_id: null,
      created_by: 'u1',
      created_at: T0,
      updated_at: T0,
    },
    chat_members: { chat_id: 'c1', user_id: 'u1', role: 'admin' as const, joined_at: T0 },
    messages: {
      id: 'm1',
      chat_id: 'c1',
      sender_id: 'u1',
      sender_device_id: 'd1',
      created_at: T0,
      expires_at: T0 + 1,
      deleted_at: null,
    },
    events: {
      id: 'e1',
      type: 'message',
      payload: '{}',
      message_id: 'm1',
      created_at: T0,
      expires_at: T0 + 1,
    },
    deliveries: { device_id: 'd1', seq: 2 ** 40, event_id: 'e1' },
    message_receipts: { message_id: 'm1', user_id: 'u1', delivered_at: T0, read_at: null },
    attachments: {
      id: 'a1',
      chat_id: 'c1',
      uploader_id: 'u1',
      message_id: 'm1',
      kind: 'voice' as const,
      name: 'voice.ogg',
      content_type: 'audio/ogg',
      size: 5 * 2 ** 30,
      width: null,
      height: null,
      duration_ms: 1500,
      waveform: '[1,2]',
      blob_key: 'attachments/c1/a1',
      thumbnail_key: null,
      created_at: T0,
      expires_at: T0 + 1,
    },
    attachment_downloads: { attachment_id: 'a1', device_id: 'd1' },
  };
  for (const [table, row] of Object.entries(rows)) {
    await db
      .insertInto(table as keyof DatabaseSchema)
      .values(row as never)
      .execute();
    expect(
      await db
        .selectFrom(table as keyof DatabaseSchema)
        .selectAll()
        .execute(),
    ).toEqual([row]);
  }
}
