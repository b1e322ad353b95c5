import type { Logger } from 'pino';
import type { AppContext } from '../context.ts';
import { renderRecordingJob } from './render-job.ts';

const leaseMs = 60_000;
const renewEveryMs = 20_000;
/** How often a node looks for renders nobody is doing (queued elsewhere, or left by a dead node). */
const scanEveryMs = 30_000;
const progressEveryMs = 1000;

/**
 * The background render queue of this node. A stopped recording is queued here at once; every node
 * also looks for recordings left `rendering` without a live lease (their node died) and takes them
 * over. One render runs at a time per node (ffmpeg uses every core), with a lease in the database so
 * two nodes never render the same recording.
 */
export class RenderJobs {
  readonly #queue = new Set<string>();
  #running: Promise<void> | undefined;
  #current: AbortController | undefined;
  #scan: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(
    private readonly ctx: () => AppContext,
    private readonly logger: Logger,
  ) {}

  /** Starts looking for renders left undone (at once, then periodically). */
  start(): void {
    if (this.#scan) return;
    this.#scan = setInterval(() => void this.#findOrphans(), scanEveryMs);
    this.#scan.unref();
    void this.#findOrphans();
  }

  enqueue(recordingId: string): void {
    if (this.#closed) return;
    this.#queue.add(recordingId);
    this.#running ??= this.#drain().finally(() => {
      this.#running = undefined;
    });
  }

  /** Resolves once the queue is empty (tests and the benchmark wait on it). */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#scan);
    this.#queue.clear();
    this.#current?.abort();
    await this.#running;
  }

  async #drain(): Promise<void> {
    for (const id of this.#queue) {
      this.#queue.delete(id);
      if (this.#closed) return;
      await this.#run(id).catch((error: unknown) =>
        this.logger.error({ err: error, recordingId: id }, 'render job failed'),
      );
    }
  }

  async #run(recordingId: string): Promise<void> {
    const ctx = this.ctx();
    const db = ctx.database.db;
    const node = ctx.rooms.nodeUrl;
    const claimed = await db
      .updateTable('recordings')
      .set({ render_node: node, render_lease_until: ctx.clock() + leaseMs, render_error: null })
      .where('id', '=', recordingId)
      .where('state', '=', 'rendering')
      .where((eb) =>
        eb.or([
          eb('render_lease_until', 'is', null),
          eb('render_lease_until', '<', ctx.clock()),
          eb('render_node', '=', node),
        ]),
      )
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) return;

    const abort = new AbortController();
    this.#current = abort;
    const renew = setInterval(() => {
      void db
        .updateTable('recordings')
        .set({ render_lease_until: ctx.clock() + leaseMs })
        .where('id', '=', recordingId)
        .where('render_node', '=', node)
        .execute()
        .catch((error: unknown) => this.logger.warn({ err: error }, 'render lease not renewed'));
    }, renewEveryMs);
    let lastProgress = 0;
    const started = performance.now();
    this.logger.info({ recordingId }, 'render started');
    try {
      const { bytes } = await renderRecordingJob(
        ctx,
        recordingId,
        (fraction) => {
          const now = performance.now();
          if (now - lastProgress < progressEveryMs && fraction < 1) return;
          lastProgress = now;
          void db
            .updateTable('recordings')
            .set({ render_progress: Math.min(1, Math.max(0, fraction)) })
            .where('id', '=', recordingId)
            .execute()
            .catch(() => {});
        },
        abort.signal,
      );
      const row = await db
        .updateTable('recordings')
        .set({
          state: 'ready',
          render_progress: 1,
          render_bytes: bytes,
          render_node: null,
          render_lease_until: null,
        })
        .where('id', '=', recordingId)
        .returning('duration_ms')
        .executeTakeFirst();
      const seconds = (performance.now() - started) / 1000;
      ctx.metrics.recordingRenders.inc({ result: 'ready' });
      if (row && Number(row.duration_ms) > 0)
        ctx.metrics.recordingRenderRatio.observe(seconds / (Number(row.duration_ms) / 1000));
      this.logger.info({ recordingId, seconds, bytes }, 'render finished');
    } catch (error) {
      if (abort.signal.aborted) {
        // The node is stopping: the job stays `rendering` and resumes (from its kept segments) later.
        await db
          .updateTable('recordings')
          .set({ render_node: null, render_lease_until: null })
          .where('id', '=', recordingId)
          .execute()
          .catch(() => {});
        return;
      }
      ctx.metrics.recordingRenders.inc({ result: 'failed' });
      this.logger.error({ err: error, recordingId }, 'render failed; the chunks stay playable');
      await db
        .updateTable('recordings')
        .set({
          state: 'failed',
          render_error: error instanceof Error ? error.message.slice(0, 500) : String(error),
          render_node: null,
          render_lease_until: null,
        })
        .where('id', '=', recordingId)
        .execute();
    } finally {
      clearInterval(renew);
      this.#current = undefined;
    }
  }

  async #findOrphans(): Promise<void> {
    const ctx = this.ctx();
    try {
      const rows = await ctx.database.db
        .selectFrom('recordings')
        .select('id')
        .where('state', '=', 'rendering')
        .where((eb) =>
          eb.or([eb('render_lease_until', 'is', null), eb('render_lease_until', '<', ctx.clock())]),
        )
        .orderBy('stopped_at')
        .limit(20)
        .execute();
      for (const row of rows) this.enqueue(row.id);
    } catch (error) {
      this.logger.warn({ err: error }, 'looking for renders to do failed');
    }
  }
}
