import type { ApiClient, CallsApi, Messenger } from '@parley/client';
import type { CallHistory } from '@parley/protocol';

export type { CallPeer, CallsApi, CallView } from '@parley/client';

/** The Messenger's calls (`messenger.calls`). */
export function callsOf(messenger: Messenger): CallsApi {
  return messenger.calls;
}

/** One page of my call history, newest first (`before`: the previous page's `nextBefore`). */
export function loadCallHistory(api: ApiClient, before?: string): Promise<CallHistory> {
  return api.callHistory(before === undefined ? {} : { before });
}
