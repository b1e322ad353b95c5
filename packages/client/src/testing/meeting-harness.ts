// A MeetingRoom wired to fake sockets, a manual clock and fake media, for unit tests that play
// the server's frames by hand. What the real server does is tested against the real server.
import {
  type MeetingClientFrame,
  type MeetingServerFrame,
  meetingClientFrameSchema,
  type Participant,
} from '@parley/protocol';
import { MeetingRoom } from '../meetings/meeting-room.ts';
import type { MeetingRoomError, MeetingRoomOptions } from '../meetings/meeting-room-types.ts';
import { fakeRtc } from './fake-rtc.ts';
import { type FakeSocket, fakeWebSocket } from './fake-socket.ts';
import { ManualClock, settle } from './manual-clock.ts';

export type MeetingTestSocket = FakeSocket<MeetingClientFrame, MeetingServerFrame>;
type Joined = Extract<MeetingServerFrame, { type: 'joined' }>;

export const me = '01HZME00000000000000000000';
export const alice = '01HZA11CE0000000000000000A';
export const bob = '01HZB0B000000000000000000B';
export const at = '2030-01-01T10:00:00.000Z';

export function participant(
  id: string,
  displayName: string,
  changes: Partial<Participant> = {},
): Participant {
  return {
    id,
    displayName,
    userId: null,
    role: 'participant',
    audioOn: true,
    videoOn: true,
    screenOn: false,
    handRaisedAt: null,
    connection: 'connected',
    joinedAt: at,
    ...changes,
  };
}

export function joinedFrame(changes: Partial<Joined> = {}): Joined {
  return {
    type: 'joined',
    participantId: me,
    room: {
      meetingId: '01HZMEET000000000000000000',
      code: '8123456789',
      title: 'Standup',
      locked: false,
      multiShare: false,
      joinUrl: 'http://127.0.0.1:8080/j/1234567890?t=token',
      startedAt: at,
      recording: 'off',
    },
    participants: [participant(me, 'Me'), participant(alice, 'Alice')],
    waiting: [],
    chat: [],
    iceServers: [{ urls: 'turn:turn.parley.test:3478', username: 'u', credential: 'p' }],
    activeSpeaker: null,
    ...changes,
  };
}

/** The SFU's answer to a publish offer, with Opus as werift writes it (no FEC or DTX asked). */
export const publishAnswer =
  'v=0\r\no=sfu 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\na=rtpmap:111 opus/48000/2\r\na=fmtp:111 minptime=10\r\n';

export function meetingHarness(options: Partial<MeetingRoomOptions> = {}) {
  const clock = new ManualClock();
  const sockets: MeetingTestSocket[] = [];
  const fake = fakeRtc();
  const room = new MeetingRoom({
    baseUrl: 'https://parley.test',
    participantToken: 'mpt_token',
    webSocket: fakeWebSocket(sockets),
    clock,
    rtc: fake.rtc,
    random: () => 0.5,
    network: { isOnline: () => true, onOnline: () => () => {} },
    ...options,
  });
  const statuses: string[] = [];
  room.on('state', (state) => statuses.push(state.status));
  const errors: MeetingRoomError[] = [];
  room.on('error', (error) => errors.push(error));

  function socket(): MeetingTestSocket {
    const found = sockets.at(-1);
    if (!found) throw new Error('no socket yet');
    return found;
  }

  /** Answers the next publish offer with the SFU's answer. */
  async function answerPublish(): Promise<Extract<MeetingClientFrame, { type: 'publish' }>> {
    const publish = await socket().next('publish');
    socket().receive({ type: 'ok', id: publish.id, data: { sdp: publishAnswer } });
    await settle();
    return publish;
  }

  return {
    clock,
    sockets,
    fake,
    room,
    statuses,
    errors,
    socket,
    answerPublish,
    /** The server lets the participant in; returns the first publish, answered. */
    async admit(frame: Joined = joinedFrame()) {
      socket().receive(frame);
      return answerPublish();
    },
    /** Every frame the room sent must be one the server accepts. */
    checkFrames(): void {
      for (const sent of sockets.flatMap((s) => s.sent)) meetingClientFrameSchema.parse(sent);
    },
  };
}
