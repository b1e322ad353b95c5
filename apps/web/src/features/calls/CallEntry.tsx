import type { SystemAction } from '@parley/protocol';
import { CallInIcon, CallOutIcon, PhoneIcon, VideoCallIcon } from '../../components/icons.tsx';
import { callNoticeText } from '../messenger/system-notice.ts';
import { describeCallError } from './call-errors.ts';
import { useCalls } from './use-calls.ts';

interface CallEntryProps {
  id: string;
  chatId: string;
  action: Extract<SystemAction, { action: 'call' }>;
  outgoing: boolean;
  time: string;
  onError(message: string): void;
}

/** A call in the chat's timeline, as WhatsApp shows it: kind, direction, missed in red, Call back. */
export function CallEntry({ id, chatId, action, outgoing, time, onError }: CallEntryProps) {
  const calls = useCalls();
  const missed = !outgoing && action.outcome !== 'answered';
  return (
    <li className={`call-entry${outgoing ? ' call-entry-out' : ''}`} data-message-id={id}>
      <span className={missed ? 'call-entry-icon call-missed' : 'call-entry-icon'}>
        {action.media === 'video' ? <VideoCallIcon /> : <PhoneIcon />}
      </span>
      <span className="call-entry-text">
        <span className={missed ? 'call-missed' : undefined}>{callNoticeText(action, outgoing)}</span>
        <span className="call-entry-time">
          {outgoing ? <CallOutIcon /> : <CallInIcon />}
          {time}
        </span>
      </span>
      <button
        type="button"
        className="button secondary small"
        disabled={calls === null || calls.current !== null}
        onClick={() =>
          calls?.start(chatId, action.media).catch((error: unknown) => onError(describeCallError(error)))
        }
      >
        Call back
      </button>
    </li>
  );
}
