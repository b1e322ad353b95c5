import type { ClientErrorCode } from '../api-error.ts';
import type { Persistence } from './local-store.ts';
import type { StoreChanges } from './records.ts';
import type { StoreCalls } from './store-engine.ts';

/** Messages from the page to the store Worker. */
export type ToWorker =
  | { kind: 'open'; userId: string }
  | { kind: 'call'; id: number; method: keyof StoreCalls; args: unknown[] }
  | { kind: 'close'; id: number; destroy: boolean };

/** Messages from the store Worker to the page. */
export type FromWorker =
  | { kind: 'opened'; persistence: Persistence }
  | { kind: 'open-failed'; error: SerializedError }
  | { kind: 'result'; id: number; value: unknown }
  | { kind: 'error'; id: number; error: SerializedError }
  | { kind: 'changes'; changes: StoreChanges };

/** An error as it crosses the Worker boundary; ApiErrors keep their code for the UI. */
export interface SerializedError {
  message: string;
  code?: ClientErrorCode;
  status?: number;
}
