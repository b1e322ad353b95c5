import { gatewayLimits } from '@parley/protocol';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticate, bearerToken, deviceSignedOutTopic, type Session } from '../accounts/sessions.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { devicesStillConnected } from '../messaging/presence.ts';
import { Connection } from './connection.ts';

export const gatewayPath = '/api/v1/gateway';
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
  const connections = new Map<string, Set<Connection>>();

  const unsubscribe = await ctx.bus.subscribe(deviceSignedOutTopic, (message) => {
    const deviceId = (message as { deviceId?: string }).deviceId;
    for (const connection of (deviceId && connections.get(deviceId)) || []) {
      connection.send({ type: 'signed-out', reason: 'This device was signed out.' });
      connection.socket.close(closeCodes.signedOut, 'signed out');
    }
  });

  // Heartbeat: drop dead sockets, keep live devices online, and re-read every queue in case a
  // wake-up was lost on the bus.
  const heartbeat = setInterval(() => {
    const all = [...connections.values()].flatMap((set) => [...set]);
    for (const connection of all) {
      if (!connection.alive) {
        connection.socket.terminate();
        continue;
      }
      connection.alive = false;
      connection.socket.ping();
      void connection.pump();
    }
    devicesStillConnected(
      ctx,
      all.map((connection) => connection.session.deviceId),
    ).catch((error: unknown) => logger.warn({ err: error }, 'presence heartbeat failed'));
  }, gatewayLimits.heartbeatSeconds * 1000);
  heartbeat.unref();

  app.get(
    gatewayPath,
    {
      websocket: true,
      preValidation: async (request: FastifyRequest) => {
        const { token: queried } = request.query as { token?: unknown };
        const token =
          bearerToken(request.headers.authorization) ?? (typeof queried === 'string' ? queried : undefined);
        const session = token ? await authenticate(ctx, token) : undefined;
        if (!session)
          throw new AppError('UNAUTHENTICATED', 'Sign in to connect: the session is missing or has ended.');
        request.gatewaySession = session;
      },
    },
    (socket, request) => {
      const session = request.gatewaySession as Session;
      const connection = new Connection(ctx, socket, session, logger.child(session));
      const set = connections.get(session.deviceId) ?? new Set<Connection>();
      connections.set(session.deviceId, set);
      set.add(connection);
      ctx.metrics.gatewayConnections.inc();
      logger.info(session, 'gateway connected');
      socket.on('close', () => {
        set.delete(connection);
        if (set.size === 0) connections.delete(session.deviceId);
        ctx.metrics.gatewayConnections.dec();
        logger.info(session, 'gateway disconnected');
        void connection.close();
      });
      connection.open().catch((error: unknown) => {
        logger.error({ err: error }, 'gateway connection failed to open');
        socket.close(1011, 'internal error');
      });
    },
  );

  return {
    async close() {
      clearInterval(heartbeat);
      await unsubscribe();
      const all = [...connections.values()].flatMap((set) => [...set]);
      for (const connection of all) connection.socket.close(closeCodes.goingAway, 'server stopping');
      await Promise.allSettled(all.map((connection) => connection.close()));
    },
  };
}
