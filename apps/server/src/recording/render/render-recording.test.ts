import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runMediaTool } from '../../media-tools/media-tools.ts';
import { planRender } from './plan-render.ts';
import type { RenderInput, RenderTrack, TrackSource } from './render-plan.ts';
import { RenderError, renderRecording, type SegmentStore } from './render-recording.ts';

// Counts the ffmpeg runs, to see which segments a resumed render renders again.
vi.mock('../../media-tools/media-tools.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../media-tools/media-tools.ts')>();
  return { ...original, runMediaTool: vi.fn(original.runMediaTool) };
});

const t0 = 1_700_000_000_000;
const s = (seconds: number) => t0 + seconds * 1000;
let dir: string;
let input: RenderInput;

/** A memory-backed store, as object storage would be, that keeps copies of the saved files. */
function memoryStore(saved = new Map<number, string>()) {
  const store: SegmentStore & { saved: Map<number, string>; saves: number[] } = {
    saved,
    saves: [],
    load: async (index) => saved.get(index),
    save: async (index, file) => {
      const copy = path.join(dir, `stored-${index}-${store.saves.length}-${path.basename(file)}`);
      await copyFile(file, copy);
      saved.set(index, copy);
      store.saves.push(index);
    },
  };
  return store;
}

async function makeChunk(name: string, source: TrackSource, seconds: number, lavfi: string): Promise<string> {
  const file = path.join(dir, `${name}.webm`);
  const codec =
    source === 'mic' || source === 'screen-audio'
      ? ['-c:a', 'libopus', '-b:a', '32k']
      : ['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '200k', '-g', '300'];
  await runMediaTool(
    'ffmpeg',
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      `${lavfi}:duration=${seconds}`,
      ...codec,
      '-f',
      'webm',
      file,
    ],
    { timeoutMs: 30_000 },
  );
  return file;
}

/** A camera chunk whose resolution changes halfway, as when a WebRTC sender adapts to bandwidth. */
async function makeResizingChunk(name: string, seconds: number): Promise<string> {
  const halves = await Promise.all(
    ['320x240', '640x480'].map((size, i) =>
      makeChunk(`${name}-${i}`, 'camera', seconds / 2, `testsrc=size=${size}:rate=15`),
    ),
  );
  const list = path.join(dir, `${name}.txt`);
  await writeFile(list, halves.map((half) => `file '${half}'\n`).join(''));
  const file = path.join(dir, `${name}.webm`);
  await runMediaTool(
    'ffmpeg',
    ['-hide_banner', '-loglevel', 'error', '-f', 'concat', '-safe', '0', '-i', list, '-c', 'copy', file],
    { timeoutMs: 30_000 },
  );
  return file;
}

/**
 * A track whose chunks cover the given [from, to) seconds of wall time. Chunks of one length share
 * a file: the renderer does not mind, and the test makes fewer files.
 */
async function makeTrack(
  participantId: string,
  displayName: string,
  source: TrackSource,
  spans: [number, number][],
  lavfi: string,
): Promise<RenderTrack> {
  const files = new Map<number, Promise<string>>();
  const fileOf = (seconds: number) => {
    let file = files.get(seconds);
    if (!file) {
      file = makeChunk(`${participantId}-${source}-${seconds}s`, source, seconds, lavfi);
      files.set(seconds, file);
    }
    return file;
  };
  const chunks = await Promise.all(
    spans.map(async ([from, to], sequence) => ({
      sequence,
      startedAt: s(from),
      durationMs: (to - from) * 1000,
      file: await fileOf(to - from),
    })),
  );
  return { participantId, displayName, source, chunks };
}

async function probe(file: string) {
  const output = await runMediaTool(
    'ffprobe',
    ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', file],
    { timeoutMs: 15_000 },
  );
  return JSON.parse(output.toString('utf8')) as {
    streams: { codec_type: string; codec_name: string; width?: number; height?: number; pix_fmt?: string }[];
    format: { duration: string };
  };
}

