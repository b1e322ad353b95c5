import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Bus } from './bus.ts';
import type { BusHandlerErrorListener } from './bus-handler.ts';
import { Inbox } from './inbox.ts';

/** Two nodes joined by the same bus, isolated from other tests. */
export interface BusFixture {
  first: Bus;
  second: Bus;
  /** Closes both nodes. */
  dispose(): Promise<void>;
}

/** The behaviour every Bus adapter shares; `open` gives each test two fresh nodes. */
export function describeBusContract(
  name: string,
  open: (options: { onHandlerError: BusHandlerErrorListener }) => Promise<BusFixture>,
): void {
  describe(`Bus contract: ${name}`, () => {
    const fixtures: BusFixture[] = [];
    const handlerErrors: { error: unknown; topic: string }[] = [];
    async function nodes(): Promise<BusFixture> {
      const fixture = await open({ onHandlerError: (error, topic) => handlerErrors.push({ error, topic }) });
      fixtures.push(fixture);
      return fixture;
    }
    afterEach(async () => {
      handlerErrors.length = 0;
      await Promise.all(fixtures.splice(0).map((fixture) => fixture.dispose()));
    });

    it('delivers a JSON message to a subscriber on the same node and on another node', async () => {
      const { first, second } = await nodes();
      const topic = randomUUID();
      const local = new Inbox();
      const remote = new Inbox();
      await first.subscribe(topic, local.handler);
      await second.subscribe(topic, remote.handler);
      const message = { kind: 'message.new', chatId: 'c1', seq: 7, tags: ['a', null], nested: { ok: true } };
      await first.publish(topic, message);
      expect(await local.next(1)).toEqual([message]);
      expect(await remote.next(1)).toEqual([message]);
    });

    it('gives each handler its own copy, as JSON: a Date arrives as its ISO string', async () => {
      const { first, second } = await nodes();
      const topic = randomUUID();
      const a = new Inbox();
      const b = new Inbox();
      await second.subscribe(topic, (message) => {
        (message as { seen?: boolean }).seen = true;
        a.handler(message);
      });
      await second.subscribe(topic, b.handler);
      const sent = { at: new Date(0) };
      await first.publish(topic, sent);
      expect(await a.next(1)).toEqual([{ at: '1970-01-01T00:00:00.000Z', seen: true }]);
      expect(await b.next(1)).toEqual([{ at: '1970-01-01T00:00:00.000Z' }]);
      expect(sent).toEqual({ at: new Date(0) });
    });

    it('refuses a message that is not JSON', async () => {
      const { first } = await nodes();
      await expect(first.publish(randomUUID(), undefined)).rejects.toThrow(TypeError);
    });

    it("keeps one node's publish order, even when publishes are not awaited one by one", async () => {
      const { first, second } = await nodes();
      const topic = randomUUID();
      const inbox = new Inbox();
      await second.subscribe(topic, inbox.handler);
      const sequence = Array.from({ length: 200 }, (_, index) => index);
      await Promise.all(sequence.map((index) => first.publish(topic, index)));
      expect(await inbox.next(sequence.length)).toEqual(sequence);
    });

    it('delivers to every handler of a topic, including one handler subscribed twice', async () => {
      const { first, second } = await nodes();
      const topic = randomUUID();
      const inbox = new Inbox();
      const other = new Inbox();
      await second.subscribe(topic, inbox.handler);
      await second.subscribe(topic, inbox.handler);
      await second.subscribe(topic, other.handler);
      await first.publish(topic, 'hello');
      expect(await other.next(1)).toEqual(['hello']);
      expect(await inbox.next(2)).toEqual(['hello', 'hello']);
    });

    it('unsubscribes only the handler it was returned for', async () => {
      const { first, second } = await nodes();
      const topic = randomUUID();
      const gone = new Inbox();
      const kept = new Inbox();
      const unsubscribe = await second.subscribe(topic, gone.handler);
      await second.subscribe(topic, kept.handler);
      await first.publish(topic, 'before');
      expect(await gone.next(1)).toEqual(['before']);
      expect(await kept.next(1)).toEqual(['before']);

      await unsubscribe();
      await unsubscribe();
      await first.publish(topic, 'after');
      // Handlers of one node get a message together: once `kept` has it, `gone` would have too.
      expect(await kept.next(2)).toEqual(['before', 'after']);
      expect(gone.messages).toEqual(['before']);
    });

    it("stops a node's delivery when the last handler of a topic unsubscribes", async () => {
      const { first, second } = await nodes();
      const topic = randomUUID();
      const marker = randomUUID();
      const gone = new Inbox();
      const markers = new Inbox();
      const unsubscribe = await second.subscribe(topic, gone.handler);
      await second.subscribe(marker, markers.handler);
      await unsubscribe();
      await first.publish(topic, 'unheard');
      await first.publish(marker, 'after');
      // One publisher's messages reach a node in order, across topics.
      expect(await markers.next(1)).toEqual(['after']);
      expect(gone.messages).toEqual([]);

      const again = new Inbox();
      await second.subscribe(topic, again.handler);
      await first.publish(topic, 'heard');
      expect(await again.next(1)).toEqual(['heard']);
    });

    it('keeps topics apart', async () => {
      const { first, second } = await nodes();
      const [left, right] = [randomUUID(), randomUUID()];
      const inbox = new Inbox();
      await second.subscribe(left, inbox.handler);
      await first.publish(right, 'not for you');
      await first.publish(left, 'for you');
      expect(await inbox.next(1)).toEqual(['for you']);
      await first.publish(left, 'and this');
      expect(await inbox.next(2)).toEqual(['for you', 'and this']);
    });

    it('reports a throwing handler and still delivers to the others', async () => {
      const { first, second } = await nodes();
      const topic = randomUUID();
      const inbox = new Inbox();
      const bug = new Error('handler bug');
      await second.subscribe(topic, () => {
        throw bug;
      });
      await second.subscribe(topic, inbox.handler);
      await first.publish(topic, 1);
      await first.publish(topic, 2);
      expect(await inbox.next(2)).toEqual([1, 2]);
      expect(handlerErrors).toEqual([
        { error: bug, topic },
        { error: bug, topic },
      ]);
    });

    it('answers ping while open, and refuses to publish or subscribe once closed', async () => {
      const { first } = await nodes();
      await first.ping();
      await first.close();
      await first.close();
      await expect(first.publish(randomUUID(), 1)).rejects.toThrow(/closed/);
      await expect(first.subscribe(randomUUID(), () => {})).rejects.toThrow(/closed/);
    });
  });
}
