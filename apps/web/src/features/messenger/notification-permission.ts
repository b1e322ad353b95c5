const promptKey = 'parley.notification-prompt';

export type NotificationPermissionState = NotificationPermission | 'unsupported';

export function notificationPermission(): NotificationPermissionState {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
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
