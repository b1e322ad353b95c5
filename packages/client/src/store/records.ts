import type { Chat, Content, ParleyEvent, PublicUser } from '@parley/protocol';

/**
 * Where one of my own messages is: pending (one grey clock, waiting in the outbox), sent (one tick,
 * the server stored it), delivered (two ticks), read (two blue ticks), failed (the server refused
 * it; `errorCode` says why and the UI offers to retry).
 */
export type OwnMessageState = 'pending' | 'sent' | 'delivered' | 'read' | 'failed';

/** A message as this device keeps it. */
export interface StoredMessage {
  id: string;
  chatId: string;
  senderId: string;
  /** Server time once sent; this device's time while pending. */
  sentAt: string;
  /** null once deleted for everyone ("This message was deleted"). */
  content: Content | null;
  own: boolean;
  /** Own messages only; null for messages of others. */
  state: OwnMessageState | null;
  /** Why a failed message failed (an error code). */
  errorCode: string | null;
  editedAt: string | null;
  /** Deleted for everyone: the UI shows a tombstone. */
  deleted: boolean;
  /** The quoted message; `message` is null when it is not on this device. */
  replyTo: { messageId: string; message: QuotedMessage | null } | null;
  reactions: Reaction[];
}

export interface QuotedMessage {
  senderId: string;
  content: Content | null;
  deleted: boolean;
}

export interface Reaction {
  userId: string;
  emoji: string;
}

/** What the chat list shows for the newest message of a chat. */
export interface MessagePreview {
  id: string;
  senderId: string;
  sentAt: string;
  content: Content | null;
  deleted: boolean;
  own: boolean;
  state: OwnMessageState | null;
}

/** One row of the chat list. */
export interface ChatSummary {
  chat: Chat;
  /** I was removed or left: history stays, sending is disabled. */
  left: boolean;
  unreadCount: number;
  /** The sort key of the chat list: newest message, or when the chat was created. */
  lastActivityAt: string;
  lastMessage: MessagePreview | null;
}

/** "Message info" for one of my messages: who has it and who has read it. */
export interface MessageInfo {
  messageId: string;
  state: OwnMessageState | null;
  recipients: { user: PublicUser; deliveredAt: string | null; readAt: string | null }[];
}

/** A piece of a search snippet: `match` pieces are what the UI highlights. */
export interface SnippetPart {
  text: string;
  match: boolean;
}

export interface SearchHit {
  chatId: string;
  messageId: string;
  senderId: string;
  sentAt: string;
  snippet: SnippetPart[];
}

/** Which chats and messages a store operation touched, so views can re-query. */
export interface StoreChanges {
  chats: string[];
  messages: string[];
}

/**
 * An event as the gateway delivers it, with this device's sequence number. `event` is null for
 * an event this version of the client does not understand: it is skipped, but its sequence
 * number still counts as applied so the queue moves on.
 */
export interface QueuedEvent {
  seq: number;
  event: ParleyEvent | null;
}

/** Who this database belongs to: one account, and the device whose queue `lastSeq` counts. */
export interface DeviceIdentity {
  userId: string;
  deviceId: string;
}

/** A new message from someone else, as reported after applying events. */
export interface IncomingMessage {
  chatId: string;
  messageId: string;
  senderId: string;
}

export interface ApplyResult {
  /** Chats that have messages here but no snapshot yet: fetch them over HTTP. */
  chatsWithoutSnapshot: string[];
  incoming: IncomingMessage[];
}
