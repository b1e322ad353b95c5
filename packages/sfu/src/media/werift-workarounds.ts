/**
 * The werift 0.24.4 internals Parley touches, typed, and the workarounds for its known defects
 * (TESTING.md). Each was checked against node_modules/werift/lib/index.mjs; werift-defects.test.ts
 * shows each defect on the real classes, so a werift upgrade tells whether a workaround is still due.
 *
 * The fourth defect, the publisher's header extensions leaking to subscribers (RTCRtpSender.sendRtp
 * copies every extension of the packet it is given into the outgoing header, with the publisher's
 * extension ids), is handled where packets are forwarded: sender-fast-path.ts writes a fresh header
 * for every forwarded packet, with only the subscriber's own abs-send-time.
 */
import {
  type RTCPeerConnection,
  type RTCRtpReceiver,
  type RTCRtpSender,
  RTP_EXTENSION_URI,
  RtpHeader,
  type RtpPacket,
} from 'werift';

interface UdpSocketLike {
  setRecvBufferSize(size: number): void;
  setSendBufferSize(size: number): void;
}

interface IceConnectionInternals {
  options: { portRange?: [number, number] };
  protocols: Array<{ transport?: { socket?: UdpSocketLike } }>;
  localCandidates: Array<{ host: string; port: number }>;
}

interface ReceiverInternals {
  nack: { addPacket(packet: unknown): void; close(): void };
  receiverTWCC?: { twccRunning: boolean };
  setupTWCC(mediaSourceSsrc: number): void;
}

interface SenderBweInternals {
  sentInfos: Record<number, unknown>;
  rtpPacketSent(sentInfo: { wideSeq: number }): void;
}

interface SenderInternals {
  senderBWE: SenderBweInternals;
  remoteFractionLost?: number;
  rtt?: number;
}

/** The ICE agent of a max-bundle connection (one per peer connection). */
export function iceConnectionOf(pc: RTCPeerConnection): IceConnectionInternals | undefined {
  const transport = pc.iceTransports[0] as unknown as { connection: IceConnectionInternals } | undefined;
  return transport?.connection;
}

/**
 * Sets the port range the next gathering of `pc` searches. werift probes ports from the start of
 * the range by binding and closing a socket, then binds again: two connections gathering at once can
 * pick the same port, and the loser's socket error is unhandled. The worker gathers one connection at
 * a time and moves the start of the range along (media-worker.ts).
 */
export function setGatherPortRange(pc: RTCPeerConnection, range: [number, number]): void {
  const connection = iceConnectionOf(pc);
  if (connection) connection.options.portRange = range;
}

export function localPorts(pc: RTCPeerConnection): number[] {
  return iceConnectionOf(pc)?.localCandidates.map((candidate) => candidate.port) ?? [];
}

/**
 * werift never runs ICE again after an ICE restart of a connected transport: RTCPeerConnection.connect
 * returns early while DTLS is still connected, so `iceTransport.start()` is not called and the agent
 * keeps its fresh credentials without checking or nominating a pair (its state even reads
 * "completed", from gathering). On an ICE-lite agent the browser's new checks wait as "early checks"
 * forever and nothing can be sent. Call after applying the description that completes a restart.
 */
export function resumeIceAfterRestart(pc: RTCPeerConnection): void {
  for (const dtls of pc.dtlsTransports) {
    const ice = dtls.iceTransport;
    const agent = (ice as unknown as { connection: { nominated?: unknown; remoteUsername: string } })
      .connection;
    if (dtls.state === 'connected' && agent.nominated === undefined && agent.remoteUsername) {
      ice.start().catch(() => {
        // The connection state machine reports the failure.
      });
    }
  }
}

interface IceTransportInternals {
  renominating: boolean;
  setRemoteParams(parameters: unknown, renomination?: boolean): void;
  parleyNoRenomination?: boolean;
}

/**
 * werift takes a change of the remote ICE credentials for "renomination" instead of an ICE restart
 * whenever the remote description has an inactive m-section (setRemoteDescription passes
 * `!!sdpManager.inactiveRemoteMedia`), and a transceiver the browser stopped stays in its offers as
 * one. The browser's next ICE restart then kept werift's own credentials and its finished check list:
 * the ICE-lite agent failed at once and the transport reported 'failed', although media flowed again
 * on the pair the browser nominated. Parley never renominates: every new remote ufrag is a restart.
 * Call before each setRemoteDescription (the ICE transport exists from the first description on).
 */
