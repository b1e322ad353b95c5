import type { Chat } from '@parley/protocol';
import { chatAvatarUrl, chatTitle, personName } from '../messenger/people.ts';
import type { CallView } from './calls-api.ts';

/** Who a call is with, as its screens show it: the caller when a direct call rings here, else the chat. */
export interface CallParty {
  name: string;
  avatarUrl: string | null;
}

export function callParty(view: CallView, chat: Chat | null, me: string): CallParty {
  const { caller } = view.call;
  if (chat !== null && !(view.direction === 'incoming' && view.call.kind === 'direct'))
    return { name: chatTitle(chat, me), avatarUrl: chatAvatarUrl(chat, me, 'large') };
  return { name: personName(caller), avatarUrl: caller.avatar?.large ?? null };
}
