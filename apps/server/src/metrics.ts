import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of one server instance; a registry per instance so tests can run several. */
export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route'>;
  httpInFlight: Gauge;
  gatewayConnections: Gauge;
  gatewayEventsSent: Counter;
  meetingsLive: Gauge;
  meetingParticipants: Gauge;
  meetingsEnded: Counter;
  meetingDuration: Histogram;
  meetingMaxParticipants: Histogram;
  /** Per producer and consumer stats as the SFU pushes them (see media/media-metrics.ts). */
  mediaProducerBitrate: Histogram<'kind'>;
  mediaConsumerBitrate: Histogram<'kind'>;
  mediaConsumerLoss: Histogram;
  mediaConsumerRtt: Histogram;
  mediaConsumerLayer: Counter<'layer'>;
  recordingChunks: Counter<'kind'>;
  recordingBytes: Counter;
  recordingRenders: Counter<'result'>;
  /** Render wall time per second of recording. */
  recordingRenderRatio: Histogram;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'parley_' });
  return {
    registry,
    httpRequests: new Counter({
      name: 'parley_http_requests_total',
      help: 'HTTP requests by method, route template and status code',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'parley_http_request_duration_seconds',
      help: 'HTTP request latency by method and route template',
      labelNames: ['method', 'route'],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    httpInFlight: new Gauge({
      name: 'parley_http_requests_in_flight',
      help: 'HTTP requests received and not yet answered',
      registers: [registry],
    }),
    gatewayEventsSent: new Counter({
      name: 'parley_gateway_events_sent_total',
      help: 'Queued events sent to devices over the gateway',
      registers: [registry],
    }),
    gatewayConnections: new Gauge({
      name: 'parley_gateway_connections',
      help: 'Open realtime gateway WebSocket connections on this node',
      registers: [registry],
    }),
    meetingsLive: new Gauge({
      name: 'parley_meetings_live',
      help: 'Meetings hosted by this node right now',
      registers: [registry],
    }),
    meetingParticipants: new Gauge({
      name: 'parley_meeting_participants',
      help: 'People in meetings on this node (not counting waiting rooms)',
      registers: [registry],
    }),
    meetingsEnded: new Counter({
      name: 'parley_meetings_ended_total',
      help: 'Meetings that ended on this node',
      registers: [registry],
    }),
    meetingDuration: new Histogram({
      name: 'parley_meeting_duration_seconds',
      help: 'Duration of ended meetings',
      buckets: [60, 300, 900, 1800, 3600, 7200, 14400],
      registers: [registry],
    }),
    recordingChunks: new Counter({
      name: 'parley_recording_chunks_total',
      help: 'Recording chunks stored and indexed, by track kind',
      labelNames: ['kind'],
      registers: [registry],
    }),
    recordingBytes: new Counter({
      name: 'parley_recording_chunk_bytes_total',
      help: 'Bytes of recording chunks stored',
      registers: [registry],
    }),
    recordingRenders: new Counter({
      name: 'parley_recording_renders_total',
      help: 'Recording renders finished, by result (ready or failed)',
      labelNames: ['result'],
      registers: [registry],
    }),
    recordingRenderRatio: new Histogram({
      name: 'parley_recording_render_ratio',
      help: 'Render wall time divided by the recording duration',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 4],
      registers: [registry],
    }),
    meetingMaxParticipants: new Histogram({
      name: 'parley_meeting_max_participants',
      help: 'Most people at once in ended meetings',
      buckets: [1, 2, 3, 5, 10, 25, 50, 100, 300],
      registers: [registry],
    }),
    mediaProducerBitrate: new Histogram({
      name: 'parley_media_producer_bitrate_bps',
      help: 'Bitrate of published tracks, sampled every stats interval',
      labelNames: ['kind'],
      buckets: [16e3, 32e3, 64e3, 150e3, 300e3, 600e3, 1.2e6, 2.5e6],
      registers: [registry],
    }),
    mediaConsumerBitrate: new Histogram({
      name: 'parley_media_consumer_bitrate_bps',
      help: 'Bitrate of forwarded tracks, sampled every stats interval',
      labelNames: ['kind'],
      buckets: [16e3, 32e3, 64e3, 150e3, 300e3, 600e3, 1.2e6, 2.5e6],
      registers: [registry],
    }),
    mediaConsumerLoss: new Histogram({
      name: 'parley_media_consumer_fraction_lost',
      help: 'Loss subscribers report for forwarded tracks (0-1)',
      buckets: [0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5],
      registers: [registry],
    }),
    mediaConsumerRtt: new Histogram({
      name: 'parley_media_consumer_rtt_ms',
      help: 'Round-trip time to subscribers, from their receiver reports',
      buckets: [5, 20, 50, 100, 200, 400, 800],
      registers: [registry],
    }),
    mediaConsumerLayer: new Counter({
      name: 'parley_media_consumer_layer_samples_total',
      help: 'Stats samples of video consumers by the simulcast layer forwarded (none: waiting for a keyframe)',
      labelNames: ['layer'],
      registers: [registry],
    }),
  };
}
