import type { LiveRecording, SubscribedTrack } from '@parley/protocol';
import type { Logger } from 'pino';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import type { RoomMedia } from '../media/room-media.ts';
import type { RecordedChunk } from './recorder-messages.ts';
import {
  addRecordingEvent,
  changeRecording,
  createRecording,
  liveRecordingOf,
  liveState,
  nextSequences,
  type RecordingRow,
  storeChunk,
} from './recordings.ts';

/** What a room gives its recording. */
export interface RecordingRoom {
  id: string;
  title: string;
  /** The room's media, started if need be. */
  media(): Promise<RoomMedia>;
  mediaIfAny(): Promise<RoomMedia | undefined>;
  displayName(participantId: string): string;
  /** The recording started, paused, resumed or stopped: tell everyone. */
  changed(): void;
}

/** Attaching again after the recorder failed this often in a row is given up until the next change. */
const maxAttachFailures = 3;

/**
 * A room's cloud recording: start, pause, resume and stop (each stored as an event of its timeline),
 * the recorder's peer on the room's router, and every chunk it hands over stored and indexed at
 * once. When the recorder dies or the router is lost, it notes the gap and attaches again.
 */
export class RoomRecording {
  #row: RecordingRow | undefined;
  #sessionId: string | undefined;
  #generation = 0;
  #attachFailures = 0;
  #sequences = new Map<string, number>();
  /** Chunks are stored one after another; stopping waits for the last. */
  #stored: Promise<void> = Promise.resolve();
  /** Start, pause, resume and stop run one at a time. */
  #operations: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ctx: AppContext,
    private readonly room: RecordingRoom,
    private readonly logger: Logger,
  ) {}

  get state(): LiveRecording {
    return liveState(this.#row);
  }

  /** Whether a subscribe offer for `peerId` is the recorder's. */
  owns(peerId: string): boolean {
    return peerId === this.#sessionId;
  }

  /** Continues a recording this meeting had running when its node stopped (or died). */
  restore(): Promise<void> {
    return this.#serial(async () => {
      const row = await liveRecordingOf(this.ctx, this.room.id);
      if (!row) return;
      this.#row = row;
      this.#sequences = await nextSequences(this.ctx, row.id);
      this.logger.info({ recordingId: row.id }, 'recording continues after a restart');
      await this.#attach();
    });
  }

  /** Host controls: start, pause, resume, stop. */
  act(action: 'start' | 'pause' | 'resume' | 'stop'): Promise<void> {
    return this.#serial(async () => {
      const now = this.ctx.clock();
      const state = this.state;
      if (action === 'start') {
        if (state !== 'off') throw new AppError('RECORDING_STATE', 'This meeting is already being recorded.');
        this.#row = await createRecording(this.ctx, this.room, now);
        this.#sequences = new Map();
        this.logger.info({ recordingId: this.#row.id }, 'recording started');
        this.room.changed();
        await this.#attach();
        return;
      }
      const row = this.#row;
      if (!row || state === 'off')
        throw new AppError('RECORDING_STATE', 'This meeting is not being recorded.');
      if (action === 'stop') {
        await this.#stop(row, now);
        return;
      }
      if ((action === 'pause') !== (state === 'recording')) {
        throw new AppError(
          'RECORDING_STATE',
          action === 'pause' ? 'The recording is already paused.' : 'The recording is not paused.',
        );
      }
      await changeRecording(this.ctx, row.id, action, now);
      row.state = action === 'pause' ? 'paused' : 'recording';
      if (this.#sessionId) {
        if (action === 'pause') this.ctx.recorder.pause(this.#sessionId);
        else this.ctx.recorder.resume(this.#sessionId);
      }
      this.logger.info({ recordingId: row.id }, `recording ${action === 'pause' ? 'paused' : 'resumed'}`);
      this.room.changed();
    });
  }

  /** The router's subscribe offer for the recorder's peer: relayed to the recorder, answered back. */
  offer(sdp: string, tracks: SubscribedTrack[]): void {
    const sessionId = this.#sessionId;
    const row = this.#row;
    if (!sessionId || !row) return;
    const { listenIp } = this.ctx.config.media;
    this.ctx.recorder
      .offer(sessionId, sdp, tracks, listenIp)
      .then(async (answer) => {
        const media = await this.room.mediaIfAny();
        if (this.#sessionId !== sessionId || !media) return;
        await media.answer(sessionId, answer);
        this.#attachFailures = 0;
      })
      .catch((error: unknown) => {
        if (this.#sessionId !== sessionId) return;
        this.logger.warn({ err: error, recordingId: row.id }, 'recorder did not answer');
        void this.#serial(() => this.#reattach(row, 'recorder did not answer'));
      });
  }

  /** The active speaker changed: the render's layout follows it. */
  speaker(participantId: string | null): void {
    const row = this.#row;
    if (row?.state !== 'recording') return;
    void addRecordingEvent(this.ctx, row.id, 'speaker', this.ctx.clock(), participantId).catch(
      (error: unknown) => this.logger.warn({ err: error }, 'speaker change not recorded'),
    );
  }

  /** The room's router died; the room makes a new one: the recorder follows. */
  mediaLost(): void {
    const row = this.#row;
    if (!row || this.state === 'off') return;
    void this.#serial(() => this.#reattach(row, 'media worker lost'));
  }

  /** The meeting ended: a running recording stops (and renders). */
  end(): Promise<void> {
    return this.#serial(async () => {
      const row = this.#row;
      if (row && this.state !== 'off') await this.#stop(row, this.ctx.clock());
    });
  }

  /** The node is stopping: the chunks in progress are finished; the recording continues after. */
  suspend(): Promise<void> {
    return this.#serial(async () => {
      const row = this.#row;
      if (!row || this.state === 'off') return;
      await addRecordingEvent(this.ctx, row.id, 'interrupted', this.ctx.clock());
      await this.#detach();
    });
  }

  async #stop(row: RecordingRow, now: number): Promise<void> {
    await this.#detach();
    await changeRecording(this.ctx, row.id, 'stop', now);
    row.state = 'rendering';
    this.#row = undefined;
    this.logger.info({ recordingId: row.id }, 'recording stopped');
    this.room.changed();
    this.ctx.renders.enqueue(row.id);
  }

  async #attach(): Promise<void> {
    const row = this.#row;
    if (!row) return;
    const sessionId = `recorder-${row.id}-${++this.#generation}`;
    this.#sessionId = sessionId;
    this.ctx.recorder.register(sessionId, {
      chunk: (chunk) => this.#store(row, chunk),
      lost: () => void this.#serial(() => this.#reattach(row, 'recorder process died')),
    });
    if (row.state === 'paused') this.ctx.recorder.pause(sessionId);
    const media = await this.room.media();
    await media.addRecorder(sessionId);
  }

  /** Unhooks the recorder's peer once its last chunks are stored. */
  async #detach(): Promise<void> {
    const sessionId = this.#sessionId;
    this.#sessionId = undefined;
    if (sessionId) {
      (await this.room.mediaIfAny())?.removePeer(sessionId);
      await this.ctx.recorder.close(sessionId);
    }
    await this.#stored;
  }

  async #reattach(row: RecordingRow, reason: string): Promise<void> {
    if (this.#row !== row || !this.#sessionId) return;
    this.logger.warn({ recordingId: row.id, reason }, 'recording interrupted; attaching again');
    await addRecordingEvent(this.ctx, row.id, 'interrupted', this.ctx.clock());
    await this.#detach();
    if (++this.#attachFailures > maxAttachFailures) {
      this.logger.error(
        { recordingId: row.id },
        'recorder keeps failing; recording waits for the next change',
      );
      return;
    }
    try {
      await this.#attach();
      await addRecordingEvent(this.ctx, row.id, 'continued', this.ctx.clock());
    } catch (error) {
      this.logger.error({ err: error, recordingId: row.id }, 'recorder could not attach again');
    }
  }

  #store(row: RecordingRow, chunk: RecordedChunk): void {
    const key = `${chunk.participantId}:${chunk.source}`;
    const sequence = this.#sequences.get(key) ?? 0;
    this.#sequences.set(key, sequence + 1);
    const displayName = this.room.displayName(chunk.participantId);
    this.#stored = this.#stored
      .then(() => storeChunk(this.ctx, row.id, chunk, sequence, displayName))
      .then(() => {
        this.ctx.metrics.recordingChunks.inc({ kind: chunk.kind });
        this.ctx.metrics.recordingBytes.inc(chunk.bytes.byteLength);
      })
      .catch((error: unknown) =>
        this.logger.error({ err: error, recordingId: row.id, track: key, sequence }, 'chunk not stored'),
      );
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#operations.then(work);
    this.#operations = result.catch(() => {});
    return result;
  }
}
