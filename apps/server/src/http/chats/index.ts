import type { AnyOperation } from '../operation.ts';
import { addMembersOperation } from './add-members.ts';
import { createGroupOperation } from './create-group.ts';
import { getChatOperation } from './get-chat.ts';
import { getPresenceOperation } from './get-presence.ts';
import { listChatsOperation } from './list-chats.ts';
import { openDirectChatOperation } from './open-direct-chat.ts';
import { removeGroupAvatarOperation } from './remove-group-avatar.ts';
import { removeMemberOperation } from './remove-member.ts';
import { setGroupAvatarOperation } from './set-group-avatar.ts';
import { setMemberRoleOperation } from './set-member-role.ts';
import { updateGroupOperation } from './update-group.ts';

/** Chat and group operations (membership and settings; messages travel over the gateway). */
export const chatOperations: AnyOperation[] = [
  openDirectChatOperation,
  createGroupOperation,
  listChatsOperation,
  getChatOperation,
  updateGroupOperation,
  addMembersOperation,
  removeMemberOperation,
  setMemberRoleOperation,
  setGroupAvatarOperation,
  removeGroupAvatarOperation,
  getPresenceOperation,
];
