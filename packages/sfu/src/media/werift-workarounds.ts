/**
 * The werift 0.24.4 internals Parley touches, typed, and the workarounds for its known defects
 * (TESTING.md). Each was checked against node_modules/werift/lib/index.mjs; werift-defects.test.ts
 * shows each defect on the real classes, so a werift upgrade tells whether a workaround is still due.
 *
 * The fourth defect, the publisher's header extensions leaking to subscribers (RTCRtpSender.sendRtp
 * copies every extension of the packet it is given into the outgoing header, with the publisher's
 * extension ids), is handled where packets are forwarded: media-consumer.ts builds a fresh header
 * with no extensions for every forwarded packet.
 */
import {
  type RTCPeerConnection,
  type RTCRtpReceiver,
  type RTCRtpSender,
  RTP_EXTENSION_URI,
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

interface ReceiverTwccInternals {
  twccRunning: boolean;
  runTWCC(): Promise<void>;
}

interface ReceiverInternals {
  nack: { addPacket(packet: unknown): void; close(): void };
  receiverTWCC?: ReceiverTwccInternals;
  setupTWCC(mediaSourceSsrc: number): void;
  stopped: boolean;
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

interface RtpRouterInternals {
  ssrcTable: Record<number, unknown>;
  ridTable: Record<string, unknown>;
  extIdUriMap: Record<number, string>;
  routeRtp: (packet: RtpPacket) => void;
  registerRtpReceiver(receiver: unknown, ssrc: number): void;
  parleyRtxRouting?: boolean;
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
 * generates NACKs per SSRC itself (nack-generator.ts); werift's handler gets no packets.
 */
export function disableReceiverNack(receiver: RTCRtpReceiver): void {
  const internals = receiver as unknown as ReceiverInternals;
  internals.nack.close();
  internals.nack.addPacket = () => {};
}

/**
 * werift's ReceiverTWCC starts its 100 ms feedback loop from the constructor while `twccRunning` is
 * still false, so the loop never runs: feedback goes out only every 11 packets, and never for the
 * last packets before a pause. Each receiver also creates its own ReceiverTWCC, while transport-wide
 * sequence numbers span every m-section: two video receivers would each report half the numbers and
 * the rest as gaps. Parley gives all receivers of a connection the first receiver's instance and runs
 * its loop until the transport closes (`receiver.stop()` of one transceiver must not end it).
 */
export class SharedReceiverTwcc {
  #shared: ReceiverTwccInternals | undefined;
  #running = true;

  /** Hooks a receiver of the connection; safe to call again for the same receiver. */
  attach(receiver: RTCRtpReceiver): void {
    const internals = receiver as unknown as ReceiverInternals & { parleyTwccAttached?: boolean };
    if (internals.parleyTwccAttached) return;
    internals.parleyTwccAttached = true;
    const setup = internals.setupTWCC.bind(receiver);
    internals.setupTWCC = (mediaSourceSsrc: number) => {
      if (!this.#running) return;
      if (this.#shared) {
        internals.receiverTWCC = this.#shared;
        return;
      }
      setup(mediaSourceSsrc);
      const twcc = internals.receiverTWCC;
      if (!twcc) return;
      this.#shared = twcc;
      Object.defineProperty(twcc, 'twccRunning', {
        get: () => this.#running,
        set: () => {},
        configurable: true,
      });
      void twcc.runTWCC();
    };
  }

  close(): void {
    this.#running = false;
  }
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
