// SFU forwarding load: one worker process (packages/sfu) on 127.0.0.1, synthetic werift publishers
// sending VP8 packets and werift subscribers consuming every publisher. The offered packet rate goes
// up in steps; each step prints the forwarded packets/s, the loss the subscribers see, the worker's
// CPU and its event-loop delay p99. Before the load, it times subscribers joining: from the join
// request (createWebRtcTransport) to the first forwarded packet. Ends with the highest forwarded
// rate at < 1% loss.
// Usage: node bench/sfu.mjs [publishers=4] [subscribers=8] [secondsPerStep=4] [--no-transport-cc]
// Publishers send transport-wide sequence numbers on their video, as Chromium does (it negotiates
// transport-cc by default), so the worker pays for the congestion feedback it sends back;
// --no-transport-cc leaves them out.
// Subscribers count RTP at their socket without decrypting it (SRTP leaves the RTP header in clear),
// so the load generator (this process) can keep up with the worker on a two-core machine.
import { register } from 'tsx/esm/api';

register();
const { createWorker } = await import('../packages/sfu/src/index.ts');
const { startLoopbackStun } = await import('../packages/sfu/src/loopback-stun.ts');
const { TestSubscriber } = await import('../packages/sfu/src/testing/test-peers.ts');
const { publish, loopback } = await import('../packages/sfu/src/testing/sessions.ts');
const { raiseSocketBuffers, iceConnectionOf } = await import(
  '../packages/sfu/src/media/werift-workarounds.ts'
);

const args = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const transportCc = !process.argv.includes('--no-transport-cc');
const publisherCount = Math.min(8, Number(args[0] ?? 4));
const subscriberCount = Math.min(16, Number(args[1] ?? 8));
const stepSeconds = Math.min(8, Number(args[2] ?? 4));
const payloadBytes = 1000;
/** Packets per second each publisher sends, per step. */
const steps = [250, 500, 750, 1000, 1250, 1500, 1750, 2000, 2500];
const deadline = Date.now() + 110_000;

