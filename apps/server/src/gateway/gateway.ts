import { clientFrameSchema, type ErrorCode, maxClientFrameBytes, type ServerFrame } from '@parley/protocol';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { authenticate, bearerToken, deviceSignedOutTopic, type Session } from '../accounts/sessions.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';

export const gatewayPath = '/api/v1/gateway';
export const heartbeatSeconds = 25;
/** Close codes the client acts on: 4001 means the device was signed out, do not reconnect. */
export const closeCodes = { signedOut: 4001, goingAway: 1001 } as const;

export interface Gateway {
  /** Says goodbye to every open socket (server shutdown). */
  close(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyRequest {
    gatewaySession?: Session;
  }
}

/**
 * The realtime gateway: one WebSocket per device, authenticated by the session token (query
 * `token=` for browsers, which cannot set headers on a WebSocket, or `Authorization: Bearer`).
 * Every client frame is validated and answered; a bad frame gets an error frame, never a disconnect.
 */
export async function installGateway(app: FastifyInstance, ctx: AppContext): Promise<Gateway> {
  const logger = ctx.logger.child({ module: 'gateway' });
  const sockets = new Map<string, Set<WebSocket>>();

  const unsubscribe = await ctx.bus.subscribe(deviceSignedOutTopic, (message) => {
    const deviceId = (message as { deviceId?: string }).deviceId;
    for (const socket of (deviceId && sockets.get(deviceId)) || []) {
      send(socket, { type: 'signed-out', reason: 'This device was signed out.' });
      socket.close(closeCodes.signedOut, 'signed out');
    }
  });

  const heartbeat = setInterval(() => {
    for (const set of sockets.values()) {
      for (const socket of set) {
        const state = socket as WebSocket & { parleyAlive?: boolean };
        if (state.parleyAlive === false) {
          socket.terminate();
          continue;
        }
        state.parleyAlive = false;
        socket.ping();
      }
    }
  }, heartbeatSeconds * 1000);
  heartbeat.unref();

  app.get(
    gatewayPath,
    {
      websocket: true,
      preValidation: async (request: FastifyRequest) => {
        const query = request.query as { token?: string };
        const token = bearerToken(request.headers.authorization) ?? query.token;
        const session = token ? await authenticate(ctx, token) : undefined;
        if (!session)
          throw new AppError('UNAUTHENTICATED', 'Sign in to connect: the session is missing or has ended.');
        request.gatewaySession = session;
      },
    },
    (socket, request) => {
      const session = request.gatewaySession as Session;
      const state = socket as WebSocket & { parleyAlive?: boolean };
      state.parleyAlive = true;
      const set = sockets.get(session.deviceId) ?? new Set<WebSocket>();
      sockets.set(session.deviceId, set);
      set.add(socket);
      ctx.metrics.gatewayConnections.inc();
      logger.info(session, 'gateway connected');

      socket.on('pong', () => {
        state.parleyAlive = true;
      });
      socket.on('message', (data, isBinary) => send(socket, answer(data as Buffer, isBinary)));
      socket.on('close', () => {
        set.delete(socket);
        if (set.size === 0) sockets.delete(session.deviceId);
        ctx.metrics.gatewayConnections.dec();
        logger.info(session, 'gateway disconnected');
      });
      send(socket, { type: 'ready', userId: session.userId, deviceId: session.deviceId, heartbeatSeconds });
    },
  );

  return {
    async close() {
      clearInterval(heartbeat);
      await unsubscribe();
      for (const set of sockets.values())
        for (const socket of set) socket.close(closeCodes.goingAway, 'server stopping');
    },
  };
}

/** The answer to one client frame: its reply, or an error frame naming what was wrong. */
function answer(data: Buffer, isBinary: boolean): ServerFrame {
  if (isBinary) return errorFrame('VALIDATION_FAILED', 'Frames are JSON text.');
  if (data.length > maxClientFrameBytes) {
    return errorFrame('PAYLOAD_TOO_LARGE', `Frames are limited to ${maxClientFrameBytes} bytes.`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(data.toString('utf8'));
  } catch {
    return errorFrame('INVALID_JSON', 'The frame is not valid JSON.');
  }
  const parsed = clientFrameSchema.safeParse(raw);
  if (!parsed.success) {
    const id = (raw as { id?: unknown } | null)?.id;
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'type';
    return errorFrame('VALIDATION_FAILED', `Invalid frame: ${where}: ${issue?.message ?? 'invalid'}`, id);
  }
  const frame = parsed.data;
  return { type: 'ok', id: frame.id };
}

function errorFrame(code: ErrorCode, message: string, id?: unknown): ServerFrame {
  return typeof id === 'string' ? { type: 'error', id, code, message } : { type: 'error', code, message };
}

function send(socket: WebSocket, frame: ServerFrame): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
}
