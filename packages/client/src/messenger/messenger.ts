import { type Attachment, type Content, messageLimits, type Presence } from '@parley/protocol';
import type { ApiClient } from '../api-client.ts';
import { ApiError, isApiError } from '../api-error.ts';
import { AttachmentCache, attachmentsOf } from '../attachments/attachment-cache.ts';
import { type BlobStorage, memoryBlobStorage } from '../attachments/blob-storage.ts';
import { Calls, type CallTiming } from '../calls/calls.ts';
import type { CallRoom, CallRoomOptions } from '../calls/room-link.ts';
import { type Clock, systemClock } from '../clock.ts';
import { Emitter } from '../emitter.ts';
import type { ConnectionState } from '../gateway/connection-state.ts';
import { gatewayUrl } from '../gateway/frames.ts';
import { Gateway } from '../gateway/gateway.ts';
import type { GatewayTiming } from '../gateway/gateway-options.ts';
import type { NetworkMonitor } from '../gateway/network.ts';
import { OutboxSender } from '../gateway/outbox-sender.ts';
import { type Logger, silentLogger } from '../logger.ts';
import { MeetingRoom } from '../meetings/meeting-room.ts';
import { browserRtc, type RtcEnvironment } from '../meetings/rtc-environment.ts';
import type { LocalStore } from '../store/local-store.ts';
import type { OutboxOp } from '../store/outbox-table.ts';
import type { IncomingMessage, QueuedEvent } from '../store/records.ts';
import { ulid } from '../ulid.ts';
import { ChatDirectory } from './chat-directory.ts';
import { type TypingState, TypingThrottle } from './typing-throttle.ts';
import { type TypingPerson, TypingTracker } from './typing-tracker.ts';
import { defaultVisibility, type VisibilityMonitor } from './visibility.ts';

/** Every this many failed reconnects, ask over HTTP whether the session still exists. */
const sessionCheckEvery = 3;

export interface MessengerOptions {
  api: ApiClient;
  store: LocalStore;
  /** The session token, as given to the ApiClient. */
  token: string;
  /** Origin of the Parley server; '' (default) is this page's origin. */
  baseUrl?: string;
  /** The WebSocket class; Node 20 has none, so tests pass the `ws` package's. */
  webSocket?: typeof WebSocket;
  clock?: Clock;
  logger?: Logger;
  network?: NetworkMonitor;
  visibility?: VisibilityMonitor;
  gatewayTiming?: Partial<GatewayTiming>;
  /** Makes message ids (ULIDs). */
  newId?: () => string;
  /**
   * Where this device keeps attachment copies: `openAttachmentStorage(userId)` in browsers.
   * Defaults to memory, which forgets them when the page closes.
   */
  attachmentStorage?: BlobStorage;
  /** The browser's media APIs for calls (browserRtc()); tests pass fakes. */
  rtc?: RtcEnvironment;
  /** Makes a call's SFU room; defaults to a MeetingRoom on this server. */
  callRoom?: (options: CallRoomOptions) => CallRoom;
  callTiming?: Partial<CallTiming>;
}

export interface MessengerEvents {
  connection: [ConnectionState];
  /** Who is typing in this chat changed: read typingIn(chatId). */
  typing: [chatId: string];
  presence: [Presence];
  /** New messages from others arrived (for in-page and browser notifications). */
  incoming: [IncomingMessage[]];
  /** The server refused a queued action for good; the store marked or undid it. */
  rejected: [{ op: OutboxOp; error: ApiError }];
}

export interface SendOptions {
  /** The id of the message this one replies to. */
  replyTo?: string;
}

export interface AttachmentSendOptions extends SendOptions {
  caption?: string;
  /** Send one recorded audio file as a voice message. */
  voice?: boolean;
  /** Marks the message as forwarded (forward() sets it). */
  forwarded?: boolean;
  /** Upload progress over all files, 0..1. */
  onProgress?(fraction: number): void;
}

/**
 * The messenger of one signed-in device for the web app: the gateway connection, the outbox
 * and the local history, tied together. Everything the person does is stored locally first and
 * sent when connected; views read `store` and re-query on `store.subscribe`.
 */
export class Messenger {
  readonly api: ApiClient;
  readonly store: LocalStore;
  /** Creating and changing chats over HTTP. */
  readonly chats: ChatDirectory;
  /** This device's copies of attachments: views read files and thumbnails from here. */
  readonly attachments: AttachmentCache;
  /** Voice and video calls from chats: ringing, answering, the call in progress. */
  readonly calls: Calls;
  readonly #gateway: Gateway;
  readonly #outbox: OutboxSender;
  readonly #typingOut: TypingThrottle;
  readonly #typingIn: TypingTracker;
  readonly #events = new Emitter<MessengerEvents>();
  readonly #presence = new Map<string, Presence>();
  readonly #visibility: VisibilityMonitor;
  readonly #logger: Logger;
  readonly #newId: () => string;
  #connection: ConnectionState = { status: 'offline', reason: 'stopped' };
  #openChatId: string | null = null;
  #started = false;
  #unsubscribeVisibility: (() => void) | undefined;

