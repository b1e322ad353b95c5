import type { Migration } from 'kysely';
import { accounts } from './0001-accounts.ts';
import { messaging } from './0002-messaging.ts';
import { attachments } from './0003-attachments.ts';
import { meetings } from './0004-meetings.ts';
import { recordings } from './0005-recordings.ts';
import { calls } from './0006-calls.ts';
import { callIndexes } from './0007-call-indexes.ts';

/**
 * Every migration, for SQLite and PostgreSQL alike, applied in the order of their names.
 * A new migration gets the next number; an applied one is never edited.
 */
export const migrations: Record<string, Migration> = {
  '0001-accounts': accounts,
  '0002-messaging': messaging,
  '0003-attachments': attachments,
  '0004-meetings': meetings,
  '0005-recordings': recordings,
  '0006-calls': calls,
  '0007-call-indexes': callIndexes,
};
