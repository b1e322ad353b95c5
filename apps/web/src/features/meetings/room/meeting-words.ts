import {
  ApiError,
  type FinalStatus,
  isApiError,
  type MeetingNotice,
  type MeetingRoomError,
  type MeetingStatus,
} from '@parley/client';
import { type ErrorCode, errorCodes, type NetworkQuality, type Participant } from '@parley/protocol';
import { describeError } from '../../../app/error-messages.ts';

export interface FinalWords {
  title: string;
  detail: string | null;
}

/** The screen after the meeting, for each way out of it. */
export function finalWords(status: FinalStatus, endedByMe: boolean): FinalWords {
  switch (status.status) {
    case 'left':
      return { title: 'You left the meeting', detail: null };
    case 'ended':
      if (endedByMe) return { title: 'You ended the meeting for everyone', detail: null };
      return {
        title: status.by === null ? 'The meeting has ended' : `${status.by} ended the meeting`,
        detail: null,
      };
    case 'removed':
      return {
        title:
          status.by === null
            ? 'You were removed from the meeting'
            : `${status.by} removed you from the meeting`,
        detail: 'You cannot join this meeting again.',
      };
    case 'denied':
      return {
        title: 'The host did not let you in',
        detail: 'Your request to join this meeting was declined.',
      };
    case 'replaced':
      return {
        title: 'You joined from somewhere else',
        detail: 'This meeting is now open in another tab or on another device.',
      };
    case 'refused':
      return { title: 'You could not join the meeting', detail: refusedWords(status.code, status.message) };
  }
}

/** Why the meeting did not let me in, from the code of its error frame. */
export function refusedWords(code: string, message: string): string {
  if (!(code in errorCodes)) return 'The meeting did not let you in. Try joining again.';
  return describeError(ApiError.of(code as ErrorCode, message));
}

/** The line over the meeting while the connection is down. */
export function reconnectWords(status: Extract<MeetingStatus, { status: 'reconnecting' }>): string {
  if (status.retryAt === null) return 'Reconnecting… Waiting for the network to come back.';
  return status.attempt > 1 ? `Reconnecting… (attempt ${status.attempt})` : 'Reconnecting…';
}

/**
 * A host's action on me, as a toast. `me` is my participant as the snapshot has it when the
 * notice arrives (the server sends my updated participant first). `ask-unmute` is a prompt, not
 * a toast; its words are here for the prompt's title.
 */
export function noticeWords(notice: MeetingNotice, me: Participant | null): string {
  const by = notice.by;
  switch (notice.kind) {
    case 'muted':
      return `${by} muted you`;
    case 'video-stopped':
      return `${by} stopped your video`;
    case 'ask-unmute':
      return `${by} asks you to unmute`;
    case 'hand-lowered':
      return `${by} lowered your hand`;
    case 'renamed':
      return me ? `${by} renamed you to ${me.displayName}` : `${by} renamed you`;
    case 'role-changed': {
      // 'Parley' is the server itself: the host left or passed the role on.
      const server = by === 'Parley';
      if (me?.role === 'host') return server ? 'You are now the host' : `${by} made you the host`;
      if (me?.role === 'cohost') return server ? 'You are now a co-host' : `${by} made you a co-host`;
      return server ? 'You are no longer a co-host' : `${by} removed your co-host role`;
    }
  }
}

const deviceNames = { microphone: 'microphone', camera: 'camera' } as const;

/**
 * Plain words for a failure of a device, a connection or a command; null when there is nothing
 * to tell (the person cancelled the screen picker).
 */
export function failureWords(kind: MeetingRoomError['kind'], error: unknown): string | null {
  if (isApiError(error)) return describeError(error);
  const name = error instanceof Error ? error.name : '';
  switch (kind) {
    case 'microphone':
    case 'camera': {
      const device = deviceNames[kind];
      if (name === 'NotAllowedError' || name === 'SecurityError') {
        return `Parley is not allowed to use your ${device}. Allow it in your browser's site settings.`;
      }
      if (name === 'NotFoundError' || name === 'OverconstrainedError') return `No ${device} was found.`;
      if (name === 'NotReadableError' || name === 'AbortError') {
        return `Your ${device} is in use by another app, or it stopped working.`;
      }
      return `Your ${device} stopped working. Check that it is connected.`;
    }
    case 'screen':
      // NotAllowedError: the person closed the picker, or the browser blocked it without asking.
      if (name === 'NotAllowedError' || name === 'AbortError') return null;
      return 'Your screen could not be shared.';
    case 'noise-suppression':
      return 'Noise suppression could not start. Your microphone is sent without it.';
    case 'publish':
      return 'Your audio and video could not be sent. Parley keeps trying.';
    case 'subscribe':
      return "Others' audio and video could not be received. Parley keeps trying.";
    case 'server':
      return 'Something went wrong in the meeting. Try again.';
  }
}

export function qualityWords(quality: NetworkQuality): string {
  switch (quality) {
    case 'good':
      return 'Good connection';
    case 'fair':
      return 'Fair connection';
    case 'poor':
      return 'Poor connection';
  }
}

/** "4:05" or "1:02:05" since the meeting started. */
export function formatElapsed(startedAt: string, now: number): string {
  const total = Math.max(0, Math.floor((now - Date.parse(startedAt)) / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${minutes}:${two(seconds)}`;
}
