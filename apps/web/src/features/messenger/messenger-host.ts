import { type ApiClient, Messenger, openAttachmentStorage, openLocalStore } from '@parley/client';

/**
 * Opens and closes the signed-in account's Messenger, one at a time: the next one opens only
 * once the previous one has closed, because one page can hold a history database only once
 * (React's development double-mount opens, closes and opens again in quick succession).
 */
export class MessengerHost {
  #chain: Promise<unknown> = Promise.resolve();
  #current: { key: string; opening: Promise<Messenger> } | null = null;

  /** The Messenger for this account and token; the same one while they stay the same. */
  open(api: ApiClient, userId: string, token: string): Promise<Messenger> {
    const key = `${userId} ${token}`;
    if (this.#current?.key === key) return this.#current.opening;
    void this.close(false);
    const opening = this.#chain.then(async () => {
      const store = await openLocalStore({ userId });
      const messenger = new Messenger({
        api,
        store,
        token,
        attachmentStorage: openAttachmentStorage(userId),
      });
      messenger.start();
      // A known device refreshes its chat list too: names, photos and their signed URLs change.
      if (await store.hasChats()) messenger.chats.refresh().catch(() => {});
      return messenger;
    });
    this.#current = { key, opening };
    this.#chain = opening.catch(() => {});
    return opening;
  }

  /** Stops the open Messenger; `destroy` also deletes its history and files (signed out). */
  close(destroy: boolean): Promise<void> {
    const current = this.#current;
    this.#current = null;
    if (current === null) return this.#chain.then(() => {});
    const closing = this.#chain.then(async () => {
      const messenger = await current.opening.catch(() => null);
      if (messenger === null) return;
      if (destroy) {
        await messenger.destroy();
      } else {
        await messenger.stop();
        await messenger.store.close();
      }
    });
    this.#chain = closing.catch((error: unknown) => console.error('closing the messenger failed', error));
    return closing;
  }
}
