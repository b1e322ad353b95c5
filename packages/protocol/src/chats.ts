import { z } from 'zod';
import { idSchema, isoTimeSchema } from './common.ts';
import { publicUserSchema } from './users.ts';

export const chatLimits = {
  maxGroupMembers: 1024,
  titleMax: 100,
  descriptionMax: 512,
  /** Members added in one request. */
  addMembersMax: 256,
} as const;

export const chatKindSchema = z.enum(['direct', 'group']);
export const memberRoleSchema = z.enum(['admin', 'member']);
export type MemberRole = z.infer<typeof memberRoleSchema>;

export const chatMemberSchema = z.object({
  user: publicUserSchema,
  role: memberRoleSchema,
  joinedAt: isoTimeSchema,
});
export type ChatMember = z.infer<typeof chatMemberSchema>;

/** What the server knows of a chat: who is in it and its settings. The history lives on devices. */
export const chatSchema = z.object({
  id: idSchema,
  kind: chatKindSchema,
  /** Groups only; a direct chat is shown under the other member's name. */
  title: z.string().nullable(),
  description: z.string(),
  avatar: z.object({ large: z.string(), small: z.string() }).nullable(),
  members: z.array(chatMemberSchema),
  createdBy: idSchema,
  createdAt: isoTimeSchema,
});
export type Chat = z.infer<typeof chatSchema>;

export const chatTitleSchema = z.string().trim().min(1).max(chatLimits.titleMax);
export const chatDescriptionSchema = z.string().trim().max(chatLimits.descriptionMax);

export const openDirectChatSchema = z.strictObject({ userId: idSchema });
export const createGroupSchema = z.strictObject({
  title: chatTitleSchema,
  description: chatDescriptionSchema.optional(),
  memberIds: z.array(idSchema).max(chatLimits.addMembersMax),
});
export type CreateGroup = z.infer<typeof createGroupSchema>;

export const updateGroupSchema = z
  .strictObject({ title: chatTitleSchema.optional(), description: chatDescriptionSchema.optional() })
  .refine((v) => v.title !== undefined || v.description !== undefined, 'nothing to update');
export type UpdateGroup = z.infer<typeof updateGroupSchema>;

export const addMembersSchema = z.strictObject({
  userIds: z.array(idSchema).min(1).max(chatLimits.addMembersMax),
});
export const setMemberRoleSchema = z.strictObject({ role: memberRoleSchema });
export const chatListSchema = z.object({ chats: z.array(chatSchema) });
export const chatIdParamsSchema = z.strictObject({ chatId: idSchema });
export const chatMemberParamsSchema = z.strictObject({ chatId: idSchema, userId: idSchema });

export const presenceSchema = z.object({
  userId: idSchema,
  online: z.boolean(),
  /** When the user was last connected; null while online or if never seen. */
  lastSeenAt: isoTimeSchema.nullable(),
});
export type Presence = z.infer<typeof presenceSchema>;
