import type { ConsumerStats, ProducerStats, WorkerResourceUsage } from '@parley/sfu';
import { Gauge } from 'prom-client';
import type { Metrics } from '../metrics.ts';
import type { WorkerPool } from './worker-pool.ts';

/** Producer and consumer stats become histograms: per-track labels would explode the series count. */
export function observeProducer(metrics: Metrics, stats: ProducerStats): void {
  if (!stats.paused) metrics.mediaProducerBitrate.observe({ kind: stats.kind }, stats.bitrate);
}

export function observeConsumer(metrics: Metrics, stats: ConsumerStats): void {
  if (stats.paused || stats.producerPaused) return;
  metrics.mediaConsumerBitrate.observe({ kind: stats.kind }, stats.bitrate);
  if (stats.fractionLost !== undefined) metrics.mediaConsumerLoss.observe(stats.fractionLost);
  if (stats.roundTripTime !== undefined) metrics.mediaConsumerRtt.observe(stats.roundTripTime);
  if (stats.kind === 'video') metrics.mediaConsumerLayer.inc({ layer: String(stats.currentLayer ?? 'none') });
}

/** Worker CPU, memory, event-loop delay and object counts, read from the workers at scrape time. */
export function registerWorkerMetrics(metrics: Metrics, workers: WorkerPool): void {
  const gauges: [string, string, (usage: WorkerResourceUsage) => number][] = [
    [
      'parley_media_worker_cpu_seconds',
      'CPU time of the SFU worker process',
      (u) => (u.cpuUserMs + u.cpuSystemMs) / 1000,
    ],
    ['parley_media_worker_rss_bytes', 'Resident memory of the SFU worker process', (u) => u.rssBytes],
    [
      'parley_media_worker_event_loop_delay_p99_ms',
      'Event-loop delay p99 since the previous scrape',
      (u) => u.eventLoopDelay.p99,
    ],
    ['parley_media_worker_transports', 'WebRTC transports on the worker', (u) => u.transports],
    ['parley_media_worker_producers', 'Producers on the worker', (u) => u.producers],
    ['parley_media_worker_consumers', 'Consumers on the worker', (u) => u.consumers],
  ];
  let reading: Promise<WorkerResourceUsage[]> | undefined;
  for (const [name, help, value] of gauges) {
    new Gauge({
      name,
      help,
      labelNames: ['pid'],
      registers: [metrics.registry],
      async collect() {
        // One read of the workers serves every gauge of the same scrape.
        reading ??= workers.usage().finally(() => setImmediate(() => (reading = undefined)));
        this.reset();
        for (const usage of await reading.catch(() => [])) this.set({ pid: String(usage.pid) }, value(usage));
      },
    });
  }
}
