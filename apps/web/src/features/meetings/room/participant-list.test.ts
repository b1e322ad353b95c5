import type { Participant } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { panelOrder, participantActions } from './participant-list.ts';

const person = (id: string, changes: Partial<Participant> = {}): Participant => ({
  id,
  displayName: id,
  userId: null,
  role: 'participant',
  audioOn: true,
  videoOn: true,
  screenOn: false,
  handRaisedAt: null,
  connection: 'connected',
  joinedAt: '2030-01-01T10:00:00.000Z',
  ...changes,
});

describe('panelOrder', () => {
  it('lists me, raised hands by time, hosts, then the rest as they joined', () => {
    const list = [
      person('a'),
      person('host', { role: 'host' }),
      person('late-hand', { handRaisedAt: '2030-01-01T10:05:00.000Z' }),
      person('me'),
      person('co', { role: 'cohost' }),
      person('b'),
      person('early-hand', { handRaisedAt: '2030-01-01T10:01:00.000Z' }),
    ];
    expect(panelOrder(list, 'me').map((p) => p.id)).toEqual([
      'me',
      'early-hand',
      'late-hand',
      'host',
      'co',
      'a',
      'b',
    ]);
  });
});

describe('participantActions', () => {
  const host = person('host', { role: 'host' });
  const cohost = person('co', { role: 'cohost' });

  it('gives the host every control over a participant', () => {
    const target = person('t', { handRaisedAt: '2030-01-01T10:01:00.000Z' });
    expect(participantActions(host, target)).toEqual([
      ['mute', 'stop-video', 'lower-hand', 'rename'],
      ['make-cohost', 'make-host'],
      ['remove'],
    ]);
  });

  it('asks a muted participant to unmute instead, and offers no stop for video that is off', () => {
    const target = person('t', { audioOn: false, videoOn: false });
    expect(participantActions(host, target)[0]).toEqual(['ask-unmute', 'rename']);
  });

  it('lets the host take the co-host role back', () => {
    expect(participantActions(host, cohost)[1]).toEqual(['remove-cohost', 'make-host']);
  });

  it('leaves roles to the host and the host alone to co-hosts', () => {
    expect(participantActions(cohost, person('t'))).toEqual([['mute', 'stop-video', 'rename'], ['remove']]);
    expect(participantActions(cohost, host)).toEqual([]);
  });

  it('lets participants only rename themselves', () => {
    const me = person('me');
    expect(participantActions(me, person('t'))).toEqual([]);
    expect(participantActions(me, me)).toEqual([['rename']]);
    expect(participantActions(host, host)).toEqual([['rename']]);
  });
});
