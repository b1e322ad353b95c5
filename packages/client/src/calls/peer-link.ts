import type { CallConnection, CallSignal } from '@parley/protocol';
import type { Logger } from '../logger.ts';
import {
  type InboundTotals,
  type LinkQuality,
  type StatsEntry,
  summarizeLink,
} from '../meetings/link-quality.ts';
import type { RtcEnvironment } from '../meetings/rtc-environment.ts';

/** Where the direct connection is: `failed` means ICE gave up (the call moves to the SFU). */
export type PeerLinkState = 'new' | 'connected' | 'disconnected' | 'failed';

export interface PeerLinkOptions {
  rtc: RtcEnvironment;
  connection: CallConnection;
  /** The caller offers; the answering device answers. */
  role: 'caller' | 'callee';
  logger: Logger;
  send(signal: CallSignal): void;
  onState(state: PeerLinkState): void;
  /** The other side's tracks changed (new receivers). */
  onRemote(stream: MediaStream): void;
}

/**
 * The peer-to-peer media of a direct call: one RTCPeerConnection with an audio and a video
 * m-section from the start (the video one sends nothing while the camera is off), so turning the
 * camera on later, or a voice call becoming video, is a replaceTrack without renegotiation.
 */
export class PeerLink {
  readonly pc: RTCPeerConnection;
  readonly #options: PeerLinkOptions;
  /** Candidates that came before the remote description they belong to. */
  #pendingCandidates: (RTCIceCandidateInit | null)[] = [];
  #remote: MediaStream | null = null;
  #remoteTrackCount = 0;
  #state: PeerLinkState = 'new';
  #closed = false;
  #totals: InboundTotals | null = null;
  #audio: RTCRtpTransceiver | null = null;
  #video: RTCRtpTransceiver | null = null;
  #tracks: { audio: MediaStreamTrack | null; video: MediaStreamTrack | null };
  #stream: MediaStream | null;

