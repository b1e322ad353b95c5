import type { NetworkQuality } from '@parley/protocol';

export interface NetworkSample {
  /** 0..1 over the last stats interval. */
  fractionLost?: number;
  /** Milliseconds. */
  roundTripTime?: number;
}

/**
 * A participant's connection in three words, from the loss and round-trip times the SFU sees on
 * their tracks; the worst track decides. Thresholds as video calls feel them: a few percent of
 * loss shows as artefacts, past ten it freezes; beyond 400 ms conversation becomes awkward.
 */
export function networkQuality(samples: NetworkSample[]): NetworkQuality {
  let worst: NetworkQuality = 'good';
  for (const { fractionLost = 0, roundTripTime = 0 } of samples) {
    if (fractionLost > 0.1 || roundTripTime > 400) return 'poor';
    if (fractionLost > 0.03 || roundTripTime > 200) worst = 'fair';
  }
  return worst;
}
