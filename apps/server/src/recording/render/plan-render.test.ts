import { describe, expect, it } from 'vitest';
import { maxSegmentMs, planRender } from './plan-render.ts';
import type { RenderInput, RenderPlan, RenderTrack, TrackSource } from './render-plan.ts';

const t0 = 1_700_000_000_000;
const s = (seconds: number) => t0 + seconds * 1000;

/** A track with back-to-back chunks covering [from, to) seconds, `chunkSeconds` each. */
function track(
  participant: string,
  source: TrackSource,
  from: number,
  to: number,
  chunkSeconds = 10,
): RenderTrack {
  const chunks = [];
  for (let start = from, sequence = 0; start < to; start += chunkSeconds, sequence += 1) {
    const duration = Math.min(chunkSeconds, to - start);
    chunks.push({
      sequence,
      startedAt: s(start),
      durationMs: duration * 1000,
      file: `${participant}-${source}-${start}.webm`,
    });
  }
  return { participantId: participant, displayName: participant.toUpperCase(), source, chunks };
}

function plan(input: Partial<RenderInput> & Pick<RenderInput, 'tracks'>): RenderPlan {
  return planRender({
    activeIntervals: [{ from: s(0), to: s(60) }],
    speakers: [],
    recorderGaps: [],
    ...input,
  });
}

/** Where each layout starts, as `kind:name`; a long layout split in segments counts once. */
function layoutChanges(result: RenderPlan): { at: number; layout: string }[] {
  const changes = result.segments.map(({ startMs, layout }) => {
    if (layout.kind === 'speaker') return { at: startMs, layout: `speaker:${layout.name}` };
    if (layout.kind === 'screen') return { at: startMs, layout: `screen:${layout.name ?? ''}` };
    if (layout.kind === 'names') return { at: startMs, layout: `names:${layout.names.join(',')}` };
    return { at: startMs, layout: layout.kind };
  });
  return changes.filter((change, i) => change.layout !== changes[i - 1]?.layout);
}

function layouts(result: RenderPlan): string[] {
  return layoutChanges(result).map((change) => change.layout);
}

function expectContiguous(result: RenderPlan) {
  let at = 0;
  for (const segment of result.segments) {
    expect(segment.startMs).toBe(at);
    expect(segment.durationMs % 40).toBe(0);
    at += segment.durationMs;
  }
  expect(at).toBe(result.durationMs);
}

