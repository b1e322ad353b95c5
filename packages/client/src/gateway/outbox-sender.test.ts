import type { SendResult } from '@parley/protocol';
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../api-error.ts';
import type { LocalStore } from '../store/local-store.ts';
import { openMemoryStore } from '../store/open-memory-store.ts';
import type { OutboxOp } from '../store/outbox-table.ts';
import { ManualClock, settle } from '../testing/manual-clock.ts';
import { at, chatOf, messageIds, t0, text, user } from '../testing/store-fixtures.ts';
import { isPermanent, OutboxSender } from './outbox-sender.ts';

const alice = user('Alice');
const chat = chatOf([alice, user('Bob')]);

type Answer = SendResult | undefined | ApiError;

describe('isPermanent', () => {
  it('gives up on 4xx refusals except RATE_LIMITED, and retries the rest', () => {
    expect(isPermanent(ApiError.of('FORBIDDEN', 'no'))).toBe(true);
    expect(isPermanent(ApiError.of('VALIDATION_FAILED', 'no'))).toBe(true);
    expect(isPermanent(ApiError.of('RATE_LIMITED', 'wait'))).toBe(false);
    expect(isPermanent(ApiError.of('INTERNAL', 'oops'))).toBe(false);
    expect(isPermanent(ApiError.network(null))).toBe(false);
    expect(isPermanent(new Error('store'))).toBe(false);
  });
});

describe('OutboxSender', () => {
  let store: LocalStore;
  let clock: ManualClock;
  let sender: OutboxSender;
  let requests: OutboxOp[];
  let answers: Answer[];
  let rejected: [OutboxOp, string][];
  let nextId: () => string;

  /** Answers requests in order from `answers`; an ApiError answer is thrown. */
  async function request(op: OutboxOp): Promise<SendResult | undefined> {
    requests.push(op);
    const answer = answers.shift();
    if (answer instanceof ApiError) throw answer;
    return answer;
  }

  async function queue(body: string): Promise<string> {
    const id = nextId();
    await store.queueSend({ id, chatId: chat.id, content: text(body) });
    return id;
  }

  const ok = (messageId: string, ms: number): SendResult => ({ messageId, sentAt: at(ms) });

  beforeEach(async () => {
    store = await openMemoryStore({ userId: alice.id, now: () => t0 });
    await store.saveChats([chat]);
    clock = new ManualClock();
    requests = [];
    answers = [];
    rejected = [];
    nextId = messageIds();
    sender = new OutboxSender({
      store,
      request,
      clock,
      random: () => 0.5,
      onRejected: (op, error) => rejected.push([op, error.code]),
    });
  });

  it('sends in order and marks each message sent', async () => {
    const [a, b] = [await queue('first'), await queue('second')];
    answers = [ok(a, 100), ok(b, 200)];
    sender.flush();
    await sender.idle();
    expect(requests.map((op) => op.type === 'send' && op.messageId)).toEqual([a, b]);
    expect(await store.getMessage(a)).toMatchObject({ state: 'sent', sentAt: at(100) });
    expect(await store.getMessage(b)).toMatchObject({ state: 'sent', sentAt: at(200) });
    expect(await store.outboxEntries()).toEqual([]);
  });

  it('stops at a network failure and resends the same message id on the next flush', async () => {
    const [a, b] = [await queue('first'), await queue('second')];
    answers = [ApiError.network(new Error('connection lost'))];
    sender.flush();
    await sender.idle();
    expect(requests).toHaveLength(1);
    expect(await store.getMessage(a)).toMatchObject({ state: 'pending' });

    answers = [ok(a, 100), ok(b, 200)];
    sender.flush();
    await sender.idle();
    expect(requests.map((op) => op.type === 'send' && op.messageId)).toEqual([a, a, b]);
    expect((await store.listMessages(chat.id)).map((m) => m.state)).toEqual(['sent', 'sent']);
  });

  it('waits and retries when rate limited, keeping the message pending', async () => {
    const a = await queue('slow down');
    answers = [ApiError.of('RATE_LIMITED', 'wait'), ok(a, 100)];
    sender.flush();
    await sender.idle();
    expect(await store.getMessage(a)).toMatchObject({ state: 'pending' });
    // The first retry waits 3/4 of a second (1 s with half of it jittered, random() = 0.5).
    await clock.advance(749);
    expect(requests).toHaveLength(1);
    await clock.advance(1);
    await sender.idle();
    expect(requests).toHaveLength(2);
    expect(await store.getMessage(a)).toMatchObject({ state: 'sent' });
  });

  it('marks a refused message failed, reports it, and goes on with the next', async () => {
    const [a, b] = [await queue('refused'), await queue('fine')];
    answers = [ApiError.of('FORBIDDEN', 'not a member'), ok(b, 200)];
    sender.flush();
    await sender.idle();
    expect(await store.getMessage(a)).toMatchObject({ state: 'failed', errorCode: 'FORBIDDEN' });
    expect(await store.getMessage(b)).toMatchObject({ state: 'sent' });
    expect(rejected).toEqual([[expect.objectContaining({ type: 'send', messageId: a }), 'FORBIDDEN']]);
  });

  it('picks up what was queued while a run was in progress', async () => {
    const a = await queue('first');
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = new OutboxSender({
      store,
      clock,
      request: async (op) => {
        requests.push(op);
        await gate;
        return op.type === 'send' ? ok(op.messageId, 100) : undefined;
      },
    });
    slow.flush();
    await settle();
    const b = await queue('second');
    slow.flush();
    release();
    await slow.idle();
    expect(requests.map((op) => op.type === 'send' && op.messageId)).toEqual([a, b]);
  });

  it('does not retry after stop', async () => {
    await queue('x');
    answers = [ApiError.of('INTERNAL', 'oops')];
    sender.flush();
    await sender.idle();
    expect(clock.pending).toBe(1);
    await sender.stop();
    await clock.advance(60_000);
    expect(requests).toHaveLength(1);
    expect(clock.pending).toBe(0);
  });
});
