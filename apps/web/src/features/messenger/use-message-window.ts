import type { LocalStore, StoredMessage } from '@parley/client';
import { useEffect, useRef, useState } from 'react';
import {
  compareMessages,
  latestWindow,
  type MessageWindow,
  refreshedWindow,
  windowAround,
  withNewer,
  withOlder,
} from './message-window.ts';

const pageSize = 50;
/** The store's largest page. */
const maxPage = 500;

export interface MessageWindowControls {
  /** undefined while the first page loads. */
  window: MessageWindow | undefined;
  /** Identifies the window: it changes when the chat or the message to show changes. */
  key: string;
  loadOlder(): void;
  loadNewer(): void;
  /** Back to the newest messages (after jumping to an old one). */
  showLatest(): Promise<void>;
}

type Task = (window: MessageWindow | null) => Promise<MessageWindow | null>;

/**
 * The messages of a chat on screen, newest page first (or the page around `focusId`), paging
 * back and forth on demand and read again whenever the store changes the chat. All reads run
 * one after another, so a page and a change never interleave.
 */
export function useMessageWindow(
  store: LocalStore,
  chatId: string,
  focusId: string | null,
): MessageWindowControls {
  const key = `${chatId} ${focusId ?? ''}`;
  const [state, setState] = useState<{ key: string; window: MessageWindow } | null>(null);
  const controls = useRef<Omit<MessageWindowControls, 'window' | 'key'>>({
    loadOlder() {},
    loadNewer() {},
    showLatest: async () => {},
  });

  useEffect(() => {
    let cancelled = false;
    let current: MessageWindow | null = null;
    let queue: Promise<void> = Promise.resolve();
    let refreshQueued = false;
    let pagingOlder = false;
    let pagingNewer = false;

    const run = (task: Task): Promise<void> => {
      queue = queue
        .then(async () => {
          if (cancelled) return;
          const next = await task(current);
          if (cancelled || next === null) return;
          current = next;
          setState({ key, window: next });
        })
        .catch((error: unknown) => console.error('reading messages failed', error));
      return queue;
    };

    const latest = async () => latestWindow(await store.listMessages(chatId, { limit: pageSize }), pageSize);

    const first: Task = async () => {
      if (focusId === null) return latest();
      const half = Math.floor(pageSize / 2);
      const [older, focus, newer] = await Promise.all([
        store.listMessages(chatId, { before: focusId, limit: half }),
        store.getMessage(focusId),
        store.listMessages(chatId, { after: focusId, limit: half }),
      ]);
      return focus?.chatId === chatId ? windowAround(older, focus, newer, half) : latest();
    };

    const refresh: Task = async (window) => {
      refreshQueued = false;
      const oldest = window?.messages[0];
      if (!window || !oldest) return window?.hasNewer ? null : latest();
      const last = window.messages.at(-1);
      const after: StoredMessage[] = [];
      let cursor = oldest.id;
      for (;;) {
        const page = await store.listMessages(chatId, { after: cursor, limit: maxPage });
        after.push(...page);
        const end = page.at(-1);
        if (!end || page.length < maxPage) break;
        if (window.hasNewer && last && compareMessages(end, last) >= 0) break;
        cursor = end.id;
      }
      const firstNow = await store.getMessage(oldest.id);
      return refreshedWindow(window, firstNow, after);
    };

    void run(first);
    const unsubscribe = store.subscribe((changes) => {
      if (!changes.chats.includes(chatId) || refreshQueued) return;
      refreshQueued = true;
      void run(refresh);
    });

    controls.current = {
      loadOlder() {
        if (pagingOlder || !current?.hasOlder) return;
        pagingOlder = true;
        void run(async (window) => {
          const oldest = window?.messages[0];
          if (!window || !oldest) return null;
          return withOlder(
            window,
            await store.listMessages(chatId, { before: oldest.id, limit: pageSize }),
            pageSize,
          );
        }).finally(() => {
          pagingOlder = false;
        });
      },
      loadNewer() {
        if (pagingNewer || !current?.hasNewer) return;
        pagingNewer = true;
        void run(async (window) => {
          const newest = window?.messages.at(-1);
          if (!window || !newest) return null;
          return withNewer(
            window,
            await store.listMessages(chatId, { after: newest.id, limit: pageSize }),
            pageSize,
          );
        }).finally(() => {
          pagingNewer = false;
        });
      },
      showLatest: () => run(latest),
    };

    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [store, chatId, focusId, key]);

  return {
    window: state?.key === key ? state.window : undefined,
    key,
    loadOlder: () => controls.current.loadOlder(),
    loadNewer: () => controls.current.loadNewer(),
    showLatest: () => controls.current.showLatest(),
  };
}
