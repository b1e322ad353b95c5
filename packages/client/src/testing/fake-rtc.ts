// Browser media doubles for unit tests of the meeting SDK: they record what the SDK asks of them
// and play the browser's side of SDP (MIDs assigned at setLocalDescription, receivers created by
// a remote offer). They check nothing about real media; e2e tests in Chromium do that.
import type { RtcEnvironment } from '../meetings/rtc-environment.ts';

type Listener = (...args: unknown[]) => void;

class FakeEvents {
  readonly #listeners = new Map<string, Set<Listener>>();

  addEventListener(type: string, listener: Listener, options?: { once?: boolean }): void {
    const set = this.#listeners.get(type) ?? new Set();
    this.#listeners.set(type, set);
    const wrapped: Listener = options?.once
      ? (...args) => {
          set.delete(wrapped);
          listener(...args);
        }
      : listener;
    set.add(wrapped);
  }

  removeEventListener(type: string, listener: Listener): void {
    this.#listeners.get(type)?.delete(listener);
  }

  dispatch(type: string): void {
    for (const listener of [...(this.#listeners.get(type) ?? [])]) listener();
  }
}

let trackCount = 0;

export class FakeTrack extends FakeEvents {
  readonly id: string;
  readonly kind: 'audio' | 'video';
  readonly label: string;
  enabled = true;
  readyState: 'live' | 'ended' = 'live';
  contentHint = '';
  readonly settings: MediaTrackSettings;

  constructor(kind: 'audio' | 'video', label: string = kind, settings: MediaTrackSettings = {}) {
    super();
    trackCount += 1;
    this.id = `track-${trackCount}`;
    this.kind = kind;
    this.label = label;
    this.settings = settings;
  }

  getSettings(): MediaTrackSettings {
    return this.settings;
  }

  stop(): void {
    this.readyState = 'ended';
  }

  /** The device went away: the browser ends the track and fires `ended`. */
  end(): void {
    this.readyState = 'ended';
    this.dispatch('ended');
  }
}

export class FakeStream {
  readonly tracks: FakeTrack[];

  constructor(tracks: FakeTrack[]) {
    this.tracks = tracks;
  }

  getTracks(): FakeTrack[] {
    return this.tracks;
  }

  getAudioTracks(): FakeTrack[] {
    return this.tracks.filter((track) => track.kind === 'audio');
  }

  getVideoTracks(): FakeTrack[] {
    return this.tracks.filter((track) => track.kind === 'video');
  }
}

export class FakeSender {
  track: FakeTrack | null;
  encodings: RTCRtpEncodingParameters[];

  constructor(track: FakeTrack | null, encodings: RTCRtpEncodingParameters[]) {
    this.track = track;
    this.encodings = encodings.map((encoding) => ({ ...encoding }));
  }

  async replaceTrack(track: FakeTrack | null): Promise<void> {
    this.track = track;
  }

  getParameters(): RTCRtpSendParameters {
    return {
      transactionId: 't',
      encodings: this.encodings.map((encoding) => ({ ...encoding })),
      codecs: [],
      headerExtensions: [],
      rtcp: {},
    };
  }

  async setParameters(parameters: RTCRtpSendParameters): Promise<void> {
    this.encodings = parameters.encodings;
  }
}

export class FakeTransceiver {
  mid: string | null = null;
  direction: RTCRtpTransceiverDirection;
  readonly kind: 'audio' | 'video';
  readonly sendEncodings: RTCRtpEncodingParameters[] | undefined;
  readonly sender: FakeSender;
  readonly receiver: { track: FakeTrack };
  codecPreferences: { mimeType: string }[] | null = null;
  stopped = false;

  constructor(kind: 'audio' | 'video', init: RTCRtpTransceiverInit, track: FakeTrack | null) {
    this.kind = kind;
    this.direction = init.direction ?? 'sendrecv';
    this.sendEncodings = init.sendEncodings;
    this.sender = new FakeSender(track, init.sendEncodings ?? [{}]);
    this.receiver = { track: new FakeTrack(kind, 'remote') };
  }

  setCodecPreferences(codecs: { mimeType: string }[]): void {
    this.codecPreferences = codecs;
  }

  stop(): void {
    this.stopped = true;
  }
}

/** An offer with one Opus m-section per audio transceiver, as a browser writes it (fmtp without FEC/DTX). */
function offerSdp(transceivers: FakeTransceiver[]): string {
  const sections = transceivers.map((t, index) =>
    t.kind === 'audio'
      ? `m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:${t.mid ?? index}\r\na=rtpmap:111 opus/48000/2\r\na=fmtp:111 minptime=10\r\n`
      : `m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:${t.mid ?? index}\r\na=rtpmap:96 VP8/90000\r\n`,
  );
  return `v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n${sections.join('')}`;
}

/** An SFU offer for the subscribe connection with these m-sections. */
export function subscribeSdp(sections: { mid: string; kind: 'audio' | 'video' }[]): string {
  const media = sections.map(({ mid, kind }) => `m=${kind} 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:${mid}\r\n`);
  return `v=0\r\no=sfu 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n${media.join('')}`;
}

export class FakePeerConnection extends FakeEvents {
  readonly configuration: RTCConfiguration;
  readonly transceivers: FakeTransceiver[] = [];
  iceConnectionState: RTCIceConnectionState = 'new';
  signalingState: RTCSignalingState = 'stable';
  localDescription: RTCSessionDescriptionInit | null = null;
  remoteDescription: RTCSessionDescriptionInit | null = null;
  /** The options of each createOffer() call. */
  readonly offers: (RTCOfferOptions | undefined)[] = [];
  closed = false;
  stats = new Map<string, Record<string, unknown>>();
  #nextMid = 0;
  #midsOfLastOffer: FakeTransceiver[] = [];

  constructor(configuration: RTCConfiguration) {
    super();
    this.configuration = configuration;
  }

  addTransceiver(
    trackOrKind: FakeTrack | 'audio' | 'video',
    init: RTCRtpTransceiverInit = {},
  ): FakeTransceiver {
    const track = typeof trackOrKind === 'string' ? null : trackOrKind;
    const kind = typeof trackOrKind === 'string' ? trackOrKind : trackOrKind.kind;
    const transceiver = new FakeTransceiver(kind, init, track);
    this.transceivers.push(transceiver);
    return transceiver;
  }

  getTransceivers(): FakeTransceiver[] {
    return this.transceivers.filter((t) => !t.stopped);
  }

  async createOffer(options?: RTCOfferOptions): Promise<RTCSessionDescriptionInit> {
    this.offers.push(options);
    return { type: 'offer', sdp: offerSdp(this.getTransceivers()) };
  }

  async createAnswer(): Promise<RTCSessionDescriptionInit> {
    return { type: 'answer', sdp: `v=0\r\no=- 3 4 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n` };
  }

  async setLocalDescription(description: RTCSessionDescriptionInit): Promise<void> {
    if (description.type === 'rollback') {
      for (const transceiver of this.#midsOfLastOffer) transceiver.mid = null;
      this.signalingState = 'stable';
      return;
    }
    this.localDescription = description;
    if (description.type === 'offer') {
      this.#midsOfLastOffer = this.getTransceivers().filter((t) => t.mid === null);
      for (const transceiver of this.#midsOfLastOffer) transceiver.mid = String(this.#nextMid++);
      this.signalingState = 'have-local-offer';
    } else {
      this.signalingState = 'stable';
    }
  }

  async setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void> {
    this.remoteDescription = description;
    if (description.type === 'answer') {
      this.signalingState = 'stable';
      return;
    }
    for (const [, kind, mid] of (description.sdp ?? '').matchAll(/m=(audio|video) [^\r]*\r\na=mid:(\S+)/g)) {
      if (this.transceivers.some((t) => t.mid === mid)) continue;
      const transceiver = new FakeTransceiver(kind as 'audio' | 'video', { direction: 'recvonly' }, null);
      transceiver.mid = mid ?? null;
      this.transceivers.push(transceiver);
    }
    this.signalingState = 'have-remote-offer';
  }

  async getStats(): Promise<Map<string, Record<string, unknown>>> {
    return this.stats;
  }

  close(): void {
    this.closed = true;
  }

  /** The browser's ICE agent changes state. */
  setIce(state: RTCIceConnectionState): void {
    this.iceConnectionState = state;
    this.dispatch('iceconnectionstatechange');
  }
}

export interface FakeRtc {
  rtc: RtcEnvironment;
  /** Every peer connection made, in order. */
  pcs: FakePeerConnection[];
  /** Every getUserMedia and getDisplayMedia request. */
  requests: { kind: 'user' | 'display'; constraints: unknown }[];
  /** Every track handed out by getUserMedia or getDisplayMedia. */
  tracks: FakeTrack[];
  /** Make the next request for this device kind fail (a NotAllowedError, say). */
  failNext: Partial<Record<'audio' | 'video' | 'display', Error>>;
  /** What the camera captures. */
  cameraSize: { width: number; height: number };
}

export function fakeRtc(): FakeRtc {
  const fake: FakeRtc = {
    pcs: [],
    requests: [],
    tracks: [],
    failNext: {},
    cameraSize: { width: 1280, height: 720 },
    rtc: {
      createPeerConnection(configuration) {
        const pc = new FakePeerConnection(configuration);
        fake.pcs.push(pc);
        return pc as unknown as RTCPeerConnection;
      },
      async getUserMedia(constraints) {
        fake.requests.push({ kind: 'user', constraints });
        const kind = constraints.audio ? 'audio' : 'video';
        const failure = fake.failNext[kind];
        if (failure) {
          delete fake.failNext[kind];
          throw failure;
        }
        const track = new FakeTrack(kind, kind, kind === 'video' ? { ...fake.cameraSize } : {});
        fake.tracks.push(track);
        return new FakeStream([track]) as unknown as MediaStream;
      },
      async getDisplayMedia(options) {
        fake.requests.push({ kind: 'display', constraints: options });
        const failure = fake.failNext.display;
        if (failure) {
          delete fake.failNext.display;
          throw failure;
        }
        const video = new FakeTrack('video', 'screen');
        fake.tracks.push(video);
        return new FakeStream([video]) as unknown as MediaStream;
      },
      createStream: (tracks) => new FakeStream(tracks as unknown as FakeTrack[]) as unknown as MediaStream,
      codecs: (kind) =>
        (kind === 'audio'
          ? [
              { mimeType: 'audio/red', clockRate: 48000 },
              { mimeType: 'audio/opus', clockRate: 48000 },
            ]
          : [
              { mimeType: 'video/VP9', clockRate: 90000 },
              { mimeType: 'video/H264', clockRate: 90000 },
              { mimeType: 'video/VP8', clockRate: 90000 },
              { mimeType: 'video/rtx', clockRate: 90000 },
            ]) as RTCRtpCodec[],
    },
  };
  return fake;
}
