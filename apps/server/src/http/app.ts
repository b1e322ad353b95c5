import fastifyWebsocket from '@fastify/websocket';
import { maxClientFrameBytes } from '@parley/protocol';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { type Gateway, installGateway } from '../gateway/gateway.ts';
import { installMeetingSocket } from '../gateway/meeting-socket.ts';
import { answerMalformedRequest, installErrorHandler } from './error-handler.ts';
import { buildOpenApi } from './openapi.ts';
import { allOperations } from './operations.ts';
import { registerOperations } from './register-operations.ts';
import { serveWebClient } from './static-web.ts';

export interface HttpApp {
  fastify: FastifyInstance;
  gateway: Gateway;
  meetingSocket: { close(): Promise<void> };
}

const apiVersion = '0.1.0';

/** Builds the Fastify app: API operations, gateway, OpenAPI, metrics hooks, web client, 404s. */
export async function createHttpApp(ctx: AppContext): Promise<HttpApp> {
  const app = Fastify({
    loggerInstance: ctx.logger.child({ module: 'http' }) as FastifyBaseLogger,
    clientErrorHandler: answerMalformedRequest,
    trustProxy: ctx.config.trustProxy,
    // One debug line per request from our onResponse hook instead of two info lines.
    logController: new LogController({ disableRequestLogging: true }),
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  });

  installErrorHandler(app);
  // While draining, answers close their connection: a keep-alive socket left idle after its last
  // in-flight response would otherwise hold close() open until the keep-alive timeout.
  let draining = false;
  app.addHook('preClose', async () => {
    draining = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (draining) reply.header('connection', 'close');
  });
  app.addHook('onRequest', async (_request, reply) => {
    ctx.metrics.httpInFlight.inc();
    // 'close' comes once per response, also when the client goes away before onResponse would run.
    reply.raw.once('close', () => ctx.metrics.httpInFlight.dec());
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    ctx.metrics.httpRequests.inc({ method: request.method, route, status: reply.statusCode });
    ctx.metrics.httpDuration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    request.log.debug({ route, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request done');
  });
  // Raw uploads (avatars) arrive as bytes; each operation sets its own size limit.
  app.addContentTypeParser(
    ['image/jpeg', 'image/png', 'image/webp', 'application/octet-stream'],
    { parseAs: 'buffer' },
    (_request, body, done) => done(null, body),
  );

  const operations = allOperations(ctx);
  registerOperations(app, ctx, operations);
  const openApi = buildOpenApi(operations, { version: apiVersion, serverUrl: ctx.config.publicUrl });
  app.get('/api/v1/openapi.json', async () => openApi);

  // Frames past the protocol's limit get an error frame; only far larger ones close the socket.
  await app.register(fastifyWebsocket, { options: { maxPayload: maxClientFrameBytes * 8 } });
  const gateway = await installGateway(app, ctx);
  const meetingSocket = await installMeetingSocket(app, ctx);

  const hasWebClient = await serveWebClient(app, ctx.config.webDir);
  if (!hasWebClient)
    ctx.logger.info({ webDir: ctx.config.webDir }, 'no web client build: serving the API only');

  app.setNotFoundHandler(async (request, reply) => {
    const isPage =
      request.method === 'GET' &&
      !request.url.startsWith('/api/') &&
      request.headers.accept?.includes('text/html');
    if (hasWebClient && isPage)
      return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
    throw new AppError('ROUTE_NOT_FOUND', `There is no ${request.method} ${request.url.split('?')[0]}.`);
  });

  return { fastify: app, gateway, meetingSocket };
}
