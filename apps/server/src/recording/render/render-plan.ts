import type { ActiveInterval } from '../recorded-timeline.ts';

export type TrackSource = 'mic' | 'camera' | 'screen' | 'screen-audio';

/** One chunk file of a track: a WebM that plays on its own (video starts at a keyframe). */
export interface RenderChunk {
  sequence: number;
  /** Wall clock, ms since the epoch. */
  startedAt: number;
  durationMs: number;
  /** Local path of the WebM. */
  file: string;
}

/** Everything the recorder wrote for one participant's mic, camera, screen or screen audio. */
export interface RenderTrack {
  participantId: string;
  displayName: string;
  source: TrackSource;
  chunks: RenderChunk[];
}

/** The active speaker changed at `at` (wall ms); null: nobody speaks. */
export interface SpeakerChange {
  at: number;
  participantId: string | null;
}

/** What a recording is rendered from. */
export interface RenderInput {
  /** Wall-clock intervals during which the recording ran (not paused), in order. Output time is these laid end to end. */
  activeIntervals: ActiveInterval[];
  tracks: RenderTrack[];
  speakers: SpeakerChange[];
  /** Where the recorder was down, in ms of the output timeline: these show "Recording interrupted". */
  recorderGaps: { fromMs: number; toMs: number }[];
  /** Of the output; default 1280x720. */
  width?: number;
  height?: number;
}

/** A stretch of one chunk file placed in a segment. */
export interface Clip {
  file: string;
  /** Where in the chunk the stretch starts, ms. */
  fromMs: number;
  /** Where in the segment it plays, ms. */
  atMs: number;
  durationMs: number;
}

/**
 * What the picture shows during a segment. `speaker`: one person's camera fills the frame, with
 * their name. `screen`: a screen share fills it and a person's camera (if any) is a corner tile.
 * `names`: nobody's camera is on, the names of who is there. `empty`: nobody had a camera, mic or
 * screen on. `interrupted`: nothing was recorded while the recording was running (the recorder was
 * down).
 */
export type SegmentLayout =
  | { kind: 'speaker'; camera: Clip[]; name: string }
  | { kind: 'screen'; screen: Clip[]; camera: Clip[]; name: string | null }
  | { kind: 'names'; names: string[] }
  | { kind: 'empty' }
  | { kind: 'interrupted' };

/** A stretch of the output with one layout, rendered by one ffmpeg run. */
export interface RenderSegment {
  index: number;
  /** Where it starts in the output, ms; a whole number of frames. */
  startMs: number;
  /** A whole number of frames. */
  durationMs: number;
  layout: SegmentLayout;
  /** Mic and screen-audio clips, all mixed. */
  audio: Clip[];
}

/** How a recording is rendered: the output's format and its segments, end to end. */
export interface RenderPlan {
  width: number;
  height: number;
  frameRate: number;
  durationMs: number;
  segments: RenderSegment[];
}