export function disableIceRenomination(pc: RTCPeerConnection): void {
  for (const ice of pc.iceTransports) {
    const internals = ice as unknown as IceTransportInternals;
    if (internals.parleyNoRenomination) continue;
    internals.parleyNoRenomination = true;
    const setRemoteParams = internals.setRemoteParams.bind(ice);
    internals.setRemoteParams = (parameters) => {
      internals.renominating = false;
      setRemoteParams(parameters, false);
    };
  }
}

interface RtpRouterInternals {
  ssrcTable: Record<number, unknown>;
  ridTable: Record<string, unknown>;
  extIdUriMap: Record<number, string>;
  routeRtp: (packet: RtpPacket) => void;
  registerRtpReceiver(receiver: unknown, ssrc: number): void;
  parleyRtxRouting?: boolean;
  parleyTransportCc?: boolean;
}

interface RidReceiverInternals {
  trackBySSRC: Record<string, { rid?: string }>;
  ssrcByRtx: Record<number, number>;
}

/**
 * werift drops a simulcast publisher's retransmissions: browsers send RTX for a RID layer on an SSRC
 * the offer does not declare, tagged only with repaired-rtp-stream-id, and werift's RtpRouter routes
 * unknown SSRCs by rtp-stream-id alone. The first such packet teaches the router the RTX SSRC (and
 * the receiver which media SSRC it repairs), after which werift unwraps it as for a declared one.
 */
export function routeSimulcastRtx(pc: RTCPeerConnection): void {
  const router = (pc as unknown as { router?: RtpRouterInternals }).router;
  if (!router || router.parleyRtxRouting || typeof router.routeRtp !== 'function') return;
  router.parleyRtxRouting = true;
  const route = router.routeRtp;
  router.routeRtp = (packet) => {
    if (router.ssrcTable[packet.header.ssrc] === undefined) learnRtxSsrc(router, packet);
    route(packet);
  };
}

function learnRtxSsrc(router: RtpRouterInternals, packet: RtpPacket): void {
  for (const extension of packet.header.extensions) {
    if (router.extIdUriMap[extension.id] !== RTP_EXTENSION_URI.repairedRtpStreamId) continue;
    const rid = extension.payload.toString();
    const receiver = router.ridTable[rid] as RidReceiverInternals | undefined;
    if (!receiver) return;
    // The layer's media SSRC, learnt by werift from its first packet.
    const media = Object.entries(receiver.trackBySSRC).find(([, track]) => track.rid === rid);
    if (!media) return;
    receiver.ssrcByRtx[packet.header.ssrc] = Number(media[0]);
    router.registerRtpReceiver(receiver, packet.header.ssrc);
    return;
  }
}

/**
 * werift's answer keeps a rejected m-section (port 0: the browser stopped that transceiver) in its
 * BUNDLE group, which JSEP forbids; Chromium then refuses the whole answer ("A BUNDLE group in answer
 * contains a MID='2' that was not in the offered group") and its connection is stuck in
 * have-local-offer. Takes the rejected m-sections' mids out of the group of an answer werift wrote.
 */
export function unbundleRejectedSections(sdp: string): string {
  const rejected = new Set<string>();
  for (const section of sdp.split(/\r?\nm=/).slice(1)) {
    if (!/^\S+ 0 /.test(section)) continue;
    const mid = /\r?\na=mid:(\S+)/.exec(section)?.[1];
    if (mid) rejected.add(mid);
  }
  if (rejected.size === 0) return sdp;
  return sdp.replace(/a=group:BUNDLE([^\r\n]*)(\r?\n)/, (_line, items: string, eol: string) => {
    const kept = items.split(' ').filter((mid) => mid && !rejected.has(mid));
    return kept.length > 0 ? `a=group:BUNDLE ${kept.join(' ')}${eol}` : '';
  });
}

/** Raises SO_RCVBUF/SO_SNDBUF of the connection's sockets (the default 208 KiB drops bursts at ~20k pps). */
export function raiseSocketBuffers(pc: RTCPeerConnection, bytes: number): void {
  for (const protocol of iceConnectionOf(pc)?.protocols ?? []) {
    const socket = protocol.transport?.socket;
    if (!socket) continue;
    try {
      socket.setRecvBufferSize(bytes);
      socket.setSendBufferSize(bytes);
    } catch {
      // Not bound yet or closed: nothing to raise.
    }
  }
}

