import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Session } from '../accounts/sessions.ts';
import type { AppContext } from '../context.ts';

type Schema = z.ZodType | undefined;
type Input<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;
/** What a handler resolves to: the response body, nothing for 204s, or the reply it sent itself. */
// biome-ignore lint/suspicious/noConfusingVoidType: handlers of no-content operations return nothing
type Output<R extends Schema> = (R extends z.ZodType ? z.input<R> : void) | FastifyReply;

export interface OperationInput<B extends Schema, Q extends Schema, P extends Schema, A extends boolean> {
  body: Input<B>;
  query: Input<Q>;
  params: Input<P>;
  session: A extends true ? Session : undefined;
  request: FastifyRequest;
  reply: FastifyReply;
}

/**
 * One HTTP operation: its route, the zod schemas that validate its input and document its output,
 * and the handler. `registerOperations` wires it into Fastify; `buildOpenApi` documents it.
 */
export interface Operation<
  B extends Schema = Schema,
  Q extends Schema = Schema,
  P extends Schema = Schema,
  R extends Schema = Schema,
  A extends boolean = boolean,
> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Fastify route syntax, e.g. /api/v1/devices/:id */
  url: string;
  summary: string;
  tag: string;
  /** Whether a valid session (Bearer token) is required. */
  auth: A;
  body?: B;
  /**
   * A raw (non-JSON) body instead of `body`: accepted content types (the wildcard
   * type accepts any) and the size limit.
   * A `stream` body reaches the handler unread as `request.body` (the request's Readable): nothing
   * buffers it, and the handler enforces its own limit as it reads.
   */
  rawBody?: { contentTypes: string[]; description: string } & (
    | { stream?: false; maxBytes: number }
    | { stream: true }
  );
  query?: Q;
  params?: P;
  /** Success status and, unless it has no content, the schema of its body. */
  response: { status: number; schema?: R; description?: string };
  /** Error codes this operation may answer with, for the OpenAPI document. */
  errors?: string[];
  handler(ctx: AppContext, input: OperationInput<B, Q, P, A>): Promise<Output<R>>;
}

/** Identity function that lets TypeScript infer the operation's types from its schemas. */
export function defineOperation<
  B extends Schema = undefined,
  Q extends Schema = undefined,
  P extends Schema = undefined,
  R extends Schema = undefined,
  A extends boolean = true,
>(operation: Operation<B, Q, P, R, A>): Operation<B, Q, P, R, A> {
  return operation;
}

// biome-ignore lint/suspicious/noExplicitAny: a heterogeneous list of operations
export type AnyOperation = Operation<any, any, any, any, boolean>;
