import { authResultSchema, verifyOtpSchema } from '@parley/protocol';
import { verifyOtp } from '../../accounts/otp.ts';
import { completeSignIn } from '../../accounts/sign-in.ts';
import { findOrCreateUserByPhone } from '../../accounts/users.ts';
import { defineOperation } from '../operation.ts';

export const verifyOtpOperation = defineOperation({
  method: 'POST',
  url: '/api/v1/auth/verify',
  summary: 'Sign in (or up) with the code; creates a device and its session',
  tag: 'auth',
  auth: false,
  body: verifyOtpSchema,
  response: { status: 200, schema: authResultSchema },
  errors: ['OTP_INVALID', 'OTP_EXPIRED', 'OTP_TOO_MANY_ATTEMPTS'],
  handler: async (ctx, { body }) => {
    const phone = await verifyOtp(ctx, body.challengeId, body.code);
    const { user, isNewUser } = await findOrCreateUserByPhone(ctx, phone);
    return completeSignIn(ctx, user.id, body.deviceName, isNewUser);
  },
});