/**
 * werift's NackHandler never stops its 5 ms retry timer after a repaired loss: `sendNack` returns a
 * promise that never settles when nothing is lost, so the interval's `clearInterval` after it is
 * never reached, and a pending promise piles up every 5 ms for the life of the receiver. It also keeps
 * one sequence state per receiver, which simulcast layers (three sequence spaces) turn into a storm
 * of false losses, and stops detecting losses after one that straddles the 16-bit wrap. Parley
 * generates NACKs per SSRC itself (nack-generator.ts); werift's handler gets no packets, and
 * `nackEnabled`, a getter that sorts the codecs on every video packet, becomes a constant false.
 */
export function disableReceiverNack(receiver: RTCRtpReceiver): void {
  const internals = receiver as unknown as ReceiverInternals;
  internals.nack.close();
  internals.nack.addPacket = () => {};
  Object.defineProperty(receiver, 'nackEnabled', { value: false, configurable: true });
}

/**
 * werift's ReceiverTWCC sends transport-wide feedback that misleads the publisher's congestion
 * controller: the reference time is in whole 64 ms ticks but the first delta counts from the exact
 * previous arrival, so each report shifts its packets by up to 64 ms (Chromium's delay-based estimate
 * reads that as congestion and held a publisher near 130 kbps on loopback); deltas are truncated
 * while its clock is not, so arrivals drift within a report; a missing packet gets a "received"
 * status with no delta; the uint16 wrap sorts into a report of about 65,000 statuses; and the packet
 * is not padded, so its RTCP length cuts off the last deltas (libwebrtc then reads it as a report
 * without times). Its 100 ms loop also never starts, and each receiver keeps its own sequence state
 * while transport-wide numbers span every m-section. And it only sees packets werift routes to a
 * receiver: one it drops (a simulcast RTX stream before its SSRC is learnt) would be reported lost.
 * Parley reports every packet of the connection from its RTP router (transport-cc-feedback.ts) and
 * takes werift's out: setRemoteDescription already set one up for an m-section that lists an SSRC,
 * which then sent its own reports every 11 packets next to Parley's (and cost a key count per
 * packet); `twccEnabled`, a getter that sorts the codecs on every packet, becomes a constant false so
 * that none is set up again. Call after each setRemoteDescription, before media flows.
 */
export function disableReceiverTwcc(receiver: RTCRtpReceiver): void {
  const internals = receiver as unknown as ReceiverInternals;
  Object.defineProperty(receiver, 'twccEnabled', { value: false, configurable: true });
  if (internals.receiverTWCC) internals.receiverTWCC.twccRunning = false;
  internals.receiverTWCC = undefined;
}

/** Calls `onPacket` with the transport-wide sequence number of every RTP packet the connection decrypts. */
export function observeTransportCc(
  pc: RTCPeerConnection,
  onPacket: (sequenceNumber: number, ssrc: number) => void,
): void {
  const router = (pc as unknown as { router?: RtpRouterInternals }).router;
  if (!router || router.parleyTransportCc || typeof router.routeRtp !== 'function') return;
  router.parleyTransportCc = true;
  const route = router.routeRtp;
  router.routeRtp = (packet) => {
    for (const extension of packet.header.extensions) {
      if (router.extIdUriMap[extension.id] !== RTP_EXTENSION_URI.transportWideCC) continue;
      if (extension.payload.length >= 2) onPacket(extension.payload.readUInt16BE(0), packet.header.ssrc);
      break;
    }
    route(packet);
  };
}

/** Sends an RTCP packet Parley serialised itself on the connection, once DTLS is up. */
export function sendRawRtcp(pc: RTCPeerConnection, packet: Buffer): void {
  const dtls = pc.dtlsTransports[0] as unknown as
    | { state: string; sendRtcp(packets: Array<{ serialize(): Buffer }>): Promise<void> }
    | undefined;
  if (dtls?.state !== 'connected') return;
  dtls.sendRtcp([{ serialize: () => packet }]).catch(() => {
    // Closing: the feedback is moot.
  });
}

/**
 * werift's SenderBandwidthEstimator.rtpPacketSent means to forget packets older than the one sent,
 * but iterates `Object.keys(sentInfo)` (the new entry's own fields) instead of the map, so the map of
 * sent packets is never pruned (up to 65,536 entries per sender), and every packet pays for the
 * sort. Without transport-cc the estimator gets no feedback at all and the map is useless. Parley
 * keeps the last 1,024 entries when transport-cc is negotiated and nothing otherwise.
 */
