import type { Meeting, MeetingChatMessage } from '@parley/protocol';
import { useEffect, useState } from 'react';
import { describeError } from '../../app/error-messages.ts';
import { useSignedInSession } from '../../app/session-context.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { MeetingChatTranscript } from '../../components/MeetingChatTranscript.tsx';
import { formatClock } from '../messenger/chat-time.ts';

/** A past meeting's saved chat, as far as this person may see it. */
export function MeetingChatDialog({ meeting, onClose }: { meeting: Meeting; onClose(): void }) {
  const { api } = useSignedInSession();
  const [messages, setMessages] = useState<MeetingChatMessage[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    api.getMeetingChat(meeting.id).then(
      (found) => !cancelled && setMessages(found),
      (caught: unknown) => !cancelled && setError(describeError(caught)),
    );
    return () => {
      cancelled = true;
    };
  }, [api, meeting.id]);

  return (
    <Dialog title={`Chat from “${meeting.title}”`} onClose={onClose} size="full">
      {error !== null ? (
        <ErrorAlert message={error} />
      ) : messages === null ? (
        <p role="status" className="muted">
          Loading the chat…
        </p>
      ) : messages.length === 0 ? (
        <p className="muted">No one wrote in the chat during this meeting.</p>
      ) : (
        <MeetingChatTranscript messages={messages} formatTime={formatClock} />
      )}
    </Dialog>
  );
}
