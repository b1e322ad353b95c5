// Calls wired to a fake gateway, a manual clock, fake media and a fake call room, for unit tests
// that play the server's frames by hand. The real server's behaviour is in apps/server/tests/calls.test.ts.
import type { Call, CallConnection } from '@parley/protocol';
import { clientFrameSchema } from '@parley/protocol';
import { ApiError } from '../api-error.ts';
import { Calls } from '../calls/calls.ts';
import type { CallRoom, CallRoomOptions } from '../calls/room-link.ts';
import { Emitter } from '../emitter.ts';
import type { GatewayEvents } from '../gateway/connection-state.ts';
import type { ClientRequest } from '../gateway/frames.ts';
import type { OkData } from '../gateway/gateway.ts';
import { silentLogger } from '../logger.ts';
import type { JoinOptions, MeetingSnapshot } from '../meetings/meeting-room-types.ts';
import { initialMeetingState } from '../meetings/meeting-state.ts';
import type { ViewTile } from '../meetings/view-sender.ts';
import { FakePeerConnection, type FakeTrack, fakeRtc } from './fake-rtc.ts';
import { ManualClock, settle } from './manual-clock.ts';

export const myUserId = '01HZME00000000000000000000';
export const myDeviceId = '01HZMEDEV00000000000000000';
export const otherUserId = '01HZA11CE0000000000000000A';
export const otherDeviceId = '01HZA11CEDEV00000000000000';
export const chatId = '01HZCHAT000000000000000000';
export const callId = '01HZCA11000000000000000000';
const at = '2030-01-01T10:00:00.000Z';

export function callOf(changes: Partial<Call> = {}): Call {
  return {
    id: callId,
    chatId,
    kind: 'direct',
    media: 'audio',
    state: 'ringing',
    transport: 'peer-to-peer',
    caller: { id: otherUserId, phone: '+15550001', displayName: 'Alice', about: '', avatar: null },
    callerDeviceId: otherDeviceId,
    answeredDeviceId: null,
    participantIds: [otherUserId],
    ringingIds: [myUserId],
    startedAt: at,
    answeredAt: null,
    endedAt: null,
    outcome: null,
    ...changes,
  };
}

export function connectionOf(call: Call, changes: Partial<CallConnection> = {}): CallConnection {
  return {
    call,
    iceServers: [{ urls: 'turn:127.0.0.1:3478', username: 'u', credential: 'p' }],
    iceTransportPolicy: 'all',
    peerToPeerTimeoutMs: 5000,
    participantToken: call.transport === 'sfu' ? 'mpt_call' : null,
    ...changes,
  };
}

/** A peer connection that also trickles candidates and takes remote ones. */
export class FakeCallPeerConnection extends FakePeerConnection {
  readonly remoteCandidates: (RTCIceCandidateInit | undefined)[] = [];
  readonly #candidateListeners: ((event: unknown) => void)[] = [];

  override addEventListener(
    type: string,
    listener: (...args: unknown[]) => void,
    options?: { once?: boolean },
  ) {
    if (type === 'icecandidate') this.#candidateListeners.push(listener);
    else super.addEventListener(type, listener, options);
  }

  async addIceCandidate(candidate?: RTCIceCandidateInit): Promise<void> {
    this.remoteCandidates.push(candidate);
  }

  /** The ICE agent found a candidate (null: gathering is complete). */
  gather(candidate: string | null): void {
    const event = { candidate: candidate === null ? null : { candidate, sdpMid: '0', sdpMLineIndex: 0 } };
    for (const listener of this.#candidateListeners) listener(event);
  }
}

/** A call room whose snapshot the test sets. */
export class FakeCallRoom implements CallRoom {
  readonly options: CallRoomOptions;
  joined: JoinOptions | null = null;
  left = false;
  readonly calls: string[] = [];
  snapshot: MeetingSnapshot;
  readonly #changes = new Emitter<{ change: [] }>();

  constructor(options: CallRoomOptions) {
    this.options = options;
    this.snapshot = {
      ...initialMeetingState,
      status: { status: 'idle' },
      remoteTracks: [],
      local: {
        micOn: true,
        cameraOn: false,
        screenOn: false,
        noiseSuppression: false,
        audioInputId: null,
        videoInputId: null,
        tracks: { mic: null, camera: null, screen: null, screenAudio: null },
      },
    };
  }

