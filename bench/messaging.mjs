// Messaging load: N devices (N/2 direct chats) connected to one embedded server on 127.0.0.1,
// exchanging messages at a fixed total rate. Prints delivery latency (send to recipient receive)
// percentiles, throughput, server CPU and RSS, and memory per idle connection.
// Usage: node bench/messaging.mjs [devices=1000] [messagesPerSecond=500] [seconds=20]
import { ulid } from 'ulid';
import { WebSocket } from 'ws';
import { percentile, processUsage, startServer } from './server-process.mjs';

const devices = Math.min(10_000, Number(process.argv[2] ?? 1000));
const rate = Math.min(5_000, Number(process.argv[3] ?? 500));
const seconds = Math.min(60, Number(process.argv[4] ?? 20));

const server = await startServer({
  PARLEY_DEV: '1',
  PARLEY_OTP_PER_IP_PER_HOUR: '1000000',
  PARLEY_OTP_PER_PHONE_PER_HOUR: '1000',
  PARLEY_SENDS_PER_MINUTE: '100000',
  PARLEY_LOG_LEVEL: 'error',
});
const post = async (url, body, token) => {
  const response = await fetch(server.url + url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return response.json();
};

async function signIn(i) {
  const phone = `+1555${String(1_000_000 + i).slice(-7)}`;
  const { challengeId } = await post('/api/v1/auth/otp', { phone });
  const { code } = await (await fetch(`${server.url}/api/v1/dev/otp/${encodeURIComponent(phone)}`)).json();
  const { token, user } = await post('/api/v1/auth/verify', { challengeId, code, deviceName: `bench ${i}` });
  return { token, userId: user.id };
}

async function inBatches(count, concurrency, work) {
  const results = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await work(i);
      }
    }),
  );
  return results;
}

console.log(`signing in ${devices} devices…`);
const accounts = await inBatches(devices, 16, signIn);
const chats = await inBatches(
  devices / 2,
  16,
  async (pair) =>
    (await post('/api/v1/chats/direct', { userId: accounts[pair * 2 + 1].userId }, accounts[pair * 2].token))
      .id,
);

const latencies = [];
let received = 0;
let frameCounter = 0;
const rssBeforeConnect = processUsage(server.pid).rssMb;

function connect(account) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${server.url.replace('http', 'ws')}/api/v1/gateway?token=${account.token}`);
    const device = { socket, account };
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data));
      if (frame.type === 'ready') socket.send(JSON.stringify({ type: 'hello', id: 'h', lastSeq: 0 }));
      else if (frame.type === 'caught-up') resolve(device);
      else if (frame.type === 'event') {
        // Cumulative acks, batched as the SDK does: at most one per device every 50 ms.
        device.ackSeq = frame.seq;
        device.ackTimer ??= setTimeout(() => {
          device.ackTimer = undefined;
          socket.send(JSON.stringify({ type: 'ack', id: `a${++frameCounter}`, seq: device.ackSeq }));
        }, 50);
        const content = frame.event.type === 'message' ? frame.event.message.content : undefined;
        if (content?.type === 'text' && content.text.startsWith('t=')) {
          latencies.push(performance.now() - Number(content.text.slice(2)));
          received += 1;
        }
      }
    });
    socket.once('error', reject);
  });
}

console.log('connecting…');
const sockets = await inBatches(devices, 32, (i) => connect(accounts[i]));
// Let the connect-time work (presence writes, caught-up) settle before measuring idle memory.
await new Promise((resolve) => setTimeout(resolve, 2000));
const idle = processUsage(server.pid);
const perConnectionKb = ((idle.rssMb - rssBeforeConnect) * 1024) / devices;

console.log(`sending ${rate} messages/s for ${seconds} s…`);
const total = rate * seconds;
const cpuBefore = processUsage(server.pid).cpuSeconds;
const startedAt = performance.now();
let sent = 0;
let failed = 0;
while (sent < total) {
  const due = Math.floor(((performance.now() - startedAt) / 1000) * rate);
  while (sent < Math.min(due, total)) {
    const pair = sent % (devices / 2);
    const from = sockets[pair * 2 + (sent % 2)];
    from.socket.send(
      JSON.stringify({
        type: 'send',
        id: `s${sent}`,
        chatId: chats[pair],
        messageId: ulid(),
        content: { type: 'text', text: `t=${performance.now()}` },
      }),
    );
    sent += 1;
  }
  await new Promise((resolve) => setTimeout(resolve, 5));
}
const drainDeadline = Date.now() + 15_000;
while (received < total && Date.now() < drainDeadline)
  await new Promise((resolve) => setTimeout(resolve, 50));
const elapsed = (performance.now() - startedAt) / 1000;
const busy = processUsage(server.pid);
failed = total - received;

for (const { socket } of sockets) socket.close();
await server.stop();

latencies.sort((a, b) => a - b);
const ms = (p) => (latencies.length ? percentile(latencies, p).toFixed(1) : 'n/a');
console.log(`\n${devices} devices, ${rate} msg/s offered for ${seconds} s (embedded storage, SQLite)`);
console.log(`delivered ${received}/${total} (${failed} not delivered within 15 s of the end)`);
console.log(`delivery latency p50 ${ms(50)} ms, p95 ${ms(95)} ms, p99 ${ms(99)} ms, max ${ms(100)} ms`);
console.log(`throughput ${(received / elapsed).toFixed(0)} msg/s delivered`);
console.log(
  `server CPU ${(((busy.cpuSeconds - cpuBefore) / elapsed) * 100).toFixed(0)}% of a core, RSS ${busy.rssMb.toFixed(0)} MB`,
);
console.log(
  `memory per idle connection ≈ ${perConnectionKb.toFixed(1)} KB (RSS ${rssBeforeConnect.toFixed(0)} → ${idle.rssMb.toFixed(0)} MB)`,
);
