import type { Readable } from 'node:stream';

export interface BlobInfo {
  size: number;
  contentType: string;
}

export interface BlobRange {
  /** First byte, inclusive. */
  start: number;
  /** Last byte, inclusive; defaults to the end of the blob. */
  end?: number;
}

export interface BlobRead extends BlobInfo {
  /** Bytes of the range (or the whole blob). */
  stream: Readable;
  /** The range actually served, inclusive bounds; absent for a whole-blob read. */
  range?: { start: number; end: number };
}

/**
 * Where Parley keeps bytes: avatars, attachments, recordings. Keys are relative paths made of
 * [A-Za-z0-9._-] segments joined by '/'; anything else is rejected with an Error.
 * A put is atomic: a reader sees the whole blob or nothing, and a failed put leaves nothing behind.
 */
export interface BlobStore {
  put(key: string, body: Readable | Buffer, options: { contentType: string }): Promise<BlobInfo>;
  /** Undefined when the key does not exist. Throws BlobRangeError for a range beyond the blob. */
  get(key: string, range?: BlobRange): Promise<BlobRead | undefined>;
  head(key: string): Promise<BlobInfo | undefined>;
  /** Deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** Throws when the store cannot be reached (for /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class BlobRangeError extends Error {
  constructor(readonly size: number) {
    super(`range not satisfiable for a blob of ${size} bytes`);
    this.name = 'BlobRangeError';
  }
}
