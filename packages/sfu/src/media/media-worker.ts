import { createSocket } from 'node:dgram';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { RTCPeerConnection } from 'werift';
import { errorToInfo, InvalidStateError } from '../errors.ts';
import type {
  ChildMessage,
  LogEntry,
  NotificationEvent,
  Notifications,
  RequestData,
  RequestMessage,
  RequestMethod,
  ResponseData,
  WorkerSettings,
} from '../protocol.ts';
import { workerTargetId } from '../protocol.ts';
import type { WorkerResourceUsage } from '../types.ts';
import { MediaAudioObserver } from './media-audio-observer.ts';
import type { MediaConsumer } from './media-consumer.ts';
import type { MediaProducer } from './media-producer.ts';
import { MediaRouter } from './media-router.ts';
import { MediaTransport } from './media-transport.ts';
import { validateMediaCodecs } from './peer-config.ts';
import { localPorts, raiseSocketBuffers, setGatherPortRange } from './werift-workarounds.ts';
import type { WorkerContext } from './worker-context.ts';

const logLevels = { debug: 0, warn: 1, error: 2, none: 3 } as const;
/** Event-loop delay sampling period; the histogram records whole periods, so it is subtracted. */
const eventLoopResolutionMs = 5;
/** Layer allocation and bitrate sampling run on this period. */
const tickMs = 500;

type Handlers = {
  [M in RequestMethod]: (data: RequestData<M>) => ResponseData<M> | Promise<ResponseData<M>>;
};

/** The media plane of one worker process: every router, transport, producer and consumer it hosts. */
export class MediaWorker implements WorkerContext {
  readonly producers = new Map<string, MediaProducer>();
  readonly consumers = new Map<string, MediaConsumer>();
  readonly #routers = new Map<string, MediaRouter>();
  readonly #transports = new Map<string, MediaTransport>();
  readonly #observers = new Map<string, MediaAudioObserver>();
  readonly #settings: WorkerSettings;
  readonly #send: (message: ChildMessage) => void;
  readonly #eventLoopDelay = monitorEventLoopDelay({ resolution: eventLoopResolutionMs });
  readonly #tick: NodeJS.Timeout;
  readonly #statsTimer: NodeJS.Timeout | undefined;
  #gathering: Promise<unknown> = Promise.resolve();
  #nextPort: number;
  #uncaughtErrors = 0;

  constructor(settings: WorkerSettings, send: (message: ChildMessage) => void) {
    this.#settings = settings;
    this.#send = send;
    this.#nextPort = settings.rtcMinPort;
    this.#eventLoopDelay.enable();
    this.#tick = setInterval(() => this.#onTick(), tickMs);
    if (settings.statsIntervalMs > 0) {
      this.#statsTimer = setInterval(() => this.#pushStats(), settings.statsIntervalMs);
    }
  }

  async handle(message: RequestMessage): Promise<void> {
    try {
      const handler = this.#handlers[message.method] as (data: unknown) => unknown;
      if (!handler) throw new TypeError(`unknown method ${message.method}`);
      const data = (await handler(message.data)) ?? {};
      this.#send({ type: 'response', id: message.id, ok: true, data });
    } catch (error) {
      this.log('debug', 'request failed', { method: message.method, error: String(error) });
      this.#send({ type: 'response', id: message.id, ok: false, error: errorToInfo(error) });
    }
  }

  portRange(): [number, number] {
    const { rtcMinPort, rtcMaxPort } = this.#settings;
    const start = this.#nextPort < rtcMaxPort ? this.#nextPort : rtcMinPort;
    return [start, rtcMaxPort];
  }

