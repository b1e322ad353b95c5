import { createCipheriv, createSecretKey, type KeyObject } from 'node:crypto';

/** werift 0.24.4's SRTP context of one direction (SrtpContext). */
interface SrtpContextInternals {
  profile: number;
  srtpSessionKey: Buffer;
  srtpSessionSalt: Buffer;
  getSrtpSsrcState(ssrc: number): object;
  updateRolloverCount(sequenceNumber: number, state: object): void;
}

interface UdpTransportInternals {
  type: string;
  closed: boolean;
  socket: {
    send(msg: readonly Buffer[], port: number, address: string): void;
  };
}

interface CandidatePairInternals {
  protocol: { type: string; transport: UdpTransportInternals };
  remoteAddr: readonly [string, number];
  packetsSent: number;
  bytesSent: number;
}

interface IceAgentInternals {
  nominated?: CandidatePairInternals;
  canSendApplicationData(): boolean;
}

/** The RTCDtlsTransport fields the wire uses in werift's place. */
export interface DtlsInternals {
  state: string;
  srtp?: { localContext?: SrtpContextInternals };
  iceTransport: { connection: IceAgentInternals };
  bytesSent: number;
  packetsSent: number;
}

/** SRTP_AEAD_AES_128_GCM (RFC 7714), werift's preferred profile. */
const aeadAes128Gcm = 7;
const gcmTagBytes = 16;

/**
 * Encrypts and sends forwarded RTP on one subscribe connection without werift's per-packet layers:
 * RTCDtlsTransport.sendRtp → SrtpSession → SrtpContext → CipherAesGcm serialises the header bit by
 * bit into a zeroed buffer, builds the IV through a generic field writer, concatenates header,
 * ciphertext and tag into a new buffer, then goes through three async functions (a promise each) to
 * the ICE agent's nominated pair and the socket. Here the IV is the session salt XOR'd with the
 * SSRC once, and with the rollover counter and sequence number per packet; header, ciphertext and
 * tag go to the socket as one datagram from three buffers. werift's own per-SSRC rollover state is
 * used, so its retransmissions (same SSRC) stay in step. `send` returns false when it cannot take
 * the packet (another SRTP profile, or no UDP pair to send on): the caller falls back to werift.
 */
export class SrtpWire {
  readonly dtls: DtlsInternals;
  #context: SrtpContextInternals | undefined;
  #key: KeyObject | undefined;
  #state: object | undefined;
  #ssrc = -1;
  /** The IV of RFC 7714 section 8.1: the session salt XOR 00 00 | SSRC | ROC | SEQ. */
  readonly #iv = Buffer.alloc(12);
  #saltSsrc = 0;
  #saltRoc = 0;
  #saltSeq = 0;
  readonly #datagram: Buffer[] = [];

  constructor(dtls: DtlsInternals) {
    this.dtls = dtls;
  }

  /** Encrypts `header` + `payload` (header in clear, authenticated) and sends it; see the class doc. */
  send(ssrc: number, sequenceNumber: number, header: Buffer, payload: Buffer): boolean {
    const dtls = this.dtls;
    const context = dtls.srtp?.localContext;
    if (!context || context.profile !== aeadAes128Gcm) return false;
    const agent = dtls.iceTransport.connection;
    const pair = agent.nominated;
    if (pair === undefined || pair.protocol.type !== 'stun' || pair.protocol.transport.type !== 'udp') {
      return false;
    }
    if (context !== this.#context) {
      this.#context = context;
      this.#key = createSecretKey(context.srtpSessionKey);
      const salt = context.srtpSessionSalt;
      salt.copy(this.#iv, 0, 0, 12);
      this.#saltSsrc = salt.readUInt32BE(2);
      this.#saltRoc = salt.readUInt32BE(6);
      this.#saltSeq = salt.readUInt16BE(10);
      this.#ssrc = -1;
    }
    const iv = this.#iv;
    if (ssrc !== this.#ssrc) {
      this.#ssrc = ssrc;
      this.#state = context.getSrtpSsrcState(ssrc);
      iv.writeUInt32BE((ssrc ^ this.#saltSsrc) >>> 0, 2);
    }
    const state = this.#state as { rolloverCounter: number };
    context.updateRolloverCount(sequenceNumber, state);
    iv.writeUInt32BE((state.rolloverCounter ^ this.#saltRoc) >>> 0, 6);
    iv.writeUInt16BE(sequenceNumber ^ this.#saltSeq, 10);

    // Sent like werift's ICE agent: nothing before a pair is nominated, after closing, or without consent.
    if (!agent.canSendApplicationData()) return true;
    const transport = pair.protocol.transport;
    if (transport.closed) return true;
    const cipher = createCipheriv('aes-128-gcm', this.#key as KeyObject, iv);
    cipher.setAAD(header);
    const encrypted = cipher.update(payload);
    cipher.final();
    const tag = cipher.getAuthTag();
    const datagram = this.#datagram;
    datagram[0] = header;
    datagram[1] = encrypted;
    datagram[2] = tag;
    const size = header.length + encrypted.length + gcmTagBytes;
    try {
      // dgram copies the list; the buffers stay referenced by the send request until it is done.
      transport.socket.send(datagram, pair.remoteAddr[1], pair.remoteAddr[0]);
    } catch {
      // The socket closed under an ICE restart or shutdown: the packet is lost, as in werift.
      return true;
    }
    dtls.bytesSent += size;
    dtls.packetsSent++;
    pair.packetsSent++;
    pair.bytesSent += size;
    return true;
  }
}
