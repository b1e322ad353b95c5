import type { RecordingChunk } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { pendingChunks, planChunkPlayback } from './chunk-tracks.ts';

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

  it('lists the chunks still to append', () => {
    const plan = planChunkPlayback([chunk('ann', 'mic', 0), chunk('ann', 'mic', 1)]);
    const track = plan.audio[0];
    if (!track) throw new Error('no track');
    expect(pendingChunks(track, new Set([track.chunks[0]?.id ?? '']))).toEqual([track.chunks[1]]);
  });
});
