import { isIPv4, isIPv6 } from 'node:net';
import {
  type RTCPeerConnectionConfig,
  RTCRtpCodecParameters,
  type RTCRtpHeaderExtensionParameters,
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
import { UnsupportedError } from '../errors.ts';
import type { TransportSettings } from '../protocol.ts';
import type { RtpCodecCapability, TransportListenIp } from '../types.ts';

export const defaultMediaCodecs: RtpCodecCapability[] = [
  {
    kind: 'audio',
    mimeType: 'audio/opus',
    clockRate: 48000,
    channels: 2,
    parameters: { minptime: 10, useinbandfec: 1, usedtx: 1 },
  },
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90000 },
];

/** Checks a router's codecs: Opus for audio and VP8 for video are what the forwarder understands. */
export function validateMediaCodecs(codecs: RtpCodecCapability[]): void {
  for (const codec of codecs) {
    const mime = codec.mimeType.toLowerCase();
    if (mime !== 'audio/opus' && mime !== 'video/vp8') {
      throw new UnsupportedError(`codec ${codec.mimeType} is not supported (Opus and VP8 are)`);
    }
    if (!mime.startsWith(`${codec.kind}/`))
      throw new TypeError(`codec ${codec.mimeType} is not of kind ${codec.kind}`);
  }
  if (!codecs.some((codec) => codec.kind === 'audio') && !codecs.some((codec) => codec.kind === 'video')) {
    throw new TypeError('a router needs at least one codec');
  }
}

function fmtp(parameters: RtpCodecCapability['parameters']): string | undefined {
  if (!parameters) return undefined;
  const entries = Object.entries(parameters);
  return entries.length > 0 ? entries.map(([key, value]) => `${key}=${value}`).join(';') : undefined;
}

/**
 * The werift configuration of one transport's peer connection. Fresh codec objects each time:
 * werift writes payload types into the objects it is given.
 */
export function peerConfig(
  codecs: RtpCodecCapability[],
  settings: TransportSettings,
  portRange: [number, number],
): RTCPeerConnectionConfig {
  const publish = settings.role === 'publish';
  const audio: RTCRtpCodecParameters[] = [];
  const video: RTCRtpCodecParameters[] = [];
  for (const codec of codecs) {
    if (codec.kind === 'audio') {
      audio.push(
        new RTCRtpCodecParameters({
          mimeType: 'audio/opus',
          clockRate: codec.clockRate,
          channels: codec.channels ?? 2,
          parameters: fmtp(codec.parameters),
        }),
      );
      continue;
    }
    const feedback = [useNACK(), usePLI()];
    // Publishers get transport-wide feedback for their uplink estimate; subscribers report REMB
    // (see downlink-estimate.ts for why transport-cc is not negotiated towards them).
    if (publish && settings.enableTransportCc) feedback.push(useTWCC());
    if (!publish) feedback.push(useREMB());
    video.push(
      new RTCRtpCodecParameters({
        mimeType: 'video/VP8',
        clockRate: codec.clockRate,
        rtcpFeedback: feedback,
        parameters: fmtp(codec.parameters),
      }),
      new RTCRtpCodecParameters({ mimeType: 'video/rtx', clockRate: codec.clockRate }),
    );
  }
  const headerExtensions: {
    audio: RTCRtpHeaderExtensionParameters[];
    video: RTCRtpHeaderExtensionParameters[];
  } = publish
    ? {
        audio: [useSdesMid(), useAudioLevelIndication()],
        video: [
          useSdesMid(),
          useSdesRTPStreamId(),
          useRepairedRtpStreamId(),
          ...(settings.enableTransportCc ? [useTransportWideCC()] : []),
        ],
      }
    : // Subscribers demultiplex by the SSRCs in the offer; abs-send-time feeds their REMB.
      { audio: [], video: [useAbsSendTime()] };
  return {
    codecs: { audio, video },
    headerExtensions,
    // ICE-lite, as mediasoup: the browser runs the checks, the server answers them and gathers no
    // server-reflexive candidate (werift would ask stun.l.google.com even for an empty iceServers).
    iceLite: true,
    iceServers: [],
    bundlePolicy: 'max-bundle',
    icePortRange: portRange,
    ...listenConfig(settings.listenIps),
  };
}

/**
 * werift binds one socket per candidate address, on `iceInterfaceAddresses` (all interfaces when
 * unset), and skips loopback interfaces when it lists host addresses. When every listen address is
 * explicit (or announced), exactly those are advertised; a wildcard without an announced address
 * advertises the host's addresses of that family.
 */
function listenConfig(listenIps: TransportListenIp[]): RTCPeerConnectionConfig {
  const v4 = listenIps.filter((listen) => isIPv4(listen.ip));
  const v6 = listenIps.filter((listen) => isIPv6(listen.ip));
  if (
    v4.length > 1 ||
    v6.length > 1 ||
    v4.length + v6.length !== listenIps.length ||
    listenIps.length === 0
  ) {
    throw new TypeError('listenIps takes one IPv4 and/or one IPv6 address');
  }
  const explicit = (listen: TransportListenIp | undefined) =>
    listen && (listen.announcedIp ?? (listen.ip === '0.0.0.0' || listen.ip === '::' ? undefined : listen.ip));
  const wildcard = listenIps.some((listen) => explicit(listen) === undefined);
  const first4 = v4[0];
  const first6 = v6[0];
  return {
    iceInterfaceAddresses: {
      udp4: first4 && first4.ip !== '0.0.0.0' ? first4.ip : undefined,
      udp6: first6 && first6.ip !== '::' ? first6.ip : undefined,
    } as RTCPeerConnectionConfig['iceInterfaceAddresses'],
    iceUseIpv4: wildcard && v4.some((listen) => explicit(listen) === undefined),
    iceUseIpv6: wildcard && v6.some((listen) => explicit(listen) === undefined),
    iceAdditionalHostAddresses: [explicit(first4), explicit(first6)].filter(
      (address): address is string => address !== undefined,
    ),
  };
}
