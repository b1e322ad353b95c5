import { describe, expect, test } from 'vitest';
import { DownlinkEstimate } from './downlink-estimate.ts';

describe('DownlinkEstimate', () => {
  test('no REMB: no limit', () => {
    expect(new DownlinkEstimate().budget(0, 1_000_000)).toEqual({
      budget: Number.POSITIVE_INFINITY,
      probe: false,
    });
  });

  test('a REMB below what is sent is the budget; after a quiet hold a probe is allowed', () => {
    const estimate = new DownlinkEstimate();
    estimate.onRemb(300_000);
    expect(estimate.budget(0, 1_000_000)).toEqual({ budget: 300_000, probe: false });
    estimate.onRemb(400_000);
    expect(estimate.budget(1000, 300_000)).toEqual({ budget: 400_000, probe: false });
    expect(estimate.budget(DownlinkEstimate.initialHoldMs, 300_000).probe).toBe(true);
  });

  test('congestion right after a probe doubles the hold', () => {
    const estimate = new DownlinkEstimate();
    estimate.onRemb(400_000);
    const hold = DownlinkEstimate.initialHoldMs;
    expect(estimate.budget(hold, 300_000).probe).toBe(true);
    estimate.probed(hold);
    estimate.onRemb(350_000);
    expect(estimate.budget(hold + 1000, 800_000)).toEqual({ budget: 350_000, probe: false });
    expect(estimate.budget(hold + 1000 + hold, 300_000).probe).toBe(false);
    expect(estimate.budget(hold + 1000 + 2 * hold, 300_000).probe).toBe(true);
  });

  test('reported loss above 10% is congestion', () => {
    const estimate = new DownlinkEstimate();
    estimate.onRemb(2_000_000);
    estimate.onFractionLost(0.2);
    expect(estimate.budget(10_000, 500_000)).toEqual({ budget: 2_000_000, probe: false });
  });
});
