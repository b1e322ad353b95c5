import type { Call } from '@parley/protocol';
import { useSignedInSession } from '../../app/session-context.ts';
import { chatTitle, personName } from '../messenger/people.ts';
import { useChat } from '../messenger/use-chats.ts';
import { describeCallError } from './call-errors.ts';
import { callKind } from './call-words.ts';
import type { CallsApi } from './calls-api.ts';
import { useCallAction } from './use-calls.ts';

/** Another call ringing during this one (call waiting): decline it, or end this call and answer. */
export function WaitingCall({ calls, call }: { calls: CallsApi; call: Call }) {
  const { me } = useSignedInSession();
  const chat = useChat(call.chatId)?.chat ?? null;
  const { error, run } = useCallAction(describeCallError);
  const where = call.kind === 'group' && chat !== null ? ` in ${chatTitle(chat, me.id)}` : '';
  return (
    <section className="call-prompt" role="alertdialog" aria-label="Another call">
      <p>
        {personName(call.caller)} is calling{where} · {callKind(call.media)}
      </p>
      <button
        type="button"
        className="button secondary small"
        onClick={() => run(() => calls.declineWaiting())}
      >
        Decline
      </button>
      <button
        type="button"
        className="button primary small"
        onClick={() => run(() => calls.answerWaiting({ video: call.media === 'video' }))}
      >
        End call and answer
      </button>
      {error !== null && (
        <p role="alert" className="call-prompt-error">
          {error}
        </p>
      )}
    </section>
  );
}
