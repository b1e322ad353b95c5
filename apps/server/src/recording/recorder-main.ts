/**
 * The recorder process: a node forks it (recorder.ts) and restarts it if it dies. It holds the
 * recording sessions' peer connections and chunkers, so a crash here costs the chunks in progress
 * and never the meeting or the chunks already handed over.
 */
import { startLoopbackStun } from '@parley/sfu';
import { RTCDtlsTransport } from 'werift';
import { type FromRecorder, recorderChunkMsEnv, type ToRecorder } from './recorder-messages.ts';
import { RecorderSession } from './recorder-session.ts';

const send = (message: FromRecorder) => process.send?.(message);
const stun = await startLoopbackStun();
// werift makes one DTLS certificate per process, on its first connection: made before the first
// recording waits for it.
await RTCDtlsTransport.SetupCertificate();
const chunkMs = Number(process.env[recorderChunkMsEnv]) || 10_000;
const sessions = new Map<string, RecorderSession>();
/** Each session's messages are handled one after another, in order. */
const queues = new Map<string, Promise<void>>();

function session(sessionId: string): RecorderSession {
  let found = sessions.get(sessionId);
  if (!found) {
    found = new RecorderSession(sessionId, stun.url, chunkMs, send);
    sessions.set(sessionId, found);
  }
  return found;
}

async function handle(message: ToRecorder): Promise<void> {
  const { sessionId } = message;
  switch (message.type) {
    case 'offer': {
      const sdp = await session(sessionId).answer(message.sdp, message.tracks, message.listenIp);
      send({ type: 'answer', sessionId, sdp });
      return;
    }
    // A session may be paused before its first offer (a paused recording attaching again).
    case 'pause':
      await session(sessionId).pause();
      return;
    case 'resume':
      session(sessionId).resume();
      return;
    case 'close':
      await sessions.get(sessionId)?.close();
      sessions.delete(sessionId);
      queues.delete(sessionId);
      send({ type: 'closed', sessionId });
      return;
  }
}

process.on('message', (message: ToRecorder) => {
  const previous = queues.get(message.sessionId) ?? Promise.resolve();
  const next = previous
    .then(() => handle(message))
    .catch((error: unknown) => {
      send({
        type: 'failed',
        sessionId: message.sessionId,
        message: error instanceof Error ? error.message : String(error),
      });
    });
  if (message.type !== 'close') queues.set(message.sessionId, next);
});
// The node went away: nothing to record for any more.
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
