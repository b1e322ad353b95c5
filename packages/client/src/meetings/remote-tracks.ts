import type { MediaSource } from '@parley/protocol';

/** Another participant's track, as forwarded on my subscribe connection. */
export interface RemoteTrack {
  participantId: string;
  source: MediaSource;
  kind: 'audio' | 'video';
  track: MediaStreamTrack;
  /** Holds just `track`; the same object as long as the track is, so a media element keeps playing. */
  stream: MediaStream;
}

export type RemoteTrackEntry = Omit<RemoteTrack, 'stream'>;

export function remoteTrackKey(participantId: string, source: MediaSource): string {
  return `${participantId}:${source}`;
}

/**
 * The remote tracks by participant and source. The SFU reuses m-sections, so one receiver
 * track may carry another participant after a new offer: a changed track gets a new stream.
 */
export class RemoteTracks {
  readonly #createStream: (track: MediaStreamTrack) => MediaStream;
  #byKey = new Map<string, RemoteTrack>();
  #list: readonly RemoteTrack[] = [];

  constructor(createStream: (track: MediaStreamTrack) => MediaStream) {
    this.#createStream = createStream;
  }

  /** In the order of the last offer; a new array after each change. */
  get list(): readonly RemoteTrack[] {
    return this.#list;
  }

  /** Takes the tracks of a subscribe offer as the whole set; returns whether anything changed. */
  replace(entries: readonly RemoteTrackEntry[]): boolean {
    const next = new Map<string, RemoteTrack>();
    let changed = entries.length !== this.#byKey.size;
    for (const entry of entries) {
      const key = remoteTrackKey(entry.participantId, entry.source);
      const current = this.#byKey.get(key);
      if (current && current.track === entry.track && current.kind === entry.kind) {
        next.set(key, current);
      } else {
        next.set(key, { ...entry, stream: this.#createStream(entry.track) });
        changed = true;
      }
    }
    if (!changed) return false;
    this.#byKey = next;
    this.#list = [...next.values()];
    return true;
  }

  clear(): boolean {
    return this.replace([]);
  }
}
