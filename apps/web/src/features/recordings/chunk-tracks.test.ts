import type { RecordingChunk } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { planChunkPlayback } from './chunk-tracks.ts';

let ids = 0;
function chunk(
  participantId: string,
  source: RecordingChunk['source'],
  sequence: number,
  offsetMs = sequence * 10_000,
): RecordingChunk {
  ids += 1;
  return {
    id: `01HZC${String(ids).padStart(21, '0')}`,
    participantId,
    displayName: participantId,
    source,
    kind: source === 'camera' || source === 'screen' ? 'video' : 'audio',
    sequence,
    offsetMs,
    durationMs: 10_000,
    size: 100,
    url: `/c/${ids}`,
  };
}

describe('planChunkPlayback', () => {
  it('plays the camera with the most chunks, every audio track, chunks in order', () => {
    const plan = planChunkPlayback([
      chunk('ann', 'camera', 1),
      chunk('ann', 'mic', 0),
      chunk('bob', 'camera', 0),
      chunk('ann', 'camera', 0),
      chunk('bob', 'mic', 0),
      chunk('ann', 'camera', 2),
    ]);
    expect(plan.video?.key).toBe('ann:camera');
    expect(plan.video?.mimeType).toBe('video/webm; codecs="vp8"');
    expect(plan.video?.chunks.map((c) => c.sequence)).toEqual([0, 1, 2]);
    expect(plan.audio.map((t) => t.key)).toEqual(['ann:mic', 'bob:mic']);
    expect(plan.audio[0]?.mimeType).toBe('audio/webm; codecs="opus"');
    expect(plan.durationMs).toBe(30_000);
  });

  it('prefers a screen share, and plays audio alone when no video was recorded', () => {
    const shared = planChunkPlayback([
      chunk('ann', 'camera', 0),
      chunk('ann', 'camera', 1),
      chunk('bob', 'screen', 0),
    ]);
    expect(shared.video?.key).toBe('bob:screen');
    const audioOnly = planChunkPlayback([chunk('ann', 'mic', 0), chunk('bob', 'screen-audio', 0)]);
    expect(audioOnly.video).toBeNull();
    expect(audioOnly.audio).toHaveLength(2);
    expect(planChunkPlayback([])).toEqual({ video: null, audio: [], durationMs: 0 });
  });

  it('keeps the video being watched when another camera gets more chunks, not when a screen comes', () => {
    const first = [chunk('ann', 'camera', 0), chunk('bob', 'camera', 0), chunk('bob', 'camera', 1)];
    expect(planChunkPlayback(first).video?.key).toBe('bob:camera');
    const late = [...first, chunk('ann', 'camera', 1), chunk('ann', 'camera', 2)];
    expect(planChunkPlayback(late).video?.key).toBe('ann:camera');
    expect(planChunkPlayback(late, 'bob:camera').video?.key).toBe('bob:camera');
    // A track that is not a video, or gone, is not kept.
    expect(planChunkPlayback(late, 'bob:mic').video?.key).toBe('ann:camera');
    expect(planChunkPlayback(late, 'cat:camera').video?.key).toBe('ann:camera');
    const shared = [...late, chunk('cat', 'screen', 0)];
    expect(planChunkPlayback(shared, 'bob:camera').video?.key).toBe('cat:screen');
  });
});
