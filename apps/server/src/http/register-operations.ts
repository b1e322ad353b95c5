import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticate, bearerToken, type Session } from '../accounts/sessions.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import type { AnyOperation } from './operation.ts';
import { validate } from './validate.ts';

/** Wires operations into Fastify: content-type and size checks, authentication, validation, reply. */
export function registerOperations(app: FastifyInstance, ctx: AppContext, operations: AnyOperation[]): void {
  const sessions = new WeakMap<FastifyRequest, Session>();
  const streamed = operations.filter((operation) => operation.rawBody?.stream);
  for (const operation of operations) {
    if (!operation.rawBody?.stream) addRoute(app, ctx, sessions, operation);
  }
  if (streamed.length === 0) return;
  // Content-type parsers belong to a Fastify scope, not to a route: streamed operations get a scope
  // whose only parser hands the request stream over unread, whatever its type.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    for (const operation of streamed) addRoute(scope, ctx, sessions, operation);
  });
}

function addRoute(
  app: FastifyInstance,
  ctx: AppContext,
  sessions: WeakMap<FastifyRequest, Session>,
  operation: AnyOperation,
): void {
  app.route({
    method: operation.method,
    url: operation.url,
    bodyLimit:
      operation.rawBody && !operation.rawBody.stream
        ? operation.rawBody.maxBytes
        : ctx.config.limits.jsonBodyBytes,
    // Before the body is read: an unauthenticated upload is refused without receiving it.
    onRequest: async (request) => {
      if (operation.auth) sessions.set(request, await requireSession(ctx, request));
      checkContentType(operation, request);
    },
    handler: async (request, reply) => {
      const session = sessions.get(request);
      const input = {
        body: operation.body ? validate(operation.body, request.body ?? {}, 'body') : request.body,
        query: operation.query ? validate(operation.query, request.query, 'query') : undefined,
        params: operation.params ? validate(operation.params, request.params, 'params') : undefined,
        session,
        request,
        reply,
      };
      const result = await operation.handler(ctx, input);
      // A handler that sent the response itself (a stream) returns the reply; Reply is a thenable,
      // so awaiting it resolved once the response finished and `result` is not the reply here.
      if (reply.sent) return reply;
      reply.code(operation.response.status);
      return operation.response.schema ? result : reply.send();
    },
  });
}

async function requireSession(ctx: AppContext, request: FastifyRequest): Promise<Session> {
  const token = bearerToken(request.headers.authorization);
  const session = token ? await authenticate(ctx, token) : undefined;
  if (!session)
    throw new AppError('UNAUTHENTICATED', 'Sign in to continue: the session is missing or has ended.');
  return session;
}

function checkContentType(operation: AnyOperation, request: FastifyRequest): void {
  if (!operation.body && !operation.rawBody) return;
  const length = request.headers['content-length'];
  if ((length === undefined || length === '0') && !request.headers['transfer-encoding']) {
    if (operation.rawBody) throw new AppError('VALIDATION_FAILED', 'The request body is empty.');
    return; // an empty JSON body validates as {}
  }
  const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  const accepted = operation.rawBody?.contentTypes ?? ['application/json'];
  if (accepted.includes('*/*')) return;
  if (!type || !accepted.includes(type)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `This endpoint accepts ${accepted.join(', ')}.`);
  }
}
