import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, test } from 'vitest';
import { Recorder } from './recorder.ts';

/** A logger whose lines the test reads. */
function recordingLogger() {
  const lines: { level: number; msg: string }[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

async function until(done: () => boolean, what: string, timeoutMs = 45_000): Promise<void> {
  await expect.poll(done, { timeout: timeoutMs, message: what }).toBe(true);
}

let recorder: Recorder | undefined;
afterEach(async () => {
  await recorder?.stop();
});

describe('the recorder process', () => {
  test('runs while meeting media holds it, stops once idle (no crash), starts again when held again', async () => {
    const { logger, lines } = recordingLogger();
    recorder = new Recorder(10_000, logger, 300);
    const release = recorder.hold();
    const second = recorder.hold();
    await until(() => recorder?.pid !== undefined, 'the recorder started');
    const first = recorder.pid;

    release();
    release(); // Letting go twice counts once: the other hold keeps it up.
    second();
    await until(() => recorder?.pid === undefined, 'the idle recorder stopped');
    expect(lines.map((line) => line.msg)).toContain('recorder idle; stopping it');

    recorder.hold();
    await until(() => recorder?.pid !== undefined, 'the recorder started again');
    expect(recorder.pid).not.toBe(first);
    expect(lines.filter((line) => line.level >= 50)).toEqual([]);
  }, 120_000);
});
