// The store Worker: owns the history database and runs the StoreEngine for the page, which
// talks to it through worker-protocol.ts. Blocking SQLite calls here never stall the UI.
import { ApiError } from '../api-error.ts';
import { loadSqlite } from './load-sqlite.ts';
import { type HistoryDatabase, openHistoryDatabase } from './open-history-database.ts';
import { SqlDatabase } from './sql-database.ts';
import { StoreEngine } from './store-engine.ts';
import type { FromWorker, SerializedError, ToWorker } from './worker-protocol.ts';

/** The dedicated-worker globals this file uses; the package compiles against the DOM lib. */
interface WorkerScope {
  addEventListener(type: 'message', listener: (event: MessageEvent<ToWorker>) => void): void;
  postMessage(message: FromWorker): void;
  close(): void;
}

const scope = globalThis as unknown as WorkerScope;
const logger = {
  debug() {},
  info() {},
  warn: (context: object, message: string) => console.warn(message, context),
};

let opening: Promise<{ engine: StoreEngine; database: HistoryDatabase }> | undefined;

scope.addEventListener('message', (event) => void handle(event.data));

async function handle(message: ToWorker): Promise<void> {
  switch (message.kind) {
    case 'open':
      opening = open(message.userId);
      try {
        const { database } = await opening;
        scope.postMessage({ kind: 'opened', persistence: database.persistence });
      } catch (error) {
        scope.postMessage({ kind: 'open-failed', error: serialize(error) });
      }
      return;
    case 'call':
      try {
        const { engine } = await opened();
        const fn = engine[message.method] as (...args: unknown[]) => unknown;
        scope.postMessage({ kind: 'result', id: message.id, value: fn.apply(engine, message.args) });
      } catch (error) {
        scope.postMessage({ kind: 'error', id: message.id, error: serialize(error) });
      }
      return;
    case 'close':
      try {
        const { database } = await opened();
        await database.close(message.destroy);
        scope.postMessage({ kind: 'result', id: message.id, value: undefined });
      } catch (error) {
        scope.postMessage({ kind: 'error', id: message.id, error: serialize(error) });
      }
      scope.close();
      return;
  }
}

async function open(userId: string) {
  const database = await openHistoryDatabase(await loadSqlite(), userId, logger);
  const engine = new StoreEngine(new SqlDatabase(database.db), {
    userId,
    onChange: (changes) => scope.postMessage({ kind: 'changes', changes }),
  });
  return { engine, database };
}

function opened() {
  if (!opening) throw new Error('The store was not opened');
  return opening;
}

function serialize(error: unknown): SerializedError {
  if (error instanceof ApiError) return { message: error.message, code: error.code, status: error.status };
  return { message: error instanceof Error ? error.message : String(error) };
}