const stun = await startLoopbackStun();
// PARLEY_BENCH_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the worker.
const nodeArgs = (process.env.PARLEY_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
const worker = await createWorker({
  rtcMinPort: 47000,
  rtcMaxPort: 47999,
  logLevel: 'error',
  statsIntervalMs: 0,
  nodeArgs,
});
const router = await worker.createRouter();

/** Counts RTP at a subscriber's sockets and drops it before werift decrypts it. */
function countRawRtp(subscriber) {
  const counter = { packets: 0, first: undefined, ssrcs: new Set() };
  for (const protocol of iceConnectionOf(subscriber.pc)?.protocols ?? []) {
    const transport = protocol.transport;
    const deliver = transport.onData;
    transport.onData = (data, address) => {
      const first = data[0];
      const payloadType = data[1] & 0x7f;
      // RTP (version 2) that is not RTCP (payload types 64-95 once the marker bit is masked).
      if (first >> 6 === 2 && (payloadType < 64 || payloadType > 95)) {
        counter.packets++;
        if (counter.first === undefined) counter.first = performance.now();
        if (counter.ssrcs.size < publisherCount) counter.ssrcs.add(data.readUInt32BE(8));
        return;
      }
      deliver(data, address);
    };
  }
  raiseSocketBuffers(subscriber.pc, 4 * 1024 * 1024);
  return counter;
}

async function join(producers) {
  const startedAt = performance.now();
  const transport = await router.createWebRtcTransport({ role: 'subscribe', listenIps: loopback });
  const subscriber = new TestSubscriber(stun.url);
  for (const producer of producers) await transport.consume({ producerId: producer.id });
  const offer = await transport.createOffer();
  const answer = await subscriber.answer(offer.sdp);
  const counter = countRawRtp(subscriber);
  await transport.handleAnswer(answer);
  await subscriber.connected();
  return { transport, subscriber, counter, startedAt };
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

console.log(
  `${publisherCount} publishers, ${subscriberCount} subscribers consuming each, ${payloadBytes}-byte VP8 packets, ` +
    `transport-cc ${transportCc ? 'on' : 'off'}`,
);
const publishers = [];
for (let i = 0; i < publisherCount; i++) {
  const session = await publish(router, stun.url, { video: true, transportCc });
  raiseSocketBuffers(session.publisher.pc, 4 * 1024 * 1024);
  publishers.push(session);
}
for (const { publisher } of publishers) publisher.sendVideoFrame(0, { size: payloadBytes, packets: 1 });

// Join latency at light load (30 packets/s per publisher, keyframes on PLI as an encoder would).
let light = setInterval(() => {
  for (const { publisher } of publishers) publisher.sendVideoFrame(0, { size: payloadBytes, packets: 1 });
}, 33);
const joinTimes = [];
for (let i = 0; i < 5; i++) {
  const joined = await join([publishers[i % publishers.length].video]);
  while (joined.counter.first === undefined) await new Promise((resolve) => setTimeout(resolve, 2));
  joinTimes.push(joined.counter.first - joined.startedAt);
  joined.transport.close();
  await joined.subscriber.close();
}
joinTimes.sort((a, b) => a - b);
console.log(
  `join request -> first forwarded packet: median ${percentile(joinTimes, 50).toFixed(0)} ms, ` +
    `max ${joinTimes[joinTimes.length - 1].toFixed(0)} ms (${joinTimes.length} joins)`,
);

const subscribers = [];
for (let i = 0; i < subscriberCount; i++)
  subscribers.push(await join(publishers.map((session) => session.video)));
// Every consumer has had its first keyframe before measuring.
while (subscribers.some((s) => s.counter.ssrcs.size < publisherCount)) {
  await new Promise((resolve) => setTimeout(resolve, 10));
}
clearInterval(light);
light = undefined;

let best;
let retried = false;
console.log('offered pps  forwarded pps  loss     worker CPU  event-loop p99  generator CPU');
for (let step = 0; step < steps.length; step++) {
  const perPublisher = steps[step];
  if (Date.now() + (stepSeconds + 1) * 1000 > deadline) break;
  let owed = 0;
  let lastTick = performance.now();
  let sent = 0;
  for (const s of subscribers) s.counter.packets = 0;
  await worker.getResourceUsage(); // resets the event-loop histogram
  const before = await worker.getResourceUsage();
  const generatorBefore = process.cpuUsage();
  const startedAt = performance.now();
  await new Promise((resolve) => {
    const timer = setInterval(() => {
      // Time-based, so that a late timer sends what is due instead of lowering the rate.
      const tick = performance.now();
      owed += (perPublisher * (tick - lastTick)) / 1000;
      lastTick = tick;
      const now = Math.floor(owed);
      owed -= now;
      for (let i = 0; i < now; i++) {
        for (const { publisher } of publishers)
          publisher.sendVideoFrame(0, { size: payloadBytes, packets: 1 });
      }
      sent += now;
      if (performance.now() - startedAt >= stepSeconds * 1000) {
        clearInterval(timer);
        resolve();
      }
    }, 10);
  });
  const elapsed = (performance.now() - startedAt) / 1000;
  const after = await worker.getResourceUsage();
  const generator = process.cpuUsage(generatorBefore);
  await new Promise((resolve) => setTimeout(resolve, 300)); // let the last packets arrive
  const expected = sent * publisherCount * subscriberCount;
  const received = subscribers.reduce((sum, s) => sum + s.counter.packets, 0);
  const loss = Math.max(0, 1 - received / expected);
  const forwarded = received / elapsed;
  const cpu =
    (after.cpuUserMs + after.cpuSystemMs - before.cpuUserMs - before.cpuSystemMs) / (elapsed * 1000);
  console.log(
    `${String(Math.round((sent * publisherCount) / elapsed)).padStart(11)}  ${String(Math.round(forwarded)).padStart(13)}  ` +
      `${(loss * 100).toFixed(2).padStart(5)}%  ${(cpu * 100).toFixed(0).padStart(9)}%  ` +
      `${after.eventLoopDelay.p99.toFixed(1).padStart(11)} ms  ` +
      `${(((generator.user + generator.system) / 1e6 / elapsed) * 100).toFixed(0).padStart(12)}%`,
  );
  if (loss < 0.01) {
    if (!best || forwarded > best.forwarded) best = { forwarded, cpu, p99: after.eventLoopDelay.p99 };
    retried = false;
  } else if (!retried) {
    // Once per failure, try the step again: another process on the machine may have taken the CPU.
    retried = true;
    step--;
  } else if (loss > 0.05) break;
}

if (best) {
  console.log(
    `highest forwarded rate at < 1% loss: ${Math.round(best.forwarded)} packets/s ` +
      `(worker CPU ${(best.cpu * 100).toFixed(0)}% of a core, event-loop p99 ${best.p99.toFixed(1)} ms); ` +
      `${Math.round(best.forwarded / Math.max(best.cpu, 0.01))} packets/s per core-second`,
  );
} else {
  console.log('no step stayed under 1% loss');
}

for (const s of subscribers) await s.subscriber.close();
for (const { publisher } of publishers) await publisher.close();
worker.close();
await stun.close();
process.exit(0);
