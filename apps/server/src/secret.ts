import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from './config.ts';

/**
 * The key of a single embedded node (scaled nodes share PARLEY_SECRET instead), kept in its data
 * folder. It is written whole to a temporary file and linked into place, so a crash or a second
 * process can never see an empty or partial key; link fails if another process got there first.
 */
export async function loadOrCreateSecret(dataDir: string): Promise<Buffer> {
  const file = path.join(dataDir, 'secret');
  await mkdir(dataDir, { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, randomBytes(32).toString('base64url'), { mode: 0o600 });
  try {
    await link(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await rm(temporary, { force: true });
  }
  const secret = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64url');
  if (secret.length !== 32) {
    throw new ConfigError(
      'PARLEY_SECRET',
      `the generated key in ${file} is damaged: delete the file to make a new one`,
    );
  }
  return secret;
}
