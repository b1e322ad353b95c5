import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadTestMedia, makeTestMediaFile, packetizeVp8, type TestMedia } from '@parley/sfu/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mediaToolPath, runMediaTool } from '../media-tools/media-tools.ts';
import { inputArgs } from '../media-tools/probe-media.ts';
import { type TrackChunk, TrackChunker, type TrackPacket } from './track-chunker.ts';

/** An RTP packet and when (ms from the start of the media) it arrives. */
interface TimedPacket {
  atMs: number;
  packet: TrackPacket;
}

const wallStart = 1_700_000_000_000;
let dir: string;
let media: TestMedia;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'parley-track-chunker-'));
  media = await loadTestMedia(
    await makeTestMediaFile(dir, { seconds: 25, width: 320, height: 240, fps: 15 }),
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * The file's VP8 frames as RTP: sequence numbers and timestamps start close to their wrap (16 and 32
 * bits), each frame arrives at its media time.
 */
function videoPackets(options: { maxPayloadBytes?: number } = {}): TimedPacket[] {
  const first = (media.video[0] as TestMedia['video'][number]).timestampMs;
  let sequenceNumber = 65_400;
  return media.video.flatMap((frame, index) => {
    const atMs = frame.timestampMs - first;
    const payloads = packetizeVp8(frame.data, index, options.maxPayloadBytes);
    return payloads.map((payload, i) => ({
      atMs,
      packet: {
        payload,
        sequenceNumber: sequenceNumber++ & 0xffff,
        timestamp: (0xffff_ffff - 90_000 * 5 + atMs * 90) >>> 0,
        marker: i === payloads.length - 1,
      },
    }));
  });
}

/** The file's Opus packets as RTP, 20 ms (960 ticks) apart. */
function audioPackets(): TimedPacket[] {
  return media.audio.map((frame, index) => ({
    atMs: index * 20,
    packet: {
      payload: frame.data,
      sequenceNumber: (65_500 + index) & 0xffff,
      timestamp: (0xffff_ffff - 48_000 * 3 + index * 960) >>> 0,
      marker: true,
    },
  }));
}

/** A chunker on a fake clock that follows the media time of the packets played into it. */
function recorder(kind: 'audio' | 'video') {
  let now = wallStart;
  const chunks: TrackChunk[] = [];
  const keyFrameRequests: number[] = [];
  const chunker = new TrackChunker({
    kind,
    firstSequence: 7,
    now: () => now,
    requestKeyFrame: () => keyFrameRequests.push(now - wallStart),
    onChunk: async (chunk) => {
      chunks.push(chunk);
    },
  });
  /** Pushes the packets that arrive in [fromMs, toMs). */
  const play = (packets: TimedPacket[], fromMs = 0, toMs = Number.POSITIVE_INFINITY) => {
    for (const { atMs, packet } of packets) {
      if (atMs < fromMs || atMs >= toMs) continue;
      now = wallStart + atMs;
      chunker.push(packet);
    }
  };
  return { chunker, chunks, keyFrameRequests, play };
}

/** What ffprobe and a full decode tell about a chunk. */
async function inspect(chunk: TrackChunk, name: string) {
  const file = path.join(dir, `${name}-${chunk.sequence}.webm`);
  await writeFile(file, chunk.bytes);
  const probe = JSON.parse(
    (
      await runMediaTool(
        'ffprobe',
        [
          ...['-v', 'error', '-count_packets', '-show_format', '-show_streams', '-of', 'json'],
          ...inputArgs(file, 'matroska'),
        ],
        { timeoutMs: 15_000 },
      )
    ).toString('utf8'),
  ) as {
    streams: Array<{
      codec_name: string;
      width?: number;
      height?: number;
      channels?: number;
      extradata_size?: number;
      nb_read_packets: string;
    }>;
    format: { format_name: string; duration: string };
  };
  // Decoded from the first frame: any complaint (a missing reference, a broken frame) fails.
  const { stderr } = await promisify(execFile)(mediaToolPath('ffmpeg'), [
    ...['-v', 'error', ...inputArgs(file, 'matroska'), '-f', 'null', '-'],
  ]);
  return {
    format: probe.format.format_name,
    durationMs: Number(probe.format.duration) * 1000,
    streams: probe.streams,
    frames: probe.streams.reduce((sum, stream) => sum + Number(stream.nb_read_packets), 0),
    decodeErrors: stderr,
  };
}

