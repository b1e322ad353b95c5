import { useState } from 'react';
import {
  finishNotificationPrompt,
  type NotificationPermissionState,
  notificationPermission,
  requestNotificationPermission,
} from '../messenger/notification-permission.ts';

const explanation: Record<NotificationPermissionState, string> = {
  default: 'Get a notification for new messages while Parley is in the background.',
  granted: 'Notifications are on: new messages show a notification while Parley is in the background.',
  denied: 'Notifications are blocked for Parley. Allow them in your browser’s site settings to turn them on.',
  unsupported: 'This browser can’t show notifications.',
};

/** Browser notifications for new messages: their state, and the button that asks for them. */
export function NotificationsSection() {
  const [permission, setPermission] = useState(notificationPermission);
  const [asking, setAsking] = useState(false);
  return (
    <>
      <p className="muted">{explanation[permission]}</p>
      {permission === 'default' && (
        <button
          type="button"
          className="button secondary"
          style={{ alignSelf: 'flex-start' }}
          disabled={asking}
          onClick={async () => {
            setAsking(true);
            setPermission(await requestNotificationPermission());
            finishNotificationPrompt();
            setAsking(false);
          }}
        >
          Turn on notifications
        </button>
      )}
    </>
  );
}
