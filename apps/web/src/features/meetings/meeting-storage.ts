// What the browser keeps between visits for meetings; storage may throw (privacy modes): then nothing is kept.

export interface JoinChoices {
  audio: boolean;
  video: boolean;
  audioInputId?: string;
  videoInputId?: string;
}

/**
 * The participant token of the meeting this tab is in, so a reload rejoins as the same
 * participant (the server keeps them as "reconnecting" meanwhile) instead of a new one.
 */
export interface StoredTicket {
  participantToken: string;
  choices: JoinChoices;
}

export interface DevicePreferences {
  audioInputId?: string;
  videoInputId?: string;
}

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const ticketKey = (code: string) => `parley.meetings.ticket.${code}`;
const guestNameKey = 'parley.meetings.guestName';
const devicesKey = 'parley.meetings.devices';

function session(): KeyValueStorage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

function local(): KeyValueStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

function read(storage: KeyValueStorage | null, key: string): unknown {
  try {
    const text = storage?.getItem(key);
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

function write(storage: KeyValueStorage | null, key: string, value: unknown): void {
  try {
    if (value === null) storage?.removeItem(key);
    else storage?.setItem(key, JSON.stringify(value));
  } catch {
    // Full or refused: the feature works for this page only.
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;
const optionalString = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

export function readTicket(code: string, storage = session()): StoredTicket | null {
  const value = read(storage, ticketKey(code));
  if (!isRecord(value) || typeof value.participantToken !== 'string' || !isRecord(value.choices)) return null;
  const { choices } = value;
  return {
    participantToken: value.participantToken,
    choices: {
      audio: choices.audio === true,
      video: choices.video === true,
      audioInputId: optionalString(choices.audioInputId),
      videoInputId: optionalString(choices.videoInputId),
    },
  };
}

export function writeTicket(code: string, ticket: StoredTicket | null, storage = session()): void {
  write(storage, ticketKey(code), ticket);
}

/** The name a guest typed last time, to prefill "Your name". */
export function readGuestName(storage = local()): string {
  const value = read(storage, guestNameKey);
  return typeof value === 'string' ? value : '';
}

export function writeGuestName(name: string, storage = local()): void {
  write(storage, guestNameKey, name);
}

/** The camera and microphone chosen last time (the speaker is kept by room/audio-output.ts). */
export function readDevicePreferences(storage = local()): DevicePreferences {
  const value = read(storage, devicesKey);
  if (!isRecord(value)) return {};
  return {
    audioInputId: optionalString(value.audioInputId),
    videoInputId: optionalString(value.videoInputId),
  };
}

export function writeDevicePreferences(preferences: DevicePreferences, storage = local()): void {
  write(storage, devicesKey, preferences);
}
