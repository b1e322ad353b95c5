import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readConfig } from '@parley/server/config';
import { createContext } from '@parley/server/context';
import { startServer } from '@parley/server/server';
import { pino } from 'pino';

export type AppServer = Awaited<ReturnType<typeof startAppServer>>;

const webDir = path.join(import.meta.dirname, '../../apps/web/dist');

/** The real server, embedded storage in a temporary folder, serving the built web client. */
export async function startAppServer(env: Record<string, string> = {}) {
  if (!existsSync(path.join(webDir, 'index.html'))) {
    throw new Error('The web client is not built: run `npm run build` (npm test does it first).');
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'parley-e2e-'));
  const config = readConfig({
    PARLEY_PORT: '0',
    PARLEY_DEV: '1',
    PARLEY_DATA_DIR: dataDir,
    PARLEY_WEB_DIR: webDir,
    ...env,
  });
  const ctx = await createContext(config, { logger: pino({ level: process.env.PARLEY_E2E_LOG ?? 'warn' }) });
  const server = await startServer(ctx);
  return {
    url: server.url,
    ctx,
    /** The code the dev SMS outbox holds for a number. */
    async lastCode(phone: string): Promise<string> {
      const response = await fetch(`${server.url}/api/v1/dev/otp/${encodeURIComponent(phone)}`);
      if (!response.ok) throw new Error(`no code for ${phone}: ${response.status}`);
      return ((await response.json()) as { code: string }).code;
    },
    async stop() {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
