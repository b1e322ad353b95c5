import { useState } from 'react';
import {
  finishNotificationPrompt,
  notificationPermission,
  notificationPromptDone,
  requestNotificationPermission,
} from './notification-permission.ts';

/**
 * A one-time offer, inside the chat list, to be notified while Parley is in the background. The
 * browser asks for permission only when the person chooses "Turn on", never on page load.
 */
export function NotificationPrompt() {
  const [visible, setVisible] = useState(
    () => notificationPermission() === 'default' && !notificationPromptDone(),
  );
  if (!visible) return null;
  const finish = () => {
    finishNotificationPrompt();
    setVisible(false);
  };
  return (
    <section className="notification-prompt" aria-label="Notifications">
      <p>Get notified of new messages while Parley is in the background.</p>
      <div className="row">
        <button
          type="button"
          className="button primary small"
          onClick={() => {
            void requestNotificationPermission().finally(finish);
          }}
        >
          Turn on notifications
        </button>
        <button type="button" className="button secondary small" onClick={finish}>
          Not now
        </button>
      </div>
    </section>
  );
}
