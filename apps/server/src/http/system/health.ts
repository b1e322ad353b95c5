import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { defineOperation } from '../operation.ts';

export const healthOperation = defineOperation({
  method: 'GET',
  url: '/healthz',
  summary: 'Liveness: the process is up',
  tag: 'operations',
  auth: false,
  response: { status: 200, schema: z.object({ status: z.literal('ok') }) },
  handler: async () => ({ status: 'ok' as const }),
});

const checkTimeoutMs = 2000;

async function check(name: string, probe: () => Promise<void>): Promise<[string, string]> {
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), checkTimeoutMs).unref()),
    ]);
    return [name, 'ok'];
  } catch (error) {
    return [name, error instanceof Error ? error.message : 'unreachable'];
  }
}

export const readinessOperation = defineOperation({
  method: 'GET',
  url: '/readyz',
  summary: 'Readiness: the database, blob store and bus are reachable',
  tag: 'operations',
  auth: false,
  response: {
    status: 200,
    schema: z.object({ status: z.literal('ready'), checks: z.record(z.string(), z.string()) }),
  },
  errors: ['NOT_READY'],
  handler: async (ctx) => {
    const checks = Object.fromEntries(
      await Promise.all([
        check('database', () => ctx.database.ping()),
        check('blobs', () => ctx.blobs.ping()),
        check('bus', () => ctx.bus.ping()),
      ]),
    );
    const failing = Object.entries(checks).filter(([, state]) => state !== 'ok');
    if (failing.length > 0) {
      throw new AppError(
        'NOT_READY',
        `Not ready: ${failing.map(([name, why]) => `${name} (${why})`).join(', ')}`,
      );
    }
    return { status: 'ready' as const, checks };
  },
});

export const metricsOperation = defineOperation({
  method: 'GET',
  url: '/metrics',
  summary: 'Prometheus metrics: HTTP requests and latency by route, process, gateway connections',
  tag: 'operations',
  auth: false,
  response: { status: 200, description: 'Prometheus text exposition format' },
  handler: async (ctx, { reply }) =>
    reply.type(ctx.metrics.registry.contentType).send(await ctx.metrics.registry.metrics()),
});
