import { once } from 'node:events';
import {
  type MeetingServerFrame,
  maxMeetingFrameBytes,
  meetingClientFrameSchema,
  meetingCloseCodes,
  meetingSignalingLimits,
} from '@parley/protocol';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { WebSocket } from 'ws';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import type { MeetingSocket, Member } from '../meetings/members.ts';
import { type ParticipantClaims, verifyParticipantToken } from '../meetings/participant-token.ts';
import type { MeetingRoom } from '../meetings/room.ts';
import { errorFrame, parseFrame } from './frames.ts';
import { TokenBucket } from './token-bucket.ts';

export const meetingSocketPath = '/api/v1/meetings/socket';
/** Marks a socket one node opened to the node hosting the meeting on a participant's behalf. */
const forwardedHeader = 'x-parley-forwarded';
const heartbeatMs = 20_000;

declare module 'fastify' {
  interface FastifyRequest {
    meetingClaims?: ParticipantClaims;
  }
}

/**
 * The meeting socket: one per participant, opened with the participant token (`token=`), which
 * guests get without an account. It carries the meeting's signaling and events; a dropped socket
 * reconnects with the same token and the participant keeps their place and role.
 */
export async function installMeetingSocket(
  app: FastifyInstance,
  ctx: AppContext,
): Promise<{ close(): Promise<void> }> {
  const logger = ctx.logger.child({ module: 'meeting-socket' });
  const alive = new Map<WebSocket, boolean>();
  const heartbeat = setInterval(() => {
    for (const [socket, answered] of alive) {
      if (!answered) {
        socket.terminate();
        continue;
      }
      alive.set(socket, false);
      socket.ping();
    }
  }, heartbeatMs);
  heartbeat.unref();

  app.get(
    meetingSocketPath,
    {
      websocket: true,
      preValidation: async (request: FastifyRequest) => {
        const { token } = request.query as { token?: unknown };
        if (typeof token === 'string')
          request.meetingClaims = verifyParticipantToken(ctx.secret, token, ctx.clock());
      },
    },
    (socket, request) => {
      const send = (frame: MeetingServerFrame) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
      };
      const claims = request.meetingClaims;
      const { token } = request.query as { token: string };
      if (!claims) {
        send(
          errorFrame(
            'INVALID_JOIN_TOKEN',
            'This meeting link has expired or is not valid. Join again from the link.',
          ),
        );
        socket.close(meetingCloseCodes.invalidToken, 'invalid token');
        return;
      }
      alive.set(socket, true);
      socket.on('pong', () => alive.set(socket, true));
      const adapter: MeetingSocket = { send, close: (code, reason) => socket.close(code, reason) };
      const budget = new TokenBucket(
        meetingSignalingLimits.framesPerSecond,
        meetingSignalingLimits.burstFrames,
        ctx.clock,
      );
      const log = logger.child({ meetingId: claims.meetingId, participantId: claims.participantId });
      let room: MeetingRoom | undefined;
      let member: Member | undefined;
      let relay: WebSocket | undefined;
      let closed = false;
      const forwarded = request.headers[forwardedHeader] === '1';

      const enter = async () => {
        try {
          const entered = await enterRoom(ctx, claims, adapter, forwarded);
          if ('remote' in entered) {
            relay = await relayTo(entered.remote, token, socket, log);
            if (closed) relay.close();
            return;
          }
          ({ room, member } = entered);
          if (closed) room.disconnected(member, adapter);
        } catch (error) {
          const known = error instanceof AppError;
          if (!known) log.error({ err: error }, 'meeting socket could not enter the room');
          send(
            known
              ? errorFrame(error.code, error.message)
              : errorFrame('INTERNAL', 'Something went wrong on our side. Please try again.'),
          );
          socket.close(known ? meetingCloseCodes.refused : 1011, known ? error.code : 'internal error');
        }
      };
      // Frames wait for the room to be entered and are handled one at a time, in order.
      let handling = enter();
      socket.on('message', (data, isBinary) => {
        handling = handling.then(() => receive(data as Buffer, isBinary));
      });
      socket.on('close', () => {
        closed = true;
        alive.delete(socket);
        relay?.close();
        if (room && member) room.disconnected(member, adapter);
      });

      async function receive(data: Buffer, isBinary: boolean): Promise<void> {
        if (relay) return relay.send(data, { binary: isBinary });
        if (!room || !member || closed) return;
        const parsed = parseFrame(data, isBinary, meetingClientFrameSchema, maxMeetingFrameBytes);
        if ('error' in parsed) return send(parsed.error);
        const { frame } = parsed;
        if (!budget.take()) {
          return send(errorFrame('RATE_LIMITED', 'Too many requests. Slow down.', frame.id));
        }
        try {
          const result = await room.handle(member, frame);
          send(result ? { type: 'ok', id: frame.id, data: result } : { type: 'ok', id: frame.id });
          if (frame.type === 'leave') socket.close(meetingCloseCodes.left, 'left');
          if (frame.type === 'end') socket.close(meetingCloseCodes.ended, 'meeting ended');
        } catch (error) {
          if (error instanceof AppError) return send(errorFrame(error.code, error.message, frame.id));
          log.error({ err: error, frame: frame.type }, 'meeting frame failed');
          send(errorFrame('INTERNAL', 'Something went wrong on our side. Please try again.', frame.id));
        }
      }
    },
  );

  return {
    async close() {
      clearInterval(heartbeat);
      await ctx.rooms.close();
    },
  };
}

