import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  type GetObjectCommandOutput,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { assertValidBlobKey, assertValidRange } from './blob-key.ts';
import {
  type BlobInfo,
  type BlobRange,
  BlobRangeError,
  type BlobRead,
  type BlobStore,
} from './blob-store.ts';

/** How to reach the bucket. */
export interface S3BlobStoreOptions {
  bucket: string;
  region: string;
  /** For S3-compatible servers (MinIO, Ceph, s3rver); AWS's own endpoint when absent. */
  endpoint?: string;
  /** Static keys; when absent, the AWS SDK's default chain (environment, profile, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** `bucket` in the path rather than the host name, as most S3-compatible servers want. */
  forcePathStyle?: boolean;
  /** Where streamed puts are spooled before the upload; the OS temporary folder by default. */
  spoolDirectory?: string;
}

const CONTENT_RANGE = /^bytes (\d+)-(\d+)\/(\d+)$/;

/**
 * Blobs as objects in an S3 bucket (scaled mode). An object appears whole when its PutObject
 * completes, which gives the atomic put.
 *
 * A streamed put is spooled to a temporary file first, then sent as one PutObject with its length:
 * S3 needs the length up front, @aws-sdk/lib-storage (multipart) is not a dependency, and a file
 * keeps memory flat for large attachments and recordings where a Buffer would not. A source that
 * fails while spooling never reaches the bucket.
 */
export class S3BlobStore implements BlobStore {
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #spoolDirectory: string;

  constructor(options: S3BlobStoreOptions) {
    this.#bucket = options.bucket;
    this.#spoolDirectory = options.spoolDirectory ?? tmpdir();
    this.#client = new S3Client({
      region: options.region,
      ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
      ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
      forcePathStyle: options.forcePathStyle ?? false,
      // Since 3.729 the SDK adds CRC32 checksums (aws-chunked uploads) by default, which MinIO,
      // Ceph and s3rver versions in use do not all understand: send them only where S3 requires.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(key: string, body: Readable | Buffer, options: { contentType: string }): Promise<BlobInfo> {
    assertValidBlobKey(key);
    const { contentType } = options;
    if (Buffer.isBuffer(body)) {
      await this.#putObject(key, body, body.length, contentType);
      return { size: body.length, contentType };
    }
    const spool = join(this.#spoolDirectory, `parley-s3-put-${randomBytes(8).toString('hex')}`);
    try {
      await pipeline(body, createWriteStream(spool, { flags: 'wx' }));
      const { size } = await stat(spool);
      await this.#putObject(key, createReadStream(spool), size, contentType);
      return { size, contentType };
    } finally {
      await rm(spool, { force: true });
    }
  }

  async get(key: string, range?: BlobRange): Promise<BlobRead | undefined> {
    assertValidBlobKey(key);
    if (range) assertValidRange(range);
    let response: GetObjectCommandOutput;
    try {
      response = await this.#client.send(
        new GetObjectCommand({
          Bucket: this.#bucket,
          Key: key,
          ...(range ? { Range: `bytes=${range.start}-${range.end ?? ''}` } : {}),
        }),
      );
    } catch (error) {
      // A missing bucket is a 404 too, but a fault of the deployment, not a missing blob.
      if (httpStatus(error) === 404 && (error as Error).name !== 'NoSuchBucket') return undefined;
      if (httpStatus(error) === 416) {
        // S3 does not say the size in a portable way; ask for it.
        const info = await this.head(key);
        if (!info) return undefined;
        throw new BlobRangeError(info.size);
      }
      throw error;
    }
    const stream = response.Body;
    if (!(stream instanceof Readable)) throw new Error('S3 returned no readable body');
    const contentType = response.ContentType ?? 'application/octet-stream';
    if (!range) return { size: response.ContentLength ?? 0, contentType, stream };
    const match = CONTENT_RANGE.exec(response.ContentRange ?? '');
    if (!match) {
      stream.destroy();
      throw new Error(
        `S3 answered a range request without a usable Content-Range (${response.ContentRange})`,
      );
    }
    const [start, end, size] = [Number(match[1]), Number(match[2]), Number(match[3])];
    // s3rver answers a range of an empty object with 206 'bytes 0-0/0' where S3 says 416.
    if (start >= size) {
      stream.destroy();
      throw new BlobRangeError(size);
    }
    return { size, contentType, stream, range: { start, end } };
  }

  async head(key: string): Promise<BlobInfo | undefined> {
    assertValidBlobKey(key);
    try {
      const response = await this.#client.send(new HeadObjectCommand({ Bucket: this.#bucket, Key: key }));
      return {
        size: response.ContentLength ?? 0,
        contentType: response.ContentType ?? 'application/octet-stream',
      };
    } catch (error) {
      if (httpStatus(error) === 404) return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertValidBlobKey(key);
    await this.#client.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: key }));
  }

  async ping(): Promise<void> {
    await this.#client.send(new HeadBucketCommand({ Bucket: this.#bucket }));
  }

  async close(): Promise<void> {
    this.#client.destroy();
  }

  async #putObject(key: string, body: Buffer | Readable, length: number, contentType: string): Promise<void> {
    await this.#client.send(
      new PutObjectCommand({
        Bucket: this.#bucket,
        Key: key,
        Body: body,
        ContentLength: length,
        ContentType: contentType,
      }),
    );
  }
}

function httpStatus(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
}
