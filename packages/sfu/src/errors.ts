import type { ErrorInfo } from './protocol.ts';

/** The object is closed, or the call does not fit its state (e.g. an offer while one is pending). */
export class InvalidStateError extends Error {
  override readonly name = 'InvalidStateError';
}

/** The call asks for something Parley's SFU does not do (another codec, the wrong transport role). */
export class UnsupportedError extends Error {
  override readonly name = 'UnsupportedError';
}

/** Carries an error across the IPC channel: its class survives as `name`, never its stack. */
export function errorToInfo(error: unknown): ErrorInfo {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

export function errorFromInfo(info: ErrorInfo): Error {
  switch (info.name) {
    case 'InvalidStateError':
      return new InvalidStateError(info.message);
    case 'UnsupportedError':
      return new UnsupportedError(info.message);
    case 'TypeError':
      return new TypeError(info.message);
    default:
      return new Error(info.message);
  }
}
