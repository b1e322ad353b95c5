import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { type ParticipantClaims, verifyParticipantToken } from '../../meetings/participant-token.ts';

/** Header that carries the participant token on meeting file transfers (guests have no session). */
export const participantTokenHeader = 'x-participant-token';

export function participantClaims(ctx: AppContext, request: FastifyRequest): ParticipantClaims {
  const token = request.headers[participantTokenHeader];
  const claims =
    typeof token === 'string' ? verifyParticipantToken(ctx.secret, token, ctx.clock()) : undefined;
  if (!claims) {
    throw new AppError(
      'INVALID_JOIN_TOKEN',
      'Join the meeting first: the participant token is missing or expired.',
    );
  }
  return claims;
}
