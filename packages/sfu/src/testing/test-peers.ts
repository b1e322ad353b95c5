/**
 * werift peers that play a browser against the SFU on 127.0.0.1: a publisher that crafts Opus-like
 * and VP8 RTP (simulcast with RID header extensions, keyframes on start and on PLI, as an encoder
 * does) or sends real media from a file, and a subscriber that answers the SFU's offers and records
 * every RTP packet it receives.
 */
import { EventEmitter } from 'node:events';
import {
  PictureLossIndication,
  ReceiverEstimatedMaxBitrate,
  RTCPeerConnection,
  RTCRtpCodecParameters,
  type RTCRtpTransceiver,
  RTP_EXTENSION_URI,
  RtcpPayloadSpecificFeedback,
  RtpHeader,
  type RtpPacket,
  useAbsSendTime,
  useAudioLevelIndication,
  useNACK,
  usePLI,
  useREMB,
  useRepairedRtpStreamId,
  useSdesMid,
  useSdesRTPStreamId,
  useTransportWideCC,
  useTWCC,
} from 'werift';
import { resumeIceAfterRestart } from '../media/werift-workarounds.ts';
import { packetizeOpus, packetizeVp8, type TestMedia, TestMediaLoop } from './real-media.ts';
import { vp8Payload } from './vp8-payload.ts';

export function loopbackPeer(stunUrl: string): RTCPeerConnection {
  return new RTCPeerConnection({
    iceServers: [{ urls: stunUrl }],
    iceAdditionalHostAddresses: ['127.0.0.1'],
    iceInterfaceAddresses: { udp4: '127.0.0.1' },
    iceUseIpv4: false,
    iceUseIpv6: false,
    bundlePolicy: 'max-bundle',
    codecs: {
      audio: [
        new RTCRtpCodecParameters({
          mimeType: 'audio/opus',
          clockRate: 48000,
          channels: 2,
          parameters: 'minptime=10;useinbandfec=1;usedtx=1',
        }),
      ],
      video: [
        new RTCRtpCodecParameters({
          mimeType: 'video/VP8',
          clockRate: 90000,
          rtcpFeedback: [useNACK(), usePLI(), useREMB(), useTWCC()],
        }),
        new RTCRtpCodecParameters({ mimeType: 'video/rtx', clockRate: 90000 }),
      ],
    },
    headerExtensions: {
      audio: [useSdesMid(), useAudioLevelIndication()],
      video: [
        useSdesMid(),
        useSdesRTPStreamId(),
        useRepairedRtpStreamId(),
        useAbsSendTime(),
        useTransportWideCC(),
      ],
    },
  });
}

function connected(pc: RTCPeerConnection, timeoutMs: number): Promise<void> {
  if (pc.connectionState === 'connected') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not connected within ${timeoutMs} ms`)), timeoutMs);
    const { unSubscribe } = pc.connectionStateChange.subscribe((state) => {
      if (state !== 'connected') return;
      clearTimeout(timer);
      unSubscribe();
      resolve();
    });
  });
}

/** Resolves with the first event whose arguments match, or rejects after `timeoutMs`. */
export function waitForEvent<T>(
  emitter: EventEmitter,
  event: string,
  match: (value: T) => boolean = () => true,
  timeoutMs = 5000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      emitter.off(event, listener);
      reject(new Error(`no matching '${event}' within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (value: T) => {
      if (!match(value)) return;
      clearTimeout(timer);
      emitter.off(event, listener);
      resolve(value);
    };
    emitter.on(event, listener);
  });
}

interface OutgoingStream {
  kind: 'audio' | 'video';
  ssrc: number;
  payloadType: number;
  mid: string;
  rid?: string;
  layer: number;
  sequenceNumber: number;
  timestamp: number;
  pictureId: number;
  frame: number;
  width: number;
  height: number;
  keyframeWanted: boolean;
  /** Sent packets by sequence number, for retransmissions. */
  history: Map<number, { payload: Buffer; marker: boolean; timestamp: number }>;
  rtxSsrc: number;
  rtxSequenceNumber: number;
  /** With real media: the frames to send, and the RTP timestamp of the loop's time 0. */
  media?: { loop: TestMediaLoop; firstTimestamp: number };
}

export interface PublisherEvents {
  pli: [number];
  nack: [{ ssrc: number; lost: number[] }];
}

