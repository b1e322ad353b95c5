import { aboutSchema, avatarLimits, displayNameSchema, passwordSchema } from '@parley/protocol';

/** Field limits shown in forms, read from the protocol schemas the server validates with. */
export const limits = {
  displayName: bound(displayNameSchema.maxLength),
  about: bound(aboutSchema.maxLength),
  passwordMin: bound(passwordSchema.minLength),
  passwordMax: bound(passwordSchema.maxLength),
  avatarBytes: avatarLimits.maxBytes,
};

function bound(value: number | null): number {
  if (value === null) throw new Error('a protocol schema lost the length bound this form displays');
  return value;
}
