import { ApiClient, isApiError } from '@parley/client';
import type { AuthResult, Me } from '@parley/protocol';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { type Session, SessionContext, type SessionState } from './session-context.ts';
import { readToken, writeToken } from './token-storage.ts';

/** Holds the signed-in device's token (in localStorage), its profile and the ApiClient. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>(() =>
    readToken() === null ? { status: 'signed-out', reason: 'no-session' } : { status: 'checking' },
  );
  const [token, setToken] = useState<string | null>(readToken);
  const [api] = useState(
    () =>
      new ApiClient({
        token: readToken(),
        onUnauthenticated: () => {
          writeToken(null);
          api.setToken(null);
          setToken(null);
          setState({ status: 'signed-out', reason: 'expired' });
        },
      }),
  );
  const checking = state.status === 'checking';
  useEffect(() => {
    if (!checking) return;
    let cancelled = false;
    api.getMe().then(
      (me) => {
        if (!cancelled) setState({ status: 'signed-in', me, onboarding: me.displayName === null });
      },
      (error: unknown) => {
        // UNAUTHENTICATED already moved the state to signed-out through onUnauthenticated.
        if (!cancelled && !isApiError(error, 'UNAUTHENTICATED')) setState({ status: 'unreachable', error });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, checking]);

  // Avatar URLs are signed and expire, and another device may have signed this one out:
  // re-read the profile whenever the tab comes back into view.
  const signedIn = state.status === 'signed-in';
  useEffect(() => {
    if (!signedIn) return;
    const onVisible = () => {
      if (document.visibilityState !== 'visible') return;
      api.getMe().then(
        (me) => setState((s) => (s.status === 'signed-in' ? { ...s, me } : s)),
        () => {
          // Offline for now: keep showing what we have; UNAUTHENTICATED is handled by the client.
        },
      );
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [api, signedIn]);

  const signIn = useCallback(
    (result: AuthResult) => {
      writeToken(result.token);
      api.setToken(result.token);
      setToken(result.token);
      setState({
        status: 'signed-in',
        me: result.user,
        onboarding: result.isNewUser || result.user.displayName === null,
      });
    },
    [api],
  );

  const setMe = useCallback((me: Me) => {
    setState((s) => (s.status === 'signed-in' ? { ...s, me } : s));
  }, []);

  const completeOnboarding = useCallback((me: Me) => {
    setState((s) => (s.status === 'signed-in' ? { ...s, me, onboarding: false } : s));
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.signOut();
    } catch {
      // The person asked to leave: forget the token even when the server can't be told.
    }
    writeToken(null);
    api.setToken(null);
    setToken(null);
    setState({ status: 'signed-out', reason: 'signed-out' });
  }, [api]);

  const retry = useCallback(() => setState({ status: 'checking' }), []);

  const session = useMemo<Session>(
    () => ({ api, token, state, signIn, setMe, completeOnboarding, signOut, retry }),
    [api, token, state, signIn, setMe, completeOnboarding, signOut, retry],
  );
  return <SessionContext value={session}>{children}</SessionContext>;
}
