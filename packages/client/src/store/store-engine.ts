import type { Chat, PublicUser, SendResult } from '@parley/protocol';
import { applyEvent } from './apply-event.ts';
import { ChangeSet } from './change-set.ts';
import { upsertChat } from './chat-rows.ts';
import { completeEntry, failEntry, listOutbox, type OutboxEntry, type Touched } from './outbox-table.ts';
import type { ListMessagesOptions } from './queries.ts';
import * as queries from './queries.ts';
import type {
  ApplyResult,
  ChatSummary,
  DeviceIdentity,
  IncomingMessage,
  MessageInfo,
  QueuedEvent,
  SearchHit,
  StoreChanges,
  StoredMessage,
} from './records.ts';
import { migrate } from './schema.ts';
import { type SearchOptions, search } from './search.ts';
import type { SqlDatabase } from './sql-database.ts';
import * as actions from './user-actions.ts';

/**
 * Everything the store does, as calls a worker can relay: plain arguments in, plain values out.
 * `LocalStore` exposes the same calls as promises.
 */
export interface StoreCalls {
  resume(identity: DeviceIdentity): number;
  applyEvents(events: QueuedEvent[]): ApplyResult;
  saveChats(chats: Chat[]): void;
  hasChats(): boolean;
  setOpenChat(chatId: string | null): void;
  queueSend(message: actions.NewOwnMessage): void;
  retrySend(messageId: string): void;
  queueEdit(messageId: string, text: string): void;
  queueDelete(messageId: string, forEveryone: boolean): void;
  queueReaction(messageId: string, emoji: string | null): void;
  queueRead(chatId: string): void;
  outboxEntries(): OutboxEntry[];
  completeOutbox(seq: number, result: SendResult | undefined): void;
  failOutbox(seq: number, code: string): void;
  listChats(): ChatSummary[];
  getChat(chatId: string): ChatSummary | null;
  chatsWithoutSnapshot(): string[];
  people(): PublicUser[];
  listMessages(chatId: string, options?: ListMessagesOptions): StoredMessage[];
  getMessage(messageId: string): StoredMessage | null;
  messageInfo(messageId: string): MessageInfo | null;
  search(query: string, options?: SearchOptions): SearchHit[];
}

export interface StoreEngineOptions {
  /** The signed-in account; a database belongs to one account. */
  userId: string;
  now?: () => number;
  onChange?: (changes: StoreChanges) => void;
}

/**
 * The device's message history on one SQLite database, synchronously. It runs inside the store
 * Worker in browsers and in-thread in Node tests; every mutation is one transaction, and change
 * notifications go out only after it commits.
 */
export class StoreEngine implements StoreCalls {
  readonly #db: SqlDatabase;
  readonly #me: string;
  readonly #now: () => number;
  #openChatId: string | null = null;
  onChange: ((changes: StoreChanges) => void) | undefined;

  constructor(db: SqlDatabase, options: StoreEngineOptions) {
    this.#db = db;
    this.#me = options.userId;
    this.#now = options.now ?? Date.now;
    this.onChange = options.onChange;
    migrate(db);
    const owner = this.#meta('userId');
    if (owner !== null && owner !== options.userId) {
      throw new Error('This local database belongs to another account.');
    }
    if (owner === null) this.#setMeta('userId', options.userId);
  }

