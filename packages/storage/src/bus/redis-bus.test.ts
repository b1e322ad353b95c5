import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { requireServices, serviceUrls } from '../testing/index.ts';
import { describeBusContract } from './bus.contract.ts';
import { Inbox } from './inbox.ts';
import { RedisBus } from './redis-bus.ts';

const available = await requireServices('redis');

describe.skipIf(!available)('Redis', () => {
  describeBusContract('RedisBus', async ({ onHandlerError }) => {
    const prefix = `test:bus:${randomUUID()}:`;
    const first = new RedisBus({ url: serviceUrls.redis, prefix, onHandlerError });
    const second = new RedisBus({ url: serviceUrls.redis, prefix, onHandlerError });
    return { first, second, dispose: async () => void (await Promise.all([first.close(), second.close()])) };
  });

  describe('RedisBus channels', () => {
    const observer = new Redis(serviceUrls.redis);
    afterAll(() => observer.quit());
    const subscribers = async (channel: string) => {
      const [, count] = (await observer.pubsub('NUMSUB', channel)) as [string, number];
      return count;
    };

    it('prefixes channels, and UNSUBSCRIBEs when the last handler of a topic goes', async () => {
      const prefix = `test:bus:${randomUUID()}:`;
      const bus = new RedisBus({ url: serviceUrls.redis, prefix });
      try {
        const one = await bus.subscribe('chat', () => {});
        const two = await bus.subscribe('chat', () => {});
        expect(await subscribers(`${prefix}chat`)).toBe(1);
        await one();
        expect(await subscribers(`${prefix}chat`)).toBe(1);
        await two();
        expect(await subscribers(`${prefix}chat`)).toBe(0);
      } finally {
        await bus.close();
      }
    });

    it('stays subscribed when a topic is subscribed again while its UNSUBSCRIBE is in flight', async () => {
      const prefix = `test:bus:${randomUUID()}:`;
      const bus = new RedisBus({ url: serviceUrls.redis, prefix });
      const publisher = new RedisBus({ url: serviceUrls.redis, prefix });
      try {
        const unsubscribe = await bus.subscribe('t', () => {});
        const inbox = new Inbox();
        await Promise.all([unsubscribe(), bus.subscribe('t', inbox.handler)]);
        expect(await subscribers(`${prefix}t`)).toBe(1);
        await publisher.publish('t', 'still here');
        expect(await inbox.next(1)).toEqual(['still here']);
      } finally {
        await Promise.all([bus.close(), publisher.close()]);
      }
    });
  });
});