export class TestPublisher extends EventEmitter {
  readonly pc: RTCPeerConnection;
  readonly plis = new Map<number, number>();
  #audio: RTCRtpTransceiver | undefined;
  #video: RTCRtpTransceiver | undefined;
  #rids: string[] = [];
  readonly #streams: OutgoingStream[] = [];
  #pump: NodeJS.Timeout[] = [];
  #dropNextVideo = false;

  readonly #transportCc: boolean;
  readonly #retransmit: boolean;
  readonly #media: TestMedia | undefined;
  #transportSequenceNumber = 0;

  /**
   * With `transportCc`, video packets carry transport-wide sequence numbers; with `retransmit`, NACKed
   * video packets are sent again as RTX (simulcast layers tagged with repaired-rtp-stream-id), as a
   * browser does. With `media` (see real-media.ts), the publisher sends that file's VP8 and Opus
   * frames in a loop instead of crafted ones; real media has a single video layer (no simulcast), and
   * a PLI makes the next frame the file's next keyframe.
   */
  constructor(
    stunUrl: string,
    options: { transportCc?: boolean; retransmit?: boolean; media?: TestMedia } = {},
  ) {
    super();
    this.pc = loopbackPeer(stunUrl);
    this.#transportCc = options.transportCc ?? false;
    this.#retransmit = options.retransmit ?? false;
    this.#media = options.media;
  }

  addAudio(): this {
    this.#audio = this.pc.addTransceiver('audio', { direction: 'sendonly' });
    return this;
  }

