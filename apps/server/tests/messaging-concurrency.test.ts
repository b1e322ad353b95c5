import { ulid } from 'ulid';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sendMessage } from '../src/messaging/messages.ts';
import { acknowledge } from '../src/messaging/receipts.ts';
import { call, signIn, startTestServer, storageModes, type TestServer } from './harness.ts';

const modes = await storageModes();

describe.each(modes)('concurrent acknowledgements (%s storage)', (mode) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(mode);
  });
  afterAll(() => t?.stop());
  afterEach(() => {
    expect(t.takeProblems()).toEqual([]);
  });

  it('never deadlock when members acknowledge messages of several senders in different orders', async () => {
    const [ann, ben, ...readers] = await Promise.all(Array.from({ length: 10 }, () => signIn(t.url)));
    if (!ann || !ben) throw new Error('sign-in failed');
    const group = await call(t.url, 'POST', '/api/v1/chats/groups', {
      token: ann.token,
      json: { title: 'Race', memberIds: [ben, ...readers].map((p) => p.user.id) },
    });
    const chatId = group.body.id as string;
    const session = (p: typeof ann) => ({ userId: p.user.id, deviceId: p.device.id });
    const seqOf = async (deviceId: string, messageId: string) =>
      (
        await t.ctx.database.db
          .selectFrom('deliveries')
          .innerJoin('events', 'events.id', 'deliveries.event_id')
          .select('deliveries.seq')
          .where('deliveries.device_id', '=', deviceId)
          .where('events.message_id', '=', messageId)
          .executeTakeFirstOrThrow()
      ).seq;

    for (let round = 0; round < 8; round++) {
      const send = async (from: typeof ann) => {
        const messageId = ulid();
        await sendMessage(t.ctx, session(from), { messageId, chatId, content: { type: 'text', text: 'x' } });
        return messageId;
      };
      // a1 b1 b2 a2: acknowledging {a1, b1} reaches Ann then Ben, {b2, a2} Ben then Ann.
      const a1 = await send(ann);
      const b1 = await send(ben);
      await send(ben);
      const a2 = await send(ann);
      const [early, late] = [readers.slice(0, 4), readers.slice(4)];
      for (const reader of late) await acknowledge(t.ctx, session(reader), await seqOf(reader.device.id, b1));
      const results = await Promise.allSettled([
        ...early.map(async (r) => acknowledge(t.ctx, session(r), await seqOf(r.device.id, b1))),
        ...late.map(async (r) => acknowledge(t.ctx, session(r), await seqOf(r.device.id, a2))),
      ]);
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      expect(a1).toBeTruthy();
    }
  });
});
