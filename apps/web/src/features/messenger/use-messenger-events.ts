import type { ConnectionState, Messenger, TypingPerson } from '@parley/client';
import type { Presence } from '@parley/protocol';
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';

export function useConnection(messenger: Messenger): ConnectionState {
  const subscribe = useCallback((notify: () => void) => messenger.on('connection', notify), [messenger]);
  return useSyncExternalStore(subscribe, () => messenger.connection);
}

/** Who is typing in a chat; re-renders when it changes. */
export function useTyping(messenger: Messenger, chatId: string): TypingPerson[] {
  const [people, setPeople] = useState<TypingPerson[]>(() => messenger.typingIn(chatId));
  useEffect(() => {
    setPeople(messenger.typingIn(chatId));
    return messenger.on('typing', (changed) => {
      if (changed === chatId) setPeople(messenger.typingIn(chatId));
    });
  }, [messenger, chatId]);
  return people;
}

/** Who is typing in every chat, for the chat list. */
export function useTypingEverywhere(messenger: Messenger): (chatId: string) => TypingPerson[] {
  const [, setVersion] = useState(0);
  useEffect(() => messenger.on('typing', () => setVersion((v) => v + 1)), [messenger]);
  return (chatId) => messenger.typingIn(chatId);
}

/** A user's presence, fetched once and then kept live from the gateway. */
export function usePresence(messenger: Messenger, userId: string | null): Presence | null {
  const [presence, setPresence] = useState<Presence | null>(() =>
    userId === null ? null : messenger.presenceOf(userId),
  );
  useEffect(() => {
    if (userId === null) {
      setPresence(null);
      return;
    }
    setPresence(messenger.presenceOf(userId));
    messenger.fetchPresence(userId).catch(() => {
      // Offline: the header shows no presence until the gateway brings one.
    });
    return messenger.on('presence', (update) => {
      if (update.userId === userId) setPresence(update);
    });
  }, [messenger, userId]);
  return presence;
}