/** The audio's RMS level in dB, second by second. */
async function rmsPerSecond(file: string): Promise<number[]> {
  const output = await runMediaTool(
    'ffmpeg',
    [
      ...['-hide_banner', '-loglevel', 'error', '-i', file, '-vn'],
      ...[
        '-af',
        'asetnsamples=48000,astats=metadata=1:reset=1,ametadata=print:key=lavfi.astats.Overall.RMS_level:file=-',
      ],
      ...['-f', 'null', '-'],
    ],
    { timeoutMs: 15_000 },
  );
  return [...output.toString('utf8').matchAll(/RMS_level=(\S+)/g)].map((match) => Number(match[1]));
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function segmentRuns(): number {
  return vi.mocked(runMediaTool).mock.calls.filter(([, args]) => args.includes('-filter_complex')).length;
}

// Recording (wall seconds): runs 0-8, paused 8-11, runs 11-17, the recorder down 13-15: 14 s of
// output. Ada talks on camera; Bo (no speaking turn long enough at first) shares a screen 4-8.
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'parley-render-'));
  const recorded: [number, number][] = [
    [0, 4],
    [4, 8],
    [11, 13],
    [15, 17],
  ];
  const tracks = await Promise.all([
    // A name with every character the filter graph treats specially.
    makeTrack('ada', "Ada O'Neil: [host], a;b \\ c", 'camera', recorded, 'testsrc=size=320x240:rate=15'),
    makeTrack('ada', 'Ada', 'mic', recorded, 'sine=frequency=440:sample_rate=48000'),
    makeTrack('bo', 'Bo', 'camera', recorded, 'color=c=blue:size=240x320:rate=15'),
    makeTrack('bo', 'Bo', 'mic', recorded, 'sine=frequency=660:sample_rate=48000'),
    makeTrack('bo', 'Bo', 'screen', [[4, 8]], 'testsrc2=size=640x360:rate=5'),
  ]);
  const adaCamera = tracks[0] as RenderTrack;
  (adaCamera.chunks[0] as RenderTrack['chunks'][number]).file = await makeResizingChunk(
    'ada-camera-resizing',
    4,
  );
  input = {
    activeIntervals: [
      { from: s(0), to: s(8) },
      { from: s(11), to: s(17) },
    ],
    tracks,
    speakers: [
      { at: s(0), participantId: 'ada' },
      { at: s(2), participantId: 'bo' },
      { at: s(2.5), participantId: 'ada' },
      { at: s(12), participantId: 'bo' },
    ],
    recorderGaps: [{ fromMs: 10_000, toMs: 12_000 }],
  };
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('renderRecording', () => {
  it('renders the chunks into one MP4 as long as the recorded time, and resumes from stored segments', async () => {
    const plan = planRender(input);
    expect(plan.durationMs).toBe(14_000);
    expect(plan.segments.map((segment) => segment.layout.kind)).toEqual([
      'speaker',
      'screen',
      'speaker',
      'speaker',
      'interrupted',
      'speaker',
    ]);

    const store = memoryStore();
    const progress: number[] = [];
    const started = performance.now();
    const runsBefore = segmentRuns();
    const file = await renderRecording(plan, {
      workDir: path.join(dir, 'first'),
      segments: store,
      onProgress: (fraction) => progress.push(fraction),
    });
    const wallMs = performance.now() - started;
    console.info(`rendered ${plan.durationMs} ms of recording in ${Math.round(wallMs)} ms`);
    expect(segmentRuns() - runsBefore).toBe(plan.segments.length);
    expect(store.saves).toEqual(plan.segments.map((segment) => segment.index));
    expect(progress).toHaveLength(plan.segments.length + 1);
    expect(progress).toEqual(progress.toSorted((a, b) => a - b));
    expect(progress.at(-1)).toBe(1);

    const { streams, format } = await probe(file);
    expect(streams.map((stream) => stream.codec_type)).toEqual(['video', 'audio']);
    expect(streams[0]).toMatchObject({ codec_name: 'h264', width: 1280, height: 720, pix_fmt: 'yuv420p' });
    expect(streams[1]).toMatchObject({ codec_name: 'aac' });
    expect(Math.abs(Number(format.duration) - 14)).toBeLessThan(0.3);
    // Both voices at full level (two sines at -21 dB make -18 dB: no normalization, no -3 dB
    // upmix), and silence while the recorder was down (10-12 s of output).
    const levels = await rmsPerSecond(file);
    // (The last reading is the AAC encoder's padding past the end.)
    expect(levels.length).toBeGreaterThanOrEqual(14);
    for (const second of [0, 3, 5, 8, 12, 13]) expect(levels[second]).toBeCloseTo(-18, 0);
    for (const second of [10, 11]) expect(levels[second]).toBeLessThan(-60);

    // A restarted job: half the segments are in the store already.
    const resumedStore = memoryStore(new Map([...store.saved].filter(([index]) => index % 2 === 0)));
    const runsBeforeResume = segmentRuns();
    const resumed = await renderRecording(plan, {
      workDir: path.join(dir, 'resumed'),
      segments: resumedStore,
    });
    const missing = plan.segments
      .filter((segment) => segment.index % 2 === 1)
      .map((segment) => segment.index);
    expect(segmentRuns() - runsBeforeResume).toBe(missing.length);
    expect(resumedStore.saves).toEqual(missing);
    expect(Number((await probe(resumed)).format.duration)).toBeCloseTo(Number(format.duration), 3);
    // Same input, same output: the segments rendered again are byte for byte the ones before.
    expect(sha256(await readFile(resumed))).toBe(sha256(await readFile(file)));
  }, 90_000);

  it('rejects naming the chunk ffmpeg cannot read, and leaves it as it was', async () => {
    const corrupt = path.join(dir, 'corrupt.webm');
    const garbage = Buffer.from('this is not a webm file at all'.repeat(40));
    await writeFile(corrupt, garbage);
    const [first, ...others] = input.tracks;
    const broken: RenderInput = {
      ...input,
      tracks: [
        {
          ...(first as RenderTrack),
          chunks: (first as RenderTrack).chunks.map((chunk, i) =>
            i === 1 ? { ...chunk, file: corrupt } : chunk,
          ),
        },
        ...others,
      ],
    };
    const store = memoryStore();
    const render = renderRecording(planRender(broken), {
      workDir: path.join(dir, 'broken'),
      segments: store,
    });
    await expect(render).rejects.toThrow(RenderError);
    await expect(render).rejects.toThrow(/corrupt\.webm could not be read/);
    await expect(render).rejects.toMatchObject({ unreadableChunks: [corrupt] });
    expect(sha256(await readFile(corrupt))).toBe(sha256(garbage));
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('job cancelled'));
    await expect(
      renderRecording(planRender(input), {
        workDir: path.join(dir, 'aborted'),
        segments: memoryStore(),
        signal: controller.signal,
      }),
    ).rejects.toThrow('job cancelled');
  });
});
