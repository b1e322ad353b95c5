import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';

/** Counts one attempt against a shared limit and refuses with RATE_LIMITED when it is spent. */
export async function enforceRateLimit(
  ctx: AppContext,
  key: string,
  limit: number,
  windowSeconds: number,
): Promise<void> {
  const decision = await ctx.rateLimiter.hit(key, limit, windowSeconds);
  if (!decision.allowed) {
    throw new AppError(
      'RATE_LIMITED',
      `Too many attempts. Try again in ${decision.retryAfterSeconds} seconds.`,
      {
        details: { retryAfterSeconds: decision.retryAfterSeconds },
      },
    );
  }
}