  async join(options: JoinOptions): Promise<void> {
    this.joined = options;
    this.update({ status: { status: 'connecting' } });
  }

  async leave(): Promise<void> {
    this.left = true;
    this.update({ status: { status: 'left' } });
  }

  async setMicrophone(on: boolean): Promise<void> {
    this.calls.push(`mic:${on}`);
    this.update({ local: { ...this.snapshot.local, micOn: on } });
  }

  async setCamera(on: boolean): Promise<void> {
    this.calls.push(`camera:${on}`);
  }

  async startScreenShare(): Promise<void> {
    this.calls.push('screen:on');
  }

  async stopScreenShare(): Promise<void> {
    this.calls.push('screen:off');
  }

  async switchDevice(kind: string, deviceId: string): Promise<void> {
    this.calls.push(`switch:${kind}:${deviceId}`);
  }

  /** The videos the call asked to receive, last asked. */
  view: readonly ViewTile[] = [];
  setView(tiles: readonly ViewTile[]): void {
    this.view = tiles;
  }

  readonly subscribe = (listener: () => void): (() => void) => this.#changes.on('change', listener);
  readonly getSnapshot = (): MeetingSnapshot => this.snapshot;

  update(changes: Partial<MeetingSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...changes };
    this.#changes.emit('change');
  }
}

type Responder = (frame: ClientRequest) => OkData | Error | undefined;

export function callHarness() {
  const clock = new ManualClock();
  const fake = fakeRtc();
  const pcs: FakeCallPeerConnection[] = [];
  fake.rtc.createPeerConnection = (configuration) => {
    const pc = new FakeCallPeerConnection(configuration);
    pcs.push(pc);
    fake.pcs.push(pc);
    return pc as unknown as RTCPeerConnection;
  };
  const events = new Emitter<GatewayEvents>();
  const sent: ClientRequest[] = [];
  const responders: Responder[] = [];
  const rooms: FakeCallRoom[] = [];
  let activeCalls: Call[] = [];
  const calls = new Calls({
    gateway: {
      on: (name, listener) => events.on(name, listener),
      async request(frame) {
        // Every frame must be one the server accepts.
        clientFrameSchema.parse({ ...frame, id: 'c1' });
        sent.push(frame);
        for (const responder of responders) {
          const answer = responder(frame);
          if (answer instanceof Error) throw answer;
          if (answer !== undefined) return answer;
        }
        return undefined;
      },
    },
    api: { activeCalls: async () => activeCalls },
    membersOf: async () => [callOf().caller, { ...callOf().caller, id: myUserId, displayName: 'Me' }],
    rtc: fake.rtc,
    clock,
    logger: silentLogger,
    createRoom: (options) => {
      const room = new FakeCallRoom(options);
      rooms.push(room);
      return room;
    },
  });
  events.emit('ready', { userId: myUserId, deviceId: myDeviceId });
  const changes: string[] = [];
  calls.on('change', () => changes.push(calls.current?.phase ?? 'none'));

  return {
    clock,
    fake,
    pcs,
    rooms,
    calls,
    sent,
    changes,
    setActiveCalls(list: Call[]) {
      activeCalls = list;
    },
    /** Answers frames of this type with `data` (or fails them with an ApiError). */
    answer(type: ClientRequest['type'], data: OkData | ApiError) {
      responders.unshift((frame) => (frame.type === type ? data : undefined));
    },
    emit<K extends keyof GatewayEvents>(name: K, ...args: GatewayEvents[K]) {
      events.emit(name, ...args);
    },
    /** Frames of one type sent so far. */
    sentOf<T extends ClientRequest['type']>(type: T): Extract<ClientRequest, { type: T }>[] {
      return sent.filter((frame): frame is Extract<ClientRequest, { type: T }> => frame.type === type);
    },
    signals(): string[] {
      return sent.flatMap((frame) => (frame.type === 'call-signal' ? [frame.signal.kind] : []));
    },
    pc(): FakeCallPeerConnection {
      const pc = pcs.at(-1);
      if (!pc) throw new Error('no peer connection yet');
      return pc;
    },
    liveTracks(): FakeTrack[] {
      return fake.tracks.filter((track) => track.readyState === 'live');
    },
    settle,
  };
}

export { ApiError };
