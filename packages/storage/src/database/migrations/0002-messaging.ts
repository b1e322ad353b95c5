import { type Kysely, type Migration, sql } from 'kysely';

/**
 * Messaging: chats and their members, message metadata, and the per-device delivery queue.
 * Bodies live in `events` only until every recipient device has acknowledged them.
 */
export const messaging: Migration = {
  async up(db: Kysely<unknown>) {
    // Each device numbers the events queued for it; the counter lives on the device row so that
    // assigning a number locks the row and numbers follow commit order.
    await db.schema
      .alterTable('devices')
      .addColumn('last_seq', 'bigint', (col) => col.notNull().defaultTo(0))
      .execute();
    // Online while a node keeps extending this (heartbeats); a crashed node's devices simply expire.
    await db.schema
      .alterTable('devices')
      .addColumn('online_until', 'bigint', (col) => col.notNull().defaultTo(0))
      .execute();

    await db.schema
      .createTable('chats')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('kind', 'text', (col) => col.notNull())
      // The two user ids of a direct chat, sorted: one direct chat per pair.
      .addColumn('direct_key', 'text', (col) => col.unique())
      .addColumn('title', 'text')
      .addColumn('description', 'text', (col) => col.notNull().defaultTo(sql`''`))
      .addColumn('avatar_id', 'text')
      .addColumn('created_by', 'text', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .execute();

    await db.schema
      .createTable('chat_members')
      .addColumn('chat_id', 'text', (col) => col.notNull().references('chats.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
      .addColumn('role', 'text', (col) => col.notNull())
      .addColumn('joined_at', 'bigint', (col) => col.notNull())
      .addPrimaryKeyConstraint('chat_members_pk', ['chat_id', 'user_id'])
      .execute();
    await db.schema.createIndex('chat_members_user_id_idx').on('chat_members').column('user_id').execute();

    await db.schema
      .createTable('messages')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('chat_id', 'text', (col) => col.notNull().references('chats.id').onDelete('cascade'))
      .addColumn('sender_id', 'text', (col) => col.notNull())
      .addColumn('sender_device_id', 'text')
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('expires_at', 'bigint', (col) => col.notNull())
      .addColumn('deleted_at', 'bigint')
      .execute();
    await db.schema
      .createIndex('messages_chat_id_id_idx')
      .on('messages')
      .columns(['chat_id', 'id'])
      .execute();
    await db.schema.createIndex('messages_expires_at_idx').on('messages').column('expires_at').execute();

    await db.schema
      .createTable('events')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('type', 'text', (col) => col.notNull())
      .addColumn('payload', 'text', (col) => col.notNull())
      .addColumn('message_id', 'text')
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('expires_at', 'bigint', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('events_expires_at_idx').on('events').column('expires_at').execute();
    await db.schema.createIndex('events_message_id_idx').on('events').column('message_id').execute();

    await db.schema
      .createTable('deliveries')
      .addColumn('device_id', 'text', (col) => col.notNull().references('devices.id').onDelete('cascade'))
      .addColumn('seq', 'bigint', (col) => col.notNull())
      .addColumn('event_id', 'text', (col) => col.notNull().references('events.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('deliveries_pk', ['device_id', 'seq'])
      .execute();
    await db.schema.createIndex('deliveries_event_id_idx').on('deliveries').column('event_id').execute();

    await db.schema
      .createTable('message_receipts')
      .addColumn('message_id', 'text', (col) => col.notNull().references('messages.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (col) => col.notNull())
      .addColumn('delivered_at', 'bigint')
      .addColumn('read_at', 'bigint')
      .addPrimaryKeyConstraint('message_receipts_pk', ['message_id', 'user_id'])
      .execute();
    await db.schema
      .createIndex('message_receipts_user_id_idx')
      .on('message_receipts')
      .columns(['user_id', 'message_id'])
      .execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('message_receipts').execute();
    await db.schema.dropTable('deliveries').execute();
    await db.schema.dropTable('events').execute();
    await db.schema.dropTable('messages').execute();
    await db.schema.dropTable('chat_members').execute();
    await db.schema.dropTable('chats').execute();
    await db.schema.alterTable('devices').dropColumn('online_until').execute();
    await db.schema.alterTable('devices').dropColumn('last_seq').execute();
  },
};
