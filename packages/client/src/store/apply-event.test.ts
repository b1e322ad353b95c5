import { beforeEach, describe, expect, it } from 'vitest';
import {
  at,
  chatOf,
  engineFor,
  messageEvent,
  messageIds,
  queued,
  text,
  user,
} from '../testing/store-fixtures.ts';
import type { StoreEngine } from './store-engine.ts';

const alice = user('Alice');
const bob = user('Bob');
const direct = chatOf([alice, bob]);

describe('applying queued events', () => {
  let engine: StoreEngine;
  let nextId: () => string;
  let seq: number;

  /** Applies events with the next sequence numbers, as a gateway would deliver them. */
  function apply(...events: Parameters<typeof queued>[0]) {
    const result = engine.applyEvents(queued(events, seq + 1));
    seq += events.length;
    return result;
  }

  beforeEach(async () => {
    ({ engine } = await engineFor(alice));
    nextId = messageIds();
    seq = 0;
    apply({ type: 'chat-updated', chat: direct });
  });

  it('stores a message once, however often it arrives', () => {
    const id = nextId();
    const event = messageEvent(id, direct, bob, text('Hello Alice'), at(1_000));
    apply(event);
    apply(event);
    // The same sequence number again (a resend after reconnect) is skipped outright.
    engine.applyEvents(queued([event], seq));

    expect(engine.listMessages(direct.id)).toMatchObject([
      { id, senderId: bob.id, own: false, state: null, content: { type: 'text', text: 'Hello Alice' } },
    ]);
    const [summary] = engine.listChats();
    expect(summary).toMatchObject({ unreadCount: 1, lastMessage: { id }, lastActivityAt: at(1_000) });
  });

  it('stores my messages from my other devices as own and sent', () => {
    const id = nextId();
    apply(messageEvent(id, direct, alice, text('From my phone'), at(1_000)));
    expect(engine.getMessage(id)).toMatchObject({ own: true, state: 'sent' });
    expect(engine.getChat(direct.id)?.unreadCount).toBe(0);
  });

  it('reports new incoming messages and skips events at or below the applied sequence', () => {
    const first = nextId();
    const result = apply(messageEvent(first, direct, bob, text('One'), at(1_000)));
    expect(result.incoming).toEqual([{ chatId: direct.id, messageId: first, senderId: bob.id }]);

    const again = engine.applyEvents([
      { seq, event: messageEvent(nextId(), direct, bob, text('x'), at(2_000)) },
    ]);
    expect(again.incoming).toEqual([]);
    expect(engine.listMessages(direct.id)).toHaveLength(1);
  });

  it('moves past an event it does not understand', () => {
    engine.resume({ userId: alice.id, deviceId: 'D1' });
    engine.applyEvents([{ seq: seq + 1, event: null }]);
    expect(engine.resume({ userId: alice.id, deviceId: 'D1' })).toBe(seq + 1);
  });

  it('resumes a device from its last applied event and a new device from zero', () => {
    expect(engine.resume({ userId: alice.id, deviceId: 'D1' })).toBe(0);
    apply(messageEvent(nextId(), direct, bob, text('One'), at(1_000)));
    expect(engine.resume({ userId: alice.id, deviceId: 'D1' })).toBe(seq);
    // Signed in again in this browser: a new device with its own queue; the history stays.
    expect(engine.resume({ userId: alice.id, deviceId: 'D2' })).toBe(0);
    expect(engine.listMessages(direct.id)).toHaveLength(1);
    expect(() => engine.resume({ userId: bob.id, deviceId: 'D3' })).toThrow(/another account/);
  });

  it('replaces content on edit, ignoring an older edit arriving late', () => {
    const id = nextId();
    apply(messageEvent(id, direct, bob, text('Helo'), at(1_000)));
    const edit = (body: string, editedAt: string) =>
      ({ type: 'message-edited', chatId: direct.id, messageId: id, content: text(body), editedAt }) as const;
    apply(edit('Hello', at(3_000)));
    apply(edit('Hello?', at(2_000)));
    expect(engine.getMessage(id)).toMatchObject({ content: { text: 'Hello' }, editedAt: at(3_000) });
  });

  it('turns a message deleted for everyone into a tombstone and keeps it one', () => {
    const id = nextId();
    apply(messageEvent(id, direct, bob, text('Oops'), at(1_000)));
    apply({ type: 'reaction', chatId: direct.id, messageId: id, userId: alice.id, emoji: '😂' });
    const deleted = {
      type: 'message-deleted',
      chatId: direct.id,
      messageId: id,
      forEveryone: true,
      deletedBy: bob.id,
    } as const;
    apply(deleted);
    apply(deleted);
    apply({
      type: 'message-edited',
      chatId: direct.id,
      messageId: id,
      content: text('Back'),
      editedAt: at(9_000),
    });

    expect(engine.getMessage(id)).toMatchObject({ deleted: true, content: null, reactions: [] });
    expect(engine.listChats()[0]?.lastMessage).toMatchObject({ id, deleted: true, content: null });
  });

  it('removes a message deleted for me, and a late copy does not bring it back', () => {
    const kept = nextId();
    const gone = nextId();
    const message = messageEvent(gone, direct, bob, text('Delete me'), at(2_000));
    apply(messageEvent(kept, direct, bob, text('Keep me'), at(1_000)), message);
    expect(engine.getChat(direct.id)?.unreadCount).toBe(2);

    apply({
      type: 'message-deleted',
      chatId: direct.id,
      messageId: gone,
      forEveryone: false,
      deletedBy: alice.id,
    });
    apply(message);

    expect(engine.listMessages(direct.id).map((m) => m.id)).toEqual([kept]);
    expect(engine.getMessage(gone)).toBeNull();
    expect(engine.getChat(direct.id)).toMatchObject({ unreadCount: 1, lastMessage: { id: kept } });
  });

  it("replaces a user's reaction and removes it with null", () => {
    const id = nextId();
    apply(messageEvent(id, direct, alice, text('Lunch?'), at(1_000)));
    const react = (emoji: string | null) =>
      ({ type: 'reaction', chatId: direct.id, messageId: id, userId: bob.id, emoji }) as const;
    apply(react('👍'));
    apply(react('❤️'));
    expect(engine.getMessage(id)?.reactions).toEqual([{ userId: bob.id, emoji: '❤️' }]);
    apply(react(null));
    apply(react(null));
    expect(engine.getMessage(id)?.reactions).toEqual([]);
  });

  it('counts unread messages only outside the open chat, and clears them when read elsewhere', () => {
    const first = nextId();
    apply(messageEvent(first, direct, bob, text('1'), at(1_000)));
    engine.setOpenChat(direct.id);
    apply(messageEvent(nextId(), direct, bob, text('2'), at(2_000)));
    expect(engine.getChat(direct.id)?.unreadCount).toBe(1);

    engine.setOpenChat(null);
    const third = nextId();
    apply(messageEvent(third, direct, bob, text('3'), at(3_000)));
    apply({ type: 'chat-read', chatId: direct.id, upToMessageId: first });
    // Read elsewhere up to the first: the second and third are still new here.
    expect(engine.getChat(direct.id)?.unreadCount).toBe(2);
    apply({ type: 'chat-read', chatId: direct.id, upToMessageId: third });
    expect(engine.getChat(direct.id)?.unreadCount).toBe(0);
    // A read marker never moves back.
    apply({ type: 'chat-read', chatId: direct.id, upToMessageId: first });
    expect(engine.getChat(direct.id)?.unreadCount).toBe(0);
  });

  it('does not count system messages as unread', () => {
    apply(
      messageEvent(
        nextId(),
        direct,
        bob,
        { type: 'system', system: { action: 'title-changed', title: 'x' } },
        at(1_000),
      ),
    );
    expect(engine.getChat(direct.id)?.unreadCount).toBe(0);
  });

  it('keeps the history of a chat I left and takes me back when re-added', () => {
    const group = chatOf([bob, alice, user('Carol')]);
    apply(
      { type: 'chat-updated', chat: group },
      messageEvent(nextId(), group, bob, text('Hi all'), at(1_000)),
    );
    apply({ type: 'chat-removed', chatId: group.id });
    expect(engine.getChat(group.id)).toMatchObject({ left: true });
    expect(engine.listMessages(group.id)).toHaveLength(1);

    apply({ type: 'chat-updated', chat: { ...group, title: 'Renamed' } });
    expect(engine.getChat(group.id)).toMatchObject({ left: false, chat: { title: 'Renamed' } });
  });

  it('still names people who left a group', () => {
    const carol = user('Carol');
    const group = chatOf([alice, bob, carol]);
    apply({ type: 'chat-updated', chat: group });
    apply({ type: 'chat-updated', chat: { ...group, members: group.members.slice(0, 2) } });
    apply({ type: 'chat-updated', chat: { ...direct, members: [] } });
    expect(
      engine
        .people()
        .map((person) => person.displayName)
        .sort(),
    ).toEqual(['Alice', 'Bob', 'Carol']);
    apply({ type: 'chat-updated', chat: chatOf([alice, { ...carol, displayName: 'Caro' }]) });
    expect(engine.people().find((person) => person.id === carol.id)?.displayName).toBe('Caro');
  });

  it('lists chats by latest activity', () => {
    const group = chatOf([alice, bob, user('Carol')]);
    apply({ type: 'chat-updated', chat: group });
    apply(messageEvent(nextId(), direct, bob, text('older'), at(1_000)));
    apply(messageEvent(nextId(), group, bob, text('newer'), at(2_000)));
    expect(engine.listChats().map((summary) => summary.chat.id)).toEqual([group.id, direct.id]);
    apply(messageEvent(nextId(), direct, bob, text('newest'), at(3_000)));
    expect(engine.listChats().map((summary) => summary.chat.id)).toEqual([direct.id, group.id]);
  });

  it('holds back a chat known only by its messages until its snapshot arrives', () => {
    const other = chatOf([alice, user('Dave')]);
    const result = apply(messageEvent(nextId(), other, other.members[1]?.user ?? bob, text('Hi'), at(1_000)));
    expect(result.chatsWithoutSnapshot).toEqual([other.id]);
    expect(engine.listChats().map((summary) => summary.chat.id)).toEqual([direct.id]);

    engine.saveChats([other]);
    expect(engine.chatsWithoutSnapshot()).toEqual([]);
    expect(engine.getChat(other.id)).toMatchObject({
      unreadCount: 1,
      lastMessage: { content: { text: 'Hi' } },
    });
  });

  it('pages through a chat newest last, and shows what a reply quotes', () => {
    const ids = Array.from({ length: 5 }, () => nextId());
    ids.forEach((id, index) => {
      apply(
        messageEvent(id, direct, bob, text(`m${index}`, index === 4 ? ids[0] : undefined), at(index * 1_000)),
      );
    });
    const latest = engine.listMessages(direct.id, { limit: 2 });
    expect(latest.map((m) => m.content)).toMatchObject([{ text: 'm3' }, { text: 'm4' }]);
    expect(latest[1]?.replyTo).toEqual({
      messageId: ids[0],
      message: { senderId: bob.id, content: { type: 'text', text: 'm0' }, deleted: false },
    });
    const older = engine.listMessages(direct.id, { before: latest[0]?.id, limit: 10 });
    expect(older.map((m) => m.content)).toMatchObject([{ text: 'm0' }, { text: 'm1' }, { text: 'm2' }]);
    const newer = engine.listMessages(direct.id, { after: ids[1], limit: 2 });
    expect(newer.map((m) => m.content)).toMatchObject([{ text: 'm2' }, { text: 'm3' }]);
  });
});
