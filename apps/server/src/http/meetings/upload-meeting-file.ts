import type { Readable } from 'node:stream';
import { meetingFileSchema } from '@parley/protocol';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { uploadMeetingFile } from '../../meetings/chat.ts';
import { defineOperation } from '../operation.ts';
import { participantClaims, participantTokenHeader } from './participant-auth.ts';

export const uploadMeetingFileOperation = defineOperation({
  method: 'POST',
  url: '/api/v1/meetings/files',
  summary: `Upload a file for the meeting chat (participants in the meeting, ${participantTokenHeader} header), up to PARLEY_MAX_UPLOAD_MB; send it with a chat frame`,
  tag: 'meetings',
  auth: false,
  rawBody: { contentTypes: ['*/*'], stream: true, description: 'the file' },
  query: z.object({ name: z.string().max(1024).optional() }),
  response: { status: 201, schema: meetingFileSchema },
  errors: ['INVALID_JOIN_TOKEN', 'NOT_ADMITTED', 'PAYLOAD_TOO_LARGE'],
  handler: async (ctx, { query, request }) => {
    const claims = participantClaims(ctx, request);
    // From the database, not the live room: the meeting may be hosted by another node.
    const participant = await ctx.database.db
      .selectFrom('meeting_participants')
      .select(['joined_at', 'left_at', 'removed_at'])
      .where('id', '=', claims.participantId)
      .executeTakeFirst();
    if (!participant || participant.joined_at === null || participant.left_at !== null) {
      throw new AppError('NOT_ADMITTED', 'Only people in the meeting can share files in it.');
    }
    const length = request.headers['content-length'];
    return uploadMeetingFile(ctx, {
      meetingId: claims.meetingId,
      participantId: claims.participantId,
      name: query.name,
      contentType: request.headers['content-type'],
      body: request.body as Readable,
      declaredBytes: length === undefined ? undefined : Number(length),
    });
  },
});
