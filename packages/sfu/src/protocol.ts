/**
 * The IPC protocol between a `Worker` (server process) and its child process (the media plane).
 * Requests carry the ids of the objects they address; every request gets exactly one response;
 * the child pushes notifications addressed to an object id. Messages go through Node's IPC channel
 * with structured-clone serialization.
 */
import type {
  ConsumerLayers,
  ConsumerStats,
  LogLevel,
  MediaKind,
  ProducerStats,
  ProducerType,
  RtpCodecCapability,
  SessionDescription,
  TransportConnectionState,
  TransportListenIp,
  TransportRole,
  TransportStats,
  VideoSize,
  WorkerResourceUsage,
} from './types.ts';

/** Passed to the child process in `PARLEY_SFU_WORKER_SETTINGS`. */
export interface WorkerSettings {
  rtcMinPort: number;
  rtcMaxPort: number;
  logLevel: LogLevel;
  /** How often the worker pushes producer/consumer stats; 0 turns the push off. */
  statsIntervalMs: number;
  /** SO_RCVBUF/SO_SNDBUF for every media socket. */
  udpBufferBytes: number;
}

export interface TransportSettings {
  role: TransportRole;
  listenIps: TransportListenIp[];
  /** Publish transports: negotiate transport-wide congestion control feedback for the browser's uplink estimate. */
  enableTransportCc: boolean;
}

export interface ProducerSummary {
  kind: MediaKind;
  type: ProducerType;
  /** Simulcast: the RIDs in spatial order, lowest first (the order of the offer's a=rid lines). */
  rids: string[];
}

export interface ConsumerSummary {
  kind: MediaKind;
  type: ProducerType;
  /** The m-section carrying this consumer; undefined until the next offer assigns one. */
  mid?: string;
  /** True when the subscriber must get a new offer before this consumer's media can flow. */
  negotiationNeeded: boolean;
}

export type AudioObserverType = 'audiolevel' | 'activespeaker';

export interface AudioObserverSettings {
  type: AudioObserverType;
  /** Milliseconds between evaluations. */
  interval: number;
  /** audiolevel: volumes below this dBov (-127..0) count as silence. */
  threshold: number;
  /** audiolevel: how many of the loudest producers a `volumes` event lists. */
  maxEntries: number;
}

/** method -> [request data, response data] */
export interface Requests {
  'worker.getResourceUsage': [Record<string, never>, WorkerResourceUsage];
  'worker.createRouter': [{ routerId: string; mediaCodecs: RtpCodecCapability[] }, Record<string, never>];
  'router.close': [{ routerId: string }, Record<string, never>];
  'router.createWebRtcTransport': [
    { routerId: string; transportId: string; settings: TransportSettings },
    Record<string, never>,
  ];
  'router.createAudioObserver': [
    { routerId: string; observerId: string; settings: AudioObserverSettings },
    Record<string, never>,
  ];
  'transport.close': [{ transportId: string }, Record<string, never>];
  'transport.handleOffer': [{ transportId: string; sdp: string }, SessionDescription];
  'transport.createOffer': [
    { transportId: string; iceRestart: boolean },
    SessionDescription & { mids: Record<string, string> },
  ];
  'transport.handleAnswer': [{ transportId: string; sdp: string }, Record<string, never>];
  'transport.rollbackOffer': [{ transportId: string }, Record<string, never>];
  'transport.getStats': [{ transportId: string }, TransportStats];
  'transport.produce': [
    { transportId: string; producerId: string; mid: string; kind: MediaKind; paused: boolean },
    ProducerSummary,
  ];
  'transport.consume': [
    {
      transportId: string;
      consumerId: string;
      producerId: string;
      paused: boolean;
      preferredLayers?: ConsumerLayers;
      tileSize?: VideoSize;
    },
    ConsumerSummary,
  ];
  'producer.close': [{ producerId: string }, Record<string, never>];
  'producer.pause': [{ producerId: string }, Record<string, never>];
  'producer.resume': [{ producerId: string }, Record<string, never>];
  'producer.getStats': [{ producerId: string }, ProducerStats];
  'consumer.close': [{ consumerId: string }, Record<string, never>];
  'consumer.pause': [{ consumerId: string }, Record<string, never>];
  'consumer.resume': [{ consumerId: string }, Record<string, never>];
  'consumer.setPreferredLayers': [
    { consumerId: string; preferredLayers: ConsumerLayers | null },
    Record<string, never>,
  ];
  'consumer.setTileSize': [{ consumerId: string; tileSize: VideoSize | null }, Record<string, never>];
  'consumer.requestKeyFrame': [{ consumerId: string }, Record<string, never>];
  'consumer.getStats': [{ consumerId: string }, ConsumerStats];
  'audioObserver.close': [{ observerId: string }, Record<string, never>];
  'audioObserver.addProducer': [{ observerId: string; producerId: string }, Record<string, never>];
  'audioObserver.removeProducer': [{ observerId: string; producerId: string }, Record<string, never>];
  'audioObserver.pause': [{ observerId: string }, Record<string, never>];
  'audioObserver.resume': [{ observerId: string }, Record<string, never>];
}

export type RequestMethod = keyof Requests;
export type RequestData<M extends RequestMethod> = Requests[M][0];
export type ResponseData<M extends RequestMethod> = Requests[M][1];

export interface RequestMessage<M extends RequestMethod = RequestMethod> {
  type: 'request';
  id: number;
  method: M;
  data: RequestData<M>;
}

export interface ErrorInfo {
  /** 'InvalidStateError', 'UnsupportedError', 'TypeError' or 'Error'. */
  name: string;
  message: string;
}

export type ResponseMessage =
  | { type: 'response'; id: number; ok: true; data: unknown }
  | { type: 'response'; id: number; ok: false; error: ErrorInfo };

export interface LogEntry {
  level: Exclude<LogLevel, 'none'>;
  message: string;
  context?: Record<string, string | number | boolean | undefined>;
}

export interface StatsBatch {
  producers: ProducerStats[];
  consumers: ConsumerStats[];
}

/** event -> data, addressed to `targetId` (the worker itself uses the id 'worker'). */
export interface Notifications {
  'worker.running': { pid: number };
  'worker.log': LogEntry;
  'worker.stats': StatsBatch;
  'transport.connectionstatechange': { state: TransportConnectionState };
  'transport.negotiationneeded': Record<string, never>;
  'consumer.layerschange': { layers: ConsumerLayers | null };
  'audioObserver.volumes': { volumes: Array<{ producerId: string; volume: number }> };
  'audioObserver.silence': Record<string, never>;
  'audioObserver.dominantspeaker': { producerId: string };
}

export type NotificationEvent = keyof Notifications;

export interface NotificationMessage<E extends NotificationEvent = NotificationEvent> {
  type: 'notification';
  targetId: string;
  event: E;
  data: Notifications[E];
}

export type ChildMessage = ResponseMessage | NotificationMessage;

export const workerTargetId = 'worker';
export const workerSettingsEnv = 'PARLEY_SFU_WORKER_SETTINGS';
