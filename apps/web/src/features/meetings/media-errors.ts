export type MediaDeviceKind = 'camera' | 'microphone';

/**
 * Plain words for a getUserMedia failure, by the DOMException's name. Every one ends with what the
 * person can still do: the meeting works without the device.
 */
export function describeMediaError(kind: MediaDeviceKind, error: unknown): string {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return `Parley isn’t allowed to use your ${kind}. Allow it in your browser’s site settings and reload the page, or join without it.`;
    case 'NotFoundError':
    case 'OverconstrainedError':
      return `No ${kind} found. You can still join without one.`;
    case 'NotReadableError':
    case 'AbortError':
      return `Your ${kind} is in use by another app or can’t be started. Close the other app and try again, or join without it.`;
    case 'NotSupportedError':
    case 'TypeError':
      return `This browser can’t use a ${kind} on this page. You can still join without one.`;
    default:
      return `Your ${kind} couldn’t be started. You can still join without it.`;
  }
}
