import { RecordedTimeline } from '../recorded-timeline.ts';
import type {
  Clip,
  RenderInput,
  RenderPlan,
  RenderSegment,
  RenderTrack,
  SegmentLayout,
} from './render-plan.ts';
import { stableSpeakers } from './stable-speakers.ts';

const frameRate = 25;
const frameMs = 1000 / frameRate;
/** Bounds one ffmpeg run: a failure or a restart loses at most this much work. */
export const maxSegmentMs = 30_000;
/** A speaker must hold the floor this long before the picture switches to them. */
const minSpeakerHoldMs = 2_000;
// The recorder closes one chunk and opens the next with a small hole between them: a track with
// holes shorter than this counts as continuous (the picture holds the last frame over the hole).
const bridgeMs = 1_000;
// A layout shown for less than this would only flash (a camera starting just after its owner
// began speaking): the layout before it stays on instead.
const minLayoutMs = 1_000;

/** A recorded part of one chunk, on the output timeline. */
interface Part {
  file: string;
  from: number;
  to: number;
  /** Where in the chunk `from` is. */
  chunkMs: number;
}

interface PlacedTrack {
  track: RenderTrack;
  /** Its position in the input: breaks ties, so the same input always gives the same plan. */
  order: number;
  parts: Part[];
  /** Where the track has media, holes under `bridgeMs` closed. */
  runs: { from: number; to: number }[];
}

/** What a stretch of output shows, before clips are cut for it. */
type Choice =
  | { kind: 'speaker'; camera: PlacedTrack }
  | { kind: 'screen'; screen: PlacedTrack; camera: PlacedTrack | undefined }
  | { kind: 'names'; names: string[] }
  | { kind: 'empty' }
  | { kind: 'interrupted' };

interface Stretch {
  from: number;
  to: number;
  choice: Choice;
}

/**
 * Splits a recording's output timeline into segments of one layout each (at most `maxSegmentMs`
 * long, on whole frames) and cuts, for each, the chunk stretches it shows and mixes. Pure: the same
 * input gives the same plan.
 */
export function planRender(input: RenderInput): RenderPlan {
  const timeline = new RecordedTimeline(input.activeIntervals);
  const durationMs = onFrame(timeline.durationMs);
  const tracks = input.tracks.map((track, order) => placeTrack(track, order, timeline));
  const speakers = stableSpeakers(input.speakers, minSpeakerHoldMs).map((change) => ({
    at: timeline.offsetOf(change.at),
    participantId: change.participantId,
  }));

  const cuts = new Set([0, durationMs]);
  for (const { runs } of tracks) {
    for (const run of runs) cuts.add(onFrame(run.from)).add(onFrame(run.to));
  }
  for (const { at } of speakers) cuts.add(onFrame(at));
  for (const gap of input.recorderGaps) cuts.add(onFrame(gap.fromMs)).add(onFrame(gap.toMs));
  const sortedCuts = [...cuts].filter((cut) => cut >= 0 && cut <= durationMs).sort((a, b) => a - b);

  const stretches: Stretch[] = [];
  for (let i = 1; i < sortedCuts.length; i += 1) {
    const from = sortedCuts[i - 1] as number;
    const to = sortedCuts[i] as number;
    const at = (from + to) / 2;
    const down = input.recorderGaps.some((gap) => gap.fromMs <= at && at < gap.toMs);
    stretches.push({ from, to, choice: choose(at, tracks, speakers, down) });
  }

  const segments: RenderSegment[] = [];
  for (const stretch of absorbFlashes(merge(stretches))) {
    for (const [from, to] of split(stretch.from, stretch.to)) {
      segments.push({
        index: segments.length,
        startMs: from,
        durationMs: to - from,
        layout: layoutOf(stretch.choice, from, to),
        audio: tracks
          .filter(({ track }) => track.source === 'mic' || track.source === 'screen-audio')
          .flatMap((placed) => clips(placed, from, to)),
      });
    }
  }
  return {
    width: even(input.width ?? 1280),
    height: even(input.height ?? 720),
    frameRate,
    durationMs,
    segments,
  };
}

function placeTrack(track: RenderTrack, order: number, timeline: RecordedTimeline): PlacedTrack {
  const chunks = track.chunks.toSorted((a, b) => a.startedAt - b.startedAt || a.sequence - b.sequence);
  const parts: Part[] = [];
  chunks.forEach((chunk, i) => {
    // Overlapping chunks (a restarted recorder's first chunk racing the old one's last): the
    // later chunk wins from where it starts.
    const next = chunks[i + 1];
    const end = Math.min(chunk.startedAt + chunk.durationMs, next?.startedAt ?? Number.POSITIVE_INFINITY);
    for (const part of timeline.recordedParts(chunk.startedAt, end)) {
      parts.push({
        file: chunk.file,
        from: part.offsetFrom,
        to: part.offsetTo,
        chunkMs: part.wallFrom - chunk.startedAt,
      });
    }
  });
  const runs: PlacedTrack['runs'] = [];
  for (const { from, to } of parts) {
    const last = runs.at(-1);
    if (last && from - last.to < bridgeMs) last.to = Math.max(last.to, to);
    else runs.push({ from, to });
  }
  return { track, order, parts, runs };
}

