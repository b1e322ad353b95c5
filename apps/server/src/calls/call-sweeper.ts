import type { AppContext } from '../context.ts';
import { endDroppedCalls, expireRinging } from './calls.ts';

/** How often calls are checked: a call rings for PARLEY_CALL_RING_SECONDS plus up to this. */
const checkEveryMs = 1000;

/**
 * Ends the ringing of calls nobody answered in time, and direct calls one of whose devices went
 * away. A database sweep rather than a timer per call, so that it also happens for a call started
 * on a node that has since died.
 */
export function startCallSweeper(ctx: AppContext): { stop(): void } {
  const logger = ctx.logger.child({ module: 'calls' });
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    expireRinging(ctx)
      .then(() => endDroppedCalls(ctx))
      .catch((error: unknown) => logger.error({ err: error }, 'calls not swept'))
      .finally(() => {
        running = false;
      });
  }, checkEveryMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
