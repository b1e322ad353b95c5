import { errorBodySchema, errorCodes } from '@parley/protocol';
import { z } from 'zod';
import type { AnyOperation } from './operation.ts';

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as JsonSchema;
}

/** Fastify's `:id` path syntax to OpenAPI's `{id}`. */
function openApiPath(url: string): string {
  return url.replace(/:(\w+)/g, '{$1}').replace(/\*$/, '{key}');
}

function parameters(schema: z.ZodType | undefined, location: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const object = jsonSchema(schema, 'input') as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (object.required ?? []).includes(name),
    schema: property,
  }));
}

/** The OpenAPI 3 document of every operation, generated from the same zod schemas that validate them. */
export function buildOpenApi(
  operations: AnyOperation[],
  info: { version: string; serverUrl: string },
): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of operations) {
    const responses: Record<string, JsonSchema> = {
      [op.response.status]: op.response.schema
        ? {
            description: op.response.description ?? 'Success',
            content: { 'application/json': { schema: jsonSchema(op.response.schema, 'output') } },
          }
        : { description: op.response.description ?? 'Success, no content' },
    };
    const errorCodesOf = [
      ...(op.errors ?? []),
      ...(op.body || op.query || op.params ? ['VALIDATION_FAILED'] : []),
    ];
    if (op.auth) errorCodesOf.push('UNAUTHENTICATED');
    for (const code of errorCodesOf) {
      const status = String(errorCodes[code as keyof typeof errorCodes]);
      const existing = responses[status] as { description: string } | undefined;
      responses[status] = {
        description: existing ? `${existing.description}, ${code}` : code,
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
    const requestBody = op.body
      ? { required: true, content: { 'application/json': { schema: jsonSchema(op.body, 'input') } } }
      : op.rawBody
        ? {
            required: true,
            description: op.rawBody.description,
            content: Object.fromEntries(
              op.rawBody.contentTypes.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
            ),
          }
        : undefined;
    const path = openApiPath(op.url);
    paths[path] ??= {};
    paths[path][op.method.toLowerCase()] = {
      summary: op.summary,
      tags: [op.tag],
      ...(op.auth ? { security: [{ bearer: [] }] } : {}),
      parameters: [...parameters(op.params, 'path'), ...parameters(op.query, 'query')],
      ...(requestBody ? { requestBody } : {}),
      responses,
    };
  }
  return {
    openapi: '3.0.3',
    info: { title: 'Parley API', version: info.version },
    servers: [{ url: info.serverUrl }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: jsonSchema(errorBodySchema, 'output') },
    },
  };
}
