import { z } from 'zod';
import { idSchema, isoTimeSchema } from './common.ts';

/** A live meeting's recording as everyone in it (and on its pre-join screen) sees it. */
export const liveRecordingSchema = z.enum(['off', 'recording', 'paused']);
export type LiveRecording = z.infer<typeof liveRecordingSchema>;

export const recordingLimits = {
  /** Length of one chunk of one track; a recorder crash loses at most the chunk it was writing. */
  chunkSeconds: 10,
  /** Recordings kept per meeting (each start after a stop makes a new one). */
  perMeeting: 20,
} as const;

/**
 * recording: chunks are being written; paused: started but paused (paused time is not recorded);
 * rendering: stopped, the MP4 is being made (the chunks play meanwhile); ready: the MP4 plays;
 * failed: rendering failed (the chunks still play; the owner can render again).
 */
export const recordingStateSchema = z.enum(['recording', 'paused', 'rendering', 'ready', 'failed']);
export type RecordingState = z.infer<typeof recordingStateSchema>;

export const recordingSchema = z.object({
  id: idSchema,
  meetingId: idSchema,
  title: z.string(),
  state: recordingStateSchema,
  /** Whether the meeting's signed-in participants may watch it (only the owner decides). */
  shared: z.boolean(),
  /** Whether this user owns it: may share, delete and render again. */
  owned: z.boolean(),
  startedAt: isoTimeSchema,
  stoppedAt: isoTimeSchema.nullable(),
  /** Recorded time without pauses; for a live recording, up to its last pause. */
  durationMs: z.number().int(),
  /** The chunks plus the rendered MP4. */
  sizeBytes: z.number().int(),
  /** Rendering progress 0..1 while `rendering`. */
  renderProgress: z.number(),
  renderError: z.string().nullable(),
});
export type Recording = z.infer<typeof recordingSchema>;

export const recordingListSchema = z.object({ recordings: z.array(recordingSchema) });
export type RecordingList = z.infer<typeof recordingListSchema>;

export const recordingIdParamsSchema = z.strictObject({ recordingId: idSchema });
export const recordingChunkParamsSchema = z.strictObject({ recordingId: idSchema, chunkId: idSchema });

export const updateRecordingSchema = z.strictObject({ shared: z.boolean() });
export type UpdateRecording = z.infer<typeof updateRecordingSchema>;

/** One finished chunk of one track: a WebM file that plays on its own. */
export const recordingChunkSchema = z.object({
  id: idSchema,
  participantId: idSchema,
  displayName: z.string(),
  source: z.enum(['mic', 'camera', 'screen', 'screen-audio']),
  kind: z.enum(['audio', 'video']),
  sequence: z.number().int(),
  /** Milliseconds from the start of the recorded (pause-free) timeline. */
  offsetMs: z.number().int(),
  durationMs: z.number().int(),
  size: z.number().int(),
  /** A signed URL (no Authorization header needed, as a media element fetches it), valid a day. */
  url: z.string(),
});
export type RecordingChunk = z.infer<typeof recordingChunkSchema>;

export const transcriptEntrySchema = z.object({
  at: isoTimeSchema,
  /** Milliseconds into the recording (pause-free timeline). */
  offsetMs: z.number().int(),
  from: z.string(),
  text: z.string(),
  fileName: z.string().nullable(),
});
export type TranscriptEntry = z.infer<typeof transcriptEntrySchema>;

/**
 * What the playback page needs: the rendered MP4 once ready; until then (or if rendering failed)
 * the chunks to play instead, the gaps where the recorder was down, and the chat transcript.
 */
export const recordingPlaybackSchema = z.object({
  recording: recordingSchema,
  /** The rendered MP4 once ready (a signed URL, valid a day; supports Range), else null. */
  videoUrl: z.string().nullable(),
  /** The chat transcript as a text file (signed URL) once rendered, else null. */
  transcriptUrl: z.string().nullable(),
  chunks: z.array(recordingChunkSchema),
  /** Spans of the timeline (ms) when the recorder was down and nothing was recorded. */
  gaps: z.array(z.object({ fromMs: z.number().int(), toMs: z.number().int() })),
  transcript: z.array(transcriptEntrySchema),
});
export type RecordingPlayback = z.infer<typeof recordingPlaybackSchema>;
