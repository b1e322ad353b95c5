const promptKey = 'parley.notification-prompt';

export type NotificationPermissionState = NotificationPermission | 'unsupported';

export function notificationPermission(): NotificationPermissionState {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/**
 * Shows a browser notification if the person allowed them; clicking it brings the tab forward,
 * runs `onClick` and closes it. Null when not allowed, or where pages cannot make one themselves
 * (Chrome on Android only shows them through a service worker, and throws here).
 */
export function showNotification(
  title: string,
  options: NotificationOptions,
  onClick?: () => void,
): Notification | null {
  if (notificationPermission() !== 'granted') return null;
  let notification: Notification;
  try {
    notification = new Notification(title, options);
  } catch {
    return null;
  }
  notification.onclick = () => {
    window.focus();
    onClick?.();
    notification.close();
  };
  return notification;
}

/** Asks the browser; only ever called from a click, never on page load. */
export async function requestNotificationPermission(): Promise<NotificationPermissionState> {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.requestPermission();
}

/** Whether the one-time in-page prompt was answered ("Not now" or a choice in the browser). */
export function notificationPromptDone(): boolean {
  try {
    return localStorage.getItem(promptKey) !== null;
  } catch {
    return false;
  }
}

export function finishNotificationPrompt(): void {
  try {
    localStorage.setItem(promptKey, 'done');
  } catch {
    // Storage unavailable: the prompt shows again next time.
  }
}

/** Sign-out: nothing of the account stays in this browser. */
export function forgetNotificationPrompt(): void {
  try {
    localStorage.removeItem(promptKey);
  } catch {
    // Nothing stored.
  }
}
