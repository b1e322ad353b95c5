import { relative } from 'node:path';
import { expect } from 'vitest';
import { probeServices } from './probe-services.ts';
import { type ServiceName, serviceUrls } from './service-urls.ts';

const LABELS: Record<ServiceName, string> = { postgres: 'PostgreSQL', redis: 'Redis' };

/**
 * Whether the services a suite needs are reachable; use as `describe.skipIf(!available)`.
 * A missing service skips the suite with a visible notice, or, when REQUIRE_SERVICES=1 (CI),
 * throws so that the run fails instead of passing with suites skipped.
 */
export async function requireServices(...names: ServiceName[]): Promise<boolean> {
  const reachable = await probeServices();
  const missing = names.filter((name) => !reachable[name]);
  if (missing.length === 0) return true;
  const what = missing.map((name) => `${LABELS[name]} at ${serviceUrls[name]}`).join(' and ');
  if (process.env.REQUIRE_SERVICES === '1') {
    throw new Error(`[services] ${what} unreachable, and REQUIRE_SERVICES=1`);
  }
  console.warn(`[services] ${what} unreachable: skipping ${currentSuite()}`);
  return false;
}

function currentSuite(): string {
  const path = expect.getState().testPath;
  return path ? relative(process.cwd(), path) : 'this suite';
}
