import type { Messenger } from '@parley/client';
import { createContext, useContext } from 'react';
import type { UploadTracker } from './upload-tracker.ts';

export type MessengerState =
  | { status: 'closed' }
  | { status: 'opening' }
  | { status: 'open'; messenger: Messenger }
  /** The history could not be opened (the store Worker failed to start). */
  | { status: 'failed'; error: unknown };

export interface MessengerContextValue {
  state: MessengerState;
  uploads: UploadTracker;
}

export const MessengerContext = createContext<MessengerContextValue | null>(null);

export function useMessengerContext(): MessengerContextValue {
  const value = useContext(MessengerContext);
  if (value === null) throw new Error('useMessengerContext needs a MessengerProvider');
  return value;
}

/** The open Messenger, for screens rendered inside MessengerGate. */
export function useMessenger(): Messenger {
  const { state } = useMessengerContext();
  if (state.status !== 'open') throw new Error('useMessenger needs an open messenger (MessengerGate)');
  return state.messenger;
}
