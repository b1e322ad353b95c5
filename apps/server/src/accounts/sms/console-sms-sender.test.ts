import { pino } from 'pino';
import { expect, it } from 'vitest';
import { ConsoleSmsSender } from './console-sms-sender.ts';

it('writes the message to the log, where a single operator reads the code', async () => {
  const lines: string[] = [];
  const sender = new ConsoleSmsSender(pino({ level: 'info' }, { write: (line: string) => lines.push(line) }));
  await sender.send('+15550001111', 'OTP for +15550001111: 123456');
  expect(lines.map((line) => JSON.parse(line))).toEqual([
    expect.objectContaining({ level: 30, to: '+15550001111', msg: 'OTP for +15550001111: 123456' }),
  ]);
});
