import type {
  Attachment,
  Chat,
  JoinTicket,
  Meeting,
  MeetingFile,
  Recording,
  RecordingPlayback,
} from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { ApiClient, type ApiClientOptions } from './api-client.ts';

const chat: Chat = {
  id: '01HZCHAT00000000000000000C',
  kind: 'group',
  title: 'Hikers',
  description: '',
  avatar: null,
  members: [],
  createdBy: '01HZA11CE0000000000000000A',
  createdAt: '2030-01-01T00:00:00.000Z',
};

/** An ApiClient whose fetch records each request and answers with `status` and `body`. */
function client(status: number, body?: unknown, options: ApiClientOptions = {}) {
  const calls: { method: string; url: string; headers: Headers; body: unknown }[] = [];
  const api = new ApiClient({
    baseUrl: 'https://parley.test/',
    token: 'prl_t',
    ...options,
    fetch: async (input, init) => {
      calls.push({
        method: init?.method ?? 'GET',
        url: String(input),
        headers: new Headers(init?.headers),
        body: typeof init?.body === 'string' ? JSON.parse(init.body) : init?.body,
      });
      return new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json' },
      });
    },
  });
  return { api, calls };
}

describe('ApiClient chat endpoints', () => {
  it('lists chats from their envelope', async () => {
    const { api, calls } = client(200, { chats: [chat] });
    expect(await api.listChats()).toEqual([chat]);
    expect(calls[0]).toMatchObject({ method: 'GET', url: 'https://parley.test/api/v1/chats' });
    expect(calls[0]?.headers.get('authorization')).toBe('Bearer prl_t');
  });

  it('sends each change to its endpoint with its body', async () => {
    const { api, calls } = client(200, chat);
    await api.openDirectChat('01HZB0B000000000000000000B');
    await api.createGroup({ title: 'Hikers', memberIds: [] });
    await api.updateGroup(chat.id, { description: 'Sundays' });
    await api.addMembers(chat.id, ['01HZB0B000000000000000000B']);
    await api.setMemberRole(chat.id, '01HZB0B000000000000000000B', 'admin');
    await api.deleteChatAvatar(chat.id);
    expect(
      calls.map(({ method, url, body }) => [method, url.replace('https://parley.test/api/v1', ''), body]),
    ).toEqual([
      ['POST', '/chats/direct', { userId: '01HZB0B000000000000000000B' }],
      ['POST', '/chats/groups', { title: 'Hikers', memberIds: [] }],
      ['PATCH', `/chats/${chat.id}`, { description: 'Sundays' }],
      ['POST', `/chats/${chat.id}/members`, { userIds: ['01HZB0B000000000000000000B'] }],
      ['PATCH', `/chats/${chat.id}/members/01HZB0B000000000000000000B`, { role: 'admin' }],
      ['DELETE', `/chats/${chat.id}/avatar`, null],
    ]);
  });

  it('removes a member with no content in the answer', async () => {
    const { api, calls } = client(204);
    await expect(api.removeMember(chat.id, '01HZB0B000000000000000000B')).resolves.toBeUndefined();
    expect(calls[0]?.method).toBe('DELETE');
  });

  it('rejects a chat that does not match the protocol', async () => {
    const { api } = client(200, { id: 'nope' });
    await expect(api.getChat(chat.id)).rejects.toMatchObject({ code: 'INVALID_RESPONSE' });
  });

  it('uploads an attachment raw, named, as a voice message when asked', async () => {
    const attachment: Attachment = {
      id: '01HZF11E00000000000000000F',
      kind: 'voice',
      name: 'voice note.ogg',
      contentType: 'audio/ogg',
      size: 3,
      width: null,
      height: null,
      durationMs: 1200,
      waveform: [0, 128, 255],
      url: '/x',
      thumbnailUrl: null,
    };
    const { api, calls } = client(201, attachment);
    const progress: number[] = [];
    const file = new Blob(['abc'], { type: 'audio/ogg' });
    const uploaded = await api.uploadAttachment(chat.id, file, {
      name: 'voice note.ogg',
      voice: true,
      onProgress: (fraction) => progress.push(fraction),
    });
    expect(uploaded).toEqual(attachment);
    expect(calls[0]).toMatchObject({
      method: 'POST',
      url: `https://parley.test/api/v1/chats/${chat.id}/attachments?name=voice+note.ogg&voice=1`,
      body: file,
    });
    expect(calls[0]?.headers.get('content-type')).toBe('audio/ogg');
    expect(progress).toEqual([1]);
  });

  it('reads presence', async () => {
    const presence = {
      userId: '01HZB0B000000000000000000B',
      online: false,
      lastSeenAt: '2030-01-01T00:00:00.000Z',
    };
    const { api, calls } = client(200, presence);
    expect(await api.getPresence(presence.userId)).toEqual(presence);
    expect(calls[0]?.url).toBe(`https://parley.test/api/v1/users/${presence.userId}/presence`);
  });
});

