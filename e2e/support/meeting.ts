import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { AppServer } from './server.ts';

declare global {
  interface Window {
    /** Every peer connection the page made (see meetingContext). */
    parleyConnections: RTCPeerConnection[];
  }
}

/**
 * A browser profile whose pages record their peer connections (for getStats), with the fake
 * camera. The screen picker is the operating system's, which a headless browser has not got: a
 * canvas stands in for the shared screen.
 */
export async function meetingContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 760 } });
  await context.addInitScript(() => {
    window.parleyConnections = [];
    const Native = window.RTCPeerConnection;
    window.RTCPeerConnection = class extends Native {
      constructor(configuration?: RTCConfiguration) {
        super(configuration);
        window.parleyConnections.push(this);
      }
    };
    navigator.mediaDevices.getDisplayMedia = async () => {
      const canvas = document.createElement('canvas');
      canvas.width = 640;
      canvas.height = 360;
      const context2d = canvas.getContext('2d') as CanvasRenderingContext2D;
      let frame = 0;
      setInterval(() => {
        frame += 1;
        context2d.fillStyle = `hsl(${frame % 360} 60% 50%)`;
        context2d.fillRect(0, 0, 640, 360);
        context2d.fillStyle = '#fff';
        context2d.font = '48px sans-serif';
        context2d.fillText(`Shared screen ${frame}`, 40, 180);
      }, 66);
      return canvas.captureStream(15);
    };
  });
  return context;
}

/** Inbound video streams of the page that have decoded frames, over its open peer connections. */
export async function decodedVideoStreams(page: Page): Promise<number> {
  return page.evaluate(async () => {
    let streams = 0;
    for (const connection of window.parleyConnections) {
      if (connection.connectionState === 'closed') continue;
      const report = await connection.getStats();
      report.forEach((stats) => {
        if (stats.type === 'inbound-rtp' && stats.kind === 'video' && stats.framesDecoded > 0) streams += 1;
      });
    }
    return streams;
  });
}

/** A toolbar button, from the More menu when the toolbar has no room for it. */
export async function toolbarAction(page: Page, name: string): Promise<void> {
  const button = page
    .getByRole('region', { name: 'Meeting controls' })
    .getByRole('button', { name, exact: true });
  if (await button.isVisible()) return button.click();
  await page.getByRole('button', { name: 'More' }).click();
  await page.getByRole('menuitem', { name, exact: true }).click();
}

/** The API beside the page, with a signed-in person's session token. */
export async function callApi<T>(
  server: AppServer,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Joins a meeting by its link as a guest with that name, and waits to be in it. */
export async function joinAsGuest(page: Page, link: string, name: string): Promise<void> {
  await page.goto(link);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join meeting' }).click();
  await inMeeting(page);
}

/**
 * Waits until the page is in the meeting itself: its controls are on screen (the waiting room has
 * a Leave button too).
 */
export async function inMeeting(page: Page): Promise<void> {
  await page.getByRole('region', { name: 'Meeting controls' }).waitFor();
}
