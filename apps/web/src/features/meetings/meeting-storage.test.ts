import { describe, expect, it } from 'vitest';
import {
  readDevicePreferences,
  readGuestName,
  readTicket,
  writeDevicePreferences,
  writeGuestName,
  writeTicket,
} from './meeting-storage.ts';

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
    removeItem: (key: string) => void map.delete(key),
    map,
  };
}

describe('meeting storage', () => {
  it('keeps a ticket per meeting until it is cleared', () => {
    const storage = memoryStorage();
    const ticket = {
      participantToken: 'token',
      choices: { audio: true, video: false, audioInputId: 'mic-2' },
    };
    writeTicket('1234567890', ticket, storage);
    expect(readTicket('1234567890', storage)).toEqual({
      participantToken: 'token',
      choices: { audio: true, video: false, audioInputId: 'mic-2', videoInputId: undefined },
    });
    expect(readTicket('9999999999', storage)).toBeNull();
    writeTicket('1234567890', null, storage);
    expect(readTicket('1234567890', storage)).toBeNull();
  });

  it('ignores what it cannot read', () => {
    const storage = memoryStorage();
    storage.setItem('parley.meetings.ticket.1234567890', '{not json');
    expect(readTicket('1234567890', storage)).toBeNull();
    storage.setItem('parley.meetings.ticket.1234567890', '{"participantToken":5}');
    expect(readTicket('1234567890', storage)).toBeNull();
    storage.setItem('parley.meetings.devices', '[1,2]');
    expect(readDevicePreferences(storage)).toEqual({ audioInputId: undefined, videoInputId: undefined });
  });

  it('works without storage', () => {
    expect(readTicket('1234567890', null)).toBeNull();
    expect(readGuestName(null)).toBe('');
    expect(() => writeGuestName('Ana', null)).not.toThrow();
  });

  it('remembers the guest name and devices', () => {
    const storage = memoryStorage();
    writeGuestName('Ana', storage);
    expect(readGuestName(storage)).toBe('Ana');
    writeDevicePreferences({ videoInputId: 'camera-2' }, storage);
    expect(readDevicePreferences(storage).videoInputId).toBe('camera-2');
  });
});
