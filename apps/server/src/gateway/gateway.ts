import { gatewayLimits } from '@parley/protocol';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticate, bearerToken, deviceSignedOutTopic, type Session } from '../accounts/sessions.ts';
import type { AppContext } from '../context.ts';
import { devicesStillConnected } from '../messaging/presence.ts';
import { queueEnds } from '../messaging/queue.ts';
import { Connection } from './connection.ts';

export const gatewayPath = '/api/v1/gateway';
/** Bus topic announcing a device's new socket, so other nodes close its older ones. */
const deviceConnectedTopic = 'gateway.device-connected';
/**
 * Close codes the client acts on: 4001, the session is not valid (signed out): do not reconnect;
 * 4002, the same device connected again elsewhere and that connection replaces this one.
 */
export const closeCodes = { signedOut: 4001, replaced: 4002, goingAway: 1001 } as const;

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

  const replaceOthers = (deviceId: string, connectionId: string) => {
    for (const other of connections.get(deviceId) ?? []) {
      if (other.id !== connectionId) other.socket.close(closeCodes.replaced, 'connected elsewhere');
    }
  };
  const unsubscribeConnected = await ctx.bus.subscribe(deviceConnectedTopic, (message) => {
    const { deviceId, connectionId } = message as { deviceId: string; connectionId: string };
    replaceOthers(deviceId, connectionId);
  });
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
    }
    catchUpLagging(all).catch((error: unknown) => logger.warn({ err: error }, 'gateway heartbeat failed'));
  }, gatewayLimits.heartbeatSeconds * 1000);

  /** Keeps live devices online, and pumps those whose queue is ahead of what was sent to them. */
  async function catchUpLagging(all: Connection[]): Promise<void> {
    const deviceIds = all.map((connection) => connection.session.deviceId);
    await devicesStillConnected(ctx, deviceIds);
    const ends = await queueEnds(ctx.database.db, deviceIds);
    for (const connection of all) {
      if (connection.started && (ends.get(connection.session.deviceId) ?? 0) > connection.sentSeq)
        void connection.pump();
    }
  }
  heartbeat.unref();

  app.get(
    gatewayPath,
    {
      websocket: true,
      preValidation: async (request: FastifyRequest) => {
        const { token: queried } = request.query as { token?: unknown };
        const token =
          bearerToken(request.headers.authorization) ?? (typeof queried === 'string' ? queried : undefined);
        // An invalid session is answered after the upgrade (close 4001): browsers cannot see the
        // status of a refused upgrade, only a generic failure they would keep retrying.
        request.gatewaySession = token ? await authenticate(ctx, token) : undefined;
      },
    },
    (socket, request) => {
      const session = request.gatewaySession;
      if (!session) {
        const reason = 'Sign in to connect: the session is missing or has ended.';
        socket.send(JSON.stringify({ type: 'signed-out', reason }));
        socket.close(closeCodes.signedOut, 'unauthenticated');
        return;
      }
      const connection = new Connection(ctx, socket, session, logger.child(session));
      // One socket per device, across every node: two would acknowledge the same queue for each other.
      replaceOthers(session.deviceId, connection.id);
      ctx.bus
        .publish(deviceConnectedTopic, { deviceId: session.deviceId, connectionId: connection.id })
        .catch((error: unknown) => logger.warn({ err: error }, 'other nodes not told of a new connection'));
      const set = connections.get(session.deviceId) ?? new Set<Connection>();
      connections.set(session.deviceId, set);
      set.add(connection);
      ctx.metrics.gatewayConnections.inc();
      logger.info(session, 'gateway connected');
      socket.on('close', (code: number) => {
        set.delete(connection);
        if (set.size === 0) connections.delete(session.deviceId);
        ctx.metrics.gatewayConnections.dec();
        logger.info(session, 'gateway disconnected');
        // A replaced socket's device is still online through its new socket (here or elsewhere).
        void connection.close({ offline: code !== closeCodes.replaced && set.size === 0 });
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
      await Promise.all([unsubscribe(), unsubscribeConnected()]);
      const all = [...connections.values()].flatMap((set) => [...set]);
      for (const connection of all) connection.socket.close(closeCodes.goingAway, 'server stopping');
      await Promise.allSettled(all.map((connection) => connection.close()));
    },
  };
}
