import type { RecordingChunk } from '@parley/protocol';

/**
 * Plays one recorded track from its chunks through Media Source Extensions: each chunk (a WebM
 * file starting at 0) is appended at its place on the recording's timeline with
 * `timestampOffset`. More chunks can be fed while the meeting is still being recorded.
 */
export class MseTrack {
  readonly #element: HTMLMediaElement;
  readonly #mimeType: string;
  readonly #mediaSource = new MediaSource();
  readonly #url: string;
  readonly #opened: Promise<void>;
  readonly #appended = new Set<string>();
  readonly #onError: (error: unknown) => void;
  #queue: RecordingChunk[] = [];
  #buffer: SourceBuffer | null = null;
  #pumping = false;
  #complete = false;
  #durationMs = 0;
  #closed = false;

  constructor(element: HTMLMediaElement, mimeType: string, onError: (error: unknown) => void) {
    this.#element = element;
    this.#mimeType = mimeType;
    this.#onError = onError;
    this.#opened = new Promise((resolve) =>
      this.#mediaSource.addEventListener('sourceopen', () => resolve(), { once: true }),
    );
    this.#url = URL.createObjectURL(this.#mediaSource);
    element.src = this.#url;
  }

  /**
   * Appends the chunks not appended yet, in the order given. `complete`: no more will come (the
   * recording stopped), so the stream ends after the last one and the element can reach its end.
   */
  feed(chunks: readonly RecordingChunk[], durationMs: number, complete: boolean): void {
    if (this.#closed) return;
    const queued = new Set(this.#queue.map((chunk) => chunk.id));
    for (const chunk of chunks) {
      if (!this.#appended.has(chunk.id) && !queued.has(chunk.id)) this.#queue.push(chunk);
    }
    this.#durationMs = Math.max(this.#durationMs, durationMs);
    this.#complete = complete;
    void this.#pump();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#queue = [];
    URL.revokeObjectURL(this.#url);
    this.#element.removeAttribute('src');
    this.#element.load();
  }

  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      await this.#opened;
      while (!this.#closed) {
        const buffer = this.#sourceBuffer();
        this.#extendDuration();
        const chunk = this.#queue.shift();
        if (!chunk) break;
        const response = await fetch(chunk.url);
        if (!response.ok) throw new Error(`chunk ${chunk.id}: HTTP ${response.status}`);
        const data = await response.arrayBuffer();
        if (this.#closed) return;
        buffer.timestampOffset = chunk.offsetMs / 1000;
        await append(buffer, data);
        this.#appended.add(chunk.id);
      }
      if (!this.#closed && this.#complete && this.#mediaSource.readyState === 'open') {
        this.#mediaSource.endOfStream();
      }
    } catch (error) {
      if (!this.#closed) this.#onError(error);
    } finally {
      this.#pumping = false;
    }
  }

  #sourceBuffer(): SourceBuffer {
    if (this.#buffer) return this.#buffer;
    const buffer = this.#mediaSource.addSourceBuffer(this.#mimeType);
    // Each chunk's own timestamps, shifted by timestampOffset: its place on the timeline.
    buffer.mode = 'segments';
    this.#buffer = buffer;
    return buffer;
  }

  /** The whole recording's length, so the scrubber spans it even before the last chunk is in. */
  #extendDuration(): void {
    const seconds = this.#durationMs / 1000;
    const source = this.#mediaSource;
    if (source.readyState !== 'open' || this.#buffer?.updating) return;
    if (Number.isNaN(source.duration) || source.duration < seconds) source.duration = seconds;
  }
}

function append(buffer: SourceBuffer, data: ArrayBuffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      buffer.removeEventListener('updateend', done);
      buffer.removeEventListener('error', failed);
      resolve();
    };
    const failed = () => {
      buffer.removeEventListener('updateend', done);
      buffer.removeEventListener('error', failed);
      reject(new Error('the browser could not read a recorded chunk'));
    };
    buffer.addEventListener('updateend', done);
    buffer.addEventListener('error', failed);
    buffer.appendBuffer(data);
  });
}
