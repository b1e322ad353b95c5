import { useEffect, useState } from 'react';
import { useMessengerContext } from '../messenger/messenger-context.ts';
import { type CallsApi, callsOf } from './calls-api.ts';

/** The open Messenger's calls, re-rendering the caller on every change; null while it opens. */
export function useCalls(): CallsApi | null {
  const { state } = useMessengerContext();
  const calls = state.status === 'open' ? callsOf(state.messenger) : null;
  const [, setVersion] = useState(0);
  useEffect(() => calls?.on('change', () => setVersion((version) => version + 1)), [calls]);
  return calls;
}

/** Runs a call action, keeping its failure in plain words for the screen. */
export function useCallAction(describe: (error: unknown) => string) {
  const [error, setError] = useState<string | null>(null);
  const run = (action: () => Promise<unknown>) => {
    setError(null);
    action().catch((caught: unknown) => setError(describe(caught)));
  };
  return { error, run, clear: () => setError(null) };
}
