import type { SqlDatabase } from './sql-database.ts';

/**
 * The store's migrations, in order; `PRAGMA user_version` records how many ran. Append new ones,
 * never edit a shipped one: devices keep their databases across app versions.
 */
const migrations: string[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

  CREATE TABLE chats (
    id TEXT PRIMARY KEY,
    -- The protocol Chat as JSON; NULL while only its messages are known (the snapshot is fetched).
    chat TEXT,
    left_at TEXT,
    last_message_id TEXT,
    last_activity_at TEXT NOT NULL,
    unread_count INTEGER NOT NULL DEFAULT 0,
    -- Newest message id of the chat this account has read here or on another device.
    read_up_to TEXT
  );
  CREATE INDEX chats_by_activity ON chats (last_activity_at DESC);

  CREATE TABLE messages (
    -- An explicit rowid: the full-text indexes refer to it, and VACUUM may renumber implicit ones.
    pk INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    chat_id TEXT NOT NULL,
    sender_id TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    content TEXT,
    -- text, media, voice or system: unread counts and previews without parsing content.
    kind TEXT NOT NULL,
    own INTEGER NOT NULL,
    state TEXT,
    error_code TEXT,
    edited_at TEXT,
    deleted_at TEXT,
    -- Deleted for me: kept as an id only, so a late copy of the message cannot bring it back.
    hidden INTEGER NOT NULL DEFAULT 0,
    reply_to TEXT,
    -- Text and caption, the only column the full-text indexes see; NULL when there is none.
    search_text TEXT
  );
  CREATE INDEX messages_by_chat ON messages (chat_id, sent_at, id);

  CREATE TABLE reactions (
    message_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    emoji TEXT NOT NULL,
    PRIMARY KEY (message_id, user_id)
  ) WITHOUT ROWID;

  CREATE TABLE receipts (
    message_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    delivered_at TEXT,
    read_at TEXT,
    PRIMARY KEY (message_id, user_id)
  ) WITHOUT ROWID;

  -- Operations waiting for the server, in the order the person made them.
  CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id TEXT NOT NULL,
    op TEXT NOT NULL,
    -- What to put back if the server refuses an edit, delete or reaction.
    restore TEXT,
    created_at TEXT NOT NULL
  );

  -- Words: unicode61 folds case and removes diacritics ("cafe" finds "café"), prefix queries.
  CREATE VIRTUAL TABLE message_words USING fts5 (
    search_text, content = 'messages', content_rowid = 'pk',
    tokenize = 'unicode61 remove_diacritics 2'
  );
  -- Substrings of 3+ characters in any script, including those without spaces between words.
  CREATE VIRTUAL TABLE message_trigrams USING fts5 (
    search_text, content = 'messages', content_rowid = 'pk',
    tokenize = 'trigram remove_diacritics 1'
  );

  -- Every row is indexed, NULL text as no words, so the indexes match the table exactly (what
  -- FTS5's integrity-check and 'rebuild' expect of an external-content index).
  CREATE TRIGGER messages_indexed AFTER INSERT ON messages BEGIN
    INSERT INTO message_words (rowid, search_text) VALUES (new.pk, new.search_text);
    INSERT INTO message_trigrams (rowid, search_text) VALUES (new.pk, new.search_text);
  END;
  CREATE TRIGGER messages_unindexed AFTER DELETE ON messages BEGIN
    INSERT INTO message_words (message_words, rowid, search_text) VALUES ('delete', old.pk, old.search_text);
    INSERT INTO message_trigrams (message_trigrams, rowid, search_text)
      VALUES ('delete', old.pk, old.search_text);
  END;
  -- One trigger for both steps: SQLite runs separate triggers newest first, and inserting the new
  -- text before deleting the old one corrupts an external-content index.
  CREATE TRIGGER messages_reindexed AFTER UPDATE OF search_text ON messages BEGIN
    INSERT INTO message_words (message_words, rowid, search_text) VALUES ('delete', old.pk, old.search_text);
    INSERT INTO message_trigrams (message_trigrams, rowid, search_text)
      VALUES ('delete', old.pk, old.search_text);
    INSERT INTO message_words (rowid, search_text) VALUES (new.pk, new.search_text);
    INSERT INTO message_trigrams (rowid, search_text) VALUES (new.pk, new.search_text);
  END;
  `,
  `
  -- Everyone met in a chat, as last seen in a snapshot: system notices and old messages still
  -- name people who left a group, whose names are gone from its member list.
  CREATE TABLE people (id TEXT PRIMARY KEY, user TEXT NOT NULL);
  INSERT OR REPLACE INTO people (id, user)
    SELECT json_extract(member.value, '$.user.id'), json_extract(member.value, '$.user')
    FROM chats, json_each(chats.chat, '$.members') AS member WHERE chats.chat IS NOT NULL;
  `,
];

export const schemaVersion = migrations.length;

/** Brings the database to the current schema, each migration in its own transaction. */
export function migrate(db: SqlDatabase): void {
  const current = Number(db.get<{ user_version: number }>('PRAGMA user_version')?.user_version ?? 0);
  if (current > schemaVersion) {
    throw new Error(
      `The local database has schema ${current}, newer than this app's ${schemaVersion}: reload the page.`,
    );
  }
  for (let version = current; version < schemaVersion; version += 1) {
    db.transaction(() => {
      db.exec(migrations[version] as string);
      db.exec(`PRAGMA user_version = ${version + 1}`);
    });
  }
}
