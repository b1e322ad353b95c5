import type { Page } from 'playwright-core';

/** A browser notification the page showed, as the operating system would have got it. */
export interface ShownNotification {
  title: string;
  body: string;
  tag: string;
  closed: boolean;
}

declare global {
  interface Window {
    parleyNotifications: ShownNotification[];
  }
}

/**
 * Puts a page "in the background" with notifications allowed. A headless browser has no other
 * tab to switch to and no notification centre: the page is told it is hidden, and each
 * notification it makes is noted (and still made) so the test can read what it said and when it
 * was closed.
 */
export async function sendToBackground(page: Page): Promise<void> {
  await page.context().grantPermissions(['notifications'], { origin: new URL(page.url()).origin });
  await page.evaluate(() => {
    window.parleyNotifications = [];
    const Native = window.Notification;
    window.Notification = class extends Native {
      readonly #shown: ShownNotification;
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        this.#shown = { title, body: options?.body ?? '', tag: options?.tag ?? '', closed: false };
        window.parleyNotifications.push(this.#shown);
      }
      override close(): void {
        this.#shown.closed = true;
        super.close();
      }
    };
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

/** The notifications the page showed since `sendToBackground`. */
export function notificationsShown(page: Page): Promise<ShownNotification[]> {
  return page.evaluate(() => window.parleyNotifications.map((shown) => ({ ...shown })));
}
