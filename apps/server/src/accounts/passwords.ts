import { hash, verify } from '@node-rs/argon2';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { normalizePhone } from './phone.ts';
import { clientKey, enforceRateLimit, hourSeconds } from './rate-limits.ts';
import { getUser } from './users.ts';

// Argon2id with OWASP's second recommended profile (m=19 MiB, t=2, p=1).
const argon2Options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

let dummyHash: Promise<string> | undefined;

/** Sets or changes the optional password; changing one requires the current password. */
export async function setPassword(
  ctx: AppContext,
  userId: string,
  password: string,
  currentPassword: string | undefined,
): Promise<void> {
  const user = await getUser(ctx, userId);
  if (user.password_hash !== null) {
    // The current password guards the change against a stolen session: no unlimited guessing.
    await enforceRateLimit(
      ctx,
      `password-change:user:${userId}`,
      ctx.config.limits.passwordAttemptsPerPhonePerHour,
      hourSeconds,
    );
    if (currentPassword === undefined || !(await verify(user.password_hash, currentPassword))) {
      throw new AppError('INVALID_CREDENTIALS', 'The current password is not right.');
    }
  }
  await ctx.database.db
    .updateTable('users')
    .set({ password_hash: await hash(password, argon2Options), updated_at: ctx.clock() })
    .where('id', '=', userId)
    .execute();
}

/**
 * Signs in with phone and password. Unknown numbers, numbers without a password and wrong passwords
 * all answer the same, after the same Argon2 work, so the answer reveals nothing about the account.
 */
export async function checkPassword(
  ctx: AppContext,
  phoneInput: string,
  password: string,
  clientIp: string,
): Promise<string> {
  const phone = normalizePhone(phoneInput, ctx.config.defaultRegion);
  const perHour = ctx.config.limits.passwordAttemptsPerPhonePerHour;
  await enforceRateLimit(ctx, `password:ip:${clientKey(clientIp)}`, perHour * 5, hourSeconds);
  await enforceRateLimit(ctx, `password:phone:${phone}`, perHour, hourSeconds);
  const user = await ctx.database.db
    .selectFrom('users')
    .select(['id', 'password_hash'])
    .where('phone', '=', phone)
    .executeTakeFirst();
  dummyHash ??= hash('parley-timing-equalizer', argon2Options);
  const ok = await verify(user?.password_hash ?? (await dummyHash), password);
  if (!user?.password_hash || !ok) {
    throw new AppError('INVALID_CREDENTIALS', 'That phone number and password do not match.');
  }
  await ctx.rateLimiter.reset(`password:phone:${phone}`);
  return user.id;
}
