import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of one server instance; a registry per instance so tests can run several. */
export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route'>;
  httpInFlight: Gauge;
  gatewayConnections: Gauge;
  gatewayEventsSent: Counter;
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
  };
}
