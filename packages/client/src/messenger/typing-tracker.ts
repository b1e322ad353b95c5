import type { Clock, TimerHandle } from '../clock.ts';
import type { TypingSignal } from '../gateway/connection-state.ts';

export interface TypingPerson {
  userId: string;
  state: 'typing' | 'recording';
}

/**
 * Who is typing where, from the transient typing frames. An indicator expires after `expireMs`
 * without news, since a 'stopped' frame can be lost with a connection.
 */
export class TypingTracker {
  readonly #clock: Clock;
  readonly #expireMs: number;
  readonly #onChange: (chatId: string) => void;
  readonly #chats = new Map<string, Map<string, { state: TypingPerson['state']; timer: TimerHandle }>>();

  constructor(options: { clock: Clock; onChange(chatId: string): void; expireMs?: number }) {
    this.#clock = options.clock;
    this.#onChange = options.onChange;
    this.#expireMs = options.expireMs ?? 6_000;
  }

  receive(signal: TypingSignal): void {
    if (signal.state === 'stopped') {
      this.stopped(signal.chatId, signal.userId);
      return;
    }
    const people = this.#chats.get(signal.chatId) ?? new Map();
    const previous = people.get(signal.userId);
    if (previous) this.#clock.clearTimeout(previous.timer);
    people.set(signal.userId, {
      state: signal.state,
      timer: this.#clock.setTimeout(() => this.stopped(signal.chatId, signal.userId), this.#expireMs),
    });
    this.#chats.set(signal.chatId, people);
    if (previous?.state !== signal.state) this.#onChange(signal.chatId);
  }

  /** The person stopped, or their message arrived (which ends typing without a frame). */
  stopped(chatId: string, userId: string): void {
    const people = this.#chats.get(chatId);
    const entry = people?.get(userId);
    if (!people || !entry) return;
    this.#clock.clearTimeout(entry.timer);
    people.delete(userId);
    if (people.size === 0) this.#chats.delete(chatId);
    this.#onChange(chatId);
  }

  typingIn(chatId: string): TypingPerson[] {
    return [...(this.#chats.get(chatId) ?? new Map()).entries()].map(([userId, { state }]) => ({
      userId,
      state,
    }));
  }

  clear(): void {
    for (const people of this.#chats.values()) {
      for (const { timer } of people.values()) this.#clock.clearTimeout(timer);
    }
    const chats = [...this.#chats.keys()];
    this.#chats.clear();
    for (const chatId of chats) this.#onChange(chatId);
  }
}
