import type { Chat, PublicUser, SendResult } from '@parley/protocol';
import { Emitter } from '../emitter.ts';
import type { OutboxEntry } from './outbox-table.ts';
import type { ListMessagesOptions } from './queries.ts';
import type {
  ApplyResult,
  ChatSummary,
  DeviceIdentity,
  MessageInfo,
  QueuedEvent,
  SearchHit,
  StoreChanges,
  StoredMessage,
} from './records.ts';
import type { SearchOptions } from './search.ts';
import type { StoreCalls } from './store-engine.ts';
import type { NewOwnMessage } from './user-actions.ts';

/**
 * Whether the history survives closing the tab. Not persistent when the browser has no OPFS
 * (`unsupported`: the UI says "History is kept only until you close this tab"), or when another
 * tab of this browser holds the database (`in-use`: "Parley is open in another tab").
 */
export type Persistence = { persistent: true } | { persistent: false; reason: 'unsupported' | 'in-use' };

/** How a LocalStore reaches its engine: in this thread, or in the store Worker. */
export interface StoreBackend {
  readonly persistence: Persistence;
  call<K extends keyof StoreCalls>(
    method: K,
    args: Parameters<StoreCalls[K]>,
  ): Promise<ReturnType<StoreCalls[K]>>;
  onChange(listener: (changes: StoreChanges) => void): void;
  /** Closes the database; `destroy` also deletes it (this device was signed out). */
  close(destroy: boolean): Promise<void>;
}

/**
 * The device's message history: chats, messages, reactions, receipts, the outbox and full-text
 * search. Every call is asynchronous because in browsers the database lives in a Worker.
 */
export class LocalStore {
  readonly #backend: StoreBackend;
  readonly #changes = new Emitter<{ change: [StoreChanges] }>();

  constructor(backend: StoreBackend) {
    this.#backend = backend;
    backend.onChange((changes) => this.#changes.emit('change', changes));
  }

  get persistence(): Persistence {
    return this.#backend.persistence;
  }

  /**
   * Calls `listener` after every committed change with the chats and messages it touched, so
   * views re-query what they show. Returns the unsubscribe function.
   */
  subscribe(listener: (changes: StoreChanges) => void): () => void {
    return this.#changes.on('change', listener);
  }

  /** Chats by most recent activity, with last message preview and unread count. */
  listChats(): Promise<ChatSummary[]> {
    return this.#backend.call('listChats', []);
  }

  getChat(chatId: string): Promise<ChatSummary | null> {
    return this.#backend.call('getChat', [chatId]);
  }

  /**
   * Everyone met in a chat, as last seen in a chat snapshot, so people who left a group are
   * still named. Re-read it when chats change.
   */
  people(): Promise<PublicUser[]> {
    return this.#backend.call('people', []);
  }

  /** A page of a chat's messages, newest last; page back with `before: oldestShown.id`. */
  listMessages(chatId: string, options: ListMessagesOptions = {}): Promise<StoredMessage[]> {
    return this.#backend.call('listMessages', [chatId, options]);
  }

  getMessage(messageId: string): Promise<StoredMessage | null> {
    return this.#backend.call('getMessage', [messageId]);
  }

  /** Per-member delivered and read times of one of my messages; null for others' messages. */
  messageInfo(messageId: string): Promise<MessageInfo | null> {
    return this.#backend.call('messageInfo', [messageId]);
  }

  /** Full-text search over texts and captions, newest first, with highlighted snippets. */
  search(query: string, options: SearchOptions = {}): Promise<SearchHit[]> {
    return this.#backend.call('search', [query, options]);
  }

  /** Ids of chats that have messages here but no snapshot yet (to fetch over HTTP). */
  chatsWithoutSnapshot(): Promise<string[]> {
    return this.#backend.call('chatsWithoutSnapshot', []);
  }

  hasChats(): Promise<boolean> {
    return this.#backend.call('hasChats', []);
  }

  saveChats(chats: Chat[]): Promise<void> {
    return this.#backend.call('saveChats', [chats]);
  }

  setOpenChat(chatId: string | null): Promise<void> {
    return this.#backend.call('setOpenChat', [chatId]);
  }

  /** The sequence number to resume the gateway from for this device. */
  resume(identity: DeviceIdentity): Promise<number> {
    return this.#backend.call('resume', [identity]);
  }

  /** Applies queued events durably; resolves once they are committed (then they may be acked). */
  applyEvents(events: QueuedEvent[]): Promise<ApplyResult> {
    return this.#backend.call('applyEvents', [events]);
  }

  /** Stores a new own message as pending and queues it; rejects with an ApiError if it cannot be sent. */
  queueSend(message: NewOwnMessage): Promise<void> {
    return this.#backend.call('queueSend', [message]);
  }

  retrySend(messageId: string): Promise<void> {
    return this.#backend.call('retrySend', [messageId]);
  }

  queueEdit(messageId: string, text: string): Promise<void> {
    return this.#backend.call('queueEdit', [messageId, text]);
  }

  queueDelete(messageId: string, forEveryone: boolean): Promise<void> {
    return this.#backend.call('queueDelete', [messageId, forEveryone]);
  }

  queueReaction(messageId: string, emoji: string | null): Promise<void> {
    return this.#backend.call('queueReaction', [messageId, emoji]);
  }

  queueRead(chatId: string): Promise<void> {
    return this.#backend.call('queueRead', [chatId]);
  }

  outboxEntries(): Promise<OutboxEntry[]> {
    return this.#backend.call('outboxEntries', []);
  }

  completeOutbox(seq: number, result: SendResult | undefined): Promise<void> {
    return this.#backend.call('completeOutbox', [seq, result]);
  }

  failOutbox(seq: number, code: string): Promise<void> {
    return this.#backend.call('failOutbox', [seq, code]);
  }

  close(): Promise<void> {
    return this.#backend.close(false);
  }

  /** Closes and deletes this device's history: for sign-out. */
  destroy(): Promise<void> {
    return this.#backend.close(true);
  }
}
