import type { ApiClient } from '@parley/client';
import type { AuthResult, Me } from '@parley/protocol';
import { createContext, useContext } from 'react';

/**
 * `no-session`: nothing stored; `expired`: the server ended the session (signed out from another
 * device); `signed-out`: the person signed out here.
 */
export type SignedOutReason = 'no-session' | 'expired' | 'signed-out';

export type SessionState =
  | { status: 'checking' }
  /** A token is stored but the server could not confirm it (offline, server down). */
  | { status: 'unreachable'; error: unknown }
  | { status: 'signed-out'; reason: SignedOutReason }
  /** `onboarding` while a new account still has to choose its display name. */
  | { status: 'signed-in'; me: Me; onboarding: boolean };

export interface Session {
  api: ApiClient;
  /** The session token the ApiClient uses (the messenger's gateway needs it too). */
  token: string | null;
  state: SessionState;
  signIn(result: AuthResult): void;
  /** Replaces the cached profile after an edit so every screen shows the new one. */
  setMe(me: Me): void;
  completeOnboarding(me: Me): void;
  signOut(): Promise<void>;
  /** Checks the stored token again after the server was unreachable. */
  retry(): void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession needs a SessionProvider');
  return session;
}

/** For screens behind RequireSession, which only renders them once signed in. */
export function useSignedInSession(): Session & { me: Me } {
  const session = useSession();
  if (session.state.status !== 'signed-in') throw new Error('useSignedInSession needs a signed-in session');
  return { ...session, me: session.state.me };
}