  /**
   * The sequence number to resume the device's queue from. A new device id (signed in again in
   * this browser) has a queue of its own, so it starts from 0; the history stays.
   */
  resume(identity: DeviceIdentity): number {
    if (identity.userId !== this.#me) throw new Error('The gateway is signed in as another account.');
    return this.#db.transaction(() => {
      if (this.#meta('deviceId') !== identity.deviceId) {
        this.#setMeta('deviceId', identity.deviceId);
        this.#setMeta('lastSeq', '0');
      }
      return this.#lastSeq();
    });
  }

  /**
   * Applies a batch of queued events and records the highest sequence number in the same
   * transaction, so an acknowledged event is always durably applied. Events at or below the
   * recorded sequence were applied before and are skipped.
   */
  applyEvents(events: QueuedEvent[]): ApplyResult {
    return this.#mutate((changes) => {
      let lastSeq = this.#lastSeq();
      const incoming: IncomingMessage[] = [];
      const ctx = {
        db: this.#db,
        me: this.#me,
        openChatId: this.#openChatId,
        now: this.#isoNow(),
        changes,
        incoming,
      };
      for (const { seq, event } of events) {
        if (seq <= lastSeq) continue;
        if (event) applyEvent(ctx, event);
        lastSeq = seq;
      }
      this.#setMeta('lastSeq', String(lastSeq));
      return { chatsWithoutSnapshot: queries.chatsWithoutSnapshot(this.#db), incoming };
    });
  }

  /** Stores chats fetched over HTTP (a new device's chat list, an unknown chat, an admin action). */
  saveChats(chats: Chat[]): void {
    this.#mutate((changes) => {
      for (const chat of chats) {
        upsertChat(this.#db, chat, this.#me);
        changes.chat(chat.id);
      }
    });
  }

  hasChats(): boolean {
    return this.#db.get('SELECT 1 AS one FROM chats LIMIT 1') !== undefined;
  }

  /** The chat on screen (null for none): its incoming messages do not raise its unread count. */
  setOpenChat(chatId: string | null): void {
    this.#openChatId = chatId;
  }

  queueSend(message: actions.NewOwnMessage): void {
    this.#act((ctx) => actions.queueSend(ctx, message));
  }

  retrySend(messageId: string): void {
    this.#act((ctx) => actions.retrySend(ctx, messageId));
  }

  queueEdit(messageId: string, text: string): void {
    this.#act((ctx) => actions.queueEdit(ctx, messageId, text));
  }

  queueDelete(messageId: string, forEveryone: boolean): void {
    this.#act((ctx) => actions.queueDelete(ctx, messageId, forEveryone));
  }

  queueReaction(messageId: string, emoji: string | null): void {
    this.#act((ctx) => actions.queueReaction(ctx, messageId, emoji));
  }

  queueRead(chatId: string): void {
    this.#act((ctx) => actions.queueRead(ctx, chatId));
  }

  outboxEntries(): OutboxEntry[] {
    return listOutbox(this.#db);
  }

  completeOutbox(seq: number, result: SendResult | undefined): void {
    this.#mutate((changes) => this.#touched(changes, completeEntry(this.#db, seq, result)));
  }

  failOutbox(seq: number, code: string): void {
    this.#mutate((changes) => this.#touched(changes, failEntry(this.#db, seq, code)));
  }

  listChats(): ChatSummary[] {
    return queries.listChats(this.#db);
  }

  getChat(chatId: string): ChatSummary | null {
    return queries.getChat(this.#db, chatId);
  }

  chatsWithoutSnapshot(): string[] {
    return queries.chatsWithoutSnapshot(this.#db);
  }

  people(): PublicUser[] {
    return queries.people(this.#db);
  }

  listMessages(chatId: string, options?: ListMessagesOptions): StoredMessage[] {
    return queries.listMessages(this.#db, chatId, options);
  }

  getMessage(messageId: string): StoredMessage | null {
    return queries.getMessage(this.#db, messageId);
  }

  messageInfo(messageId: string): MessageInfo | null {
    return queries.messageInfo(this.#db, messageId);
  }

  search(query: string, options?: SearchOptions): SearchHit[] {
    return search(this.#db, query, options);
  }

  close(): void {
    this.#db.close();
  }

  #act(action: (ctx: actions.ActionContext) => void): void {
    this.#mutate((changes) => action({ db: this.#db, me: this.#me, now: this.#isoNow(), changes }));
  }

  #mutate<T>(fn: (changes: ChangeSet) => T): T {
    const changes = new ChangeSet();
    const result = this.#db.transaction(() => fn(changes));
    if (!changes.empty) this.onChange?.(changes.toJSON());
    return result;
  }

  #touched(changes: ChangeSet, touched: Touched | null): void {
    if (touched) changes.message(touched.chatId, touched.messageId);
  }

  #lastSeq(): number {
    return Number(this.#meta('lastSeq') ?? 0);
  }

  #isoNow(): string {
    return new Date(this.#now()).toISOString();
  }

  #meta(key: string): string | null {
    return this.#db.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [key])?.value ?? null;
  }

  #setMeta(key: string, value: string): void {
    this.#db.run(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      [key, value],
    );
  }
}
