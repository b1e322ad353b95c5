import { ApiError } from '../api-error.ts';
import type { Persistence, StoreBackend } from './local-store.ts';
import type { StoreChanges } from './records.ts';
import type { StoreCalls } from './store-engine.ts';
import type { FromWorker, SerializedError, ToWorker } from './worker-protocol.ts';

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** Opens the history in the store Worker and relays calls to it; resolves once it is open. */
export function workerBackend(worker: Worker, userId: string): Promise<StoreBackend> {
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let onChange: (changes: StoreChanges) => void = () => {};
  let failure: Error | null = null;
  const post = (message: ToWorker) => worker.postMessage(message);
  const request = (message: (id: number) => ToWorker): Promise<unknown> => {
    if (failure) return Promise.reject(failure);
    nextId += 1;
    const id = nextId;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      post(message(id));
    });
  };

  return new Promise((resolveOpen, rejectOpen) => {
    worker.onerror = (event) => {
      // The worker script failed (did not load, or threw outside a call): nothing will answer.
      failure = new Error(`The local store stopped: ${event.message}`);
      rejectOpen(failure);
      for (const { reject } of pending.values()) reject(failure);
      pending.clear();
    };
    worker.onmessage = (event: MessageEvent<FromWorker>) => {
      const message = event.data;
      switch (message.kind) {
        case 'opened':
          resolveOpen(backend(message.persistence));
          return;
        case 'open-failed':
          rejectOpen(deserialize(message.error));
          worker.terminate();
          return;
        case 'changes':
          onChange(message.changes);
          return;
        case 'result':
        case 'error': {
          const call = pending.get(message.id);
          pending.delete(message.id);
          if (message.kind === 'result') call?.resolve(message.value);
          else call?.reject(deserialize(message.error));
          return;
        }
      }
    };
    post({ kind: 'open', userId });
  });

  function backend(persistence: Persistence): StoreBackend {
    return {
      persistence,
      call<K extends keyof StoreCalls>(method: K, args: Parameters<StoreCalls[K]>) {
        return request((id) => ({ kind: 'call', id, method, args })) as Promise<ReturnType<StoreCalls[K]>>;
      },
      onChange(listener) {
        onChange = listener;
      },
      async close(destroy) {
        if (failure) return;
        await request((id) => ({ kind: 'close', id, destroy }));
        failure = new Error('The local store is closed.');
        worker.terminate();
      },
    };
  }
}

function deserialize(error: SerializedError): Error {
  return error.code ? new ApiError(error.code, error.status ?? 0, error.message) : new Error(error.message);
}