export function pruneSenderBandwidthEstimator(sender: RTCRtpSender, transportCc: boolean): void {
  const bwe = (sender as unknown as SenderInternals).senderBWE;
  if (!transportCc) {
    bwe.rtpPacketSent = () => {};
    return;
  }
  const window = 1024;
  const order = new Array<number>(window);
  let next = 0;
  bwe.rtpPacketSent = (sentInfo) => {
    const evicted = order[next];
    if (evicted !== undefined && evicted !== sentInfo.wideSeq) delete bwe.sentInfos[evicted];
    order[next] = sentInfo.wideSeq;
    next = (next + 1) % window;
    bwe.sentInfos[sentInfo.wideSeq] = sentInfo;
  };
}

/** The subscriber's latest reported loss (0..1) and round-trip time (seconds) for a sender. */
export function senderFeedback(sender: RTCRtpSender): { fractionLost?: number; rtt?: number } {
  const internals = sender as unknown as SenderInternals;
  return { fractionLost: internals.remoteFractionLost, rtt: internals.rtt };
}

const oneByteProfile = 0xbede;
const twoByteProfile = 0x1000;

/**
 * werift parses every RTP header it receives twice (once to find the SRTP IV, once for the packet)
 * with `getBit`, which turns each byte into an array of one-character strings, and rebuilds the
 * extension list by spreading it once per extension: about 2% of a forwarding worker's CPU and
 * garbage for every packet in. This replaces the static `RtpHeader.deSerialize` with the same
 * parse in bit operations (same fields, same errors on a truncated packet). Process-wide: the
 * worker installs it at start (main.ts).
 */
export function fastRtpHeaderParsing(): void {
  const headerClass = RtpHeader as unknown as { deSerialize(raw: Buffer): RtpHeader; parleyFast?: boolean };
  if (headerClass.parleyFast) return;
  headerClass.parleyFast = true;
  headerClass.deSerialize = parseRtpHeader;
}

/** werift 0.24.4's RtpHeader.deSerialize, in bit operations. */
export function parseRtpHeader(raw: Buffer): RtpHeader {
  const h = new RtpHeader();
  const first = raw.readUInt8(0);
  h.version = first >> 6;
  h.padding = (first & 0x20) !== 0;
  h.extension = (first & 0x10) !== 0;
  h.csrcLength = first & 0x0f;
  const second = raw.readUInt8(1);
  h.marker = (second & 0x80) !== 0;
  h.payloadType = second & 0x7f;
  h.sequenceNumber = raw.readUInt16BE(2);
  h.timestamp = raw.readUInt32BE(4);
  h.ssrc = raw.readUInt32BE(8);
  const csrc: number[] = [];
  for (let i = 0; i < h.csrcLength; i++) csrc.push(raw.readUInt32BE(12 + 4 * i));
  h.csrc = csrc;
  let offset = 12 + 4 * h.csrcLength;
  if (h.extension) {
    h.extensionProfile = raw.readUInt16BE(offset) as RtpHeader['extensionProfile'];
    const extensionLength = raw.readUInt16BE(offset + 2) * 4;
    h.extensionLength = extensionLength;
    offset += 4;
    const extensions: RtpHeader['extensions'] = [];
    const end = offset + extensionLength;
    if (h.extensionProfile === oneByteProfile) {
      while (offset < end) {
        const byte = raw[offset] as number;
        if (byte === 0) {
          offset++;
          continue;
        }
        const id = byte >> 4;
        const length = (byte & 0x0f) + 1;
        offset++;
        if (id === 15) break;
        extensions.push({ id, payload: raw.subarray(offset, offset + length) });
        offset += length;
      }
    } else if (h.extensionProfile === twoByteProfile) {
      while (offset < end) {
        const id = raw[offset] as number;
        if (id === 0) {
          offset++;
          continue;
        }
        const length = raw[offset + 1] as number;
        offset += 2;
        extensions.push({ id, payload: raw.subarray(offset, offset + length) });
        offset += length;
      }
    } else {
      const payload = raw.subarray(offset, offset + extensionLength);
      extensions.push({ id: 0, payload });
      offset += payload.length;
    }
    h.extensions = extensions;
  }
  h.payloadOffset = offset;
  if (h.padding) h.paddingSize = raw[raw.length - 1] as number;
  return h;
}
