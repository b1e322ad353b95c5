import type { Kysely, Migration } from 'kysely';

/**
 * Meetings: the meeting and its settings, who took part (users and guests), its chat and the files
 * shared in it, and its metrics once it ends. Live state (who is in right now, muted, sharing) is
 * held by the node that hosts the meeting, not here.
 */
export const meetings: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('meetings')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('code', 'text', (col) => col.notNull().unique())
      .addColumn('title', 'text', (col) => col.notNull())
      .addColumn('passcode', 'text')
      .addColumn('join_token', 'text', (col) => col.notNull().unique())
      .addColumn('owner_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
      .addColumn('parent_id', 'text', (col) => col.references('meetings.id').onDelete('cascade'))
      .addColumn('waiting_room', 'integer', (col) => col.notNull())
      .addColumn('allow_guests', 'integer', (col) => col.notNull())
      .addColumn('scheduled_for', 'bigint')
      .addColumn('duration_minutes', 'integer')
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('started_at', 'bigint')
      .addColumn('ended_at', 'bigint')
      // The node hosting the live meeting (its internal URL), while its lease lasts.
      .addColumn('host_node', 'text')
      .addColumn('host_lease_until', 'bigint')
      .execute();
    await db.schema.createIndex('meetings_owner_id_idx').on('meetings').column('owner_id').execute();

    await db.schema
      .createTable('meeting_participants')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('meeting_id', 'text', (col) => col.notNull().references('meetings.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (col) => col.references('users.id').onDelete('set null'))
      .addColumn('guest_key', 'text')
      .addColumn('display_name', 'text', (col) => col.notNull())
      .addColumn('joined_at', 'bigint')
      .addColumn('left_at', 'bigint')
      .addColumn('removed_at', 'bigint')
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('meeting_participants_meeting_id_idx')
      .on('meeting_participants')
      .column('meeting_id')
      .execute();
    await db.schema
      .createIndex('meeting_participants_user_id_idx')
      .on('meeting_participants')
      .column('user_id')
      .execute();

    await db.schema
      .createTable('meeting_files')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('meeting_id', 'text', (col) => col.notNull().references('meetings.id').onDelete('cascade'))
      .addColumn('participant_id', 'text', (col) => col.notNull())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('content_type', 'text', (col) => col.notNull())
      .addColumn('size', 'bigint', (col) => col.notNull())
      .addColumn('blob_key', 'text', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('meeting_files_meeting_id_idx')
      .on('meeting_files')
      .column('meeting_id')
      .execute();

    await db.schema
      .createTable('meeting_messages')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('meeting_id', 'text', (col) => col.notNull().references('meetings.id').onDelete('cascade'))
      .addColumn('from_participant_id', 'text', (col) => col.notNull())
      .addColumn('from_name', 'text', (col) => col.notNull())
      .addColumn('to_participant_id', 'text')
      .addColumn('to_name', 'text')
      .addColumn('text', 'text', (col) => col.notNull())
      .addColumn('file_id', 'text', (col) => col.references('meeting_files.id').onDelete('set null'))
      .addColumn('sent_at', 'bigint', (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('meeting_messages_meeting_id_idx')
      .on('meeting_messages')
      .columns(['meeting_id', 'sent_at'])
      .execute();

    await db.schema
      .createTable('meeting_metrics')
      .addColumn('meeting_id', 'text', (col) =>
        col.primaryKey().references('meetings.id').onDelete('cascade'),
      )
      .addColumn('max_participants', 'integer', (col) => col.notNull())
      .addColumn('avg_participants', 'real', (col) => col.notNull())
      .addColumn('duration_seconds', 'integer', (col) => col.notNull())
      .addColumn('chat_messages', 'integer', (col) => col.notNull())
      .execute();
  },

  async down(db: Kysely<unknown>) {
    for (const table of [
      'meeting_metrics',
      'meeting_messages',
      'meeting_files',
      'meeting_participants',
      'meetings',
    ])
      await db.schema.dropTable(table).execute();
  },
};
