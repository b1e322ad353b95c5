import { randomInt } from 'node:crypto';
import { type OtpChallenge, otpLimits } from '@parley/protocol';
import { ulid } from 'ulid';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { normalizePhone } from './phone.ts';
import { clientKey, enforceRateLimit, hourSeconds } from './rate-limits.ts';
import { equalHashes, keyedHash } from './tokens.ts';

/**
 * Starts a sign-in: creates a challenge with a fresh 6-digit code and sends it by SMS. The answer is
 * the same whether or not the number has an account, so it cannot be used to find members.
 * A new challenge supersedes the number's earlier ones.
 */
export async function requestOtp(
  ctx: AppContext,
  phoneInput: string,
  clientIp: string,
): Promise<OtpChallenge> {
  const phone = normalizePhone(phoneInput, ctx.config.defaultRegion);
  await enforceRateLimit(
    ctx,
    `otp:ip:${clientKey(clientIp)}`,
    ctx.config.limits.otpPerIpPerHour,
    hourSeconds,
  );
  await enforceRateLimit(ctx, `otp:phone:${phone}`, ctx.config.limits.otpPerPhonePerHour, hourSeconds);

  const now = ctx.clock();
  const id = ulid(now);
  const code = randomInt(0, 10 ** otpLimits.codeLength)
    .toString()
    .padStart(otpLimits.codeLength, '0');
  const expiresAt = now + otpLimits.ttlSeconds * 1000;
  await ctx.database.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('otp_challenges')
      .set({ consumed_at: now })
      .where('phone', '=', phone)
      .where('consumed_at', 'is', null)
      .execute();
    await trx
      .insertInto('otp_challenges')
      .values({
        id,
        phone,
        code_hash: keyedHash(ctx.secret, id, code),
        client_ip: clientIp,
        created_at: now,
        expires_at: expiresAt,
        consumed_at: null,
      })
      .execute();
  });

  ctx.devOutbox?.record(phone, id, code);
  try {
    await ctx.sms.send(phone, `OTP for ${phone}: ${code}`);
  } catch (error) {
    ctx.logger.error({ err: error, phone }, 'SMS could not be sent');
    throw new AppError('SMS_FAILED', 'We could not send the code by SMS. Please try again in a moment.', {
      cause: error,
    });
  }
  return {
    challengeId: id,
    phone,
    expiresAt: new Date(expiresAt).toISOString(),
    resendAfterSeconds: otpLimits.resendAfterSeconds,
  };
}

/**
 * Checks a code against its challenge. Each try counts before the comparison, so no more than
 * `maxAttempts` guesses are ever compared, even when tries race. Returns the verified phone number.
 */
export async function verifyOtp(ctx: AppContext, challengeId: string, code: string): Promise<string> {
  const db = ctx.database.db;
  const now = ctx.clock();
  const counted = await db
    .updateTable('otp_challenges')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', challengeId)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', now)
    .where('attempts', '<', otpLimits.maxAttempts)
    .executeTakeFirst();
  const challenge = await db
    .selectFrom('otp_challenges')
    .selectAll()
    .where('id', '=', challengeId)
    .executeTakeFirst();

  if (!challenge || challenge.consumed_at !== null) {
    throw new AppError('OTP_INVALID', 'That code is not valid any more. Ask for a new one.');
  }
  // Each challenge allows a few tries and a number gets a few challenges an hour: also cap the
  // guesses per number across its challenges.
  await enforceRateLimit(ctx, `verify:phone:${challenge.phone}`, otpLimits.maxAttempts * 2, hourSeconds);
  if (Number(counted.numUpdatedRows) === 0) {
    if (challenge.expires_at <= now)
      throw new AppError('OTP_EXPIRED', 'That code has expired. Ask for a new one.');
    throw new AppError('OTP_TOO_MANY_ATTEMPTS', 'Too many wrong codes. Ask for a new one.');
  }
  if (!equalHashes(challenge.code_hash, keyedHash(ctx.secret, challenge.id, code))) {
    const left = otpLimits.maxAttempts - challenge.attempts;
    throw new AppError(
      left > 0 ? 'OTP_INVALID' : 'OTP_TOO_MANY_ATTEMPTS',
      left > 0
        ? `That code is not right. ${left} ${left === 1 ? 'try' : 'tries'} left.`
        : 'Too many wrong codes. Ask for a new one.',
    );
  }
  // Only one verification may consume the challenge, even if two arrive with the right code at once.
  const consumed = await db
    .updateTable('otp_challenges')
    .set({ consumed_at: now })
    .where('id', '=', challengeId)
    .where('consumed_at', 'is', null)
    .executeTakeFirst();
  if (Number(consumed.numUpdatedRows) === 0) {
    throw new AppError('OTP_INVALID', 'That code is not valid any more. Ask for a new one.');
  }
  return challenge.phone;
}
