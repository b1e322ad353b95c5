import type { StoredMessage } from '@parley/client';
import { messageLimits } from '@parley/protocol';

/** Which items a message's menu offers. */
export interface MessageActions {
  reply: boolean;
  react: boolean;
  copy: boolean;
  edit: boolean;
  forward: boolean;
  info: boolean;
  deleteForMe: boolean;
  deleteForEveryone: boolean;
}

const none: MessageActions = {
  reply: false,
  react: false,
  copy: false,
  edit: false,
  forward: false,
  info: false,
  deleteForMe: false,
  deleteForEveryone: false,
};

/**
 * The actions the server would accept now, so the menu never offers one that fails: edits for
 * 15 minutes and deletes for everyone for 48 hours after sending (unsent messages any time).
 * `canSend` is false once I left the chat.
 */
export function messageActions(message: StoredMessage, now: number, canSend: boolean): MessageActions {
  const content = message.content;
  if (content?.type === 'system') return none;
  if (message.deleted || content === null) return { ...none, deleteForMe: true };
  const unsent = message.own && (message.state === 'pending' || message.state === 'failed');
  const age = now - Date.parse(message.sentAt);
  return {
    reply: canSend && !unsent,
    react: canSend && !unsent,
    copy: content.type === 'text' || (content.type === 'media' && Boolean(content.caption)),
    edit: canSend && message.own && content.type === 'text' && (unsent || age <= messageLimits.editWindowMs),
    forward: !unsent,
    info: message.own && !unsent,
    deleteForMe: true,
    deleteForEveryone: canSend && message.own && (unsent || age <= messageLimits.deleteForEveryoneWindowMs),
  };
}

/** The text a "Copy" puts on the clipboard. */
export function copyableText(message: StoredMessage): string | null {
  const content = message.content;
  if (content?.type === 'text') return content.text;
  if (content?.type === 'media') return content.caption ?? null;
  return null;
}
