// Builders for store tests: protocol objects with readable defaults.
import type { Chat, Content, Message, ParleyEvent, PublicUser } from '@parley/protocol';
import { loadSqlite } from '../store/load-sqlite.ts';
import type { QueuedEvent } from '../store/records.ts';
import { SqlDatabase } from '../store/sql-database.ts';
import { StoreEngine } from '../store/store-engine.ts';
import { ulidFactory } from '../ulid.ts';

export const t0 = Date.parse('2030-01-01T10:00:00.000Z');

export function at(offsetMs: number): string {
  return new Date(t0 + offsetMs).toISOString();
}

const userIds = ulidFactory({ now: () => t0 - 86_400_000 });

export function user(displayName: string): PublicUser {
  return { id: userIds(), phone: '+15550000000', displayName, about: '', avatar: null };
}

export function chatOf(
  members: PublicUser[],
  options: {
    id?: string;
    kind?: Chat['kind'];
    title?: string | null;
    joinedAt?: Record<string, string>;
  } = {},
): Chat {
  return {
    id: options.id ?? userIds(),
    kind: options.kind ?? (members.length === 2 ? 'direct' : 'group'),
    title: options.title ?? (members.length === 2 ? null : 'Group'),
    description: '',
    avatar: null,
    members: members.map((member, index) => ({
      user: member,
      role: index === 0 ? 'admin' : 'member',
      joinedAt: options.joinedAt?.[member.id] ?? at(-3_600_000),
    })),
    createdBy: members[0]?.id ?? '',
    createdAt: at(-3_600_000),
  };
}

/** Message ids in the order messages are made, like the clients' ULIDs. */
export function messageIds(): () => string {
  let clock = t0;
  return ulidFactory({ now: () => clock++ });
}

export function text(body: string, replyTo?: string): Content {
  return replyTo ? { type: 'text', text: body, replyTo } : { type: 'text', text: body };
}

export function messageEvent(
  id: string,
  chat: Chat,
  sender: PublicUser,
  content: Content,
  sentAt: string,
): ParleyEvent {
  const message: Message = {
    id,
    chatId: chat.id,
    senderId: sender.id,
    senderDeviceId: null,
    sentAt,
    content,
  };
  return { type: 'message', message };
}

/** Throws if either full-text index disagrees with the messages it indexes. */
export function checkSearchIndexes(db: SqlDatabase): void {
  db.run("INSERT INTO message_words (message_words, rank) VALUES ('integrity-check', 1)");
  db.run("INSERT INTO message_trigrams (message_trigrams, rank) VALUES ('integrity-check', 1)");
}

/** Numbers events from `firstSeq` the way the gateway delivers them. */
export function queued(events: ParleyEvent[], firstSeq = 1): QueuedEvent[] {
  return events.map((event, index) => ({ seq: firstSeq + index, event }));
}

export interface EngineHarness {
  engine: StoreEngine;
  db: SqlDatabase;
  /** Moves this device's clock. */
  setNow(ms: number): void;
}

export async function engineFor(me: PublicUser): Promise<EngineHarness> {
  const sqlite3 = await loadSqlite();
  let now = t0;
  const db = new SqlDatabase(new sqlite3.oo1.DB(':memory:', 'c'));
  const engine = new StoreEngine(db, { userId: me.id, now: () => now });
  return {
    engine,
    db,
    setNow(ms) {
      now = ms;
    },
  };
}
