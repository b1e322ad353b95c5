import type { Chat, CreateGroup, MemberRole, UpdateGroup } from '@parley/protocol';
import type { ApiClient } from '../api-client.ts';
import type { Logger } from '../logger.ts';
import type { LocalStore } from '../store/local-store.ts';

/**
 * Chats over HTTP: creating and changing them, and fetching the ones this device lacks. Every
 * answer is saved to the store at once, so the chat list shows it without waiting for the
 * gateway's chat-updated event (which then changes nothing).
 */
export class ChatDirectory {
  readonly #api: ApiClient;
  readonly #store: LocalStore;
  readonly #logger: Logger;
  readonly #fetching = new Set<string>();

  constructor(api: ApiClient, store: LocalStore, logger: Logger) {
    this.#api = api;
    this.#store = store;
    this.#logger = logger;
  }

  /** Fetches every chat I am in (a new device, or a manual refresh). */
  async refresh(): Promise<void> {
    await this.#store.saveChats(await this.#api.listChats());
  }

  /** The direct chat with a user, created on the server if there is none yet. */
  openDirect(userId: string): Promise<Chat> {
    return this.#saved(this.#api.openDirectChat(userId));
  }

  createGroup(body: CreateGroup): Promise<Chat> {
    return this.#saved(this.#api.createGroup(body));
  }

  updateGroup(chatId: string, body: UpdateGroup): Promise<Chat> {
    return this.#saved(this.#api.updateGroup(chatId, body));
  }

  addMembers(chatId: string, userIds: string[]): Promise<Chat> {
    return this.#saved(this.#api.addMembers(chatId, userIds));
  }

  /** Removes a member, or leaves when `userId` is mine; the gateway then brings the change. */
  removeMember(chatId: string, userId: string): Promise<void> {
    return this.#api.removeMember(chatId, userId);
  }

  setMemberRole(chatId: string, userId: string, role: MemberRole): Promise<Chat> {
    return this.#saved(this.#api.setMemberRole(chatId, userId, role));
  }

  setAvatar(chatId: string, image: Blob, onProgress?: (fraction: number) => void): Promise<Chat> {
    return this.#saved(this.#api.uploadChatAvatar(chatId, image, onProgress ? { onProgress } : {}));
  }

  removeAvatar(chatId: string): Promise<Chat> {
    return this.#saved(this.#api.deleteChatAvatar(chatId));
  }

  /** On start: the whole list for a new device, then any chat known only by its messages. */
  async bootstrap(): Promise<void> {
    try {
      if (!(await this.#store.hasChats())) await this.refresh();
      await this.fetchMissing(await this.#store.chatsWithoutSnapshot());
    } catch (error) {
      this.#logger.warn({ error }, 'chat list not fetched; the gateway brings chats as they change');
    }
  }

  /** Fetches chats that messages arrived in before their snapshot did. */
  async fetchMissing(chatIds: string[]): Promise<void> {
    const wanted = chatIds.filter((chatId) => !this.#fetching.has(chatId));
    for (const chatId of wanted) this.#fetching.add(chatId);
    try {
      const chats = await Promise.all(
        wanted.map((chatId) =>
          this.#api.getChat(chatId).catch((error: unknown) => {
            this.#logger.warn({ error, chatId }, 'chat not fetched; fetched again on next start');
            return null;
          }),
        ),
      );
      const found = chats.filter((chat): chat is Chat => chat !== null);
      if (found.length > 0) await this.#store.saveChats(found);
    } finally {
      for (const chatId of wanted) this.#fetching.delete(chatId);
    }
  }

  async #saved(request: Promise<Chat>): Promise<Chat> {
    const chat = await request;
    await this.#store.saveChats([chat]);
    return chat;
  }
}
