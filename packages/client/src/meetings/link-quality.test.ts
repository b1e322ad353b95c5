import { describe, expect, it } from 'vitest';
import { classifyLink, type StatsEntry, summarizeLink } from './link-quality.ts';

const pair = (rtt: number): StatsEntry => ({
  type: 'candidate-pair',
  nominated: true,
  state: 'succeeded',
  currentRoundTripTime: rtt,
});
const inbound = (kind: string, received: number, lost: number, jitter = 0.005): StatsEntry => ({
  type: 'inbound-rtp',
  kind,
  packetsReceived: received,
  packetsLost: lost,
  jitter,
});

describe('summarizeLink', () => {
  it('reads round trip, send loss and audio jitter; receive loss needs a previous sample', () => {
    const first = summarizeLink(
      {
        publish: [pair(0.05), { type: 'remote-inbound-rtp', fractionLost: 0.01, roundTripTime: 0.06 }],
        subscribe: [inbound('audio', 1000, 0, 0.012), inbound('video', 5000, 10, 0.2)],
      },
      null,
    );
    expect(first.link).toEqual({
      quality: 'good',
      rttMs: 50,
      sendLoss: 0.01,
      receiveLoss: null,
      jitterMs: 12,
    });
    expect(first.totals).toEqual({ received: 6000, lost: 10 });
  });

  it('computes receive loss over the last interval only', () => {
    const { link } = summarizeLink(
      { subscribe: [inbound('audio', 1090, 10), inbound('video', 5000, 10)] },
      { received: 6000, lost: 10 },
    );
    // 90 received and 10 lost since the previous sample: 10 %, past the 3 % a person notices.
    expect(link?.receiveLoss).toBeCloseTo(0.1);
    expect(link?.quality).toBe('fair');
  });

  it('falls back to the receiver reports for round trip, and says nothing without stats', () => {
    const { link } = summarizeLink({ publish: [{ type: 'remote-inbound-rtp', roundTripTime: 0.5 }] }, null);
    expect(link).toMatchObject({ rttMs: 500, quality: 'poor' });
    expect(summarizeLink({}, null)).toEqual({ link: null, totals: null });
  });
});

describe('classifyLink', () => {
  it('uses the worst of loss, round trip and jitter', () => {
    expect(classifyLink({ rttMs: 80, loss: 0.01, jitterMs: 10 })).toBe('good');
    expect(classifyLink({ rttMs: 250, loss: 0, jitterMs: null })).toBe('fair');
    expect(classifyLink({ rttMs: null, loss: 0.2, jitterMs: null })).toBe('poor');
    expect(classifyLink({ rttMs: 50, loss: 0, jitterMs: 150 })).toBe('poor');
  });
});
