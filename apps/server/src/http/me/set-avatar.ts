import { avatarLimits, meSchema } from '@parley/protocol';
import { setAvatar } from '../../accounts/avatars.ts';
import { toMe } from '../../accounts/users.ts';
import { defineOperation } from '../operation.ts';

/** Content types a client may declare; the server still decides by the bytes. */
export const avatarContentTypes = ['image/jpeg', 'image/png', 'image/webp', 'application/octet-stream'];

export const setAvatarOperation = defineOperation({
  method: 'PUT',
  url: '/api/v1/me/avatar',
  summary: 'Upload a new avatar: JPEG, PNG or WebP up to 5 MB, re-encoded to 512 px and 96 px',
  tag: 'profile',
  auth: true,
  rawBody: {
    contentTypes: avatarContentTypes,
    maxBytes: avatarLimits.maxBytes,
    description: 'the image file',
  },
  response: { status: 200, schema: meSchema },
  errors: ['INVALID_IMAGE', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'],
  handler: async (ctx, { request, session }) =>
    toMe(ctx, await setAvatar(ctx, session.userId, request.body as Buffer)),
});
