import { startCallSweeper } from './calls/call-sweeper.ts';
import type { AppContext } from './context.ts';
import { createHttpApp, type HttpApp } from './http/app.ts';
import { startSweeper } from './messaging/sweeper.ts';

export interface RunningServer {
  url: string;
  app: HttpApp;
  /** Stops accepting, lets in-flight requests finish, closes sockets, then storage. */
  stop(): Promise<void>;
}

export async function startServer(ctx: AppContext): Promise<RunningServer> {
  const app = await createHttpApp(ctx);
  await app.fastify.listen({ host: ctx.config.host, port: ctx.config.port });
  const address = app.fastify.server.address();
  const port = typeof address === 'object' && address ? address.port : ctx.config.port;
  const host = ctx.config.host.includes(':') ? `[${ctx.config.host}]` : ctx.config.host;
  ctx.rooms.nodeUrl = ctx.config.nodeUrl ?? `http://${host}:${port}`;
  const sweeper = startSweeper(ctx);
  const callSweeper = startCallSweeper(ctx);
  ctx.renders.start();
  let stopping: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    app,
    stop: () => {
      stopping ??= (async () => {
        sweeper.stop();
        callSweeper.stop();
        await app.gateway.close();
        await app.meetingSocket.close();
        await app.fastify.close();
        await ctx.close();
      })();
      return stopping;
    },
  };
}
