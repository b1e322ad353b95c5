import { ntpTime, type RTCRtpSender, RTP_EXTENSION_URI, RtpHeader, RtpPacket } from 'werift';
import { type DtlsInternals, SrtpWire } from './srtp-wire.ts';

/** RTCRtpSender fields the fast path maintains in werift's place (werift 0.24.4). */
interface SenderInternals {
  ssrc: number;
  codec?: { payloadType: number };
  headerExtensions: Array<{ id: number; uri: string }>;
  dtlsTransport: DtlsInternals & { sendRtp(payload: Buffer, header: RtpHeader): Promise<number> };
  rtpCache: SentPacket[];
  ntpTimestamp: bigint;
  rtpTimestamp: number;
  octetCount: number;
  packetCount: number;
  headerBytesSent: number;
  sequenceNumber?: number;
  timestamp?: number;
  rtcpRunning: boolean;
  runRtcp(): Promise<void>;
}

/** werift's retransmission history per sender (RTP_HISTORY_SIZE). */
const historySize = 128;
/** How often the NTP/RTP timestamp pair for sender reports is refreshed. */
const reportClockMs = 50;

/**
 * Sends one forwarded packet: the rewritten sequence number and timestamp, the marker, the payload,
 * and `performance.now()` of its arrival (for abs-send-time; a forwarded packet leaves at once).
 */
export type ForwardRtp = (
  sequenceNumber: number,
  timestamp: number,
  marker: boolean,
  payload: Buffer,
  now: number,
) => void;

/**
 * A packet of werift's retransmission history, as its NACK handler reads it (`header`, `payload`).
 * The header is parsed from the bytes sent only when a NACK asks for the packet.
 */
class SentPacket {
  readonly rawHeader: Buffer;
  readonly payload: Buffer;
  #header: RtpHeader | undefined;

  constructor(rawHeader: Buffer, payload: Buffer) {
    this.rawHeader = rawHeader;
    this.payload = payload;
  }

  get header(): RtpHeader {
    this.#header ??= RtpHeader.deSerialize(this.rawHeader);
    return this.#header;
  }
}

/**
 * Sends forwarded packets through a sender without werift's RTCRtpSender.sendRtp, which costs the
 * forwarder about a tenth of its CPU for work a forwarded packet does not need: an NTP timestamp made
 * through a string split and a BigInt on every packet, extension lists rebuilt and sorted, the
 * publisher's extensions merged back in (see werift-workarounds.ts). The RTP header is written
 * straight into bytes (with abs-send-time when negotiated, the only extension a subscriber gets),
 * and SRTP and the socket send go through srtp-wire.ts. This keeps what the rest of werift relies
 * on: the retransmission history answered on NACK, the counters and NTP/RTP pair of its sender
 * reports, the SSRC and payload type. Falls back to `sendRtp` when the sender does not have the
 * fields it expects (another werift version).
 */
export function senderFastPath(sender: RTCRtpSender): ForwardRtp {
  const internals = sender as unknown as SenderInternals;
  const compatible =
    Array.isArray(internals.rtpCache) &&
    Array.isArray(internals.headerExtensions) &&
    typeof internals.octetCount === 'number' &&
    typeof internals.packetCount === 'number' &&
    typeof internals.ntpTimestamp === 'bigint';
  if (!compatible) {
    return (sequenceNumber, timestamp, marker, payload) => {
      const header = new RtpHeader({ sequenceNumber, timestamp, marker, extensions: [] });
      sender.sendRtp(new RtpPacket(header, payload)).catch(() => {});
    };
  }
  let clockAt = Number.NEGATIVE_INFINITY;
  let wire: SrtpWire | undefined;
  return (sequenceNumber, timestamp, marker, payload, now) => {
    const dtls = internals.dtlsTransport;
    const codec = internals.codec;
    if (dtls?.state !== 'connected' || !codec) return;
    let absSendTimeId = 0;
    for (const extension of internals.headerExtensions) {
      if (extension.uri === RTP_EXTENSION_URI.absSendTime) absSendTimeId = extension.id;
    }
    const ssrc = internals.ssrc;
    const header = Buffer.allocUnsafe(absSendTimeId > 0 ? 20 : 12);
    header[0] = absSendTimeId > 0 ? 0x90 : 0x80;
    header[1] = (marker ? 0x80 : 0) | codec.payloadType;
    header.writeUInt16BE(sequenceNumber, 2);
    header.writeUInt32BE(timestamp, 4);
    header.writeUInt32BE(ssrc, 8);
    if (absSendTimeId > 0) {
      // RFC 8285 one-byte extension block of one word: id and length, then the 24-bit value.
      header.writeUInt32BE(0xbede0001, 12);
      header[16] = (absSendTimeId << 4) | 2;
      const sendTime = absSendTime(now);
      header[17] = sendTime >>> 16;
      header[18] = (sendTime >>> 8) & 0xff;
      header[19] = sendTime & 0xff;
    }
    if (now - clockAt >= reportClockMs) {
      clockAt = now;
      internals.ntpTimestamp = ntpTime();
      internals.rtpTimestamp = timestamp;
    }
    internals.sequenceNumber = sequenceNumber;
    internals.timestamp = timestamp;
    internals.octetCount += payload.length;
    internals.packetCount = (internals.packetCount + 1) >>> 0;
    internals.headerBytesSent += header.length;
    const packet = new SentPacket(header, payload);
    internals.rtpCache[sequenceNumber % historySize] = packet;
    if (wire?.dtls !== dtls) wire = new SrtpWire(dtls);
    if (!wire.send(ssrc, sequenceNumber, header, payload))
      dtls.sendRtp(payload, packet.header).catch(() => {});
    if (!internals.rtcpRunning) void sender.runRtcp();
  };
}

/** abs-send-time: 24-bit seconds in 6.18 fixed point; only differences matter to the receiver. */
function absSendTime(nowMs: number): number {
  return Math.floor(((performance.timeOrigin + nowMs) / 1000) * 262144) & 0xffffff;
}
