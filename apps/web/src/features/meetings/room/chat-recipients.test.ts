import type { MeetingChatMessage, Participant } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { chatRecipients, currentRecipient, privateMarker } from './chat-recipients.ts';

const person = (id: string, displayName: string): Participant => ({
  id,
  displayName,
  userId: null,
  role: 'participant',
  audioOn: true,
  videoOn: true,
  screenOn: false,
  handRaisedAt: null,
  connection: 'connected',
  joinedAt: '2030-01-01T10:00:00.000Z',
});

const people = [person('me', 'Me'), person('z', 'Zoe'), person('h', 'Hanna')];

const message = (to: MeetingChatMessage['to']): MeetingChatMessage => ({
  id: 'm1',
  from: { participantId: 'h', displayName: 'Hanna' },
  to,
  text: 'hi',
  file: null,
  sentAt: '2030-01-01T10:01:00.000Z',
});

describe('chatRecipients', () => {
  it('offers everyone, then each other participant by name', () => {
    expect(chatRecipients(people, 'me')).toEqual([
      { participantId: null, label: 'Everyone' },
      { participantId: 'h', label: 'Hanna' },
      { participantId: 'z', label: 'Zoe' },
    ]);
  });

  it('offers only everyone when alone', () => {
    expect(chatRecipients([person('me', 'Me')], 'me')).toEqual([{ participantId: null, label: 'Everyone' }]);
  });
});

describe('currentRecipient', () => {
  it('keeps a recipient who is still here and falls back to everyone', () => {
    expect(currentRecipient('z', people)).toBe('z');
    expect(currentRecipient('gone', people)).toBeNull();
    expect(currentRecipient(null, people)).toBeNull();
  });
});

describe('privateMarker', () => {
  it('marks private messages to me and from me', () => {
    expect(privateMarker(message(null), 'me')).toBeNull();
    expect(privateMarker(message({ participantId: 'me', displayName: 'Me' }), 'me')).toBe('to you');
    expect(privateMarker(message({ participantId: 'z', displayName: 'Zoe' }), 'h')).toBe('to Zoe');
  });
});
