import type { Kysely, Migration } from 'kysely';

/**
 * Calls from chats: the call (who rang which chat, audio or video, how it ended, its SFU room when
 * it has one) and each member's part in it, which is their call history.
 */
export const calls: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('calls')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('chat_id', 'text', (col) => col.notNull().references('chats.id').onDelete('cascade'))
      .addColumn('caller_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
      .addColumn('caller_device_id', 'text', (col) => col.notNull())
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('media', 'text', (col) => col.notNull())
      .addColumn('state', 'text', (col) => col.notNull())
      .addColumn('transport', 'text', (col) => col.notNull())
      .addColumn('outcome', 'text')
      .addColumn('answered_device_id', 'text')
      // The SFU room (a meeting row) of a group call, or of a direct call that moved there.
      .addColumn('meeting_id', 'text', (col) => col.references('meetings.id').onDelete('set null'))
      .addColumn('started_at', 'bigint', (col) => col.notNull())
      .addColumn('answered_at', 'bigint')
      .addColumn('ended_at', 'bigint')
      .execute();
    await db.schema.createIndex('calls_chat_id_idx').on('calls').columns(['chat_id', 'state']).execute();
    await db.schema.createIndex('calls_state_idx').on('calls').columns(['state', 'started_at']).execute();

    await db.schema
      .createTable('call_members')
      .addColumn('call_id', 'text', (col) => col.notNull().references('calls.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
      .addColumn('state', 'text', (col) => col.notNull())
      .addColumn('joined_at', 'bigint')
      .addColumn('left_at', 'bigint')
      .addPrimaryKeyConstraint('call_members_pk', ['call_id', 'user_id'])
      .execute();
    await db.schema
      .createIndex('call_members_user_id_idx')
      .on('call_members')
      .columns(['user_id', 'call_id'])
      .execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('call_members').execute();
    await db.schema.dropTable('calls').execute();
  },
};
