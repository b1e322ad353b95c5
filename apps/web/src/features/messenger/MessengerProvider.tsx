import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { useSession } from '../../app/session-context.ts';
import { MessengerContext, type MessengerState } from './messenger-context.ts';
import { MessengerHost } from './messenger-host.ts';
import { forgetNotificationPrompt } from './notification-permission.ts';
import { UploadTracker } from './upload-tracker.ts';

/**
 * Runs the signed-in account's Messenger for as long as the session lasts: opened on sign-in,
 * stopped when the page goes, and destroyed (history and files deleted) on sign-out, whether
 * the person signed out here or the session was ended from another device.
 */
export function MessengerProvider({ children }: { children: ReactNode }) {
  const session = useSession();
  const [host] = useState(() => new MessengerHost());
  const [uploads] = useState(() => new UploadTracker());
  const [state, setState] = useState<MessengerState>({ status: 'closed' });
  const { api, token } = session;
  const userId = session.state.status === 'signed-in' ? session.state.me.id : null;
  const signedOut = session.state.status === 'signed-out' ? session.state.reason : null;

  useEffect(() => {
    if (userId === null || token === null) return;
    let cancelled = false;
    setState((current) => (current.status === 'open' ? current : { status: 'opening' }));
    host.open(api, userId, token).then(
      (messenger) => !cancelled && setState({ status: 'open', messenger }),
      (error: unknown) => !cancelled && setState({ status: 'failed', error }),
    );
    return () => {
      cancelled = true;
    };
  }, [host, api, userId, token]);

  useEffect(() => {
    if (signedOut !== 'signed-out' && signedOut !== 'expired') return;
    setState({ status: 'closed' });
    forgetNotificationPrompt();
    void host.close(true);
  }, [host, signedOut]);

  useEffect(() => () => void host.close(false), [host]);

  // The gateway learns first that a session ended; one HTTP call lets the session see it too.
  const messenger = state.status === 'open' ? state.messenger : null;
  useEffect(() => {
    if (messenger === null) return;
    return messenger.on('connection', (connection) => {
      if (connection.status === 'signed-out') api.getMe().catch(() => {});
    });
  }, [messenger, api]);

  const value = useMemo(() => ({ state, uploads }), [state, uploads]);
  return <MessengerContext value={value}>{children}</MessengerContext>;
}
