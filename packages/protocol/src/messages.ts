import { z } from 'zod';
import { callMediaSchema, callOutcomeSchema } from './calls.ts';
import { idSchema, isoTimeSchema } from './common.ts';

export const messageLimits = {
  textMaxBytes: 64 * 1024,
  attachmentsPerMessage: 10,
  /** Own messages can be edited this long after sending (as in WhatsApp). */
  editWindowMs: 15 * 60 * 1000,
  /** Own messages can be deleted for everyone this long after sending. */
  deleteForEveryoneWindowMs: 48 * 3600 * 1000,
  reactionMaxLength: 16,
} as const;

const utf8 = new TextEncoder();
export const messageTextSchema = z
  .string()
  .min(1)
  .refine((text) => utf8.encode(text).length <= messageLimits.textMaxBytes, 'text is larger than 64 KiB')
  .refine((text) => text.trim().length > 0, 'text is blank');

export const attachmentKindSchema = z.enum(['image', 'video', 'audio', 'voice', 'file']);
export type AttachmentKind = z.infer<typeof attachmentKindSchema>;

/**
 * An uploaded file as it travels inside a message. The server fills it from its own records
 * (type sniffed, dimensions, duration, waveform measured), so recipients can trust it.
 */
export const attachmentSchema = z.object({
  id: idSchema,
  kind: attachmentKindSchema,
  name: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  durationMs: z.number().int().nullable(),
  /** Voice and audio: 64 peak levels, 0-255. */
  waveform: z.array(z.number().int().min(0).max(255)).nullable(),
  /**
   * Download with the session token (Authorization: Bearer), members of the chat only. The file is
   * deleted once every recipient device has downloaded it, so clients keep their own copy.
   */
  url: z.string(),
  thumbnailUrl: z.string().nullable(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

/** One emoji (the user's single reaction to a message). */
export const reactionEmojiSchema = z
  .string()
  .min(1)
  .max(messageLimits.reactionMaxLength)
  .regex(/^(\p{Extended_Pictographic}|\p{Regional_Indicator})/u, 'must be an emoji');

/** The new text of an edited message (for a photo or video, its caption). */
export const editedContentSchema = z.strictObject({ type: z.literal('text'), text: messageTextSchema });
export type EditedContent = z.infer<typeof editedContentSchema>;

const replyTo = idSchema.optional();
const forwarded = z.boolean().optional();

/** What a client may send. Attachments are referenced by the ids the upload returned. */
export const outgoingContentSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('text'), text: messageTextSchema, replyTo, forwarded }),
  z.strictObject({
    type: z.literal('media'),
    attachmentIds: z.array(idSchema).min(1).max(messageLimits.attachmentsPerMessage),
    caption: messageTextSchema.optional(),
    replyTo,
    forwarded,
  }),
  z.strictObject({ type: z.literal('voice'), attachmentId: idSchema, replyTo, forwarded }),
]);
export type OutgoingContent = z.infer<typeof outgoingContentSchema>;

export const systemActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('group-created'), title: z.string() }),
  z.object({ action: z.literal('members-added'), userIds: z.array(idSchema) }),
  z.object({ action: z.literal('member-removed'), userId: idSchema }),
  z.object({ action: z.literal('member-left'), userId: idSchema }),
  z.object({ action: z.literal('role-changed'), userId: idSchema, role: z.enum(['admin', 'member']) }),
  z.object({ action: z.literal('title-changed'), title: z.string() }),
  z.object({ action: z.literal('description-changed') }),
  z.object({ action: z.literal('avatar-changed') }),
  /** A call in this chat ended (sent by the caller): shown as outgoing, incoming or missed. */
  z.object({
    action: z.literal('call'),
    callId: idSchema,
    media: callMediaSchema,
    outcome: callOutcomeSchema,
    durationSeconds: z.number().int(),
  }),
]);
export type SystemAction = z.infer<typeof systemActionSchema>;

/** What recipients get: attachments expanded by the server; system messages from the server. */
export const contentSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string(), replyTo, forwarded }),
  z.object({
    type: z.literal('media'),
    attachments: z.array(attachmentSchema),
    caption: z.string().optional(),
    replyTo,
    forwarded,
  }),
  z.object({ type: z.literal('voice'), attachment: attachmentSchema, replyTo, forwarded }),
  z.object({ type: z.literal('system'), system: systemActionSchema }),
]);
export type Content = z.infer<typeof contentSchema>;

export const messageSchema = z.object({
  id: idSchema,
  chatId: idSchema,
  senderId: idSchema,
  senderDeviceId: idSchema.nullable(),
  sentAt: isoTimeSchema,
  content: contentSchema,
});
export type Message = z.infer<typeof messageSchema>;

export const receiptStateSchema = z.enum(['delivered', 'read']);
export type ReceiptState = z.infer<typeof receiptStateSchema>;