  gather<T>(pc: RTCPeerConnection, apply: () => Promise<T>): Promise<T> {
    const run = async () => {
      const gathers = localPorts(pc).length === 0;
      if (gathers) setGatherPortRange(pc, [await this.#freePort(), this.#settings.rtcMaxPort]);
      const result = await apply();
      const ports = localPorts(pc);
      if (gathers && ports.length > 0) {
        this.#nextPort = Math.max(...ports) + 1;
        raiseSocketBuffers(pc, this.#settings.udpBufferBytes);
      }
      if (ports.length === 0) {
        throw new Error(
          `no ICE candidate: no free UDP port in ${this.#settings.rtcMinPort}-${this.#settings.rtcMaxPort}?`,
        );
      }
      return result;
    };
    const result = this.#gathering.then(run, run);
    this.#gathering = result.catch(() => {});
    return result;
  }

  notify<E extends NotificationEvent>(targetId: string, event: E, data: Notifications[E]): void {
    this.#send({ type: 'notification', targetId, event, data });
  }

  log(level: LogEntry['level'], message: string, context?: LogEntry['context']): void {
    if (logLevels[level] < logLevels[this.#settings.logLevel]) return;
    this.notify(workerTargetId, 'worker.log', { level, message, context });
  }

  /** An error werift threw outside any request (a socket callback, a timer): counted and logged. */
  uncaught(error: unknown): void {
    this.#uncaughtErrors++;
    this.log('error', 'uncaught error in the media plane', { error: String(error) });
  }

  close(): void {
    clearInterval(this.#tick);
    if (this.#statsTimer) clearInterval(this.#statsTimer);
    for (const router of [...this.#routers.values()]) router.close();
  }

  readonly #handlers: Handlers = {
    'worker.getResourceUsage': () => this.#resourceUsage(),
    'worker.createRouter': ({ routerId, mediaCodecs }) => {
      if (this.#routers.has(routerId)) throw new TypeError('a router with this id exists');
      validateMediaCodecs(mediaCodecs);
      this.#routers.set(routerId, new MediaRouter(routerId, mediaCodecs));
      return {};
    },
    'router.close': ({ routerId }) => {
      const router = this.#routers.get(routerId);
      if (!router) return {};
      for (const id of router.transports.keys()) this.#transports.delete(id);
      for (const id of router.audioObservers.keys()) this.#observers.delete(id);
      router.close();
      this.#routers.delete(routerId);
      return {};
    },
    'router.createWebRtcTransport': ({ routerId, transportId, settings }) => {
      const router = this.#router(routerId);
      if (this.#transports.has(transportId)) throw new TypeError('a transport with this id exists');
      const transport = new MediaTransport(this, router, transportId, settings);
      router.transports.set(transportId, transport);
      this.#transports.set(transportId, transport);
      return {};
    },
    'router.createAudioObserver': ({ routerId, observerId, settings }) => {
      const router = this.#router(routerId);
      const observer = new MediaAudioObserver(this, observerId, settings, () => {
        router.audioObservers.delete(observerId);
        this.#observers.delete(observerId);
      });
      router.audioObservers.set(observerId, observer);
      this.#observers.set(observerId, observer);
      return {};
    },
    'transport.close': ({ transportId }) => {
      const transport = this.#transports.get(transportId);
      if (!transport) return {};
      transport.close();
      transport.router.transports.delete(transportId);
      this.#transports.delete(transportId);
      return {};
    },
    'transport.handleOffer': ({ transportId, sdp }) => this.#transport(transportId).handleOffer(sdp),
    'transport.createOffer': ({ transportId, iceRestart }) =>
      this.#transport(transportId).createOffer(iceRestart),
    'transport.handleAnswer': async ({ transportId, sdp }) => {
      await this.#transport(transportId).handleAnswer(sdp);
      return {};
    },
    'transport.rollbackOffer': async ({ transportId }) => {
      await this.#transport(transportId).rollbackOffer();
      return {};
    },
    'transport.getStats': ({ transportId }) => this.#transport(transportId).getStats(),
    'transport.produce': ({ transportId, producerId, mid, kind, paused }) => {
      const producer = this.#transport(transportId).produce({ producerId, mid, kind, paused });
      return { kind: producer.kind, type: producer.type, rids: producer.rids };
    },
    'transport.consume': ({ transportId, ...options }) =>
      this.#transport(transportId).consume(options).summary,
    'producer.close': ({ producerId }) => {
      this.producers.get(producerId)?.close();
      return {};
    },
    'producer.pause': ({ producerId }) => {
      this.#producer(producerId).pause();
      return {};
    },
    'producer.resume': ({ producerId }) => {
      this.#producer(producerId).resume();
      return {};
    },
    'producer.getStats': ({ producerId }) => this.#producer(producerId).getStats(),
    'consumer.close': ({ consumerId }) => {
      this.consumers.get(consumerId)?.close();
      return {};
    },
    'consumer.pause': ({ consumerId }) => {
      this.#consumer(consumerId).pause();
      return {};
    },
    'consumer.resume': ({ consumerId }) => {
      this.#consumer(consumerId).resume();
      return {};
    },
    'consumer.setPreferredLayers': ({ consumerId, preferredLayers }) => {
      const consumer = this.#consumer(consumerId);
      consumer.preferredLayers = preferredLayers ?? undefined;
      this.#transportOf(consumer)?.reallocate();
      return {};
    },
    'consumer.setTileSize': ({ consumerId, tileSize }) => {
      const consumer = this.#consumer(consumerId);
      consumer.tileSize = tileSize ?? undefined;
      this.#transportOf(consumer)?.reallocate();
      return {};
    },
    'consumer.requestKeyFrame': ({ consumerId }) => {
      this.#consumer(consumerId).requestKeyFrame();
      return {};
    },
    'consumer.getStats': ({ consumerId }) => this.#consumer(consumerId).getStats(),
    'audioObserver.close': ({ observerId }) => {
      this.#observers.get(observerId)?.close();
      return {};
    },
    'audioObserver.addProducer': ({ observerId, producerId }) => {
      this.#observer(observerId).addProducer(this.#producer(producerId));
      return {};
    },
    'audioObserver.removeProducer': ({ observerId, producerId }) => {
      this.#observer(observerId).removeProducer(producerId);
      return {};
    },
    'audioObserver.pause': ({ observerId }) => {
      this.#observer(observerId).pause();
      return {};
    },
    'audioObserver.resume': ({ observerId }) => {
      this.#observer(observerId).resume();
      return {};
    },
  };

  #router(id: string): MediaRouter {
    const router = this.#routers.get(id);
    if (!router) throw new InvalidStateError(`router ${id} not found`);
    return router;
  }

  #transport(id: string): MediaTransport {
    const transport = this.#transports.get(id);
    if (!transport) throw new InvalidStateError(`transport ${id} not found`);
    return transport;
  }

  #transportOf(consumer: MediaConsumer): MediaTransport | undefined {
    for (const transport of this.#transports.values())
      if (transport.consumers.has(consumer.id)) return transport;
    return undefined;
  }

  #producer(id: string): MediaProducer {
    const producer = this.producers.get(id);
    if (!producer) throw new InvalidStateError(`producer ${id} not found`);
    return producer;
  }

  #consumer(id: string): MediaConsumer {
    const consumer = this.consumers.get(id);
    if (!consumer) throw new InvalidStateError(`consumer ${id} not found`);
    return consumer;
  }

  #observer(id: string): MediaAudioObserver {
    const observer = this.#observers.get(id);
    if (!observer) throw new InvalidStateError(`audio observer ${id} not found`);
    return observer;
  }

  /** The first port from the cursor on (wrapping around) that nothing on the host has bound. */
  async #freePort(): Promise<number> {
    const { rtcMinPort, rtcMaxPort } = this.#settings;
    const span = rtcMaxPort - rtcMinPort;
    const start = this.portRange()[0];
    for (let i = 0; i < span; i++) {
      const port = rtcMinPort + ((start - rtcMinPort + i) % span);
      if (await portIsFree(port)) return port;
    }
    throw new Error(`no free UDP port in ${rtcMinPort}-${rtcMaxPort}`);
  }

  #onTick(): void {
    const now = performance.now();
    for (const producer of this.producers.values()) producer.sample(now);
    for (const transport of this.#transports.values()) transport.reallocate(now, true);
  }

  #pushStats(): void {
    if (this.producers.size === 0 && this.consumers.size === 0) return;
    this.notify(workerTargetId, 'worker.stats', {
      producers: [...this.producers.values()].map((producer) => producer.getStats()),
      consumers: [...this.consumers.values()].map((consumer) => consumer.getStats()),
    });
  }

  #resourceUsage(): WorkerResourceUsage {
    const cpu = process.cpuUsage();
    const memory = process.memoryUsage();
    const histogram = this.#eventLoopDelay;
    const ms = (nanoseconds: number) =>
      Math.max(0, Math.round(nanoseconds / 1e4) / 100 - eventLoopResolutionMs);
    const usage: WorkerResourceUsage = {
      pid: process.pid,
      cpuUserMs: Math.round(cpu.user / 1000),
      cpuSystemMs: Math.round(cpu.system / 1000),
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      eventLoopDelay: {
        p50: histogram.count > 0 ? ms(histogram.percentile(50)) : 0,
        p99: histogram.count > 0 ? ms(histogram.percentile(99)) : 0,
        max: histogram.count > 0 ? ms(histogram.max) : 0,
      },
      routers: this.#routers.size,
      transports: this.#transports.size,
      producers: this.producers.size,
      consumers: this.consumers.size,
      uncaughtErrors: this.#uncaughtErrors,
    };
    histogram.reset();
    return usage;
  }
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => {
      socket.close();
      resolve(false);
    });
    socket.bind(port, () => socket.close(() => resolve(true)));
  });
}
