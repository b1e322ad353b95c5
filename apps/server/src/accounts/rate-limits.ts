import { isIPv6 } from 'node:net';
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

export const hourSeconds = 3600;

/**
 * The part of a client address that identifies one client for rate limits. An IPv6 user usually
 * holds a whole /64, so counting full addresses would give them endless fresh buckets.
 */
export function clientKey(ip: string): string {
  const mapped = ip.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i);
  if (mapped?.[1]) return mapped[1];
  if (!isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::')
    ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group || '0', 16).toString(16))
    .join(':')}::/64`;
}
