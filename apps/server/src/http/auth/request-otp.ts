import { otpChallengeSchema, requestOtpSchema } from '@parley/protocol';
import { requestOtp } from '../../accounts/otp.ts';
import { defineOperation } from '../operation.ts';

export const requestOtpOperation = defineOperation({
  method: 'POST',
  url: '/api/v1/auth/otp',
  summary: 'Send a one-time sign-in code by SMS',
  tag: 'auth',
  auth: false,
  body: requestOtpSchema,
  response: {
    status: 202,
    schema: otpChallengeSchema,
    description: 'Code sent (the same for new and known numbers)',
  },
  errors: ['INVALID_PHONE', 'RATE_LIMITED', 'SMS_FAILED'],
  handler: (ctx, { body, request }) => requestOtp(ctx, body.phone, request.ip),
});
