import { beforeEach, describe, expect, it } from 'vitest';
import { FakePeerConnection } from '../testing/fake-rtc.ts';
import { ManualClock } from '../testing/manual-clock.ts';
import { watchIce } from './ice-watchdog.ts';

describe('watchIce', () => {
  let clock: ManualClock;
  let pc: FakePeerConnection;
  let restarts: number;
  let stop: () => void;

  beforeEach(() => {
    clock = new ManualClock();
    pc = new FakePeerConnection({});
    restarts = 0;
    stop = watchIce(pc as unknown as RTCPeerConnection, {
      clock,
      disconnectedMs: 3000,
      retryMs: 10_000,
      onFailed: () => {
        restarts += 1;
      },
    });
  });

  it('restarts at once when ICE fails', () => {
    pc.setIce('connected');
    pc.setIce('failed');
    expect(restarts).toBe(1);
  });

  it('lets a short disconnection heal, and restarts after a long one', async () => {
    pc.setIce('connected');
    pc.setIce('disconnected');
    await clock.advance(2000);
    pc.setIce('connected');
    await clock.advance(5000);
    expect(restarts).toBe(0);
    pc.setIce('disconnected');
    await clock.advance(3000);
    expect(restarts).toBe(1);
  });

  it('restarts at once when a disconnection turns into a failure', async () => {
    pc.setIce('disconnected');
    await clock.advance(1000);
    pc.setIce('failed');
    expect(restarts).toBe(1);
    await clock.advance(2000);
    expect(restarts).toBe(1);
  });

  it('tries again while the connection stays down, and stops when it is back', async () => {
    pc.setIce('failed');
    pc.setIce('checking');
    pc.setIce('failed');
    expect(restarts).toBe(1);
    await clock.advance(10_000);
    expect(restarts).toBe(2);
    pc.setIce('connected');
    await clock.advance(30_000);
    expect(restarts).toBe(2);
  });

  it('stops watching', async () => {
    stop();
    pc.setIce('failed');
    await clock.advance(30_000);
    expect(restarts).toBe(0);
    expect(clock.pending).toBe(0);
  });
});