  /** A video track; with `rids`, simulcast with those layers, lowest first. */
  addVideo(rids: string[] = []): this {
    if (this.#media && rids.length > 0) throw new Error('real media is sent as a single layer');
    this.#rids = rids;
    this.#video = this.pc.addTransceiver('video', {
      direction: 'sendonly',
      simulcast: rids.map((rid) => ({ direction: 'send' as const, rid })),
    });
    return this;
  }

  async offer(): Promise<string> {
    await this.pc.setLocalDescription(await this.pc.createOffer());
    return this.pc.localDescription?.sdp ?? '';
  }

  get audioMid(): string {
    return this.#audio?.mid ?? '';
  }

  get videoMid(): string {
    return this.#video?.mid ?? '';
  }

  /** Applies the SFU's answer and waits for DTLS; from then on `send*` work. */
  async applyAnswer(sdp: string, timeoutMs = 10_000): Promise<void> {
    await this.pc.setRemoteDescription({ type: 'answer', sdp });
    await connected(this.pc, timeoutMs);
    const dtls = this.pc.dtlsTransports[0];
    if (!dtls) throw new Error('no DTLS transport');
    dtls.onRtcp.subscribe((packet) => this.#onRtcp(packet));
    this.#streams.length = 0;
    if (this.#audio) {
      this.#streams.push(this.#stream('audio', this.#audio, this.#audio.sender.ssrc, 0));
    }
    if (this.#video) {
      if (this.#rids.length === 0)
        this.#streams.push(this.#stream('video', this.#video, this.#video.sender.ssrc, 0));
      this.#rids.forEach((rid, layer) => {
        const video = this.#video as RTCRtpTransceiver;
        this.#streams.push({
          ...this.#stream('video', video, 0x1000 + layer * 0x100 + (Date.now() % 0xff), layer),
          rid,
        });
      });
    }
  }

  /** The number the next video frame of `layer` will carry (see readVp8Marker). */
  nextFrame(layer = 0): number {
    const stream = this.#streams.find((candidate) => candidate.kind === 'video' && candidate.layer === layer);
    if (!stream) throw new Error(`no video layer ${layer}`);
    return stream.frame;
  }

  ssrcOf(kind: 'audio' | 'video', layer = 0): number {
    const stream = this.#streams.find((candidate) => candidate.kind === kind && candidate.layer === layer);
    if (!stream) throw new Error(`no ${kind} stream ${layer}`);
    return stream.ssrc;
  }

  /** One audio packet with an RFC 6464 level (0 loudest .. 127 silence). */
  sendAudio(level = 30): void {
    const stream = this.#streams.find((candidate) => candidate.kind === 'audio');
    if (!stream) throw new Error('no audio');
    const levelId = this.#extensionId(RTP_EXTENSION_URI.audioLevelIndication);
    const payload = stream.media
      ? packetizeOpus(stream.media.loop.next().frame.data)
      : Buffer.alloc(60, 0x55);
    this.#send(stream, payload, true, [{ id: levelId, payload: Buffer.from([0x80 | level]) }]);
    // Real media too: the file's Opus packets are 20 ms each.
    stream.timestamp = (stream.timestamp + 960) >>> 0;
  }

  /** One video frame of one layer, in `packets` packets; a keyframe when asked or when one was wanted. */
  sendVideoFrame(layer = 0, options: { keyframe?: boolean; packets?: number; size?: number } = {}): boolean {
    const stream = this.#streams.find((candidate) => candidate.kind === 'video' && candidate.layer === layer);
    if (!stream) throw new Error(`no video layer ${layer}`);
    if (stream.media) return this.#sendRealVideoFrame(stream, stream.media);
    const keyframe = options.keyframe ?? (stream.keyframeWanted || stream.frame === 0);
    stream.keyframeWanted = false;
    const packets = options.packets ?? 2;
    const ridExtensions = stream.rid
      ? [
          { id: this.#extensionId(RTP_EXTENSION_URI.sdesMid), payload: Buffer.from(stream.mid) },
          { id: this.#extensionId(RTP_EXTENSION_URI.sdesRTPStreamID), payload: Buffer.from(stream.rid) },
        ]
      : [];
    for (let i = 0; i < packets; i++) {
      const payload = vp8Payload({
        keyframe,
        start: i === 0,
        pictureId: stream.pictureId,
        width: stream.width,
        height: stream.height,
        layer,
        frame: stream.frame,
        size: options.size,
      });
      this.#send(stream, payload, i === packets - 1, [...ridExtensions, ...this.#transportCcExtension()]);
    }
    stream.frame++;
    stream.pictureId = (stream.pictureId + 1) & 0x7fff;
    stream.timestamp = (stream.timestamp + 3000) >>> 0;
    return keyframe;
  }

  #sendRealVideoFrame(stream: OutgoingStream, media: NonNullable<OutgoingStream['media']>): boolean {
    if (stream.keyframeWanted) media.loop.skipToKeyframe();
    stream.keyframeWanted = false;
    const { frame, timestampMs } = media.loop.next();
    stream.timestamp = (media.firstTimestamp + Math.round(timestampMs * 90)) >>> 0;
    const payloads = packetizeVp8(frame.data, stream.pictureId);
    payloads.forEach((payload, i) => {
      this.#send(stream, payload, i === payloads.length - 1, this.#transportCcExtension());
    });
    stream.frame++;
    stream.pictureId = (stream.pictureId + 1) & 0x7fff;
    return frame.key;
  }

  /** The transport-wide sequence number extension of the next video packet, when negotiated. */
  #transportCcExtension(): Array<{ id: number; payload: Buffer }> {
    if (!this.#transportCc) return [];
    const sequence = Buffer.alloc(2);
    sequence.writeUInt16BE(this.#transportSequenceNumber);
    this.#transportSequenceNumber = (this.#transportSequenceNumber + 1) & 0xffff;
    return [{ id: this.#extensionId(RTP_EXTENSION_URI.transportWideCC), payload: sequence }];
  }

  /** The next video packet is "lost": its sequence number is used but it is not sent. */
  dropNextVideoPacket(): void {
    this.#dropNextVideo = true;
  }

  /** Sends audio every 20 ms and video at `fps` (real media: the file's) on every layer until `stop()`. */
  start(fps = this.#media?.fps ?? 30): void {
    this.stop();
    if (this.#media) {
      this.#pumpRealMedia(fps);
      return;
    }
    if (this.#streams.some((stream) => stream.kind === 'audio')) {
      this.#pump.push(setInterval(() => this.sendAudio(), 20));
    }
    const layers = this.#streams.filter((stream) => stream.kind === 'video').map((stream) => stream.layer);
    if (layers.length > 0) {
      this.#pump.push(
        setInterval(() => {
          for (const layer of layers) this.sendVideoFrame(layer);
        }, 1000 / fps),
      );
    }
  }

  /**
   * Real media keeps up with the wall clock: timers fire late on a busy event loop, so each tick sends
   * every packet that is due. Media time that lagged behind would make recordings shorter than the
   * meeting.
   */
  #pumpRealMedia(fps: number): void {
    const audio = this.#streams.some((stream) => stream.kind === 'audio');
    const video = this.#streams.some((stream) => stream.kind === 'video');
    const began = performance.now();
    let audioSent = 0;
    let videoSent = 0;
    this.#pump.push(
      setInterval(() => {
        const elapsed = performance.now() - began;
        for (; audio && audioSent * 20 <= elapsed; audioSent++) this.sendAudio();
        for (; video && (videoSent * 1000) / fps <= elapsed; videoSent++) this.sendVideoFrame();
      }, 10),
    );
  }

  stop(): void {
    for (const timer of this.#pump) clearInterval(timer);
    this.#pump = [];
  }

  async close(): Promise<void> {
    this.stop();
    await this.pc.close();
  }

  #stream(
    kind: 'audio' | 'video',
    transceiver: RTCRtpTransceiver,
    ssrc: number,
    layer: number,
  ): OutgoingStream {
    const payloadType = transceiver.sender.codec?.payloadType;
    if (payloadType === undefined) throw new Error(`no negotiated ${kind} codec`);
    const timestamp = 100_000 * (layer + 1);
    const frames = kind === 'audio' ? this.#media?.audio : this.#media?.video;
    return {
      kind,
      ssrc,
      payloadType,
      mid: transceiver.mid ?? '',
      layer,
      sequenceNumber: 1000 * (layer + 1),
      timestamp,
      pictureId: 0,
      frame: 0,
      width: 320 << layer,
      height: 180 << layer,
      keyframeWanted: false,
      history: new Map(),
      rtxSsrc: ssrc + 1,
      rtxSequenceNumber: 0,
      media:
        this.#media && frames
          ? { loop: new TestMediaLoop(frames, this.#media.durationMs), firstTimestamp: timestamp }
          : undefined,
    };
  }

  #retransmitLost(ssrc: number, lost: number[]): void {
    const stream = this.#streams.find((candidate) => candidate.ssrc === ssrc);
    const dtls = this.pc.dtlsTransports[0];
    if (!stream || !dtls) return;
    const apt = new RegExp(`a=fmtp:(\\d+) apt=${stream.payloadType}\\r`).exec(
      this.pc.localDescription?.sdp ?? '',
    );
    if (!apt) return;
    for (const sequenceNumber of lost) {
      const sent = stream.history.get(sequenceNumber);
      if (!sent) continue;
      const original = Buffer.alloc(2);
      original.writeUInt16BE(sequenceNumber);
      const extensions = stream.rid
        ? [
            { id: this.#extensionId(RTP_EXTENSION_URI.sdesMid), payload: Buffer.from(stream.mid) },
            {
              id: this.#extensionId(RTP_EXTENSION_URI.repairedRtpStreamId),
              payload: Buffer.from(stream.rid),
            },
          ]
        : [];
      const header = new RtpHeader({
        ssrc: stream.rtxSsrc,
        payloadType: Number(apt[1]),
        sequenceNumber: stream.rtxSequenceNumber,
        timestamp: sent.timestamp,
        marker: sent.marker,
        extension: extensions.length > 0,
        extensions,
      });
      stream.rtxSequenceNumber = (stream.rtxSequenceNumber + 1) & 0xffff;
      void dtls.sendRtp(Buffer.concat([original, sent.payload]), header);
    }
  }

  #extensionId(uri: string): number {
    const line = (this.pc.localDescription?.sdp ?? '')
      .split('\r\n')
      .find((candidate) => candidate.endsWith(` ${uri}`));
    if (!line) throw new Error(`extension ${uri} not negotiated`);
    return Number(line.slice('a=extmap:'.length).split(' ')[0]);
  }

  #send(
    stream: OutgoingStream,
    payload: Buffer,
    marker: boolean,
    extensions: Array<{ id: number; payload: Buffer }>,
  ) {
    const dtls = this.pc.dtlsTransports[0];
    if (!dtls) return;
    const header = new RtpHeader({
      ssrc: stream.ssrc,
      payloadType: stream.payloadType,
      sequenceNumber: stream.sequenceNumber,
      timestamp: stream.timestamp,
      marker,
      extension: extensions.length > 0,
      extensions,
    });
    stream.sequenceNumber = (stream.sequenceNumber + 1) & 0xffff;
    if (this.#retransmit && stream.kind === 'video') {
      stream.history.set(header.sequenceNumber, { payload, marker, timestamp: header.timestamp });
      stream.history.delete((header.sequenceNumber - 512) & 0xffff);
    }
    if (stream.kind === 'video' && this.#dropNextVideo) {
      this.#dropNextVideo = false;
      return;
    }
    void dtls.sendRtp(payload, header);
  }

  #onRtcp(packet: unknown): void {
    if (packet instanceof RtcpPayloadSpecificFeedback && packet.feedback instanceof PictureLossIndication) {
      const ssrc = packet.feedback.mediaSsrc;
      this.plis.set(ssrc, (this.plis.get(ssrc) ?? 0) + 1);
      const stream = this.#streams.find((candidate) => candidate.ssrc === ssrc);
      if (stream) stream.keyframeWanted = true;
      this.emit('pli', ssrc);
      return;
    }
    const feedback = (
      packet as { type?: number; feedback?: { count?: number; mediaSourceSsrc?: number; lost?: number[] } }
    ).feedback;
    if ((packet as { type?: number }).type === 205 && feedback?.count === 1 && feedback.lost) {
      const ssrc = feedback.mediaSourceSsrc ?? 0;
      if (this.#retransmit) this.#retransmitLost(ssrc, feedback.lost);
      this.emit('nack', { ssrc, lost: feedback.lost });
    }
  }
}

