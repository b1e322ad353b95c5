// Authenticated API latency and throughput: GET /api/v1/me (session lookup + profile read) with a
// fixed number of requests at fixed concurrency against one embedded server on 127.0.0.1.
// Usage: node bench/http-api.mjs [requests=5000] [concurrency=20]
import { percentile, processUsage, startServer } from './server-process.mjs';

const requests = Math.min(50_000, Number(process.argv[2] ?? 5000));
const concurrency = Math.min(200, Number(process.argv[3] ?? 20));
const server = await startServer({ PARLEY_DEV: '1' });
const post = (url, body) =>
  fetch(server.url + url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then((r) => r.json());

const phone = '+15550009999';
const { challengeId } = await post('/api/v1/auth/otp', { phone });
const { code } = await (await fetch(`${server.url}/api/v1/dev/otp/${phone}`)).json();
const { token } = await post('/api/v1/auth/verify', { challengeId, code, deviceName: 'bench' });
const headers = { authorization: `Bearer ${token}` };

const latencies = [];
let next = 0;
let failures = 0;
const before = processUsage(server.pid);
const startedAt = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < requests) {
      next += 1;
      const t0 = performance.now();
      const response = await fetch(`${server.url}/api/v1/me`, { headers });
      await response.arrayBuffer();
      if (!response.ok) failures += 1;
      latencies.push(performance.now() - t0);
    }
  }),
);
const seconds = (performance.now() - startedAt) / 1000;
const after = processUsage(server.pid);
await server.stop();

latencies.sort((a, b) => a - b);
const ms = (p) => percentile(latencies, p).toFixed(2);
console.log(`GET /api/v1/me: ${requests} requests, concurrency ${concurrency}, ${failures} failed`);
console.log(`latency p50 ${ms(50)} ms, p95 ${ms(95)} ms, p99 ${ms(99)} ms`);
console.log(`throughput ${(requests / seconds).toFixed(0)} req/s`);
console.log(
  `server CPU ${(((after.cpuSeconds - before.cpuSeconds) / seconds) * 100).toFixed(0)}% of a core, RSS ${after.rssMb.toFixed(1)} MB`,
);
