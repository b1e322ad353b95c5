export {
  ActiveSpeakerObserver,
  type ActiveSpeakerObserverEvents,
  type ActiveSpeakerObserverOptions,
} from './active-speaker-observer.ts';
export {
  AudioLevelObserver,
  type AudioLevelObserverEvents,
  type AudioLevelObserverOptions,
  type AudioLevelObserverVolume,
} from './audio-level-observer.ts';
export {
  Consumer,
  type ConsumerEvents,
  type ConsumerObserverEvents,
  type ConsumerOptions,
} from './consumer.ts';
export { InvalidStateError, UnsupportedError } from './errors.ts';
export { startLoopbackStun } from './loopback-stun.ts';
export { defaultMediaCodecs } from './media/peer-config.ts';
export { Vp8Depacketizer, type Vp8Frame, type Vp8Packet } from './media/vp8-depacketizer.ts';
export {
  Producer,
  type ProducerEvents,
  type ProducerObserverEvents,
  type ProducerOptions,
} from './producer.ts';
export type { LogEntry } from './protocol.ts';
export { Router, type RouterEvents, type RouterObserverEvents, type RouterOptions } from './router.ts';
export { RtpObserver, type RtpObserverObserverEvents } from './rtp-observer.ts';
export type * from './types.ts';
export {
  WebRtcTransport,
  type WebRtcTransportEvents,
  type WebRtcTransportObserverEvents,
  type WebRtcTransportOptions,
} from './webrtc-transport.ts';
export {
  createWorker,
  Worker,
  type WorkerEvents,
  type WorkerObserverEvents,
  type WorkerOptions,
} from './worker.ts';
