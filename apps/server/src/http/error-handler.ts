import type { Socket } from 'node:net';
import type { ErrorBody } from '@parley/protocol';
import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';

/**
 * Every failure leaves as `{ error: { code, message } }`. Fastify's own errors (bad JSON, body too
 * large, unsupported type) map to protocol codes; anything unexpected is logged with its stack and
 * answered as INTERNAL without internals.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error);
    // Unexpected failures are logged with their stack; AppErrors were anticipated by the code
    // that threw them (which logs what an operator needs), and clients control how many 4xx occur.
    if (!(error instanceof AppError) && appError.status >= 500)
      request.log.error({ err: error }, 'request failed');
    else request.log.debug({ code: appError.code }, appError.message);
    if (appError.details?.retryAfterSeconds !== undefined) {
      reply.header('retry-after', String(appError.details.retryAfterSeconds));
    }
    const body: ErrorBody = { error: { code: appError.code, message: appError.message } };
    if (appError.details) body.error.details = appError.details;
    return reply.code(appError.status).send(body);
  });
}

function toAppError(error: FastifyError): AppError {
  if (error instanceof AppError) return error;
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large.', { cause: error });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', 'The request body has an unsupported content type.', {
        cause: error,
      });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('INVALID_JSON', 'The request body is not valid JSON.', { cause: error });
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('VALIDATION_FAILED', 'The Content-Length header does not match the body.', {
        cause: error,
      });
  }
  if (error instanceof SyntaxError && error.statusCode === 400) {
    return new AppError('INVALID_JSON', 'The request body is not valid JSON.', { cause: error });
  }
  if (error.statusCode === 413)
    return new AppError('PAYLOAD_TOO_LARGE', 'The request is too large.', { cause: error });
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError('VALIDATION_FAILED', 'The request is malformed.', { cause: error });
  }
  return new AppError('INTERNAL', 'Something went wrong on our side. Please try again.', { cause: error });
}

/**
 * Requests Node's HTTP parser rejects (oversized headers, garbage) never reach Fastify's routes;
 * answer them in the same error envelope, then close the connection.
 */
export function answerMalformedRequest(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) return;
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const body: ErrorBody = {
    error: tooLarge
      ? { code: 'HEADERS_TOO_LARGE', message: 'The request headers (or URL) are too large.' }
      : { code: 'VALIDATION_FAILED', message: 'The request is not valid HTTP.' },
  };
  const json = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\n` +
      `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(json)}\r\n` +
      `Connection: close\r\n\r\n${json}`,
  );
}
