import type { StoreChanges } from './records.ts';

/** Collects what one store operation touched; emitted to subscribers after it commits. */
export class ChangeSet {
  readonly #chats = new Set<string>();
  readonly #messages = new Set<string>();

  chat(chatId: string): void {
    this.#chats.add(chatId);
  }

  message(chatId: string, messageId: string): void {
    this.#chats.add(chatId);
    this.#messages.add(messageId);
  }

  get empty(): boolean {
    return this.#chats.size === 0 && this.#messages.size === 0;
  }

  toJSON(): StoreChanges {
    return { chats: [...this.#chats], messages: [...this.#messages] };
  }
}