describe('planRender', () => {
  it('cuts pauses out: output time is the active intervals end to end', () => {
    const result = planRender({
      activeIntervals: [
        { from: s(0), to: s(20) },
        { from: s(50), to: s(70) },
      ],
      // The recorder wrote nothing during the pause.
      tracks: [track('ada', 'mic', 0, 20), track('ada', 'mic', 50, 70)],
      speakers: [],
      recorderGaps: [],
    });
    expect(result.durationMs).toBe(40_000);
    expectContiguous(result);
    const audio = result.segments.flatMap((segment) =>
      segment.audio.map((clip) => ({ ...clip, at: segment.startMs + clip.atMs })),
    );
    expect(audio.map(({ file, at, fromMs, durationMs }) => [file, at, fromMs, durationMs])).toEqual([
      ['ada-mic-0.webm', 0, 0, 10_000],
      ['ada-mic-10.webm', 10_000, 0, 10_000],
      ['ada-mic-50.webm', 20_000, 0, 10_000],
      ['ada-mic-60.webm', 30_000, 0, 10_000],
    ]);
  });

  it('keeps only the recorded part of a chunk that runs into a pause', () => {
    const result = planRender({
      activeIntervals: [
        { from: s(0), to: s(5) },
        { from: s(8), to: s(12) },
      ],
      tracks: [track('ada', 'mic', 0, 12, 12)],
      speakers: [],
      recorderGaps: [],
    });
    expect(result.durationMs).toBe(9_000);
    expect(result.segments.flatMap((segment) => segment.audio)).toEqual([
      { file: 'ada-mic-0.webm', fromMs: 0, atMs: 0, durationMs: 5_000 },
      { file: 'ada-mic-0.webm', fromMs: 8_000, atMs: 5_000, durationMs: 4_000 },
    ]);
  });

  it('keeps the time of a recorder crash as an interrupted stretch without audio', () => {
    const result = plan({
      tracks: [
        track('ada', 'camera', 0, 20),
        track('ada', 'mic', 0, 20),
        track('ada', 'camera', 35, 60),
        track('ada', 'mic', 35, 60),
      ],
      recorderGaps: [{ fromMs: 20_000, toMs: 35_000 }],
    });
    expect(result.durationMs).toBe(60_000);
    expectContiguous(result);
    expect(layouts(result)).toEqual(['speaker:ADA', 'interrupted', 'speaker:ADA']);
    const gap = result.segments.find((segment) => segment.layout.kind === 'interrupted');
    expect(gap).toMatchObject({ startMs: 20_000, durationMs: 15_000, audio: [] });
  });

  it('tells a stretch where nobody had anything on from one where the recorder was down', () => {
    const result = plan({
      tracks: [track('ada', 'camera', 0, 10), track('ada', 'camera', 40, 60)],
      // The recorder was down for part of the quiet stretch only.
      recorderGaps: [{ fromMs: 25_000, toMs: 32_000 }],
    });
    expectContiguous(result);
    expect(layoutChanges(result)).toEqual([
      { at: 0, layout: 'speaker:ADA' },
      { at: 10_000, layout: 'empty' },
      { at: 25_000, layout: 'interrupted' },
      { at: 32_000, layout: 'empty' },
      { at: 40_000, layout: 'speaker:ADA' },
    ]);
  });

  it('treats short holes between chunks as continuous', () => {
    const camera = track('ada', 'camera', 0, 30);
    // The recorder took 300 ms to open each next chunk.
    camera.chunks = camera.chunks.map((chunk) => ({ ...chunk, durationMs: chunk.durationMs - 300 }));
    const result = plan({ tracks: [camera, track('bo', 'mic', 0, 60)] });
    // No flash of names at 9.7 s and 19.7 s; the last chunk ends at 29.7 s.
    expect(layoutChanges(result)).toEqual([
      { at: 0, layout: 'speaker:ADA' },
      { at: 29_720, layout: 'names:BO' },
    ]);
  });

  it('switches to a speaker who holds the floor for 2 s and ignores shorter turns', () => {
    const result = plan({
      tracks: [track('ada', 'camera', 0, 60), track('bo', 'camera', 0, 60)],
      speakers: [
        { at: s(0), participantId: 'ada' },
        { at: s(10), participantId: 'bo' },
        { at: s(11), participantId: 'ada' }, // bo spoke for 1 s: no switch
        { at: s(20), participantId: null }, // silence keeps ada
        { at: s(30), participantId: 'bo' },
        { at: s(31.5), participantId: 'ada' }, // 1.5 s: no switch
        { at: s(31.9), participantId: 'bo' },
        { at: s(40), participantId: 'ada' },
      ],
    });
    expect(layoutChanges(result)).toEqual([
      { at: 0, layout: 'speaker:ADA' },
      { at: 30_000, layout: 'speaker:BO' },
      { at: 40_000, layout: 'speaker:ADA' },
    ]);
  });

  it('shows the last speaker with video when the current speaker has no camera', () => {
    const result = plan({
      tracks: [track('ada', 'camera', 0, 60), track('bo', 'camera', 0, 60), track('cy', 'mic', 0, 60)],
      speakers: [
        { at: s(0), participantId: 'bo' },
        { at: s(20), participantId: 'cy' },
      ],
    });
    expect(layouts(result)).toEqual(['speaker:BO']);
  });

  it('shows any camera before anyone has spoken, and names when no camera is on', () => {
    const withCamera = plan({ tracks: [track('ada', 'mic', 0, 60), track('bo', 'camera', 0, 60)] });
    expect(layouts(withCamera)).toEqual(['speaker:BO']);
    const noCamera = plan({ tracks: [track('ada', 'mic', 0, 60), track('bo', 'mic', 0, 60)] });
    expect(layouts(noCamera)).toEqual(['names:ADA,BO']);
  });

  it('gives a shared screen the frame, with the speaker as a tile', () => {
    const result = plan({
      tracks: [
        track('ada', 'camera', 0, 60),
        track('bo', 'camera', 0, 60),
        track('bo', 'screen', 20, 40),
        track('bo', 'screen-audio', 20, 40),
      ],
      speakers: [{ at: s(0), participantId: 'ada' }],
    });
    expect(layouts(result)).toEqual(['speaker:ADA', 'screen:ADA', 'speaker:ADA']);
    const shared = result.segments.find((segment) => segment.layout.kind === 'screen');
    expect(shared).toMatchObject({ startMs: 20_000, durationMs: 20_000 });
    expect(shared?.layout).toMatchObject({
      screen: [
        { file: 'bo-screen-20.webm', atMs: 0 },
        { file: 'bo-screen-30.webm', atMs: 10_000 },
      ],
      camera: [
        { file: 'ada-camera-20.webm', atMs: 0 },
        { file: 'ada-camera-30.webm', atMs: 10_000 },
      ],
    });
    expect(shared?.audio.map((clip) => clip.file)).toEqual([
      'bo-screen-audio-20.webm',
      'bo-screen-audio-30.webm',
    ]);
  });

  it('bounds segments to 30 s, on whole frames, end to end', () => {
    const result = planRender({
      activeIntervals: [{ from: s(0), to: s(100.01) }],
      tracks: [track('ada', 'camera', 0, 100.01)],
      speakers: [],
      recorderGaps: [],
    });
    expect(result.durationMs).toBe(100_000);
    expect(result.segments.length).toBe(4);
    expectContiguous(result);
    for (const segment of result.segments) expect(segment.durationMs).toBeLessThanOrEqual(maxSegmentMs);
    expect(result.segments.map((segment) => segment.index)).toEqual([0, 1, 2, 3]);
  });

  it('does not flash a layout for less than a second', () => {
    const result = plan({
      // bo's camera comes on 400 ms after bo starts speaking.
      tracks: [track('ada', 'camera', 0, 60), track('bo', 'camera', 20.4, 60)],
      speakers: [
        { at: s(0), participantId: 'ada' },
        { at: s(20), participantId: 'bo' },
      ],
    });
    expect(layoutChanges(result)).toEqual([
      { at: 0, layout: 'speaker:ADA' },
      { at: 20_400, layout: 'speaker:BO' },
    ]);
  });

  it('lets the later of two overlapping chunks win', () => {
    const result = plan({
      tracks: [
        {
          participantId: 'ada',
          displayName: 'Ada',
          source: 'mic',
          chunks: [
            { sequence: 0, startedAt: s(0), durationMs: 10_000, file: 'old.webm' },
            { sequence: 0, startedAt: s(8), durationMs: 10_000, file: 'restarted.webm' },
          ],
        },
      ],
      activeIntervals: [{ from: s(0), to: s(18) }],
    });
    expect(result.segments.flatMap((segment) => segment.audio)).toEqual([
      { file: 'old.webm', fromMs: 0, atMs: 0, durationMs: 8_000 },
      { file: 'restarted.webm', fromMs: 0, atMs: 8_000, durationMs: 10_000 },
    ]);
  });

  it('plans nothing for a recording that never ran, and uses the given size', () => {
    const result = planRender({
      activeIntervals: [],
      tracks: [],
      speakers: [],
      recorderGaps: [],
      width: 641,
      height: 360,
    });
    expect(result).toMatchObject({ durationMs: 0, segments: [], width: 642, height: 360 });
  });

  it('is deterministic', () => {
    const input: RenderInput = {
      activeIntervals: [{ from: s(0), to: s(60) }],
      tracks: [track('ada', 'camera', 0, 60), track('bo', 'screen', 10, 50), track('bo', 'mic', 0, 60)],
      speakers: [{ at: s(3), participantId: 'bo' }],
      recorderGaps: [{ fromMs: 20_000, toMs: 22_000 }],
    };
    expect(planRender(input)).toEqual(planRender(structuredClone(input)));
  });
});
