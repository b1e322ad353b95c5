import { z } from 'zod';
import { deviceNameSchema, idSchema, isoTimeSchema, phoneInputSchema } from './common.ts';
import { meSchema } from './users.ts';

export const otpLimits = { codeLength: 6, ttlSeconds: 600, maxAttempts: 5, resendAfterSeconds: 30 } as const;
export const passwordSchema = z.string().min(8).max(128);

export const requestOtpSchema = z.strictObject({ phone: phoneInputSchema });
export type RequestOtp = z.infer<typeof requestOtpSchema>;

export const otpChallengeSchema = z.object({
  challengeId: idSchema,
  phone: z.string().describe('the number normalized to E.164'),
  expiresAt: isoTimeSchema,
  resendAfterSeconds: z.number().int(),
});
export type OtpChallenge = z.infer<typeof otpChallengeSchema>;

export const verifyOtpSchema = z.strictObject({
  challengeId: idSchema,
  code: z.string().regex(/^\d{6}$/, 'must be 6 digits'),
  deviceName: deviceNameSchema,
});
export type VerifyOtp = z.infer<typeof verifyOtpSchema>;

export const passwordSignInSchema = z.strictObject({
  phone: phoneInputSchema,
  password: z.string().min(1).max(128),
  deviceName: deviceNameSchema,
});
export type PasswordSignIn = z.infer<typeof passwordSignInSchema>;

export const setPasswordSchema = z.strictObject({
  password: passwordSchema,
  currentPassword: z.string().max(128).optional(),
});
export type SetPassword = z.infer<typeof setPasswordSchema>;

export const deviceSchema = z.object({
  id: idSchema,
  name: z.string(),
  createdAt: isoTimeSchema,
  lastSeenAt: isoTimeSchema,
  current: z.boolean(),
});
export type Device = z.infer<typeof deviceSchema>;

export const authResultSchema = z.object({
  token: z.string().describe('send as Authorization: Bearer <token>'),
  user: meSchema,
  device: deviceSchema,
  isNewUser: z.boolean(),
});
export type AuthResult = z.infer<typeof authResultSchema>;

export const deviceListSchema = z.object({ devices: z.array(deviceSchema) });
export const devOtpSchema = z.object({ challengeId: idSchema, code: z.string() });
