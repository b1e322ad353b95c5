import { beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../logger.ts';
import { ManualClock } from '../testing/manual-clock.ts';
import { ViewSender, type ViewTile } from './view-sender.ts';

const alice = '01HZA11CE0000000000000000A';
const bob = '01HZB0B000000000000000000B';
const tile = (participantId: string, width = 640, height = 360): ViewTile => ({
  participantId,
  source: 'camera',
  width,
  height,
});

describe('ViewSender', () => {
  let clock: ManualClock;
  let sent: ViewTile[][];
  let fail: boolean;
  let view: ViewSender;

  beforeEach(() => {
    clock = new ManualClock();
    sent = [];
    fail = false;
    view = new ViewSender({
      clock,
      delayMs: 200,
      logger: silentLogger,
      send: async (tiles) => {
        sent.push(tiles);
        if (fail) throw new Error('refused');
      },
    });
  });

  it('sends once the layout has been still for the delay', async () => {
    view.connected();
    view.set([tile(alice, 320, 180)]);
    await clock.advance(150);
    view.set([tile(alice, 640, 360)]);
    await clock.advance(150);
    expect(sent).toEqual([]);
    await clock.advance(50);
    expect(sent).toEqual([[tile(alice, 640, 360)]]);
  });

  it('does not send a view the server already has, in whatever order', async () => {
    view.connected();
    view.set([tile(alice), tile(bob)]);
    await clock.advance(200);
    view.set([tile(bob), tile(alice)]);
    await clock.advance(200);
    view.set([tile(alice, 100, 100)]);
    view.set([tile(bob), tile(alice)]);
    await clock.advance(200);
    expect(sent).toHaveLength(1);
  });

  it('waits for a connection, then sends the current view at once, and again after a reconnect', async () => {
    view.set([tile(alice)]);
    await clock.advance(1000);
    expect(sent).toEqual([]);
    view.connected();
    expect(sent).toEqual([[tile(alice)]]);
    view.disconnected();
    view.set([tile(bob)]);
    await clock.advance(1000);
    view.connected();
    expect(sent).toEqual([[tile(alice)], [tile(bob)]]);
  });

  it('sends a view again after the server did not take it', async () => {
    view.connected();
    fail = true;
    view.set([tile(alice)]);
    await clock.advance(200);
    fail = false;
    view.set([tile(alice)]);
    await clock.advance(200);
    expect(sent).toEqual([[tile(alice)], [tile(alice)]]);
  });

  it('sends whole pixels within bounds, one tile per participant and source, at most 25', async () => {
    view.connected();
    const many = Array.from({ length: 30 }, (_, i) =>
      tile(`01HZP0000000000000000000${String(i).padStart(2, '0')}`),
    );
    view.set([{ ...tile(alice), width: 0.4, height: 10_000.6 }, tile(alice), ...many]);
    await clock.advance(200);
    expect(sent[0]?.[0]).toEqual({ participantId: alice, source: 'camera', width: 1, height: 8192 });
    expect(sent[0]).toHaveLength(25);
  });
});
