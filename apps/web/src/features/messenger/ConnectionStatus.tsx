import { useEffect, useState } from 'react';
import { ConnectionBanner } from '../../components/ConnectionBanner.tsx';
import { connectionMessage, isPassing, persistenceNotice } from './connection-words.ts';
import { useMessenger } from './messenger-context.ts';
import { useConnection } from './use-messenger-events.ts';

const passingDelayMs = 800;

/** The connection banner, fed by the messenger's connection state. */
export function ConnectionStatus() {
  const messenger = useMessenger();
  const connection = useConnection(messenger);
  const message = connectionMessage(connection);
  const passing = isPassing(connection);
  const [shown, setShown] = useState<string | null>(passing ? null : message);
  useEffect(() => {
    if (!passing) {
      setShown(message);
      return;
    }
    const timer = setTimeout(() => setShown(message), passingDelayMs);
    return () => clearTimeout(timer);
  }, [message, passing]);
  return <ConnectionBanner message={shown} notice={persistenceNotice(messenger.store.persistence)} />;
}