const meeting: Meeting = {
  id: '01HZMEET000000000000000000',
  code: '8123456789',
  title: 'Standup',
  passcode: 'abc123',
  waitingRoom: true,
  allowGuests: true,
  joinUrl: 'https://parley.test/j/8123456789?t=tok12345',
  ownerId: '01HZA11CE0000000000000000A',
  scheduledFor: null,
  durationMinutes: null,
  createdAt: '2030-01-01T00:00:00.000Z',
  startedAt: null,
  endedAt: null,
  isOwner: true,
  metrics: null,
};

describe('ApiClient meeting endpoints', () => {
  it('sends each meeting call to its endpoint with its body', async () => {
    const { api, calls } = client(200, meeting);
    await api.createMeeting({ title: 'Standup' });
    await api.getMeeting(meeting.id);
    expect(
      calls.map(({ method, url, body }) => [method, url.replace('https://parley.test/api/v1', ''), body]),
    ).toEqual([
      ['POST', '/meetings', { title: 'Standup' }],
      ['GET', `/meetings/${meeting.id}`, null],
    ]);
  });

  it('unwraps the chat of a past meeting and deletes with no content', async () => {
    const chat = client(200, { messages: [] });
    expect(await chat.api.getMeetingChat(meeting.id)).toEqual([]);
    expect(chat.calls[0]?.url).toBe(`https://parley.test/api/v1/meetings/${meeting.id}/chat`);
    const removal = client(204);
    await expect(removal.api.deleteMeeting(meeting.id)).resolves.toBeUndefined();
    expect(removal.calls[0]?.method).toBe('DELETE');
  });

  it('joins as a guest without a session header', async () => {
    const ticket: JoinTicket = {
      participantToken: 'mpt_secret',
      participantId: '01HZPART000000000000000000',
      meeting: {
        meetingId: meeting.id,
        code: meeting.code,
        title: meeting.title,
        hostName: 'Alice',
        state: 'live',
        scheduledFor: null,
        allowGuests: true,
        waitingRoom: true,
        recording: 'off',
      },
    };
    const { api, calls } = client(200, ticket, { token: null });
    const body = { token: 'tok12345', displayName: 'Guest', guestKey: '0123456789abcdef0123' };
    expect(await api.joinMeeting(body)).toEqual(ticket);
    expect(calls[0]).toMatchObject({ method: 'POST', url: 'https://parley.test/api/v1/meetings/join', body });
    expect(calls[0]?.headers.has('authorization')).toBe(false);
  });

  it('uploads a meeting file with the participant token instead of the session', async () => {
    const file: MeetingFile = {
      id: '01HZF11E00000000000000000F',
      name: 'notes.pdf',
      size: 3,
      contentType: 'application/pdf',
    };
    const { api, calls } = client(201, file);
    const progress: number[] = [];
    const blob = new Blob(['abc'], { type: 'application/pdf' });
    const uploaded = await api.uploadMeetingFile('mpt_secret', blob, {
      name: 'notes.pdf',
      onProgress: (fraction) => progress.push(fraction),
    });
    expect(uploaded).toEqual(file);
    expect(calls[0]).toMatchObject({
      method: 'POST',
      url: 'https://parley.test/api/v1/meetings/files?name=notes.pdf',
      body: blob,
    });
    expect(calls[0]?.headers.get('x-participant-token')).toBe('mpt_secret');
    expect(calls[0]?.headers.has('authorization')).toBe(false);
    expect(calls[0]?.headers.get('content-type')).toBe('application/pdf');
    expect(progress).toEqual([1]);
  });

  it('does not end the session when a participant token is refused', async () => {
    let signedOut = false;
    const error = { error: { code: 'UNAUTHENTICATED', message: 'no' } };
    const { api, calls } = client(401, error, { onUnauthenticated: () => (signedOut = true) });
    await expect(api.downloadMeetingFile('mpt_old', '01HZF11E00000000000000000F')).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    expect(calls[0]?.url).toBe('https://parley.test/api/v1/meetings/files/01HZF11E00000000000000000F');
    expect(calls[0]?.headers.get('x-participant-token')).toBe('mpt_old');
    expect(signedOut).toBe(false);
  });
});

