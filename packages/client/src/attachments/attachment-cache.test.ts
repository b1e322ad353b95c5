import type { Attachment } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../api-client.ts';
import { ApiError } from '../api-error.ts';
import { silentLogger } from '../logger.ts';
import { AttachmentCache } from './attachment-cache.ts';
import { memoryBlobStorage } from './blob-storage.ts';

function attachment(id: string, kind: Attachment['kind'], size = 10): Attachment {
  return {
    id,
    kind,
    name: `${id}.bin`,
    contentType: kind === 'image' ? 'image/png' : 'application/octet-stream',
    size,
    width: null,
    height: null,
    durationMs: null,
    waveform: null,
    url: `/api/v1/attachments/${id}`,
    thumbnailUrl: kind === 'image' || kind === 'video' ? `/api/v1/attachments/${id}/thumbnail` : null,
  };
}

/** The server's download endpoint: files by path, each download recorded. */
function fakeServer(missing: string[] = []) {
  const downloads: string[] = [];
  const api = {
    async downloadAttachment(path: string) {
      downloads.push(path);
      await Promise.resolve();
      if (missing.includes(path)) throw ApiError.of('ATTACHMENT_NOT_FOUND', 'gone');
      return new Blob([`bytes of ${path}`], { type: 'image/png' });
    },
  } as unknown as ApiClient;
  return { api, downloads };
}

describe('AttachmentCache', () => {
  it('downloads once, shares concurrent requests, and keeps the copy', async () => {
    const { api, downloads } = fakeServer();
    const cache = new AttachmentCache({ api, storage: memoryBlobStorage(), logger: silentLogger });
    const photo = attachment('A1', 'image');
    const [first, second] = await Promise.all([cache.get(photo), cache.get(photo)]);
    expect(await first.text()).toBe('bytes of /api/v1/attachments/A1');
    expect(second).toBe(first);
    expect(await (await cache.get(photo)).text()).toBe('bytes of /api/v1/attachments/A1');
    expect(downloads).toEqual(['/api/v1/attachments/A1']);
  });

  it('prefetches thumbnails before files, and large videos and files only on demand', async () => {
    const { api, downloads } = fakeServer();
    const cache = new AttachmentCache({
      api,
      storage: memoryBlobStorage(),
      logger: silentLogger,
      autoDownloadMaxBytes: 100,
    });
    await cache.prefetch([
      attachment('P1', 'image', 1_000),
      attachment('V1', 'video', 1_000),
      attachment('F1', 'file', 50),
      attachment('F2', 'file', 1_000),
      attachment('S1', 'voice', 1_000),
    ]);
    expect(downloads).toEqual([
      '/api/v1/attachments/P1/thumbnail',
      '/api/v1/attachments/P1',
      '/api/v1/attachments/V1/thumbnail',
      '/api/v1/attachments/F1',
      '/api/v1/attachments/S1',
    ]);
  });

  it('keeps going when a file is gone, and shows an own photo without a thumbnail download', async () => {
    const { api, downloads } = fakeServer(['/api/v1/attachments/G1/thumbnail']);
    const cache = new AttachmentCache({ api, storage: memoryBlobStorage(), logger: silentLogger });
    await cache.prefetch([attachment('G1', 'image'), attachment('S1', 'voice')]);
    expect(downloads).toEqual(['/api/v1/attachments/G1/thumbnail', '/api/v1/attachments/S1']);

    const mine = attachment('M1', 'image');
    await cache.put(mine, 'file', new Blob(['original'], { type: 'image/png' }));
    expect(await (await cache.preview(mine)).text()).toBe('original');
    expect(downloads).not.toContain('/api/v1/attachments/M1/thumbnail');
  });

  it('forgets copies of deleted messages and everything on clear', async () => {
    const { api, downloads } = fakeServer();
    const cache = new AttachmentCache({ api, storage: memoryBlobStorage(), logger: silentLogger });
    const photo = attachment('D1', 'image');
    await cache.get(photo);
    await cache.forget([photo]);
    expect(await cache.peek(photo)).toBeNull();
    await cache.get(photo);
    await cache.clear();
    expect(await cache.peek(photo)).toBeNull();
    expect(downloads).toHaveLength(2);
  });
});
