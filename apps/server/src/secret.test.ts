import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from './config.ts';
import { loadOrCreateSecret } from './secret.ts';

describe('loadOrCreateSecret', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'parley-secret-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('creates one 32-byte key that concurrent callers all get, leaving no temporary files', async () => {
    const keys = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateSecret(dataDir)));
    expect(new Set(keys.map((key) => key.toString('hex'))).size).toBe(1);
    expect(keys[0]?.length).toBe(32);
    expect(await readdir(dataDir)).toEqual(['secret']);
    expect(Buffer.from(await readFile(path.join(dataDir, 'secret'), 'utf8'), 'base64url')).toEqual(keys[0]);
  });

  it('keeps the key across restarts', async () => {
    const first = await loadOrCreateSecret(dataDir);
    expect(await loadOrCreateSecret(dataDir)).toEqual(first);
  });

  it('refuses an empty or damaged key file instead of signing with it', async () => {
    await writeFile(path.join(dataDir, 'secret'), '');
    await expect(loadOrCreateSecret(dataDir)).rejects.toThrow(ConfigError);
    await writeFile(path.join(dataDir, 'secret'), 'c2hvcnQ');
    await expect(loadOrCreateSecret(dataDir)).rejects.toThrow(/damaged/);
  });
});
