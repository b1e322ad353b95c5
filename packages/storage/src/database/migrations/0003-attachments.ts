import type { Kysely, Migration } from 'kysely';

/**
 * Attachments: files uploaded into a chat, and which recipient devices still have to download
 * each one. A file is deleted once its message is gone from the server and no device is pending,
 * or when it expires.
 */
export const attachments: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('attachments')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('chat_id', 'text', (col) => col.notNull().references('chats.id').onDelete('cascade'))
      .addColumn('uploader_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
      .addColumn('message_id', 'text')
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('content_type', 'text', (col) => col.notNull())
      .addColumn('size', 'bigint', (col) => col.notNull())
      .addColumn('width', 'integer')
      .addColumn('height', 'integer')
      .addColumn('duration_ms', 'bigint')
      .addColumn('waveform', 'text') // JSON array of 64 levels
      .addColumn('blob_key', 'text', (col) => col.notNull())
      .addColumn('thumbnail_key', 'text')
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('expires_at', 'bigint', (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('attachments_message_id_idx')
      .on('attachments')
      .column('message_id')
      .execute();
    await db.schema
      .createIndex('attachments_expires_at_idx')
      .on('attachments')
      .column('expires_at')
      .execute();

    await db.schema
      .createTable('attachment_downloads')
      .addColumn('attachment_id', 'text', (col) =>
        col.notNull().references('attachments.id').onDelete('cascade'),
      )
      .addColumn('device_id', 'text', (col) => col.notNull().references('devices.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('attachment_downloads_pk', ['attachment_id', 'device_id'])
      .execute();
    await db.schema
      .createIndex('attachment_downloads_device_id_idx')
      .on('attachment_downloads')
      .column('device_id')
      .execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('attachment_downloads').execute();
    await db.schema.dropTable('attachments').execute();
  },
};