  constructor(
    options: PeerLinkOptions,
    tracks: { audio: MediaStreamTrack | null; video: MediaStreamTrack | null },
    stream: MediaStream | null,
  ) {
    this.#options = options;
    this.#tracks = tracks;
    this.#stream = stream;
    const { connection } = options;
    this.pc = options.rtc.createPeerConnection({
      iceServers: connection.iceServers,
      iceTransportPolicy: connection.iceTransportPolicy,
      bundlePolicy: 'max-bundle',
    });
    this.pc.addEventListener('icecandidate', (event: Event) => this.#onCandidate(event));
    this.pc.addEventListener('iceconnectionstatechange', () => this.#onIceState());
    this.pc.addEventListener('track', () => this.#refreshRemote());
    if (options.role === 'caller') {
      this.#audio = this.#addTransceiver('audio', tracks.audio);
      this.#video = this.#addTransceiver('video', tracks.video);
      this.#refreshRemote();
    }
  }

  get state(): PeerLinkState {
    return this.#state;
  }

  /** The caller's first offer. */
  async offer(): Promise<void> {
    const offer = await this.pc.createOffer();
    await this.pc.setLocalDescription(offer);
    if (this.#closed || !offer.sdp) return;
    this.#options.send({ kind: 'offer', sdp: this.pc.localDescription?.sdp ?? offer.sdp });
  }

  /** Signaling from the other device. */
  async receive(signal: CallSignal): Promise<void> {
    if (this.#closed) return;
    switch (signal.kind) {
      case 'offer':
        await this.pc.setRemoteDescription({ type: 'offer', sdp: signal.sdp });
        this.#takeTransceivers();
        await this.pc.setLocalDescription(await this.pc.createAnswer());
        if (this.#closed) return;
        this.#options.send({ kind: 'answer', sdp: this.pc.localDescription?.sdp ?? '' });
        await this.#flushCandidates();
        this.#refreshRemote();
        return;
      case 'answer':
        await this.pc.setRemoteDescription({ type: 'answer', sdp: signal.sdp });
        await this.#flushCandidates();
        this.#refreshRemote();
        return;
      case 'candidate':
        if (!this.pc.remoteDescription) {
          this.#pendingCandidates.push(signal.candidate);
          return;
        }
        await this.#addCandidate(signal.candidate);
        return;
      default:
        return;
    }
  }

  /** Puts a track on the audio or video sender (null sends nothing). */
  async setTrack(kind: 'audio' | 'video', track: MediaStreamTrack | null): Promise<void> {
    this.#tracks[kind] = track;
    const transceiver = kind === 'audio' ? this.#audio : this.#video;
    if (!transceiver) return;
    await transceiver.sender.replaceTrack(track);
  }

  /** A sample of the connection's quality (null until the stats say anything). */
  async quality(): Promise<LinkQuality | null> {
    const report = (await this.pc.getStats()) as unknown as Map<string, StatsEntry>;
    const entries = [...report.values()];
    const { link, totals } = summarizeLink({ publish: entries, subscribe: entries }, this.#totals);
    this.#totals = totals;
    return link;
  }

  /** Idempotent; the local tracks stay open (they move to the SFU, or the session stops them). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.pc.close();
  }

  #addTransceiver(kind: 'audio' | 'video', track: MediaStreamTrack | null): RTCRtpTransceiver {
    const init: RTCRtpTransceiverInit = {
      direction: 'sendrecv',
      ...(this.#stream ? { streams: [this.#stream] } : {}),
    };
    return this.pc.addTransceiver(track ?? kind, init);
  }

  /** The answering side sends on the m-sections the offer created. */
  #takeTransceivers(): void {
    for (const transceiver of this.pc.getTransceivers()) {
      const kind = transceiver.receiver.track.kind as 'audio' | 'video';
      if (kind === 'audio' && !this.#audio) this.#audio = transceiver;
      else if (kind === 'video' && !this.#video) this.#video = transceiver;
      else continue;
      transceiver.direction = 'sendrecv';
      void transceiver.sender.replaceTrack(this.#tracks[kind]);
    }
  }

  #refreshRemote(): void {
    const tracks = this.pc
      .getTransceivers()
      .map((transceiver) => transceiver.receiver.track)
      .filter((track): track is MediaStreamTrack => Boolean(track));
    if (tracks.length === this.#remoteTrackCount && this.#remote) return;
    this.#remoteTrackCount = tracks.length;
    // Receiver tracks live as long as the connection: one stream holds them (they unmute when media flows).
    this.#remote = this.#options.rtc.createStream(tracks);
    this.#options.onRemote(this.#remote);
  }

  #onCandidate(event: Event): void {
    const { candidate } = event as RTCPeerConnectionIceEvent;
    if (this.#closed) return;
    this.#options.send({
      kind: 'candidate',
      candidate:
        candidate && candidate.candidate !== ''
          ? {
              candidate: candidate.candidate,
              sdpMid: candidate.sdpMid,
              sdpMLineIndex: candidate.sdpMLineIndex,
            }
          : null,
    });
  }

  async #flushCandidates(): Promise<void> {
    const pending = this.#pendingCandidates;
    this.#pendingCandidates = [];
    for (const candidate of pending) await this.#addCandidate(candidate);
  }

  async #addCandidate(candidate: RTCIceCandidateInit | null): Promise<void> {
    try {
      // No argument marks the end of the other side's candidates.
      if (candidate) await this.pc.addIceCandidate(candidate);
      else await this.pc.addIceCandidate();
    } catch (error) {
      this.#options.logger.debug({ error }, 'call: remote candidate refused');
    }
  }

  #onIceState(): void {
    if (this.#closed) return;
    const ice = this.pc.iceConnectionState;
    const state: PeerLinkState =
      ice === 'connected' || ice === 'completed'
        ? 'connected'
        : ice === 'disconnected'
          ? 'disconnected'
          : ice === 'failed'
            ? 'failed'
            : 'new';
    if (state === this.#state || state === 'new') return;
    this.#state = state;
    this.#options.onState(state);
  }
}
