import type { SubscribedTrack } from '@parley/protocol';
import {
  PictureLossIndication,
  RTCPeerConnection,
  RTCRtpCodecParameters,
  RtcpPayloadSpecificFeedback,
  type RtpPacket,
  useNACK,
  usePLI,
} from 'werift';
import type { FromRecorder } from './recorder-messages.ts';
import { TrackChunker } from './track-chunker.ts';

interface RecordedTrack {
  key: string;
  ssrc: number;
  participantId: string;
  source: SubscribedTrack['source'];
  kind: 'audio' | 'video';
  chunker: TrackChunker;
}

/**
 * One recording's connection to its room's router, inside the recorder process: a werift peer that
 * answers the router's subscribe offers (it consumes every track, like an invisible participant)
 * and a chunker per track that turns its RTP into ~10 s WebM chunks, sent to the node as each ends.
 */
export class RecorderSession {
  #pc: RTCPeerConnection | undefined;
  /** By the SSRC the router sends the track with. */
  readonly #tracks = new Map<number, RecordedTrack>();
  #paused = false;

  constructor(
    private readonly sessionId: string,
    private readonly stunUrl: string,
    private readonly chunkMs: number,
    private readonly send: (message: FromRecorder) => void,
  ) {}

  /** Applies the router's offer (its current track list) and returns the answer. */
  async answer(sdp: string, tracks: SubscribedTrack[], listenIp: string): Promise<string> {
    this.#pc ??= this.#createPeer(listenIp);
    const pc = this.#pc;
    await pc.setRemoteDescription({ type: 'offer', sdp });
    await pc.setLocalDescription(await pc.createAnswer());
    await this.#follow(sdp, tracks);
    return pc.localDescription?.sdp ?? '';
  }

  async pause(): Promise<void> {
    this.#paused = true;
    await Promise.all([...this.#tracks.values()].map((track) => track.chunker.pause()));
  }

  resume(): void {
    this.#paused = false;
    for (const track of this.#tracks.values()) track.chunker.resume();
  }

  /** Finishes every track's chunk (each is sent before this resolves) and hangs up. */
  async close(): Promise<void> {
    const tracks = [...this.#tracks.values()];
    this.#tracks.clear();
    await Promise.all(tracks.map((track) => track.chunker.finish()));
    await this.#pc?.close();
  }

  #createPeer(listenIp: string): RTCPeerConnection {
    const loopback = listenIp === '127.0.0.1';
    const pc = new RTCPeerConnection({
      iceServers: [{ urls: this.stunUrl }],
      // werift leaves loopback out of its host candidates; the router may listen only there.
      iceAdditionalHostAddresses: ['127.0.0.1'],
      ...(loopback ? { iceInterfaceAddresses: { udp4: '127.0.0.1' } } : {}),
      iceUseIpv6: false,
      bundlePolicy: 'max-bundle',
      codecs: {
        audio: [
          new RTCRtpCodecParameters({
            mimeType: 'audio/opus',
            clockRate: 48000,
            channels: 2,
            parameters: 'minptime=10;useinbandfec=1',
          }),
        ],
        video: [
          new RTCRtpCodecParameters({
            mimeType: 'video/VP8',
            clockRate: 90000,
            rtcpFeedback: [useNACK(), usePLI()],
          }),
          new RTCRtpCodecParameters({ mimeType: 'video/rtx', clockRate: 90000 }),
        ],
      },
    });
    return pc;
  }

  /** Starts chunkers for new tracks and finishes those the offer no longer carries. */
  async #follow(sdp: string, tracks: SubscribedTrack[]): Promise<void> {
    const ssrcs = ssrcsByMid(sdp);
    const wanted = new Map<number, SubscribedTrack>();
    for (const track of tracks) {
      const ssrc = ssrcs.get(track.mid);
      if (ssrc !== undefined) wanted.set(ssrc, track);
    }
    const finishing: Promise<void>[] = [];
    for (const [ssrc, track] of this.#tracks) {
      const next = wanted.get(ssrc);
      if (next && next.participantId === track.participantId && next.source === track.source) continue;
      this.#tracks.delete(ssrc);
      finishing.push(track.chunker.finish());
    }
    for (const [ssrc, track] of wanted) {
      if (this.#tracks.has(ssrc)) continue;
      this.#tracks.set(ssrc, this.#track(ssrc, track));
    }
    const dtls = this.#pc?.dtlsTransports[0];
    if (dtls && !listening.has(dtls)) {
      listening.add(dtls);
      dtls.onRtp.subscribe((packet: RtpPacket) => this.#onRtp(packet));
    }
    await Promise.all(finishing);
  }

  #track(ssrc: number, track: SubscribedTrack): RecordedTrack {
    const chunker = new TrackChunker({
      kind: track.kind,
      firstSequence: 0,
      chunkMs: this.chunkMs,
      now: Date.now,
      requestKeyFrame: () => void this.#sendPli(ssrc),
      onChunk: async (chunk) => {
        this.send({
          type: 'chunk',
          sessionId: this.sessionId,
          participantId: track.participantId,
          source: track.source,
          kind: track.kind,
          startedAt: chunk.startedAt,
          durationMs: chunk.durationMs,
          width: chunk.width ?? null,
          height: chunk.height ?? null,
          bytes: chunk.bytes,
        });
      },
    });
    // No keyframe request here: the router asks the sender for one when a consumer starts.
    if (this.#paused) void chunker.pause();
    return {
      key: `${track.participantId}:${track.source}`,
      ssrc,
      participantId: track.participantId,
      source: track.source,
      kind: track.kind,
      chunker,
    };
  }

  #onRtp(packet: RtpPacket): void {
    const track = this.#tracks.get(packet.header.ssrc);
    if (!track) return; // retransmissions (RTX) and tracks already finished
    track.chunker.push({
      payload: packet.payload,
      sequenceNumber: packet.header.sequenceNumber,
      timestamp: packet.header.timestamp,
      marker: packet.header.marker,
    });
  }

  async #sendPli(mediaSsrc: number): Promise<void> {
    const dtls = this.#pc?.dtlsTransports[0];
    // Before DTLS is up there are no SRTCP keys (werift throws); the first keyframe comes anyway.
    if (dtls?.state !== 'connected') return;
    const feedback = new PictureLossIndication({ senderSsrc: 1, mediaSsrc });
    await dtls.sendRtcp([new RtcpPayloadSpecificFeedback({ feedback })]);
  }
}

const listening = new WeakSet<object>();

/** The SSRC the router sends on each m-section, from its offer. */
function ssrcsByMid(sdp: string): Map<string, number> {
  const result = new Map<string, number>();
  for (const section of sdp.split('\r\nm=').slice(1)) {
    const mid = /\r\na=mid:(\S+)/.exec(section)?.[1];
    const ssrc = /\r\na=ssrc:(\d+) /.exec(section)?.[1];
    if (mid !== undefined && ssrc !== undefined) result.set(mid, Number(ssrc));
  }
  return result;
}
