import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser.ts';
import { meetingContext } from './meeting.ts';
import { type AppServer, startAppServer } from './server.ts';

/**
 * One app server and one browser for a test file whose steps build on each other, as one meeting
 * would. Browser profiles made with `newContext` (recording their peer connections) close at the end.
 */
export function meetingSuite(env: Record<string, string>) {
  let server: AppServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startAppServer(env);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await server?.stop();
  });

  return {
    get server(): AppServer {
      if (!server) throw new Error('the suite has not started yet');
      return server;
    },
    async newContext(): Promise<BrowserContext> {
      if (!browser) throw new Error('the suite has not started yet');
      const context = await meetingContext(browser);
      contexts.push(context);
      return context;
    },
  };
}
