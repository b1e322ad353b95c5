import type { CallMedia } from '@parley/protocol';
import { PhoneIcon, VideoCallIcon } from '../../components/icons.tsx';
import { describeCallError } from './call-errors.ts';
import { useCalls } from './use-calls.ts';

/** Voice and video call buttons for a chat's header. */
export function CallButtons({ chatId, onError }: { chatId: string; onError(message: string): void }) {
  const calls = useCalls();
  const busy = calls === null || calls.current !== null;
  const start = (media: CallMedia) => {
    calls?.start(chatId, media).catch((error: unknown) => onError(describeCallError(error)));
  };
  return (
    <>
      <button
        type="button"
        className="icon-button"
        aria-label="Video call"
        title="Video call"
        disabled={busy}
        onClick={() => start('video')}
      >
        <VideoCallIcon />
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label="Voice call"
        title="Voice call"
        disabled={busy}
        onClick={() => start('audio')}
      >
        <PhoneIcon />
      </button>
    </>
  );
}
