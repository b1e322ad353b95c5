import { isApiError } from '@parley/client';
import { describeError } from '../../app/error-messages.ts';

/** Plain words for a failed call action: a server refusal (ApiError) or a device problem (DOMException). */
export function describeCallError(error: unknown): string {
  if (isApiError(error)) return describeError(error);
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'Parley isn’t allowed to use your microphone or camera. Allow them in your browser’s site settings and try again.';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No microphone or camera found. Plug one in and try again.';
    case 'NotReadableError':
    case 'AbortError':
      return 'Your microphone or camera is in use by another app. Close it and try again.';
    default:
      return describeError(error);
  }
}
