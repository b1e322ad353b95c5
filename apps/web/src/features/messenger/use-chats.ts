import type { ChatSummary } from '@parley/client';
import { useMemo } from 'react';
import { useSignedInSession } from '../../app/session-context.ts';
import { useMessenger } from './messenger-context.ts';
import { type People, peopleFrom } from './people.ts';
import { useStoreQuery } from './use-store-query.ts';

/** The chat list, most recent activity first; undefined while loading. */
export function useChats(): ChatSummary[] | undefined {
  const { store } = useMessenger();
  return useStoreQuery(
    store,
    'chats',
    () => store.listChats(),
    (changes) => changes.chats.length > 0,
  );
}

/** One chat; null when it is not on this device, undefined while loading. */
export function useChat(chatId: string): ChatSummary | null | undefined {
  const { store } = useMessenger();
  return useStoreQuery(
    store,
    `chat ${chatId}`,
    () => store.getChat(chatId),
    (changes) => changes.chats.includes(chatId),
  );
}

/** Names of everyone met in a chat (and me), kept current as chats change. */
export function usePeople(): People {
  const { store } = useMessenger();
  const { me } = useSignedInSession();
  const known = useStoreQuery(
    store,
    'people',
    () => store.people(),
    (changes) => changes.chats.length > 0,
  );
  return useMemo(() => {
    const self = {
      id: me.id,
      phone: me.phone,
      displayName: me.displayName,
      about: me.about,
      avatar: me.avatar,
    };
    return peopleFrom(me.id, [...(known ?? []), self]);
  }, [known, me]);
}