  constructor(options: MessengerOptions) {
    const clock = options.clock ?? systemClock;
    this.api = options.api;
    this.store = options.store;
    this.#logger = options.logger ?? silentLogger;
    this.#visibility = options.visibility ?? defaultVisibility();
    this.#newId = options.newId ?? ulid;
    this.chats = new ChatDirectory(this.api, this.store, this.#logger);
    this.attachments = new AttachmentCache({
      api: this.api,
      storage: options.attachmentStorage ?? memoryBlobStorage(),
      logger: this.#logger,
    });
    this.#gateway = new Gateway({
      url: gatewayUrl(options.baseUrl ?? ''),
      token: options.token,
      sink: { resume: (identity) => this.store.resume(identity), apply: (events) => this.#apply(events) },
      clock,
      logger: this.#logger,
      ...(options.webSocket ? { webSocket: options.webSocket } : {}),
      ...(options.network ? { network: options.network } : {}),
      ...(options.gatewayTiming ? { timing: options.gatewayTiming } : {}),
    });
    const rtc = options.rtc ?? browserRtc();
    this.calls = new Calls({
      gateway: this.#gateway,
      api: this.api,
      rtc,
      clock,
      logger: this.#logger,
      createRoom:
        options.callRoom ??
        ((room) =>
          new MeetingRoom({
            baseUrl: options.baseUrl ?? '',
            participantToken: room.participantToken,
            iceTransportPolicy: room.iceTransportPolicy,
            clock,
            logger: this.#logger,
            rtc,
            ...(options.webSocket ? { webSocket: options.webSocket } : {}),
          })),
      membersOf: async (chatId) =>
        (await this.store.getChat(chatId))?.chat.members.map((member) => member.user) ?? [],
      ...(options.callTiming ? { timing: options.callTiming } : {}),
    });
    this.#outbox = new OutboxSender({
      store: this.store,
      request: async (op) => {
        const data = await this.#gateway.request(op);
        return data && 'messageId' in data ? data : undefined;
      },
      onRejected: (op, error) => this.#events.emit('rejected', { op, error }),
      clock,
      logger: this.#logger,
    });
    this.#typingOut = new TypingThrottle({
      clock,
      send: (chatId, state) => {
        this.#gateway.typing(chatId, state).catch(() => {
          // Typing is a hint: a lost one is not worth a retry.
        });
      },
    });
    this.#typingIn = new TypingTracker({ clock, onChange: (chatId) => this.#events.emit('typing', chatId) });
    this.#gateway.on('state', (state) => this.#onConnection(state));
    this.#gateway.on('typing', (signal) => this.#typingIn.receive(signal));
    this.#gateway.on('presence', (presence) => {
      this.#presence.set(presence.userId, presence);
      this.#events.emit('presence', presence);
    });
  }

  get connection(): ConnectionState {
    return this.#connection;
  }

  on<K extends keyof MessengerEvents>(name: K, listener: (...args: MessengerEvents[K]) => void): () => void {
    return this.#events.on(name, listener);
  }

  /**
   * Connects and starts sending the outbox. A new device (no chats stored) fetches its chat
   * list. When another tab owns this device's history, nothing connects: two tabs acking one
   * device's queue would leave events in a tab whose history is lost on close.
   */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    const persistence = this.store.persistence;
    if (!persistence.persistent && persistence.reason === 'in-use') {
      this.#onConnection({ status: 'offline', reason: 'other-tab' });
      return;
    }
    this.#unsubscribeVisibility = this.#visibility.onChange(() => void this.#syncOpenChat());
    void this.chats.bootstrap();
    this.#gateway.start();
  }

  /** Disconnects; what is queued stays in the outbox for the next start. */
  async stop(): Promise<void> {
    if (!this.#started) return;
    this.#started = false;
    this.#unsubscribeVisibility?.();
    this.calls.dispose();
    this.#gateway.stop();
    this.#typingOut.clear();
    this.#typingIn.clear();
    await this.#outbox.stop();
  }

  /** Stops and deletes this device's history and attachment copies: after sign-out. */
  async destroy(): Promise<void> {
    await this.stop();
    await this.store.destroy();
    await this.attachments.clear();
  }

  /** Queues a text message; resolves with its id once it is stored locally (pending). */
  async sendText(chatId: string, text: string, options: SendOptions = {}): Promise<string> {
    const content: Content = { type: 'text', text, ...(options.replyTo ? { replyTo: options.replyTo } : {}) };
    return this.#send(chatId, content);
  }

  /**
   * Uploads files (with progress) and queues one `media` message with them, or one `voice`
   * message. Uploading needs the network: it rejects with NETWORK when offline, and the
   * message is stored only once every file is uploaded.
   */
  async sendAttachments(chatId: string, files: File[], options: AttachmentSendOptions = {}): Promise<string> {
    const limit = options.voice ? 1 : messageLimits.attachmentsPerMessage;
    if (files.length === 0 || files.length > limit) {
      throw ApiError.of('VALIDATION_FAILED', `Send between 1 and ${limit} files in one message.`);
    }
    const chat = await this.store.getChat(chatId);
    if (!chat) throw ApiError.of('CHAT_NOT_FOUND', 'This chat is not on this device.');
    if (chat.left) throw ApiError.of('FORBIDDEN', 'You are no longer a member of this chat.');
    const total = files.reduce((sum, file) => sum + file.size, 0) || 1;
    let uploaded = 0;
    const attachments: Attachment[] = [];
    for (const file of files) {
      const attachment = await this.api.uploadAttachment(chatId, file, {
        name: file.name || (options.voice ? 'voice' : 'file'),
        voice: options.voice ?? false,
        onProgress: (fraction) => options.onProgress?.((uploaded + fraction * file.size) / total),
      });
      uploaded += file.size;
      attachments.push(attachment);
      await this.#keepUpload(attachment, file);
    }
    const extra = {
      ...(options.replyTo ? { replyTo: options.replyTo } : {}),
      ...(options.forwarded ? { forwarded: true } : {}),
    };
    const [first] = attachments;
    const content: Content =
      options.voice && first
        ? { type: 'voice', attachment: first, ...extra }
        : { type: 'media', attachments, ...(options.caption ? { caption: options.caption } : {}), ...extra };
    return this.#send(chatId, content);
  }

  /**
   * Sends a copy of a message to another chat, marked as forwarded. Attachments are uploaded
   * again from this device's copies (an upload belongs to one chat); rejects with
   * ATTACHMENT_NOT_FOUND when a file is neither here nor on the server any more.
   */
  async forward(messageId: string, toChatId: string): Promise<string> {
    const message = await this.store.getMessage(messageId);
    const content = message?.deleted ? null : message?.content;
    if (!content || content.type === 'system') {
      throw ApiError.of('MESSAGE_NOT_FOUND', 'That message cannot be forwarded.');
    }
    if (content.type === 'text')
      return this.#send(toChatId, { type: 'text', text: content.text, forwarded: true });
    const sources = attachmentsOf(content);
    const files = await Promise.all(
      sources.map(async (attachment) => {
        const blob = await this.attachments.get(attachment);
        return new File([blob], attachment.name, { type: attachment.contentType });
      }),
    );
    return this.sendAttachments(toChatId, files, {
      voice: content.type === 'voice',
      forwarded: true,
      ...(content.type === 'media' && content.caption ? { caption: content.caption } : {}),
    });
  }

  /** Sends a failed message again, with the same id. */
  async retry(messageId: string): Promise<void> {
    await this.store.retrySend(messageId);
    this.#outbox.flush();
  }

  /** Replaces the text of my text message, within 15 minutes of sending. */
  async edit(messageId: string, text: string): Promise<void> {
    await this.store.queueEdit(messageId, text);
    this.#outbox.flush();
  }

  async deleteForMe(messageId: string): Promise<void> {
    const attachments = await this.#attachmentsOfMessage(messageId);
    await this.store.queueDelete(messageId, false);
    this.#outbox.flush();
    await this.attachments.forget(attachments);
  }

  /**
   * Deletes my message for everyone. This device's copies of its files go at once; if the
   * server refuses (the 48 hours passed) the message comes back and they download again.
   */
  async deleteForEveryone(messageId: string): Promise<void> {
    const attachments = await this.#attachmentsOfMessage(messageId);
    await this.store.queueDelete(messageId, true);
    this.#outbox.flush();
    await this.attachments.forget(attachments);
  }

  /** Sets my reaction (one per message); null removes it. */
  async react(messageId: string, emoji: string | null): Promise<void> {
    await this.store.queueReaction(messageId, emoji);
    this.#outbox.flush();
  }

  /** Clears the chat's unread count and sends read receipts up to its newest message. */
  async markRead(chatId: string): Promise<void> {
    await this.store.queueRead(chatId);
    this.#outbox.flush();
  }

  /**
   * The chat on screen (null when none). While the page is visible, its new messages are read
   * at once instead of counting as unread.
   */
  async openChat(chatId: string | null): Promise<void> {
    this.#openChatId = chatId;
    await this.#syncOpenChat();
  }

  /** Call on every keystroke ('typing'), when recording ('recording') and when done ('stopped'). */
  setTyping(chatId: string, state: TypingState): void {
    if (this.#connection.status === 'connected' || this.#connection.status === 'caught-up') {
      this.#typingOut.set(chatId, state);
    }
  }

  /** Who is typing or recording in a chat now. */
  typingIn(chatId: string): TypingPerson[] {
    return this.#typingIn.typingIn(chatId);
  }

  /** The last presence heard for a user, live from the gateway or fetched. */
  presenceOf(userId: string): Presence | null {
    return this.#presence.get(userId) ?? null;
  }

  async fetchPresence(userId: string): Promise<Presence> {
    const presence = await this.api.getPresence(userId);
    this.#presence.set(userId, presence);
    this.#events.emit('presence', presence);
    return presence;
  }

  async #send(chatId: string, content: Content): Promise<string> {
    const id = this.#newId();
    await this.store.queueSend({ id, chatId, content });
    this.#typingOut.set(chatId, 'stopped');
    this.#outbox.flush();
    return id;
  }

  async #apply(events: QueuedEvent[]): Promise<void> {
    // Files of deleted messages, read before the deletion removes the content (rare: no await
    // otherwise, so applying stays as quick as before).
    const deletedIds = events.flatMap(({ event }) =>
      event?.type === 'message-deleted' ? [event.messageId] : [],
    );
    const deleted = deletedIds.length > 0 ? await this.#attachmentsOfMessages(deletedIds) : [];
    const { incoming, chatsWithoutSnapshot } = await this.store.applyEvents(events);
    if (deleted.length > 0) void this.attachments.forget(deleted);
    // Download files as they arrive: the server deletes them once every device has them.
    const arrived = events.flatMap(({ event }) =>
      event?.type === 'message' ? attachmentsOf(event.message.content) : [],
    );
    if (arrived.length > 0) void this.attachments.prefetch(arrived);
    if (incoming.length > 0) {
      // A message ends its sender's typing indicator, even if their 'stopped' never came.
      for (const message of incoming) this.#typingIn.stopped(message.chatId, message.senderId);
      this.#events.emit('incoming', incoming);
      const open = this.#visibleChat();
      if (open && incoming.some((message) => message.chatId === open)) void this.#markReadQuietly(open);
    }
    if (chatsWithoutSnapshot.length > 0) void this.chats.fetchMissing(chatsWithoutSnapshot);
  }

  /**
   * A browser cannot see why a WebSocket upgrade failed: an ended session (401) looks like any
   * network error. So after a few failed attempts, HTTP tells whether the session is still valid.
   */
  async #checkSession(): Promise<void> {
    try {
      await this.api.getMe();
    } catch (error) {
      if (!isApiError(error, 'UNAUTHENTICATED') || !this.#started) return;
      this.#gateway.stop();
      this.#onConnection({ status: 'signed-out', reason: 'The session has ended. Sign in again.' });
    }
  }

  /** Keeps my own upload's bytes, so this device never downloads what it sent. */
  async #keepUpload(attachment: Attachment, file: File): Promise<void> {
    await this.attachments.put(attachment, 'file', file);
    // A video's poster is made by the server; fetch it before recipients can download the file.
    if (attachment.kind === 'video' && attachment.thumbnailUrl) {
      await this.attachments.get(attachment, 'thumbnail').catch((error: unknown) => {
        this.#logger.warn({ error, attachmentId: attachment.id }, 'poster not downloaded');
      });
    }
  }

  async #attachmentsOfMessage(messageId: string): Promise<Attachment[]> {
    return attachmentsOf((await this.store.getMessage(messageId))?.content ?? null);
  }

  async #attachmentsOfMessages(messageIds: string[]): Promise<Attachment[]> {
    const lists = await Promise.all(messageIds.map((id) => this.#attachmentsOfMessage(id)));
    return lists.flat();
  }

  #visibleChat(): string | null {
    return this.#visibility.isVisible() ? this.#openChatId : null;
  }

  async #syncOpenChat(): Promise<void> {
    const open = this.#visibleChat();
    await this.store.setOpenChat(open);
    if (open) await this.markRead(open);
  }

  async #markReadQuietly(chatId: string): Promise<void> {
    try {
      await this.markRead(chatId);
    } catch (error) {
      this.#logger.warn({ error, chatId }, 'marking the open chat read failed');
    }
  }

  #onConnection(state: ConnectionState): void {
    this.#connection = state;
    if (state.status === 'connected') this.#outbox.flush();
    if (state.status === 'reconnecting' && state.attempt % sessionCheckEvery === 0) void this.#checkSession();
    if (state.status !== 'connected' && state.status !== 'caught-up') {
      // Indicators from a lost connection would otherwise stay until they expire.
      this.#typingIn.clear();
      this.#typingOut.clear();
    }
    this.#events.emit('connection', state);
  }
}
