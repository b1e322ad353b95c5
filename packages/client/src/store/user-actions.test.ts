import type { ParleyEvent } from '@parley/protocol';
import { beforeEach, describe, expect, it } from 'vitest';
import { isApiError } from '../api-error.ts';
import {
  at,
  chatOf,
  checkSearchIndexes,
  engineFor,
  messageEvent,
  messageIds,
  queued,
  t0,
  text,
  user,
} from '../testing/store-fixtures.ts';
import type { SqlDatabase } from './sql-database.ts';
import type { StoreEngine } from './store-engine.ts';

const alice = user('Alice');
const bob = user('Bob');
const chat = chatOf([alice, bob]);

describe('what the person does, stored first and queued', () => {
  let engine: StoreEngine;
  let db: SqlDatabase;
  let setNow: (ms: number) => void;
  let nextId: () => string;
  let seq: number;

  function apply(...events: ParleyEvent[]) {
    engine.applyEvents(queued(events, seq + 1));
    seq += events.length;
  }

  function ops() {
    return engine.outboxEntries().map((entry) => entry.op);
  }

  /** The server answers the oldest outbox entry with ok. */
  function serverAccepts(sentAt?: string) {
    const [entry] = engine.outboxEntries();
    if (!entry) throw new Error('outbox is empty');
    const result = entry.op.type === 'send' && sentAt ? { messageId: entry.op.messageId, sentAt } : undefined;
    engine.completeOutbox(entry.seq, result);
  }

  function serverRefuses(code: string) {
    const [entry] = engine.outboxEntries();
    if (!entry) throw new Error('outbox is empty');
    engine.failOutbox(entry.seq, code);
  }

  function sendText(body: string): string {
    const id = nextId();
    engine.queueSend({ id, chatId: chat.id, content: text(body) });
    return id;
  }

  beforeEach(async () => {
    ({ engine, db, setNow } = await engineFor(alice));
    nextId = messageIds();
    seq = 0;
    apply({ type: 'chat-updated', chat });
  });

  it('shows a sent message at once as pending, then sent with the server time', () => {
    const id = sendText('Hi Bob');
    expect(engine.getMessage(id)).toMatchObject({ own: true, state: 'pending', sentAt: at(0) });
    expect(engine.listChats()[0]?.lastMessage).toMatchObject({ id, state: 'pending' });
    expect(ops()).toEqual([
      { type: 'send', messageId: id, chatId: chat.id, content: { type: 'text', text: 'Hi Bob' } },
    ]);

    serverAccepts(at(250));
    expect(engine.getMessage(id)).toMatchObject({ state: 'sent', sentAt: at(250) });
    expect(ops()).toEqual([]);
  });

  it('marks a refused message failed with the code, and retries it with the same id', () => {
    const id = sendText('Hi Bob');
    serverRefuses('FORBIDDEN');
    expect(engine.getMessage(id)).toMatchObject({ state: 'failed', errorCode: 'FORBIDDEN' });
    expect(ops()).toEqual([]);

    engine.retrySend(id);
    expect(engine.getMessage(id)).toMatchObject({ state: 'pending', errorCode: null });
    expect(ops()).toMatchObject([{ type: 'send', messageId: id }]);
  });

  it('does not queue a message twice for the same id', () => {
    const id = nextId();
    engine.queueSend({ id, chatId: chat.id, content: text('once') });
    engine.queueSend({ id, chatId: chat.id, content: text('once') });
    expect(ops()).toHaveLength(1);
  });

  it('refuses what the server would refuse before storing it', () => {
    const code = (fn: () => void) => {
      try {
        fn();
      } catch (error) {
        return isApiError(error) ? error.code : String(error);
      }
      return 'accepted';
    };
    expect(code(() => engine.queueSend({ id: nextId(), chatId: chat.id, content: text('   ') }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(code(() => engine.queueSend({ id: nextId(), chatId: 'unknown', content: text('x') }))).toBe(
      'CHAT_NOT_FOUND',
    );
    apply({ type: 'chat-removed', chatId: chat.id });
    expect(code(() => engine.queueSend({ id: nextId(), chatId: chat.id, content: text('x') }))).toBe(
      'FORBIDDEN',
    );
    expect(ops()).toEqual([]);
  });

  it('edits my message at once and undoes the edit when the server refuses it', () => {
    const id = sendText('Helo');
    serverAccepts(at(0));
    engine.queueEdit(id, 'Hello');
    expect(engine.getMessage(id)).toMatchObject({ content: { text: 'Hello' }, editedAt: at(0) });
    expect(engine.search('hello').map((hit) => hit.messageId)).toEqual([id]);

    serverRefuses('EDIT_WINDOW_PASSED');
    expect(engine.getMessage(id)).toMatchObject({ content: { text: 'Helo' }, editedAt: null });
    expect(engine.search('hello')).toEqual([]);
    checkSearchIndexes(db);
  });

  it('undoes a chain of refused edits to what the server has', () => {
    const id = sendText('one');
    serverAccepts(at(0));
    engine.queueEdit(id, 'two');
    engine.queueEdit(id, 'three');
    serverRefuses('VALIDATION_FAILED');
    // The later edit is still queued, so the text stays as the person last wrote it...
    expect(engine.getMessage(id)?.content).toMatchObject({ text: 'three' });
    serverRefuses('VALIDATION_FAILED');
    // ...and refusing that one too restores the text the server has.
    expect(engine.getMessage(id)?.content).toMatchObject({ text: 'one' });
  });

  it('keeps edits and deletes of a failed message on this device', () => {
    const id = sendText('typo');
    serverRefuses('FORBIDDEN');
    engine.queueEdit(id, 'fixed');
    expect(ops()).toEqual([]);
    engine.retrySend(id);
    expect(ops()).toMatchObject([{ type: 'send', messageId: id, content: { text: 'fixed' } }]);
  });

  it('refuses edits and deletes for everyone after their windows, and of messages of others', () => {
    const mine = sendText('old');
    serverAccepts(at(0));
    const theirs = nextId();
    apply(messageEvent(theirs, chat, bob, text('theirs'), at(1)));

    setNow(t0 + 16 * 60_000);
    expect(() => engine.queueEdit(mine, 'new')).toThrow(/passed/);
    expect(() => engine.queueEdit(theirs, 'new')).toThrow(/own/);
    expect(() => engine.queueDelete(theirs, true)).toThrow(/own/);
    setNow(t0 + 49 * 3_600_000);
    expect(() => engine.queueDelete(mine, true)).toThrow(/passed/);
    expect(ops()).toEqual([]);
  });

  it('deletes for everyone as a tombstone and restores the message if refused', () => {
    const id = sendText('secret');
    serverAccepts(at(0));
    apply({ type: 'reaction', chatId: chat.id, messageId: id, userId: bob.id, emoji: '😮' });
    engine.queueDelete(id, true);
    expect(engine.getMessage(id)).toMatchObject({ deleted: true, content: null, reactions: [] });
    expect(ops()).toEqual([{ type: 'delete', chatId: chat.id, messageId: id, forEveryone: true }]);

    serverRefuses('DELETE_WINDOW_PASSED');
    expect(engine.getMessage(id)).toMatchObject({
      deleted: false,
      content: { text: 'secret' },
      reactions: [{ userId: bob.id, emoji: '😮' }],
    });
    expect(engine.search('secret').map((hit) => hit.messageId)).toEqual([id]);
  });

  it('deletes for me at once, telling my other devices', () => {
    const id = nextId();
    apply(messageEvent(id, chat, bob, text('spam'), at(1)));
    engine.queueDelete(id, false);
    expect(engine.getMessage(id)).toBeNull();
    expect(ops()).toEqual([{ type: 'delete', chatId: chat.id, messageId: id, forEveryone: false }]);
    serverRefuses('MESSAGE_NOT_FOUND');
    expect(engine.getMessage(id)).toBeNull();
  });

  it('sets, replaces and removes my reaction, undoing a refused one', () => {
    const id = nextId();
    apply(messageEvent(id, chat, bob, text('Lunch?'), at(1)));
    engine.queueReaction(id, '👍');
    engine.queueReaction(id, '👍');
    expect(ops()).toHaveLength(1);
    serverAccepts();
    engine.queueReaction(id, '🎉');
    expect(engine.getMessage(id)?.reactions).toEqual([{ userId: alice.id, emoji: '🎉' }]);
    serverRefuses('FORBIDDEN');
    expect(engine.getMessage(id)?.reactions).toEqual([{ userId: alice.id, emoji: '👍' }]);
    expect(() => engine.queueReaction(id, 'ok')).toThrow(/one emoji/);
    engine.queueReaction(id, null);
    expect(engine.getMessage(id)?.reactions).toEqual([]);
    expect(ops()).toEqual([{ type: 'react', chatId: chat.id, messageId: id, emoji: null }]);
  });

  it('marks a chat read up to the newest message from others, once', () => {
    const [first, second] = [nextId(), nextId()];
    apply(
      messageEvent(first, chat, bob, text('1'), at(1)),
      messageEvent(second, chat, bob, text('2'), at(2)),
    );
    sendText('my reply');
    serverAccepts(at(3));
    expect(engine.getChat(chat.id)?.unreadCount).toBe(2);

    engine.queueRead(chat.id);
    engine.queueRead(chat.id);
    expect(engine.getChat(chat.id)?.unreadCount).toBe(0);
    expect(ops()).toEqual([{ type: 'read', chatId: chat.id, upToMessageId: second }]);
  });

  it('notifies subscribers with what changed, after it is stored', () => {
    const seen: unknown[] = [];
    engine.onChange = (changes) => seen.push(changes);
    const id = sendText('Hi');
    expect(seen).toEqual([{ chats: [chat.id], messages: [id] }]);
    engine.queueRead(chat.id);
    expect(seen).toHaveLength(1);
  });
});
