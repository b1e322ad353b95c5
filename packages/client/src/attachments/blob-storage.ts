/** Where this device keeps its copies of attachments: the server deletes files once delivered. */
export interface BlobStorage {
  get(key: string): Promise<Blob | null>;
  put(key: string, blob: Blob): Promise<void>;
  delete(key: string): Promise<void>;
  /** Deletes every copy (sign-out). */
  clear(): Promise<void>;
}

/** Copies held for as long as the page lives: Node, and browsers without Cache Storage. */
export function memoryBlobStorage(): BlobStorage {
  const blobs = new Map<string, Blob>();
  return {
    async get(key) {
      return blobs.get(key) ?? null;
    },
    async put(key, blob) {
      blobs.set(key, blob);
    },
    async delete(key) {
      blobs.delete(key);
    },
    async clear() {
      blobs.clear();
    },
  };
}

// Cache Storage keys must be http(s) URLs; this host never resolves, so no real request matches.
const keyOrigin = 'https://attachments.parley.invalid/';

/**
 * An account's attachment copies in the browser's Cache Storage, which survives reloads and
 * holds large files without loading them into memory. Cache Storage needs a secure context
 * (https or localhost); where it is missing or refuses to open (some private modes), copies
 * are kept in memory instead.
 */
export function openAttachmentStorage(userId: string): BlobStorage {
  const name = `parley-attachments-${userId}`;
  const fallback = memoryBlobStorage();
  const cacheApi = typeof caches === 'undefined' ? undefined : caches;
  const opening: Promise<Cache | null> = cacheApi
    ? cacheApi.open(name).catch(() => null)
    : Promise.resolve(null);
  const request = (key: string) => new Request(keyOrigin + key);
  return {
    async get(key) {
      const cache = await opening;
      if (!cache) return fallback.get(key);
      const response = await cache.match(request(key));
      return response ? response.blob() : null;
    },
    async put(key, blob) {
      const cache = await opening;
      if (!cache) return fallback.put(key, blob);
      // Quota errors are not fatal: the file shows now and is downloaded again if still there.
      await cache.put(request(key), new Response(blob, { headers: { 'Content-Type': blob.type } }));
    },
    async delete(key) {
      const cache = await opening;
      if (!cache) return fallback.delete(key);
      await cache.delete(request(key));
    },
    async clear() {
      await fallback.clear();
      if (cacheApi && (await opening)) await cacheApi.delete(name);
    },
  };
}
