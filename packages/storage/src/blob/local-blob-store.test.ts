import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeBlobStoreContract, failingStream } from './blob-store.contract.ts';
import { LocalBlobStore } from './local-blob-store.ts';

const root = await mkdtemp(join(tmpdir(), 'parley-blobs-'));
afterAll(() => rm(root, { recursive: true, force: true }));

describeBlobStoreContract('LocalBlobStore', async () => ({
  store: new LocalBlobStore({ directory: join(root, 'contract') }),
  dispose: async () => {},
}));

describe('LocalBlobStore files', () => {
  const directory = join(root, 'files');
  const store = new LocalBlobStore({ directory });

  it('keeps each blob in one file at its key, content type in the header', async () => {
    await store.put('avatars/u1/a-96.webp', Buffer.from('pixels'), { contentType: 'image/webp' });
    expect(await readdir(join(directory, 'avatars', 'u1'))).toEqual(['a-96.webp']);
    const file = await readFile(join(directory, 'avatars', 'u1', 'a-96.webp'));
    expect(file.subarray(file.length - 6).toString()).toBe('pixels');
    expect(file.toString('latin1')).toContain('image/webp');
  });

  it('removes its temporary file when a put fails', async () => {
    await expect(store.put('uploads/x.bin', failingStream(), { contentType: 'x/y' })).rejects.toThrow();
    expect(await readdir(join(directory, 'uploads'))).toEqual([]);
  });

  it('refuses a file that is not a blob instead of serving it', async () => {
    await mkdir(join(directory, 'foreign'), { recursive: true });
    await writeFile(join(directory, 'foreign', 'plain.txt'), 'not a blob');
    await expect(store.head('foreign/plain.txt')).rejects.toThrow(/not a blob file/);
  });
});
