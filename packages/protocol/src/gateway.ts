import { z } from 'zod';
import { errorCodeSchema } from './errors.ts';

/** Largest client frame the gateway accepts, in bytes. */
export const maxClientFrameBytes = 128 * 1024;

export const clientFrameSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ping'), id: z.string().min(1).max(64) }),
]);
export type ClientFrame = z.infer<typeof clientFrameSchema>;

export const serverFrameSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('ready'),
    userId: z.string(),
    deviceId: z.string(),
    heartbeatSeconds: z.number(),
  }),
  z.object({ type: z.literal('ack'), id: z.string() }),
  z.object({ type: z.literal('pong'), id: z.string() }),
  z.object({
    type: z.literal('error'),
    id: z.string().optional(),
    code: errorCodeSchema,
    message: z.string(),
  }),
  z.object({ type: z.literal('signed-out'), reason: z.string() }),
]);
export type ServerFrame = z.infer<typeof serverFrameSchema>;