/** Media ms of the file's video: from the first frame to the end of the last. */
const videoMs = () => media.durationMs;

/** Durations within 2 ms: the WebM file's times are whole milliseconds. */
function expectNear(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) => {
    expect(Math.abs(value - (expected[i] as number))).toBeLessThanOrEqual(2);
  });
}

describe('TrackChunker', () => {
  test('video: 10 s chunks, each a VP8 WebM from a keyframe, lined up on the RTP clock', async () => {
    const { chunker, chunks, play } = recorder('video');
    play(videoPackets());
    await chunker.finish();

    expect(chunks.map((chunk) => chunk.sequence)).toEqual([7, 8, 9]);
    expectNear(
      chunks.map((chunk) => chunk.durationMs),
      [10_000, 10_000, videoMs() - 20_000],
    );
    expect(chunks.map((chunk) => chunk.startedAt - wallStart)).toEqual([0, 10_000, 20_000]);
    const frames: number[] = [];
    for (const chunk of chunks) {
      expect(chunk).toMatchObject({ width: 320, height: 240 });
      const seen = await inspect(chunk, 'video');
      frames.push(seen.frames);
      expect(seen.format).toContain('webm');
      expect(seen.streams).toEqual([expect.objectContaining({ codec_name: 'vp8', width: 320, height: 240 })]);
      expect(Math.abs(seen.durationMs - chunk.durationMs)).toBeLessThan(50);
      expect(seen.decodeErrors).toBe('');
    }
    expect(frames).toEqual([150, 150, media.video.length - 300]);
  });

  test('audio: 10 s chunks of Opus cut at packet boundaries; DTX gaps keep their time', async () => {
    const { chunker, chunks, play } = recorder('audio');
    const packets = audioPackets();
    // Discontinuous transmission: nothing is sent for a second of silence.
    play(packets.filter(({ atMs }) => atMs < 12_000 || atMs >= 13_000));
    await chunker.finish();

    const totalMs = packets.length * 20;
    expect(chunks.map((chunk) => chunk.sequence)).toEqual([7, 8, 9]);
    expect(chunks.map((chunk) => chunk.durationMs)).toEqual([10_000, 10_000, totalMs - 20_000]);
    expect(chunks.map((chunk) => chunk.startedAt - wallStart)).toEqual([0, 10_000, 20_000]);
    for (const chunk of chunks) {
      expect(chunk.width).toBeUndefined();
      const seen = await inspect(chunk, 'audio');
      // With the OpusHead as CodecPrivate, which Matroska requires for Opus.
      expect(seen.streams).toEqual([
        expect.objectContaining({ codec_name: 'opus', channels: 2, extradata_size: 19 }),
      ]);
      expect(Math.abs(seen.durationMs - chunk.durationMs)).toBeLessThan(50);
      expect(seen.decodeErrors).toBe('');
    }
  });

  test('pause ends the chunk at once and records nothing until resume, which asks for a keyframe', async () => {
    const { chunker, chunks, keyFrameRequests, play } = recorder('video');
    const packets = videoPackets();
    play(packets, 0, 4_500);
    await chunker.pause();
    expect(chunks.map((chunk) => chunk.sequence)).toEqual([7]);
    // Up to the last frame before 4.5 s, and that frame's 1/15 s.
    expectNear([chunks[0]?.durationMs ?? 0], [4_533]);

    play(packets, 4_500, 8_500);
    expect(chunks).toHaveLength(1);
    const requestsBefore = keyFrameRequests.length;
    chunker.resume();
    expect(keyFrameRequests).toHaveLength(requestsBefore + 1);
    play(packets, 8_500);
    await chunker.finish();

    // The first keyframe after the resume is at 9 s: the chunk starts there, on the wall clock.
    expect(chunks.map((chunk) => chunk.sequence)).toEqual([7, 8, 9]);
    expect(chunks.map((chunk) => chunk.startedAt - wallStart)).toEqual([0, 9_000, 19_000]);
    expectNear(
      chunks.map((chunk) => chunk.durationMs),
      [4_533, 10_000, videoMs() - 19_000],
    );
    for (const chunk of chunks) expect((await inspect(chunk, 'paused')).decodeErrors).toBe('');
  });

  test('a packet lost inside a frame: frames are dropped until a keyframe, which is asked for', async () => {
    const { chunker, chunks, keyFrameRequests, play } = recorder('video');
    // Small packets, so that delta frames span several.
    const packets = videoPackets({ maxPayloadBytes: 120 });
    const lostAt = packets.findIndex(
      ({ atMs, packet }, index) => atMs > 3_300 && !packet.marker && packets[index - 1]?.atMs === atMs,
    );
    const lost = packets[lostAt] as TimedPacket;
    expect(packets[lostAt - 1]?.atMs).toBe(lost.atMs); // not the first packet of its frame
    play(packets.filter((_, index) => index !== lostAt));
    await chunker.finish();

    const requests = keyFrameRequests.filter((atMs) => atMs >= lost.atMs && atMs < 4_000);
    expect(requests.length).toBeGreaterThan(0);
    expectNear(
      chunks.map((chunk) => chunk.durationMs),
      [10_000, 10_000, videoMs() - 20_000],
    );
    const seen = await Promise.all(chunks.map((chunk) => inspect(chunk, 'lossy')));
    for (const { decodeErrors } of seen) expect(decodeErrors).toBe('');
    // The frozen stretch: from the broken frame to the keyframe at 4 s.
    const dropped = 150 - (seen[0]?.frames ?? 0);
    expect(dropped).toBeGreaterThan(0);
    expect(dropped).toBeLessThanOrEqual(Math.ceil(((4_000 - lost.atMs) * 15) / 1000));
    expect(seen.slice(1).map(({ frames }) => frames)).toEqual([150, media.video.length - 300]);
  });

  test('packets out of order make the same chunks as in order', async () => {
    const inOrder = recorder('video');
    const packets = videoPackets({ maxPayloadBytes: 300 });
    inOrder.play(packets);
    await inOrder.chunker.finish();

    const shuffled = recorder('video');
    const swapped = [...packets];
    // Not the very first packets: what comes before the first one is taken as late, and dropped.
    for (let i = 3; i + 1 < swapped.length; i += 3) {
      [swapped[i], swapped[i + 1]] = [swapped[i + 1] as TimedPacket, swapped[i] as TimedPacket];
    }
    shuffled.play(swapped);
    await shuffled.chunker.finish();
    expect(shuffled.chunks).toHaveLength(3);
    shuffled.chunks.forEach((chunk, i) => {
      expect(Buffer.from(chunk.bytes).equals(inOrder.chunks[i]?.bytes as Uint8Array)).toBe(true);
    });
  });

  test('a failed onChunk is reported and the next chunks still come', async () => {
    const delivered: number[] = [];
    const errors: unknown[] = [];
    let now = wallStart;
    const chunker = new TrackChunker({
      kind: 'audio',
      firstSequence: 0,
      chunkMs: 1_000,
      now: () => now,
      requestKeyFrame: () => undefined,
      onChunk: async (chunk) => {
        if (chunk.sequence === 0) throw new Error('storage down');
        delivered.push(chunk.sequence);
      },
      logger: { error: (fields: { err: unknown }) => errors.push(fields.err) } as never,
    });
    for (const { atMs, packet } of audioPackets().slice(0, 150)) {
      now = wallStart + atMs;
      chunker.push(packet);
    }
    await chunker.finish();
    expect(delivered).toEqual([1, 2]);
    expect(errors).toEqual([new Error('storage down')]);
  });
});
