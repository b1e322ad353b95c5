import type { Clock, TimerHandle } from '../clock.ts';

export type TypingState = 'typing' | 'recording' | 'stopped';

export interface TypingThrottleOptions {
  send(chatId: string, state: TypingState): void;
  clock: Clock;
  /** At most one 'typing' per chat this often; 'recording' repeats itself this often. */
  repeatMs?: number;
  /** 'stopped' goes out after this long without a keystroke. */
  idleMs?: number;
}

interface ChatTyping {
  state: 'typing' | 'recording';
  sentAt: number;
  timer: TimerHandle;
}

/**
 * Turns the composer's stream of keystrokes into few typing frames: one 'typing' per 3 s while
 * keys are pressed, 'stopped' after 5 s idle or at once when told (message sent, field cleared).
 * 'recording' (a voice message) repeats by itself until stopped, since no keystrokes refresh it
 * and recipients let an indicator expire after a few seconds without news.
 */
export class TypingThrottle {
  readonly #send: TypingThrottleOptions['send'];
  readonly #clock: Clock;
  readonly #repeatMs: number;
  readonly #idleMs: number;
  readonly #chats = new Map<string, ChatTyping>();

  constructor(options: TypingThrottleOptions) {
    this.#send = options.send;
    this.#clock = options.clock;
    this.#repeatMs = options.repeatMs ?? 3_000;
    this.#idleMs = options.idleMs ?? 5_000;
  }

  set(chatId: string, state: TypingState): void {
    const current = this.#chats.get(chatId);
    if (state === 'stopped') {
      if (!current) return;
      this.#clock.clearTimeout(current.timer);
      this.#chats.delete(chatId);
      this.#send(chatId, 'stopped');
      return;
    }
    const now = this.#clock.now();
    const due = !current || current.state !== state || now - current.sentAt >= this.#repeatMs;
    if (current) this.#clock.clearTimeout(current.timer);
    if (due) this.#send(chatId, state);
    const sentAt = due || !current ? now : current.sentAt;
    const timer =
      state === 'recording'
        ? this.#clock.setTimeout(() => this.#repeatRecording(chatId), this.#repeatMs)
        : this.#clock.setTimeout(() => this.set(chatId, 'stopped'), this.#idleMs);
    this.#chats.set(chatId, { state, sentAt, timer });
  }

  /** Forgets every chat without sending (the connection is going away). */
  clear(): void {
    for (const { timer } of this.#chats.values()) this.#clock.clearTimeout(timer);
    this.#chats.clear();
  }

  #repeatRecording(chatId: string): void {
    if (this.#chats.get(chatId)?.state !== 'recording') return;
    this.set(chatId, 'recording');
  }
}