const recording: Recording = {
  id: '01HZREC0000000000000000000',
  meetingId: meeting.id,
  title: 'Standup',
  state: 'rendering',
  shared: false,
  owned: true,
  startedAt: '2030-01-01T00:00:00.000Z',
  stoppedAt: '2030-01-01T00:10:00.000Z',
  durationMs: 600_000,
  sizeBytes: 1_000_000,
  renderProgress: 0.5,
  renderError: null,
};

describe('ApiClient recording endpoints', () => {
  it('lists recordings from their envelope', async () => {
    const { api, calls } = client(200, { recordings: [recording] });
    expect(await api.listRecordings()).toEqual([recording]);
    expect(calls[0]).toMatchObject({ method: 'GET', url: 'https://parley.test/api/v1/recordings' });
  });

  it('resolves the signed URLs of a playback against the server', async () => {
    const playback: RecordingPlayback = {
      recording: { ...recording, state: 'ready' },
      videoUrl: '/api/v1/blobs/recordings/r/video.mp4?exp=1&sig=s',
      transcriptUrl: null,
      chunks: [
        {
          id: '01HZCHNK00000000000000000C',
          participantId: '01HZPART000000000000000000',
          displayName: 'Alice',
          source: 'camera',
          kind: 'video',
          sequence: 0,
          offsetMs: 0,
          durationMs: 10_000,
          size: 1000,
          url: '/api/v1/blobs/recordings/r/c0.webm?exp=1&sig=s',
        },
      ],
      gaps: [],
      transcript: [],
    };
    const { api, calls } = client(200, playback);
    const got = await api.getRecording(recording.id);
    expect(calls[0]?.url).toBe(`https://parley.test/api/v1/recordings/${recording.id}`);
    expect(got.videoUrl).toBe('https://parley.test/api/v1/blobs/recordings/r/video.mp4?exp=1&sig=s');
    expect(got.transcriptUrl).toBeNull();
    expect(got.chunks[0]?.url).toBe('https://parley.test/api/v1/blobs/recordings/r/c0.webm?exp=1&sig=s');
  });

  it('shares, renders again and deletes', async () => {
    const { api, calls } = client(200, recording);
    await api.shareRecording(recording.id, true);
    await api.renderRecordingAgain(recording.id);
    const removal = client(204);
    await expect(removal.api.deleteRecording(recording.id)).resolves.toBeUndefined();
    expect(
      [...calls, ...removal.calls].map(({ method, url, body }) => [
        method,
        url.replace('https://parley.test/api/v1', ''),
        body,
      ]),
    ).toEqual([
      ['PATCH', `/recordings/${recording.id}`, { shared: true }],
      ['POST', `/recordings/${recording.id}/render`, null],
      ['DELETE', `/recordings/${recording.id}`, null],
    ]);
  });

  it('rejects a playback that does not match the protocol', async () => {
    const { api } = client(200, { recording });
    await expect(api.getRecording(recording.id)).rejects.toMatchObject({ code: 'INVALID_RESPONSE' });
  });
});

describe('ApiClient call endpoints', () => {
  it('reads the active calls and the call history', async () => {
    const active = client(200, { calls: [] });
    expect(await active.api.activeCalls()).toEqual([]);
    expect(active.calls[0]?.url).toBe('https://parley.test/api/v1/calls/active');
    const history = client(200, { calls: [], nextBefore: null });
    expect(await history.api.callHistory({ before: '01HZB0B000000000000000000B', limit: 20 })).toEqual({
      calls: [],
      nextBefore: null,
    });
    expect(history.calls[0]?.url).toBe(
      'https://parley.test/api/v1/calls?before=01HZB0B000000000000000000B&limit=20',
    );
  });
});
