import { PhoneIcon, VideoCallIcon } from '../../components/icons.tsx';
import { describeCallError } from './call-errors.ts';
import { callKind } from './call-words.ts';
import { useCalls } from './use-calls.ts';

/** A call going on in this chat that I am not in: who is in it, and Join. */
export function JoinCallBanner({ chatId, onError }: { chatId: string; onError(message: string): void }) {
  const calls = useCalls();
  const call = calls?.active.get(chatId);
  if (!calls || !call || call.state === 'ended' || calls.current?.call.id === call.id) return null;
  const count = call.participantIds.length;
  return (
    <section className="join-call-banner" aria-label="Call in this chat">
      {call.media === 'video' ? <VideoCallIcon /> : <PhoneIcon />}
      <span>
        {callKind(call.media)} in progress
        {count > 0 && ` · ${count} ${count === 1 ? 'person' : 'people'}`}
      </span>
      <button
        type="button"
        className="button primary small"
        disabled={calls.current !== null}
        onClick={() => calls.join(call.id).catch((error: unknown) => onError(describeCallError(error)))}
      >
        Join call
      </button>
    </section>
  );
}
