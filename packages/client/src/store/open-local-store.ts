import { LocalStore } from './local-store.ts';
import { workerBackend } from './worker-backend.ts';

export interface LocalStoreOptions {
  /** The signed-in account: each account has its own database. */
  userId: string;
}

/**
 * Opens the device's history for the signed-in account in a dedicated Worker (browsers). Check
 * `store.persistence`: when it is not persistent the UI says that history is kept only until
 * the tab closes, or that Parley is open in another tab.
 */
export async function openLocalStore(options: LocalStoreOptions): Promise<LocalStore> {
  // This exact shape lets Vite (and other bundlers) find and bundle the worker.
  const worker = new Worker(new URL('./store-worker.ts', import.meta.url), {
    type: 'module',
    name: 'parley-store',
  });
  return new LocalStore(await workerBackend(worker, options.userId));
}
