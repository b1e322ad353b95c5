import type { StoredMessage } from '@parley/client';

/** The part of a chat's history on screen: a window that grows as the person scrolls. */
export interface MessageWindow {
  /** Oldest first. */
  messages: StoredMessage[];
  /** Older messages may exist before the first one. */
  hasOlder: boolean;
  /** Newer messages exist after the last one (after jumping back to a search result). */
  hasNewer: boolean;
}

export const emptyWindow: MessageWindow = { messages: [], hasOlder: false, hasNewer: false };

/** Orders like the store: by time sent, then id. */
export function compareMessages(a: StoredMessage, b: StoredMessage): number {
  if (a.sentAt !== b.sentAt) return a.sentAt < b.sentAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The newest page of a chat. */
export function latestWindow(page: StoredMessage[], pageSize: number): MessageWindow {
  return { messages: page, hasOlder: page.length >= pageSize, hasNewer: false };
}

/** A window around one message (a search result), with a page on either side. */
export function windowAround(
  older: StoredMessage[],
  focus: StoredMessage | null,
  newer: StoredMessage[],
  pageSize: number,
): MessageWindow {
  return {
    messages: [...older, ...(focus ? [focus] : []), ...newer],
    hasOlder: older.length >= pageSize,
    hasNewer: newer.length >= pageSize,
  };
}

export function withOlder(window: MessageWindow, older: StoredMessage[], pageSize: number): MessageWindow {
  const known = new Set(window.messages.map((message) => message.id));
  return {
    ...window,
    messages: [...older.filter((message) => !known.has(message.id)), ...window.messages],
    hasOlder: older.length >= pageSize,
  };
}

export function withNewer(window: MessageWindow, newer: StoredMessage[], pageSize: number): MessageWindow {
  const known = new Set(window.messages.map((message) => message.id));
  return {
    ...window,
    messages: [...window.messages, ...newer.filter((message) => !known.has(message.id))],
    hasNewer: newer.length >= pageSize,
  };
}

/**
 * The window read again after a change: `first` is the window's oldest message as it is now
 * (null once deleted for me) and `after` everything newer. A window that stops short of the
 * newest messages keeps stopping where it did.
 */
export function refreshedWindow(
  window: MessageWindow,
  first: StoredMessage | null,
  after: StoredMessage[],
): MessageWindow {
  let messages = first ? [first, ...after] : after;
  const last = window.messages.at(-1);
  if (window.hasNewer && last) messages = messages.filter((message) => compareMessages(message, last) <= 0);
  return { ...window, messages };
}
