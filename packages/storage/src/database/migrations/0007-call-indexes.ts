import { type Kysely, type Migration, sql } from 'kysely';

/**
 * - At most one running call per chat. The server checks before it starts a call, but two people
 *   pressing Call at the same moment both pass the check; this index lets only one insert through.
 * - A call by its SFU room: every meeting that ends, and everyone leaving a call's room, looks it up.
 */
export const callIndexes: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('calls_one_running_per_chat')
      .on('calls')
      .column('chat_id')
      .unique()
      .where(sql.ref('state'), '<>', 'ended')
      .execute();
    await db.schema.createIndex('calls_meeting_id_idx').on('calls').column('meeting_id').execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('calls_meeting_id_idx').execute();
    await db.schema.dropIndex('calls_one_running_per_chat').execute();
  },
};
