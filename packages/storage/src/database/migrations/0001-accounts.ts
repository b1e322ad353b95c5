import { type Kysely, type Migration, sql } from 'kysely';

/** Accounts: users (one per phone number), their devices and sessions, and sign-in codes. */
export const accounts: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('phone', 'text', (col) => col.notNull().unique())
      .addColumn('display_name', 'text')
      .addColumn('about', 'text', (col) => col.notNull().defaultTo(sql`''`))
      .addColumn('avatar_id', 'text')
      .addColumn('password_hash', 'text')
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .execute();

    await db.schema
      .createTable('devices')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('last_seen_at', 'bigint', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('devices_user_id_idx').on('devices').column('user_id').execute();

    await db.schema
      .createTable('sessions')
      .addColumn('token_hash', 'text', (col) => col.primaryKey())
      .addColumn('device_id', 'text', (col) =>
        col.notNull().unique().references('devices.id').onDelete('cascade'),
      )
      .addColumn('user_id', 'text', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .execute();

    await db.schema
      .createTable('otp_challenges')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('phone', 'text', (col) => col.notNull())
      .addColumn('code_hash', 'text', (col) => col.notNull())
      .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('client_ip', 'text', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('expires_at', 'bigint', (col) => col.notNull())
      .addColumn('consumed_at', 'bigint')
      .execute();
    // Sign-in throttling counts recent challenges per phone and per client address.
    await db.schema
      .createIndex('otp_challenges_phone_created_at_idx')
      .on('otp_challenges')
      .columns(['phone', 'created_at'])
      .execute();
    await db.schema
      .createIndex('otp_challenges_client_ip_created_at_idx')
      .on('otp_challenges')
      .columns(['client_ip', 'created_at'])
      .execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('otp_challenges').execute();
    await db.schema.dropTable('sessions').execute();
    await db.schema.dropTable('devices').execute();
    await db.schema.dropTable('users').execute();
  },
};
