import type { RTCPeerConnection } from 'werift';
import type { LogEntry, NotificationEvent, Notifications } from '../protocol.ts';
import type { MediaConsumer } from './media-consumer.ts';
import type { MediaProducer } from './media-producer.ts';

/** What the media objects of a worker share: the IPC outlet, the port range, the object registry. */
export interface WorkerContext {
  readonly producers: Map<string, MediaProducer>;
  readonly consumers: Map<string, MediaConsumer>;
  /** The range a new connection's gathering searches (its start moves along, see media-worker.ts). */
  portRange(): [number, number];
  /** Runs a setLocalDescription that may gather candidates: one at a time per worker. */
  gather<T>(pc: RTCPeerConnection, apply: () => Promise<T>): Promise<T>;
  notify<E extends NotificationEvent>(targetId: string, event: E, data: Notifications[E]): void;
  log(level: LogEntry['level'], message: string, context?: LogEntry['context']): void;
}
