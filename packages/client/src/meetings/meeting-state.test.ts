import type { MeetingChatMessage, MeetingServerFrame } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { alice, at, bob, joinedFrame, me, participant } from '../testing/meeting-harness.ts';
import { initialMeetingState, type MeetingState, reduceMeeting } from './meeting-state.ts';

function message(id: string, text: string): MeetingChatMessage {
  return { id, from: { participantId: alice, displayName: 'Alice' }, to: null, text, file: null, sentAt: at };
}

const joined: MeetingServerFrame = joinedFrame({
  chat: [message('01HZC0000000000000000000C1', 'hello')],
  iceServers: [],
  activeSpeaker: alice,
});

function apply(...frames: MeetingServerFrame[]): MeetingState {
  return frames.reduce(reduceMeeting, initialMeetingState);
}

describe('reduceMeeting', () => {
  it('takes the whole state from joined, keeping my own measured link', () => {
    const local = { quality: 'good' as const, rttMs: 20, sendLoss: 0, receiveLoss: 0, jitterMs: 3 };
    const before = { ...initialMeetingState, quality: { local, participants: { [bob]: 'poor' as const } } };
    const state = reduceMeeting(before, joined);
    expect(state.participantId).toBe(me);
    expect(state.participants.map((p) => p.displayName)).toEqual(['Me', 'Alice']);
    expect(state.activeSpeaker).toBe(alice);
    expect(state.quality).toEqual({ local, participants: {} });
  });

  it('adds, updates in place and removes participants', () => {
    const state = apply(
      joined,
      { type: 'participant-joined', participant: participant(bob, 'Bob') },
      { type: 'participant-updated', participant: participant(alice, 'Alice', { audioOn: false }) },
      { type: 'participant-updated', participant: participant(bob, 'Bob', { connection: 'reconnecting' }) },
    );
    expect(state.participants.map((p) => [p.displayName, p.audioOn, p.connection])).toEqual([
      ['Me', true, 'connected'],
      ['Alice', false, 'connected'],
      ['Bob', true, 'reconnecting'],
    ]);
  });

  it('forgets a participant who left, as speaker and in the quality map', () => {
    const state = apply(
      joined,
      { type: 'network-quality', quality: { [me]: 'good', [alice]: 'fair' } },
      { type: 'participant-left', participantId: alice, reason: 'left' },
    );
    expect(state.participants.map((p) => p.id)).toEqual([me]);
    expect(state.activeSpeaker).toBeNull();
    expect(state.quality.participants).toEqual({ [me]: 'good' });
  });

  it('appends chat messages once', () => {
    const next = message('01HZC0000000000000000000C2', 'hi');
    const state = apply(joined, { type: 'chat', message: next }, { type: 'chat', message: next });
    expect(state.chat.map((m) => m.text)).toEqual(['hello', 'hi']);
  });

  it('returns the same state for frames that change nothing in it', () => {
    const state = apply(joined);
    expect(reduceMeeting(state, { type: 'active-speaker', participantId: alice })).toBe(state);
    expect(reduceMeeting(state, { type: 'reaction', participantId: alice, emoji: '👍' })).toBe(state);
    expect(reduceMeeting(state, { type: 'media-reset' })).toBe(state);
  });

  it('replaces the waiting list and the room settings', () => {
    const waiting = [{ participantId: bob, displayName: 'Bob', guest: true, since: at }];
    const locked = { ...joinedFrame().room, locked: true, recording: 'recording' as const };
    const state = apply(joined, { type: 'waiting-room', waiting }, { type: 'room-updated', room: locked });
    expect(state.waiting).toEqual(waiting);
    expect(state.room?.locked).toBe(true);
    expect(state.room?.recording).toBe('recording');
  });
});
