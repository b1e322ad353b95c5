import { z } from 'zod';
import { idSchema, isoTimeSchema } from './common.ts';

export const displayNameSchema = z.string().trim().min(1).max(64);
export const aboutSchema = z.string().trim().max(140);

/** Signed URLs of the re-encoded avatar; they expire, so clients re-read the profile for new ones. */
export const avatarSchema = z.object({
  large: z.string().describe('512 px WebP'),
  small: z.string().describe('96 px WebP'),
});

export const meSchema = z.object({
  id: idSchema,
  phone: z.string().describe('E.164'),
  displayName: z.string().nullable().describe('null until the new user sets it'),
  about: z.string(),
  avatar: avatarSchema.nullable(),
  hasPassword: z.boolean(),
  createdAt: isoTimeSchema,
});
export type Me = z.infer<typeof meSchema>;

export const publicUserSchema = z.object({
  id: idSchema,
  phone: z.string(),
  displayName: z.string().nullable(),
  about: z.string(),
  avatar: avatarSchema.nullable(),
});
export type PublicUser = z.infer<typeof publicUserSchema>;

export const updateMeSchema = z
  .strictObject({ displayName: displayNameSchema.optional(), about: aboutSchema.optional() })
  .refine((v) => v.displayName !== undefined || v.about !== undefined, 'nothing to update');
export type UpdateMe = z.infer<typeof updateMeSchema>;

export const lookupQuerySchema = z.strictObject({ phone: z.string().trim().min(3).max(32) });

export const avatarLimits = { maxBytes: 5 * 1024 * 1024, largePx: 512, smallPx: 96 } as const;
