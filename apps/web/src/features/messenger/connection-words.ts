import type { ConnectionState, Persistence } from '@parley/client';

/** What the banner says for a connection state; null when everything is up to date. */
export function connectionMessage(state: ConnectionState): string | null {
  switch (state.status) {
    case 'connecting':
    case 'reconnecting':
      return 'Connecting…';
    case 'connected':
      return 'Updating…';
    case 'offline':
      if (state.reason === 'no-network') return 'Waiting for network';
      if (state.reason === 'other-tab') return 'Parley is open in another tab. Close it to use Parley here.';
      return null;
    case 'caught-up':
    case 'signed-out':
      return null;
  }
}

/** Passing states wait a moment before showing, so a quick connect never flashes a banner. */
export function isPassing(state: ConnectionState): boolean {
  return state.status === 'connecting' || state.status === 'connected';
}

export function persistenceNotice(persistence: Persistence): string | null {
  if (persistence.persistent || persistence.reason === 'in-use') return null;
  return 'History is kept only until you close this tab.';
}
