import { enforceRateLimit } from '../accounts/rate-limits.ts';
import type { Session } from '../accounts/sessions.ts';
import type { AppContext } from '../context.ts';

/** Messages, edits, reactions and deletions: PARLEY_SENDS_PER_MINUTE per person. */
export async function limitSends(ctx: AppContext, session: Session): Promise<void> {
  await enforceRateLimit(ctx, `send:user:${session.userId}`, ctx.config.limits.sendsPerUserPerMinute, 60);
}

/**
 * Typing and read marks: light for the sender but fanned out to every member, so they have their
 * own, looser budget (clients send typing at most every few seconds).
 */
export async function limitSignals(ctx: AppContext, session: Session): Promise<void> {
  await enforceRateLimit(
    ctx,
    `signal:user:${session.userId}`,
    ctx.config.limits.sendsPerUserPerMinute * 2,
    60,
  );
}
