import type { NetworkQuality } from '@parley/protocol';

/** This browser's connection to the media server, from its own peer connections' stats. */
export interface LinkQuality {
  quality: NetworkQuality;
  /** Round trip to the media server, ms. */
  rttMs: number | null;
  /** Share of what I send that is lost (the server's receiver reports), 0..1. */
  sendLoss: number | null;
  /** Share of what is sent to me that was lost since the previous sample, 0..1. */
  receiveLoss: number | null;
  /** Jitter of the audio I receive, ms. */
  jitterMs: number | null;
}

/** One entry of an RTCStatsReport, read loosely: browsers differ in what they fill. */
export type StatsEntry = { type: string } & Record<string, unknown>;

/** Totals of received packets, kept between samples to compute loss over one interval. */
export interface InboundTotals {
  received: number;
  lost: number;
}

export interface LinkSample {
  /** The publish connection's report values, if it exists. */
  publish?: Iterable<StatsEntry>;
  subscribe?: Iterable<StatsEntry>;
}

/**
 * Reads one sample of both connections' stats. `previous` is the totals the last sample returned;
 * the first sample has no receive loss yet (totals since the connection began would hide a
 * current problem behind minutes of good history).
 */
export function summarizeLink(
  sample: LinkSample,
  previous: InboundTotals | null,
): { link: LinkQuality | null; totals: InboundTotals | null } {
  const publish = [...(sample.publish ?? [])];
  const subscribe = [...(sample.subscribe ?? [])];
  const rttMs = pairRtt(publish) ?? pairRtt(subscribe) ?? remoteRtt(publish);
  const sendLoss = maxOf(publish, 'remote-inbound-rtp', 'fractionLost');
  const totals = inboundTotals(subscribe);
  let receiveLoss: number | null = null;
  if (totals && previous) {
    const received = totals.received - previous.received;
    const lost = Math.max(0, totals.lost - previous.lost);
    if (received + lost > 0) receiveLoss = lost / (received + lost);
  }
  const jitter = maxOf(
    subscribe.filter((entry) => entry.kind === 'audio'),
    'inbound-rtp',
    'jitter',
  );
  const jitterMs = jitter === null ? null : jitter * 1000;
  if (rttMs === null && sendLoss === null && receiveLoss === null && jitterMs === null) {
    return { link: null, totals };
  }
  const quality = classifyLink({ rttMs, loss: Math.max(sendLoss ?? 0, receiveLoss ?? 0), jitterMs });
  return { link: { quality, rttMs, sendLoss, receiveLoss, jitterMs }, totals };
}

/**
 * The same thresholds as the server's per-participant quality (a few percent of loss shows as
 * artefacts, past ten it freezes; past 400 ms conversation turns awkward), plus audio jitter,
 * which the jitter buffer turns into delay.
 */
export function classifyLink(measures: {
  rttMs: number | null;
  loss: number;
  jitterMs: number | null;
}): NetworkQuality {
  const rtt = measures.rttMs ?? 0;
  const jitter = measures.jitterMs ?? 0;
  if (measures.loss > 0.1 || rtt > 400 || jitter > 100) return 'poor';
  if (measures.loss > 0.03 || rtt > 200 || jitter > 30) return 'fair';
  return 'good';
}

/** The selected ICE candidate pair's round trip, ms. */
function pairRtt(entries: StatsEntry[]): number | null {
  for (const entry of entries) {
    if (entry.type !== 'candidate-pair' || entry.nominated !== true || entry.state !== 'succeeded') continue;
    if (typeof entry.currentRoundTripTime === 'number') return entry.currentRoundTripTime * 1000;
  }
  return null;
}

function remoteRtt(entries: StatsEntry[]): number | null {
  const seconds = maxOf(entries, 'remote-inbound-rtp', 'roundTripTime');
  return seconds === null ? null : seconds * 1000;
}

function inboundTotals(entries: StatsEntry[]): InboundTotals | null {
  let found = false;
  let received = 0;
  let lost = 0;
  for (const entry of entries) {
    if (entry.type !== 'inbound-rtp' || typeof entry.packetsReceived !== 'number') continue;
    found = true;
    received += entry.packetsReceived;
    if (typeof entry.packetsLost === 'number') lost += entry.packetsLost;
  }
  return found ? { received, lost } : null;
}

/** The worst (largest) value of a numeric field over the entries of a type. */
function maxOf(entries: StatsEntry[], type: string, field: string): number | null {
  let max: number | null = null;
  for (const entry of entries) {
    const value = entry[field];
    if (entry.type === type && typeof value === 'number') max = Math.max(max ?? value, value);
  }
  return max;
}
