import type { StoredMessage } from '@parley/client';
import { describe, expect, it } from 'vitest';
import { messageActions } from './message-actions.ts';

const sentAt = Date.parse('2030-01-01T10:00:00.000Z');
const minute = 60_000;

function message(overrides: Partial<StoredMessage> = {}): StoredMessage {
  return {
    id: 'M',
    chatId: 'C',
    senderId: 'ME',
    sentAt: new Date(sentAt).toISOString(),
    content: { type: 'text', text: 'Hi' },
    own: true,
    state: 'sent',
    errorCode: null,
    editedAt: null,
    deleted: false,
    replyTo: null,
    reactions: [],
    ...overrides,
  };
}

describe('messageActions', () => {
  it('lets me edit my text for 15 minutes and delete it for everyone for 48 hours', () => {
    expect(messageActions(message(), sentAt + 14 * minute, true)).toMatchObject({
      edit: true,
      deleteForEveryone: true,
      info: true,
    });
    expect(messageActions(message(), sentAt + 16 * minute, true)).toMatchObject({
      edit: false,
      deleteForEveryone: true,
    });
    expect(messageActions(message(), sentAt + 49 * 60 * minute, true)).toMatchObject({
      edit: false,
      deleteForEveryone: false,
      deleteForMe: true,
    });
  });

  it("offers others' messages reply, react and forward, but not edit or info", () => {
    expect(messageActions(message({ own: false, state: null, senderId: 'ANN' }), sentAt, true)).toEqual({
      reply: true,
      react: true,
      copy: true,
      edit: false,
      forward: true,
      info: false,
      deleteForMe: true,
      deleteForEveryone: false,
    });
  });

  it('keeps unsent messages to edit and delete, and deleted ones to delete for me', () => {
    const failed = messageActions(message({ state: 'failed' }), sentAt + 60 * minute, true);
    expect(failed).toMatchObject({ edit: true, react: false, forward: false, info: false, reply: false });
    expect(messageActions(message({ deleted: true, content: null }), sentAt, true)).toMatchObject({
      deleteForMe: true,
      reply: false,
      copy: false,
    });
  });

  it('offers nothing that sends once I left, and nothing for system notices', () => {
    expect(messageActions(message(), sentAt, false)).toMatchObject({
      reply: false,
      react: false,
      edit: false,
      deleteForEveryone: false,
      forward: true,
    });
    const notice = message({ content: { type: 'system', system: { action: 'member-left', userId: 'X' } } });
    expect(Object.values(messageActions(notice, sentAt, true)).some(Boolean)).toBe(false);
  });
});
