import type { RecordingChunk } from '@parley/protocol';

/** One recorded track (a participant's camera, microphone, screen or screen audio) as chunks. */
export interface ChunkTrack {
  /** `participantId:source`. */
  key: string;
  displayName: string;
  source: RecordingChunk['source'];
  kind: RecordingChunk['kind'];
  /** The MSE type of its chunks (WebM with one VP8 or Opus track). */
  mimeType: string;
  /** In the order they play. */
  chunks: RecordingChunk[];
}

/** What the chunk player plays: the main video (null for audio only) and every audio track. */
export interface ChunkPlan {
  video: ChunkTrack | null;
  audio: ChunkTrack[];
  /** The end of the last chunk on the recorded timeline. */
  durationMs: number;
}

export const chunkMimeTypes = {
  video: 'video/webm; codecs="vp8"',
  audio: 'audio/webm; codecs="opus"',
} as const;

/**
 * Groups the chunks into tracks and picks the main video: a screen share if there is one, else
 * the camera with the most chunks (the person on camera longest). Audio tracks all play.
 * `playing` is the main video being watched: it stays main unless a screen share comes, so a
 * chunk that lands late (one more for another camera) does not restart the player.
 */
export function planChunkPlayback(
  chunks: readonly RecordingChunk[],
  playing: string | null = null,
): ChunkPlan {
  const tracks = new Map<string, ChunkTrack>();
  for (const chunk of chunks) {
    const key = `${chunk.participantId}:${chunk.source}`;
    let track = tracks.get(key);
    if (!track) {
      track = {
        key,
        displayName: chunk.displayName,
        source: chunk.source,
        kind: chunk.kind,
        mimeType: chunkMimeTypes[chunk.kind],
        chunks: [],
      };
      tracks.set(key, track);
    }
    track.chunks.push(chunk);
  }
  for (const track of tracks.values()) {
    track.chunks.sort((a, b) => a.sequence - b.sequence || a.offsetMs - b.offsetMs);
  }
  const all = [...tracks.values()];
  const byChunks = (a: ChunkTrack, b: ChunkTrack) => b.chunks.length - a.chunks.length;
  const screens = all.filter((t) => t.source === 'screen').sort(byChunks);
  const cameras = all.filter((t) => t.source === 'camera').sort(byChunks);
  const kept = all.find((t) => t.key === playing && t.kind === 'video');
  return {
    video: screens[0] ?? kept ?? cameras[0] ?? null,
    audio: all.filter((t) => t.kind === 'audio'),
    durationMs: chunks.reduce((end, c) => Math.max(end, c.offsetMs + c.durationMs), 0),
  };
}
