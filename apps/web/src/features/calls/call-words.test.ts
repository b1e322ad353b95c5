import type { CallHistoryEntry } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { callKind, callStatusText, endedText, historyText, incomingCallText } from './call-words.ts';

const call = {
  id: 'c1',
  chatId: 'chat1',
  kind: 'direct',
  media: 'video',
  state: 'ended',
  transport: 'peer-to-peer',
  caller: { id: 'u1', displayName: 'Ann', avatar: null },
  callerDeviceId: 'd1',
  answeredDeviceId: null,
  participantIds: [],
  ringingIds: [],
  startedAt: '2026-01-01T10:00:00.000Z',
  answeredAt: null,
  endedAt: null,
  outcome: 'missed',
} as unknown as CallHistoryEntry['call'];

describe('call words', () => {
  it('names the kind of call', () => {
    expect(callKind('video')).toBe('Video call');
    expect(callKind('audio')).toBe('Voice call');
    expect(incomingCallText(call)).toBe('Video call');
    expect(incomingCallText({ ...call, kind: 'group', media: 'audio' })).toBe('Voice call from Ann');
  });

  it('shows the state until media flows, then the timer', () => {
    expect(callStatusText({ phase: 'outgoing', connectedAt: null }, 0)).toBe('Ringing…');
    expect(callStatusText({ phase: 'connecting', connectedAt: null }, 0)).toBe('Connecting…');
    expect(callStatusText({ phase: 'reconnecting', connectedAt: 1 }, 0)).toBe('Reconnecting…');
    expect(callStatusText({ phase: 'connected', connectedAt: 1_000 }, 66_000)).toBe('1:05');
  });

  it('says why an outgoing call ended', () => {
    expect(endedText({ endedReason: 'declined', direction: 'outgoing' })).toBe('Call declined');
    expect(endedText({ endedReason: 'missed', direction: 'outgoing' })).toBe('No answer');
    expect(endedText({ endedReason: 'answered', direction: 'outgoing' })).toBeNull();
    expect(endedText({ endedReason: 'failed', direction: 'incoming' })).toMatch(/couldn't connect/);
  });

  it('describes history entries', () => {
    const missed: CallHistoryEntry = { call, direction: 'incoming', missed: true, durationSeconds: 0 };
    expect(historyText(missed)).toBe('Missed video call');
    const answered: CallHistoryEntry = {
      call: { ...call, media: 'audio', outcome: 'answered' },
      direction: 'outgoing',
      missed: false,
      durationSeconds: 185,
    };
    expect(historyText(answered)).toBe('Outgoing voice call · 3:05');
    expect(historyText({ ...answered, durationSeconds: 0, call: { ...call, outcome: 'missed' } })).toBe(
      'Outgoing video call, no answer',
    );
  });
});
