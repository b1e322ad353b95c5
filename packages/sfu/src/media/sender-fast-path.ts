import { ntpTime, type RTCRtpSender, RTP_EXTENSION_URI, type RtpHeader, RtpPacket } from 'werift';

/** RTCRtpSender fields the fast path maintains in werift's place (werift 0.24.4). */
interface SenderInternals {
  ssrc: number;
  codec?: { payloadType: number };
  headerExtensions: Array<{ id: number; uri: string }>;
  dtlsTransport: { state: string; sendRtp(payload: Buffer, header: RtpHeader): Promise<number> };
  rtpCache: RtpPacket[];
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

export type ForwardRtp = (header: RtpHeader, payload: Buffer) => void;

/**
 * Sends forwarded packets through a sender without werift's RTCRtpSender.sendRtp, which costs the
 * forwarder about a tenth of its CPU for work a forwarded packet does not need: an NTP timestamp made
 * through a string split and a BigInt on every packet, extension lists rebuilt and sorted, the
 * publisher's extensions merged back in (see werift-workarounds.ts). This keeps what the rest of
 * werift relies on: the retransmission history answered on NACK, the counters and NTP/RTP pair of its
 * sender reports, the SSRC and payload type, and abs-send-time when negotiated. Falls back to
 * `sendRtp` when the sender does not have the fields it expects (another werift version).
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
    return (header, payload) => {
      sender.sendRtp(new RtpPacket(header, payload)).catch(() => {});
    };
  }
  let clockAt = Number.NEGATIVE_INFINITY;
  return (header, payload) => {
    const dtls = internals.dtlsTransport;
    const codec = internals.codec;
    if (dtls?.state !== 'connected' || !codec) return;
    header.ssrc = internals.ssrc;
    header.payloadType = codec.payloadType;
    const now = performance.now();
    for (const extension of internals.headerExtensions) {
      if (extension.uri === RTP_EXTENSION_URI.absSendTime) {
        header.extensions.push({ id: extension.id, payload: absSendTime(now) });
      }
    }
    header.extension = header.extensions.length > 0;
    if (now - clockAt >= reportClockMs) {
      clockAt = now;
      internals.ntpTimestamp = ntpTime();
      internals.rtpTimestamp = header.timestamp;
    }
    internals.sequenceNumber = header.sequenceNumber;
    internals.timestamp = header.timestamp;
    internals.octetCount += payload.length;
    internals.packetCount = (internals.packetCount + 1) >>> 0;
    internals.headerBytesSent += 12 + (header.extension ? 8 : 0);
    internals.rtpCache[header.sequenceNumber % historySize] = new RtpPacket(header, payload);
    dtls.sendRtp(payload, header).catch(() => {});
    if (!internals.rtcpRunning) void sender.runRtcp();
  };
}

/** abs-send-time: 24-bit seconds in 6.18 fixed point; only differences matter to the receiver. */
function absSendTime(nowMs: number): Buffer {
  const value = Math.floor(((performance.timeOrigin + nowMs) / 1000) * 262144) & 0xffffff;
  const buffer = Buffer.allocUnsafe(3);
  buffer.writeUIntBE(value, 0, 3);
  return buffer;
}