export interface ReceivedRtp {
  ssrc: number;
  sequenceNumber: number;
  timestamp: number;
  marker: boolean;
  payloadType: number;
  payload: Buffer;
  extensionIds: number[];
}

export class TestSubscriber extends EventEmitter {
  readonly pc: RTCPeerConnection;
  readonly received = new Map<number, number>();
  #offer = '';
  #listening = false;

  constructor(stunUrl: string) {
    super();
    this.pc = loopbackPeer(stunUrl);
  }

  /** Answers an SFU offer (first or renegotiated). */
  async answer(offerSdp: string): Promise<string> {
    this.#offer = offerSdp;
    await this.pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
    await this.pc.setLocalDescription(await this.pc.createAnswer());
    // The same werift defect as on the server: the answerer of an ICE restart must restart its checks.
    resumeIceAfterRestart(this.pc);
    const dtls = this.pc.dtlsTransports[0];
    if (dtls && !this.#listening) {
      this.#listening = true;
      dtls.onRtp.subscribe((packet: RtpPacket) => this.#onRtp(packet));
    }
    return this.pc.localDescription?.sdp ?? '';
  }

  connected(timeoutMs = 10_000): Promise<void> {
    return connected(this.pc, timeoutMs);
  }

  /** The SSRC the SFU sends on m-section `mid`, from its last offer. */
  ssrcOfMid(mid: string): number {
    for (const section of this.#offer.split('\r\nm=').slice(1)) {
      if (!section.includes(`\r\na=mid:${mid}\r\n`)) continue;
      const ssrc = /\r\na=ssrc:(\d+) /.exec(section)?.[1];
      if (ssrc) return Number(ssrc);
    }
    throw new Error(`no SSRC for mid ${mid}`);
  }

  /** Extension ids the subscriber negotiated (what forwarded packets may carry). */
  negotiatedExtensionIds(): number[] {
    return [...(this.pc.localDescription?.sdp ?? '').matchAll(/a=extmap:(\d+) /g)].map((match) =>
      Number(match[1]),
    );
  }

  nextPacket(match: (packet: ReceivedRtp) => boolean, timeoutMs = 5000): Promise<ReceivedRtp> {
    return waitForEvent(this, 'rtp', match, timeoutMs);
  }

  async sendPli(mediaSsrc: number): Promise<void> {
    const feedback = new PictureLossIndication({ senderSsrc: 1, mediaSsrc });
    await this.pc.dtlsTransports[0]?.sendRtcp([new RtcpPayloadSpecificFeedback({ feedback })]);
  }

  /** A REMB of `bitrate` bits per second for `ssrcs`. */
  async sendRemb(bitrate: number, ssrcs: number[]): Promise<void> {
    let exponent = 0;
    while (bitrate >> exponent > 0x3ffff) exponent++;
    const feedback = new ReceiverEstimatedMaxBitrate({
      senderSsrc: 1,
      mediaSsrc: 0,
      brExp: exponent,
      brMantissa: bitrate >> exponent,
      ssrcNum: ssrcs.length,
      ssrcFeedbacks: ssrcs,
    });
    await this.pc.dtlsTransports[0]?.sendRtcp([new RtcpPayloadSpecificFeedback({ feedback })]);
  }

  async close(): Promise<void> {
    await this.pc.close();
  }

  #onRtp(packet: RtpPacket): void {
    const { header } = packet;
    this.received.set(header.ssrc, (this.received.get(header.ssrc) ?? 0) + 1);
    const received: ReceivedRtp = {
      ssrc: header.ssrc,
      sequenceNumber: header.sequenceNumber,
      timestamp: header.timestamp,
      marker: header.marker,
      payloadType: header.payloadType,
      payload: packet.payload,
      extensionIds: header.extensions.map((extension) => extension.id),
    };
    this.emit('rtp', received);
  }
}