function choose(
  at: number,
  tracks: PlacedTrack[],
  speakers: { at: number; participantId: string }[],
  recorderDown: boolean,
): Choice {
  const live = tracks.filter(({ runs }) => runs.some((run) => run.from <= at && at < run.to));
  const cameras = live.filter(({ track }) => track.source === 'camera');
  // Who has spoken so far, the latest first: the current speaker, then who spoke before.
  const spoken = [
    ...new Set(
      speakers
        .filter((change) => change.at <= at)
        .map((change) => change.participantId)
        .reverse(),
    ),
  ];
  const camera =
    spoken
      .map((participantId) => cameras.find(({ track }) => track.participantId === participantId))
      .find((found) => found !== undefined) ?? cameras[0];
  const screen = live
    .filter(({ track }) => track.source === 'screen')
    .map((placed) => ({ placed, since: runStart(placed, at) }))
    // Two screens shared at once: the one shared last is the one people are looking at.
    .sort((a, b) => b.since - a.since || a.placed.order - b.placed.order)[0]?.placed;
  if (screen) return { kind: 'screen', screen, camera };
  if (camera) return { kind: 'speaker', camera };
  if (live.length > 0)
    return { kind: 'names', names: [...new Set(live.map(({ track }) => track.displayName))] };
  return { kind: recorderDown ? 'interrupted' : 'empty' };
}

function runStart(placed: PlacedTrack, at: number): number {
  return placed.runs.find((run) => run.from <= at && at < run.to)?.from ?? 0;
}

function sameChoice(a: Choice, b: Choice): boolean {
  return key(a) === key(b);
}

function key(choice: Choice): string {
  switch (choice.kind) {
    case 'speaker':
      return `speaker:${choice.camera.order}`;
    case 'screen':
      return `screen:${choice.screen.order}:${choice.camera?.order ?? ''}`;
    case 'names':
      return `names:${JSON.stringify(choice.names)}`;
    case 'empty':
    case 'interrupted':
      return choice.kind;
  }
}

function merge(stretches: Stretch[]): Stretch[] {
  const merged: Stretch[] = [];
  for (const stretch of stretches) {
    const last = merged.at(-1);
    if (last && sameChoice(last.choice, stretch.choice)) last.to = stretch.to;
    else merged.push({ ...stretch });
  }
  return merged;
}

function absorbFlashes(stretches: Stretch[]): Stretch[] {
  const kept: Stretch[] = [];
  for (const stretch of stretches) {
    const last = kept.at(-1);
    if (last && stretch.to - stretch.from < minLayoutMs) last.to = stretch.to;
    else kept.push({ ...stretch });
  }
  // A flash at the very start has nothing before it: the layout after it starts earlier instead.
  const [first, second] = kept;
  if (first && second && first.to - first.from < minLayoutMs) {
    second.from = first.from;
    kept.shift();
  }
  return merge(kept);
}

/** Equal parts of at most `maxSegmentMs`, on whole frames. */
function split(from: number, to: number): [number, number][] {
  const frames = Math.round((to - from) / frameMs);
  const count = Math.ceil((to - from) / maxSegmentMs);
  const bounds = Array.from(
    { length: count + 1 },
    (_, i) => from + Math.round((i * frames) / count) * frameMs,
  );
  return bounds.slice(1).map((end, i) => [bounds[i] as number, end]);
}

function layoutOf(choice: Choice, from: number, to: number): SegmentLayout {
  switch (choice.kind) {
    case 'speaker':
      return {
        kind: 'speaker',
        camera: clips(choice.camera, from, to),
        name: choice.camera.track.displayName,
      };
    case 'screen':
      return {
        kind: 'screen',
        screen: clips(choice.screen, from, to),
        camera: choice.camera ? clips(choice.camera, from, to) : [],
        name: choice.camera?.track.displayName ?? null,
      };
    default:
      return choice;
  }
}

/** The stretches of a track's chunks that play during [from, to). */
function clips(placed: PlacedTrack, from: number, to: number): Clip[] {
  return placed.parts.flatMap((part) => {
    const start = Math.max(from, part.from);
    const end = Math.min(to, part.to);
    if (end <= start) return [];
    return [
      {
        file: part.file,
        fromMs: part.chunkMs + (start - part.from),
        atMs: start - from,
        durationMs: end - start,
      },
    ];
  });
}

function onFrame(ms: number): number {
  return Math.round(ms / frameMs) * frameMs;
}

// H.264 in yuv420p needs even dimensions.
function even(px: number): number {
  return Math.max(2, Math.round(px / 2) * 2);
}
