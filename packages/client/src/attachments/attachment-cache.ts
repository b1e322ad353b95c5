import type { Attachment, Content } from '@parley/protocol';
import type { ApiClient } from '../api-client.ts';
import { ApiError } from '../api-error.ts';
import type { Logger } from '../logger.ts';
import type { BlobStorage } from './blob-storage.ts';

/** The file itself, or the server's WebP thumbnail of an image or video. */
export type AttachmentVariant = 'file' | 'thumbnail';

export interface AttachmentCacheOptions {
  api: ApiClient;
  storage: BlobStorage;
  logger: Logger;
  /** Videos and files up to this size download as soon as they arrive; larger ones on demand. */
  autoDownloadMaxBytes?: number;
}

/** The attachments a message carries, for prefetching and forgetting. */
export function attachmentsOf(content: Content | null): Attachment[] {
  if (content?.type === 'media') return content.attachments;
  if (content?.type === 'voice') return [content.attachment];
  return [];
}

/**
 * This device's copies of attachments. The server keeps a file only until every recipient device
 * has downloaded it, so a device downloads what arrives at once and keeps it: views read from
 * here, never from the server's URL. Concurrent requests for one file share one download.
 */
export class AttachmentCache {
  readonly #api: ApiClient;
  readonly #storage: BlobStorage;
  readonly #logger: Logger;
  readonly #autoDownloadMaxBytes: number;
  readonly #downloads = new Map<string, Promise<Blob>>();

  constructor(options: AttachmentCacheOptions) {
    this.#api = options.api;
    this.#storage = options.storage;
    this.#logger = options.logger;
    this.#autoDownloadMaxBytes = options.autoDownloadMaxBytes ?? 25 * 1024 * 1024;
  }

  /** The bytes from this device's copy, downloading (and keeping) them when there is none. */
  get(attachment: Attachment, variant: AttachmentVariant = 'file'): Promise<Blob> {
    const key = keyOf(attachment, variant);
    const running = this.#downloads.get(key);
    if (running) return running;
    const download = this.#load(attachment, variant, key).finally(() => this.#downloads.delete(key));
    this.#downloads.set(key, download);
    return download;
  }

  /** This device's copy, or null without downloading. */
  peek(attachment: Attachment, variant: AttachmentVariant = 'file'): Promise<Blob | null> {
    return this.#read(keyOf(attachment, variant));
  }

  /**
   * What a bubble shows first: the thumbnail, or the photo itself when this device has it (its
   * own upload, for which no thumbnail was downloaded); downloaded when there is neither.
   */
  async preview(attachment: Attachment): Promise<Blob> {
    const thumbnail = await this.peek(attachment, 'thumbnail');
    if (thumbnail) return thumbnail;
    if (attachment.kind === 'image') {
      const file = await this.peek(attachment, 'file');
      if (file) return file;
    }
    return this.get(attachment, attachment.thumbnailUrl ? 'thumbnail' : 'file');
  }

  /** Keeps bytes this device already has: the file it uploaded. */
  async put(attachment: Attachment, variant: AttachmentVariant, blob: Blob): Promise<void> {
    await this.#write(keyOf(attachment, variant), blob);
  }

  /**
   * Downloads what newly arrived messages carry: every thumbnail, then photos, voice and audio,
   * and videos and files up to the auto-download size. Never throws: what fails here is
   * downloaded again when a view asks for it.
   */
  async prefetch(attachments: Attachment[]): Promise<void> {
    for (const attachment of attachments) {
      try {
        // The thumbnail first: the server deletes it with the file once the last device has
        // downloaded the whole file, which may be this download.
        if (attachment.thumbnailUrl) await this.get(attachment, 'thumbnail');
        if (this.#autoDownloads(attachment)) await this.get(attachment, 'file');
      } catch (error) {
        this.#logger.warn({ error, attachmentId: attachment.id }, 'attachment not prefetched');
      }
    }
  }

  /** Deletes this device's copies (the message was deleted). */
  async forget(attachments: Attachment[]): Promise<void> {
    for (const attachment of attachments) {
      for (const variant of ['file', 'thumbnail'] as const) {
        await this.#storage.delete(keyOf(attachment, variant)).catch(() => {});
      }
    }
  }

  /** Deletes every copy: sign-out. */
  clear(): Promise<void> {
    return this.#storage.clear();
  }

  #autoDownloads(attachment: Attachment): boolean {
    return (
      attachment.kind === 'image' ||
      attachment.kind === 'voice' ||
      attachment.kind === 'audio' ||
      attachment.size <= this.#autoDownloadMaxBytes
    );
  }

  async #load(attachment: Attachment, variant: AttachmentVariant, key: string): Promise<Blob> {
    const kept = await this.#read(key);
    if (kept) return kept;
    const url = variant === 'file' ? attachment.url : attachment.thumbnailUrl;
    if (url === null) throw ApiError.of('ATTACHMENT_NOT_FOUND', 'This file has no thumbnail.');
    const downloaded = await this.#api.downloadAttachment(url);
    // The server's content type is the sniffed one; a Blob from fetch already carries it.
    const blob = downloaded.type ? downloaded : downloaded.slice(0, downloaded.size, attachment.contentType);
    await this.#write(key, blob);
    return blob;
  }

  async #read(key: string): Promise<Blob | null> {
    try {
      return await this.#storage.get(key);
    } catch (error) {
      this.#logger.warn({ error, key }, 'attachment copy not readable');
      return null;
    }
  }

  async #write(key: string, blob: Blob): Promise<void> {
    try {
      await this.#storage.put(key, blob);
    } catch (error) {
      // Out of quota, say: the bytes still show now, and are downloaded again if still there.
      this.#logger.warn({ error, key }, 'attachment copy not kept');
    }
  }
}

function keyOf(attachment: Attachment, variant: AttachmentVariant): string {
  return `${attachment.id}/${variant}`;
}