/**
 * Checks the participant behind the token and brings them into (or back to) the live room, or
 * says which node hosts the meeting. A socket forwarded from another node is never forwarded again.
 */
async function enterRoom(
  ctx: AppContext,
  claims: ParticipantClaims,
  socket: MeetingSocket,
  forwarded: boolean,
): Promise<{ room: MeetingRoom; member: Member } | { remote: string }> {
  const row = await ctx.database.db
    .selectFrom('meeting_participants')
    .selectAll()
    .where('id', '=', claims.participantId)
    .where('meeting_id', '=', claims.meetingId)
    .executeTakeFirst();
  if (!row)
    throw new AppError('INVALID_JOIN_TOKEN', 'This meeting link is not valid. Join again from the link.');
  if (row.removed_at !== null)
    throw new AppError('REMOVED_FROM_MEETING', 'The host removed you from this meeting.');
  const location = await ctx.rooms.open(claims.meetingId);
  if ('remote' in location) {
    if (forwarded) throw new AppError('NOT_READY', 'The meeting is moving between servers. Reconnecting…');
    return location;
  }
  const { room } = location;
  const member = await room.connect(
    {
      participantId: row.id,
      userId: row.user_id,
      guestKey: row.guest_key,
      displayName: row.display_name,
      admittedBefore: row.joined_at !== null && row.left_at === null,
    },
    socket,
  );
  return { room, member };
}

/**
 * Opens the participant's socket on the node hosting the meeting and relays frames both ways;
 * the host node checks the token itself. Closing either side closes the other.
 */
async function relayTo(remote: string, token: string, client: WebSocket, log: Logger): Promise<WebSocket> {
  const upstream = new WebSocket(
    `${remote.replace(/^http/, 'ws')}${meetingSocketPath}?token=${encodeURIComponent(token)}`,
    { headers: { [forwardedHeader]: '1' } },
  );
  upstream.on('message', (data: Buffer, isBinary: boolean) => {
    if (client.readyState === client.OPEN) client.send(data, { binary: isBinary });
  });
  upstream.on('close', (code: number, reason: Buffer) => {
    // 1005/1006 say "no code"; they cannot be sent, and the client should reconnect.
    client.close(code >= 4000 || code === 1000 || code === 1001 ? code : 1011, reason.toString());
  });
  upstream.on('error', (error: Error) => log.warn({ err: error, remote }, 'meeting host node unreachable'));
  await once(upstream, 'open').catch(() => undefined);
  return upstream;
}
