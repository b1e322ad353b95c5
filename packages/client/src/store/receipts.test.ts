import type { ParleyEvent } from '@parley/protocol';
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
import { raiseState, recipientsOf, stateFromReceipts } from './receipts.ts';
import type { StoreEngine } from './store-engine.ts';

describe('receipt rules', () => {
  it('never lowers ticks', () => {
    expect(raiseState('read', 'delivered')).toBe('read');
    expect(raiseState('sent', 'delivered')).toBe('delivered');
    expect(raiseState('pending', 'sent')).toBe('sent');
    expect(raiseState('failed', 'delivered')).toBe('delivered');
  });

  it('needs every recipient for delivered and for read', () => {
    const receipt = (userId: string, delivered: boolean, read: boolean) => ({
      userId,
      deliveredAt: delivered ? at(1) : null,
      readAt: read ? at(2) : null,
    });
    expect(stateFromReceipts(['b', 'c'], [receipt('b', true, true)])).toBe('sent');
    expect(stateFromReceipts(['b', 'c'], [receipt('b', true, true), receipt('c', true, false)])).toBe(
      'delivered',
    );
    expect(stateFromReceipts(['b', 'c'], [receipt('b', true, true), receipt('c', true, true)])).toBe('read');
    expect(stateFromReceipts([], [])).toBe('sent');
  });

  it('counts members who were there when the message was sent, except the sender', () => {
    const [a, b, c] = [user('A'), user('B'), user('C')];
    const chat = chatOf([a, b, c], { joinedAt: { [c.id]: at(5_000) } });
    expect(recipientsOf(chat, a.id, at(1_000))).toEqual([b.id]);
    expect(recipientsOf(chat, a.id, at(6_000))).toEqual([b.id, c.id]);
  });
});

describe('receipts applied to my messages', () => {
  const alice = user('Alice');
  const bob = user('Bob');
  const carol = user('Carol');
  let engine: StoreEngine;
  let seq: number;
  let nextId: () => string;

  function apply(...events: ParleyEvent[]) {
    engine.applyEvents(queued(events, seq + 1));
    seq += events.length;
  }

  function receipt(
    chatId: string,
    messageIds: string[],
    userId: string,
    state: 'delivered' | 'read',
    ms: number,
  ) {
    return { type: 'receipt', chatId, messageIds, userId, state, at: at(ms) } as const;
  }

  beforeEach(async () => {
    ({ engine } = await engineFor(alice));
    seq = 0;
    nextId = messageIds();
  });

  it('in a direct chat, the one recipient decides, and ticks never go back', () => {
    const chat = chatOf([alice, bob]);
    const id = nextId();
    apply({ type: 'chat-updated', chat }, messageEvent(id, chat, alice, text('Hi'), at(1_000)));
    apply(receipt(chat.id, [id], bob.id, 'delivered', 2_000));
    expect(engine.getMessage(id)?.state).toBe('delivered');
    apply(receipt(chat.id, [id], bob.id, 'read', 3_000));
    apply(receipt(chat.id, [id], bob.id, 'delivered', 4_000));
    expect(engine.getMessage(id)?.state).toBe('read');
    expect(engine.messageInfo(id)?.recipients).toEqual([
      { user: bob, deliveredAt: at(2_000), readAt: at(3_000) },
    ]);
  });

  it('in a group, delivered and read need every member, with per-member times for message info', () => {
    const dave = user('Dave');
    const group = chatOf([alice, bob, carol, dave], { joinedAt: { [dave.id]: at(5_000) } });
    const id = nextId();
    apply({ type: 'chat-updated', chat: group }, messageEvent(id, group, alice, text('Hi all'), at(1_000)));

    apply(receipt(group.id, [id], bob.id, 'read', 2_000));
    expect(engine.getMessage(id)?.state).toBe('sent');
    apply(receipt(group.id, [id], carol.id, 'delivered', 3_000));
    expect(engine.getMessage(id)?.state).toBe('delivered');
    apply(receipt(group.id, [id], carol.id, 'read', 4_000));
    // Dave joined after the message was sent: he does not hold it back.
    expect(engine.getMessage(id)?.state).toBe('read');

    expect(engine.messageInfo(id)).toEqual({
      messageId: id,
      state: 'read',
      recipients: [
        // Read implies delivered: Bob's read receipt is also his delivery.
        { user: bob, deliveredAt: at(2_000), readAt: at(2_000) },
        { user: carol, deliveredAt: at(3_000), readAt: at(4_000) },
      ],
    });
  });

  it('applies a receipt the same way twice, and one covering several messages', () => {
    const chat = chatOf([alice, bob]);
    const [first, second] = [nextId(), nextId()];
    apply(
      { type: 'chat-updated', chat },
      messageEvent(first, chat, alice, text('1'), at(1_000)),
      messageEvent(second, chat, alice, text('2'), at(1_500)),
    );
    const both = receipt(chat.id, [first, second], bob.id, 'delivered', 2_000);
    apply(both);
    apply(both);
    expect([engine.getMessage(first)?.state, engine.getMessage(second)?.state]).toEqual([
      'delivered',
      'delivered',
    ]);
    expect(engine.messageInfo(first)?.recipients).toHaveLength(1);
  });

  it('gives a message that arrives after its receipt the ticks it already earned', () => {
    const chat = chatOf([alice, bob]);
    const id = nextId();
    apply({ type: 'chat-updated', chat }, receipt(chat.id, [id], bob.id, 'read', 2_000));
    apply(messageEvent(id, chat, alice, text('Sent from my phone'), at(1_000)));
    expect(engine.getMessage(id)?.state).toBe('read');
  });

  it('has no message info for messages of others', () => {
    const chat = chatOf([alice, bob]);
    const id = nextId();
    apply({ type: 'chat-updated', chat }, messageEvent(id, chat, bob, text('Hi'), at(1_000)));
    expect(engine.messageInfo(id)).toBeNull();
  });
});
