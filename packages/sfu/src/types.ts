/** Types shared by the API objects (server process) and the media plane (worker process). */

export type MediaKind = 'audio' | 'video';

/** What the application attaches to an SFU object; the SFU never reads it. */
export type AppData = Record<string, unknown>;

export type LogLevel = 'debug' | 'warn' | 'error' | 'none';

/** A codec a router offers its transports. Parley supports Opus and VP8 (keyframes are read from VP8). */
export interface RtpCodecCapability {
  kind: MediaKind;
  /** 'audio/opus' or 'video/VP8' (case-insensitive). */
  mimeType: string;
  clockRate: number;
  channels?: number;
  /** fmtp parameters, e.g. `{ useinbandfec: 1, usedtx: 1 }`. */
  parameters?: Record<string, string | number>;
}

/**
 * Parley's two-PC model: a participant's browser offers on its `publish` connection (it sends media)
 * and answers on its `subscribe` connection (the server offers the tracks it forwards).
 */
export type TransportRole = 'publish' | 'subscribe';

/** Where a transport listens and which address it announces in its ICE candidates. */
export interface TransportListenIp {
  /** Local address to bind, e.g. '0.0.0.0' or '127.0.0.1'. */
  ip: string;
  /** Public address clients should send to (behind NAT); defaults to `ip` (or the host addresses for 0.0.0.0). */
  announcedIp?: string;
}

/** An ICE server handed to the browser (the server side is ICE-lite and needs none). */
export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

export type TransportConnectionState =
  | 'new'
  | 'connecting'
  | 'connected'
  | 'disconnected'
  | 'failed'
  | 'closed';

export interface SessionDescription {
  type: 'offer' | 'answer';
  sdp: string;
}

/** A simulcast spatial layer: 0 is the lowest resolution. */
export interface ConsumerLayers {
  spatialLayer: number;
}

export interface VideoSize {
  width: number;
  height: number;
}

export type ProducerType = 'simple' | 'simulcast';

export interface ProducerLayerStats {
  spatialLayer: number;
  rid?: string;
  ssrc?: number;
  /** Bits per second over the last measurement interval. */
  bitrate: number;
  packets: number;
  bytes: number;
  packetsLost: number;
  /** Interarrival jitter, seconds. */
  jitter?: number;
  nackCount: number;
  pliCount: number;
  /** Resolution read from the last VP8 keyframe; 0 when none was seen yet. */
  width: number;
  height: number;
  /** A layer is active while its RTP keeps arriving (browsers turn high layers off when short of bandwidth). */
  active: boolean;
}

export interface ProducerStats {
  type: 'producer';
  producerId: string;
  kind: MediaKind;
  timestamp: number;
  bitrate: number;
  packets: number;
  bytes: number;
  packetsLost: number;
  paused: boolean;
  layers: ProducerLayerStats[];
}

export interface ConsumerStats {
  type: 'consumer';
  consumerId: string;
  producerId: string;
  kind: MediaKind;
  timestamp: number;
  bitrate: number;
  packets: number;
  bytes: number;
  /** Loss the subscriber reports in its receiver reports. */
  packetsLost?: number;
  fractionLost?: number;
  /** Round-trip time to the subscriber in milliseconds, from its receiver reports. */
  roundTripTime?: number;
  nackCount: number;
  pliCount: number;
  retransmittedPackets: number;
  /** The layer being forwarded; undefined while waiting for a keyframe. */
  currentLayer?: number;
  targetLayer?: number;
  paused: boolean;
  producerPaused: boolean;
}

export interface TransportStats {
  type: 'transport';
  transportId: string;
  role: TransportRole;
  timestamp: number;
  connectionState: TransportConnectionState;
  bytesSent: number;
  bytesReceived: number;
  packetsSent: number;
  packetsReceived: number;
  /** Subscribe transports: the subscriber's REMB estimate in bits per second, when it sends one. */
  availableOutgoingBitrate?: number;
  /** Subscribe transports: the video budget the layer allocation currently works with. */
  videoBudget?: number;
}

export interface WorkerResourceUsage {
  pid: number;
  /** CPU time of the worker process in milliseconds since it started. */
  cpuUserMs: number;
  cpuSystemMs: number;
  rssBytes: number;
  heapUsedBytes: number;
  /** Event-loop delay since the previous call (or since start), milliseconds. */
  eventLoopDelay: { p50: number; p99: number; max: number };
  routers: number;
  transports: number;
  producers: number;
  consumers: number;
  /** Errors thrown by werift that the worker survived (see media/main.ts). */
  uncaughtErrors: number;
}
