// Time from process spawn to /readyz 200 on embedded storage (fresh data folder: migrations
// included), and memory once ready. Usage: node bench/startup.mjs [runs=5]
import { percentile, processUsage, startServer } from './server-process.mjs';

const runs = Math.min(20, Number(process.argv[2] ?? 5));
const times = [];
const rss = [];
for (let i = 0; i < runs; i++) {
  const server = await startServer();
  times.push(server.readyMs);
  rss.push(processUsage(server.pid).rssMb);
  const code = await server.stop();
  if (code !== 0) throw new Error(`SIGTERM exit code ${code}`);
}
times.sort((a, b) => a - b);
console.log(
  `startup to ready (embedded, ${runs} runs): min ${times[0].toFixed(0)} ms, median ${percentile(times, 50).toFixed(0)} ms, max ${times.at(-1).toFixed(0)} ms`,
);
console.log(
  `RSS when ready: median ${percentile(
    rss.sort((a, b) => a - b),
    50,
  ).toFixed(1)} MB`,
);
