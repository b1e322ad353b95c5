import { z } from 'zod';
import { chatSchema } from './chats.ts';
import { idSchema, isoTimeSchema } from './common.ts';
import { contentSchema, messageSchema, receiptStateSchema } from './messages.ts';

/**
 * Everything queued for a device: kept by the server until that device acknowledges it (or the
 * TTL passes), delivered in order with a per-device sequence number.
 */
export const eventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('message'), message: messageSchema }),
  z.object({
    type: z.literal('message-edited'),
    chatId: idSchema,
    messageId: idSchema,
    content: contentSchema,
    editedAt: isoTimeSchema,
  }),
  z.object({
    type: z.literal('message-deleted'),
    chatId: idSchema,
    messageId: idSchema,
    /** false: deleted by one of my devices for me only. */
    forEveryone: z.boolean(),
    deletedBy: idSchema,
  }),
  z.object({
    type: z.literal('reaction'),
    chatId: idSchema,
    messageId: idSchema,
    userId: idSchema,
    /** null removes the user's reaction. */
    emoji: z.string().nullable(),
  }),
  z.object({
    type: z.literal('receipt'),
    chatId: idSchema,
    messageIds: z.array(idSchema),
    userId: idSchema,
    state: receiptStateSchema,
    at: isoTimeSchema,
  }),
  /** Another of my devices read a chat up to a message: clear its unread count here too. */
  z.object({ type: z.literal('chat-read'), chatId: idSchema, upToMessageId: idSchema }),
  /** A chat I am in was created or changed (members, title, description, avatar). */
  z.object({ type: z.literal('chat-updated'), chat: chatSchema }),
  /** I am no longer a member (removed or left). */
  z.object({ type: z.literal('chat-removed'), chatId: idSchema }),
]);
export type ParleyEvent = z.infer<typeof eventSchema>;
