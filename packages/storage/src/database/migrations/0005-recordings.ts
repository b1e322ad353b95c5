import type { Kysely, Migration } from 'kysely';

/**
 * Cloud recordings (the Zoom documents' chunk algorithm): the recording and its state, a timeline
 * of what happened while it ran (start, pause, resume, stop, active speaker, recorder restarts),
 * and one index row per finished chunk of one track, written the moment the chunk is stored, so
 * that whatever the recorder finished stays playable if it dies.
 */
export const recordings: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('recordings')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('meeting_id', 'text', (col) => col.notNull().references('meetings.id').onDelete('cascade'))
      .addColumn('title', 'text', (col) => col.notNull())
      .addColumn('state', 'text', (col) => col.notNull())
      // The meeting's participants (signed-in ones) may watch it too, when the owner shares it.
      .addColumn('shared', 'integer', (col) => col.notNull())
      .addColumn('started_at', 'bigint', (col) => col.notNull())
      .addColumn('stopped_at', 'bigint')
      // Since when it has been running (not paused); null while paused or stopped.
      .addColumn('running_since', 'bigint')
      .addColumn('duration_ms', 'bigint', (col) => col.notNull())
      .addColumn('chunk_bytes', 'bigint', (col) => col.notNull())
      .addColumn('render_progress', 'real', (col) => col.notNull())
      .addColumn('render_bytes', 'bigint')
      .addColumn('render_error', 'text')
      // Segments the render planned (each kept in the BlobStore until the MP4 is made), to resume it.
      .addColumn('render_segments', 'integer')
      // The node rendering it while its lease lasts; another node resumes the job after that.
      .addColumn('render_node', 'text')
      .addColumn('render_lease_until', 'bigint')
      .execute();
    await db.schema.createIndex('recordings_meeting_id_idx').on('recordings').column('meeting_id').execute();
    await db.schema.createIndex('recordings_state_idx').on('recordings').column('state').execute();

    await db.schema
      .createTable('recording_events')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('recording_id', 'text', (col) =>
        col.notNull().references('recordings.id').onDelete('cascade'),
      )
      .addColumn('at', 'bigint', (col) => col.notNull())
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('participant_id', 'text')
      .execute();
    await db.schema
      .createIndex('recording_events_recording_id_idx')
      .on('recording_events')
      .columns(['recording_id', 'at'])
      .execute();

    await db.schema
      .createTable('recording_chunks')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('recording_id', 'text', (col) =>
        col.notNull().references('recordings.id').onDelete('cascade'),
      )
      .addColumn('participant_id', 'text', (col) => col.notNull())
      .addColumn('display_name', 'text', (col) => col.notNull())
      .addColumn('source', 'text', (col) => col.notNull())
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('sequence', 'integer', (col) => col.notNull())
      .addColumn('started_at', 'bigint', (col) => col.notNull())
      .addColumn('duration_ms', 'integer', (col) => col.notNull())
      .addColumn('size', 'bigint', (col) => col.notNull())
      .addColumn('width', 'integer')
      .addColumn('height', 'integer')
      .addColumn('blob_key', 'text', (col) => col.notNull())
      .addUniqueConstraint('recording_chunks_track_sequence', [
        'recording_id',
        'participant_id',
        'source',
        'sequence',
      ])
      .execute();
    await db.schema
      .createIndex('recording_chunks_recording_id_idx')
      .on('recording_chunks')
      .columns(['recording_id', 'started_at'])
      .execute();
  },

  async down(db: Kysely<unknown>) {
    for (const table of ['recording_chunks', 'recording_events', 'recordings'])
      await db.schema.dropTable(table).execute();
  },
};
