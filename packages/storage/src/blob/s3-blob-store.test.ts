import { afterAll, describe, expect, it } from 'vitest';
import { startS3rver } from '../testing/index.ts';
import { describeBlobStoreContract } from './blob-store.contract.ts';
import { S3BlobStore } from './s3-blob-store.ts';

const s3 = await startS3rver();
afterAll(() => s3.stop());

function storeFor(bucket: string): S3BlobStore {
  return new S3BlobStore({
    endpoint: s3.endpoint,
    region: s3.region,
    bucket,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    forcePathStyle: true,
  });
}

describeBlobStoreContract('S3BlobStore on s3rver', async () => {
  const store = storeFor(s3.bucket);
  return { store, dispose: () => store.close() };
});

describe('S3BlobStore without its bucket', () => {
  it('fails ping and reads instead of answering "no such blob"', async () => {
    const store = storeFor('no-such-bucket');
    try {
      await expect(store.ping()).rejects.toThrow();
      await expect(store.get('a/b')).rejects.toThrow();
    } finally {
      await store.close();
    }
  });
});
