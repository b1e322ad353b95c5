import { devOtpSchema } from '@parley/protocol';
import { z } from 'zod';
import { normalizePhone } from '../../accounts/phone.ts';
import { AppError } from '../../errors.ts';
import { defineOperation } from '../operation.ts';

/** Registered only with PARLEY_DEV=1: the last code sent to a number, for tests and local trials. */
export const getDevOtpOperation = defineOperation({
  method: 'GET',
  url: '/api/v1/dev/otp/:phone',
  summary: 'Development only: the last code sent to a number',
  tag: 'dev',
  auth: false,
  params: z.strictObject({ phone: z.string().min(3).max(32) }),
  response: { status: 200, schema: devOtpSchema },
  errors: ['NOT_FOUND'],
  handler: async (ctx, { params }) => {
    const sent = ctx.devOutbox?.lastFor(normalizePhone(params.phone, ctx.config.defaultRegion));
    if (!sent) throw new AppError('NOT_FOUND', 'No code was sent to that number.');
    return sent;
  },
});
