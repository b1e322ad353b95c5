import { createWorker, type Router, type Worker, type WorkerResourceUsage } from '@parley/sfu';
import type { Logger } from 'pino';
import type { MediaConfig } from '../config.ts';

/**
 * The SFU worker processes of this node, started on first use (a server that hosts no meeting
 * never forks one). Each worker owns an equal slice of the media port range. A worker that dies is
 * replaced in its slot; its routers emit `workerclose` and their meetings move to a live worker.
 */
export class WorkerPool {
  readonly #slots: (Promise<Worker> | undefined)[];
  #closed = false;

  constructor(
    private readonly config: MediaConfig,
    private readonly logger: Logger,
    private readonly onDied: (error: Error) => void = () => {},
  ) {
    this.#slots = new Array(config.workers).fill(undefined);
  }

  /** A router on the least loaded worker. */
  async createRouter(appData: Record<string, unknown>): Promise<Router> {
    if (this.#closed) throw new Error('the media worker pool is closed');
    const workers = await Promise.all(this.#slots.map((_, index) => this.#live(index)));
    const idlest = workers.reduce((best, worker) =>
      worker.routers.size < best.routers.size ? worker : best,
    );
    return idlest.createRouter({ appData });
  }

  /** Resource usage of every started worker (for /metrics). */
  async usage(): Promise<WorkerResourceUsage[]> {
    const started = await Promise.allSettled(this.#slots.filter((slot) => slot !== undefined));
    const live = started.flatMap((result) =>
      result.status === 'fulfilled' && !result.value.closed ? [result.value] : [],
    );
    return Promise.all(live.map((worker) => worker.getResourceUsage()));
  }

  async close(): Promise<void> {
    this.#closed = true;
    const started = await Promise.allSettled(this.#slots.filter((slot) => slot !== undefined));
    for (const result of started) if (result.status === 'fulfilled') result.value.close();
  }

  /** The slot's worker, replaced first if it died (its routers hear of it before this pool does). */
  async #live(index: number): Promise<Worker> {
    const slot = this.#worker(index);
    const worker = await slot;
    if (!worker.closed) return worker;
    if (this.#slots[index] === slot) this.#slots[index] = undefined;
    return this.#worker(index);
  }

  #worker(index: number): Promise<Worker> {
    const existing = this.#slots[index];
    if (existing) return existing;
    const { minPort, maxPort, workers } = this.config;
    const span = Math.floor((maxPort - minPort + 1) / workers);
    const starting = createWorker({
      rtcMinPort: minPort + index * span,
      rtcMaxPort: minPort + (index + 1) * span - 1,
      appData: { slot: index },
    }).then((worker) => {
      worker.on('died', (error) => {
        this.logger.error({ err: error, slot: index, pid: worker.pid }, 'media worker died');
        if (this.#slots[index] === starting) this.#slots[index] = undefined;
        this.onDied(error);
      });
      worker.on('log', (entry) => this.logger[entry.level](entry.context ?? {}, entry.message));
      this.logger.info({ slot: index, pid: worker.pid }, 'media worker started');
      return worker;
    });
    this.#slots[index] = starting;
    // A worker that failed to start is retried by the next caller.
    starting.catch(() => {
      if (this.#slots[index] === starting) this.#slots[index] = undefined;
    });
    return starting;
  }
}
