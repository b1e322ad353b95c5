import { z } from 'zod';
import { callClientFrameSchemas, callConnectionSchema, callServerFrameSchemas } from './calls.ts';
import { presenceSchema } from './chats.ts';
import { idSchema } from './common.ts';
import { errorCodeSchema } from './errors.ts';
import { eventSchema } from './events.ts';
import { editedContentSchema, outgoingContentSchema, reactionEmojiSchema } from './messages.ts';

/** Largest client frame the gateway accepts, in bytes (a 64 KiB text plus its envelope). */
export const maxClientFrameBytes = 128 * 1024;

export const gatewayLimits = {
  heartbeatSeconds: 25,
  /** Queued events sent but not yet acknowledged before the server waits for acks. */
  maxUnackedEvents: 500,
} as const;

const frameId = z.string().min(1).max(64);
const seq = z.number().int().min(0);

/**
 * Frames a device sends. Each carries an id and is answered by an `ok` or `error` frame with that
 * id. `hello` starts the delivery of queued events after the given sequence number.
 */
export const clientFrameSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ping'), id: frameId }),
  z.strictObject({ type: z.literal('hello'), id: frameId, lastSeq: seq }),
  /** Acknowledges every event up to and including `seq`. */
  z.strictObject({ type: z.literal('ack'), id: frameId, seq }),
  z.strictObject({
    type: z.literal('send'),
    id: frameId,
    /** Created by the client (ULID), so a retried send is stored once. */
    messageId: idSchema,
    chatId: idSchema,
    content: outgoingContentSchema,
  }),
  z.strictObject({
    type: z.literal('edit'),
    id: frameId,
    chatId: idSchema,
    messageId: idSchema,
    content: editedContentSchema,
  }),
  z.strictObject({
    type: z.literal('delete'),
    id: frameId,
    chatId: idSchema,
    messageId: idSchema,
    forEveryone: z.boolean(),
  }),
  z.strictObject({
    type: z.literal('react'),
    id: frameId,
    chatId: idSchema,
    messageId: idSchema,
    emoji: reactionEmojiSchema.nullable(),
  }),
  /** I have seen the chat up to this message: read receipts go to the senders. */
  z.strictObject({ type: z.literal('read'), id: frameId, chatId: idSchema, upToMessageId: idSchema }),
  z.strictObject({
    type: z.literal('typing'),
    id: frameId,
    chatId: idSchema,
    state: z.enum(['typing', 'recording', 'stopped']),
  }),
  ...callClientFrameSchemas,
]);
export type ClientFrame = z.infer<typeof clientFrameSchema>;
export type ClientFrameType = ClientFrame['type'];

export const sendResultSchema = z.object({ messageId: idSchema, sentAt: z.string() });
export type SendResult = z.infer<typeof sendResultSchema>;

export const serverFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), userId: idSchema, deviceId: idSchema, heartbeatSeconds: z.number() }),
  /** The answer to a client frame; `data` is a SendResult for `send`, a CallConnection for calls. */
  z.object({
    type: z.literal('ok'),
    id: z.string(),
    data: z.union([sendResultSchema, callConnectionSchema]).optional(),
  }),
  z.object({
    type: z.literal('error'),
    id: z.string().optional(),
    code: errorCodeSchema,
    message: z.string(),
  }),
  /** A queued event; acknowledge its `seq` once it is safely stored. */
  z.object({ type: z.literal('event'), seq, event: eventSchema }),
  /** Every event queued when `hello` arrived has been sent; later ones follow as they come. */
  z.object({ type: z.literal('caught-up'), seq }),
  z.object({
    type: z.literal('typing'),
    chatId: idSchema,
    userId: idSchema,
    state: z.enum(['typing', 'recording', 'stopped']),
  }),
  z.object({ type: z.literal('presence'), presence: presenceSchema }),
  z.object({ type: z.literal('signed-out'), reason: z.string() }),
  ...callServerFrameSchemas,
]);
export type ServerFrame = z.infer<typeof serverFrameSchema>;
