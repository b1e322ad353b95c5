/**
 * Entry point of a worker child process (forked by `createWorker`): hosts a MediaWorker and serves
 * the parent's requests over the IPC channel.
 */
import { type RequestMessage, type WorkerSettings, workerSettingsEnv, workerTargetId } from '../protocol.ts';
import { MediaWorker } from './media-worker.ts';
import { fastRtpHeaderParsing } from './werift-workarounds.ts';

fastRtpHeaderParsing();

const settings = JSON.parse(process.env[workerSettingsEnv] ?? '{}') as WorkerSettings;

const worker = new MediaWorker(settings, (message) => {
  if (process.connected) process.send?.(message);
});

process.on('message', (message) => {
  void worker.handle(message as RequestMessage);
});

// The parent closed the worker (SIGTERM), closed the channel or died: nothing is left to serve.
const exit = () => {
  worker.close();
  process.exit(0);
};
process.on('disconnect', exit);
process.on('SIGTERM', exit);

// werift throws from socket callbacks and timers on input it does not expect (an unknown RID, a
// malformed RTCP packet). One participant's bad packet must not end every meeting of the worker:
// count it, log it, keep forwarding.
process.on('uncaughtException', (error) => worker.uncaught(error));
process.on('unhandledRejection', (error) => worker.uncaught(error));

worker.notify(workerTargetId, 'worker.running', { pid: process.pid });
