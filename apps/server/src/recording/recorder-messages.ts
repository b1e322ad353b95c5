import type { SubscribedTrack } from '@parley/protocol';

/** The environment variable that gives the recorder process its chunk length (ms). */
export const recorderChunkMsEnv = 'PARLEY_RECORDER_CHUNK_MS';

/**
 * The messages between a node and its recorder process. One session is one recording's connection
 * to its room's SFU router: the node relays the router's subscribe offers, the recorder answers them
 * and sends back every finished chunk, which the node stores and indexes at once.
 */
export type ToRecorder =
  | { type: 'offer'; sessionId: string; sdp: string; tracks: SubscribedTrack[]; listenIp: string }
  | { type: 'pause'; sessionId: string }
  | { type: 'resume'; sessionId: string }
  /** Finish every track's chunk (they are sent), then answer `closed`. */
  | { type: 'close'; sessionId: string };

export type FromRecorder =
  | { type: 'ready' }
  | { type: 'answer'; sessionId: string; sdp: string }
  | { type: 'failed'; sessionId: string; message: string }
  | ({ type: 'chunk'; sessionId: string } & RecordedChunk)
  | { type: 'closed'; sessionId: string };

/** A finished chunk of one participant's track, as the recorder hands it over. */
export interface RecordedChunk {
  participantId: string;
  source: SubscribedTrack['source'];
  kind: 'audio' | 'video';
  startedAt: number;
  durationMs: number;
  width: number | null;
  height: number | null;
  bytes: Uint8Array;
}
