import type { Meeting } from '@parley/protocol';
import { useState } from 'react';
import { describeError } from '../../app/error-messages.ts';
import { useSignedInSession } from '../../app/session-context.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';

/** Asks before deleting a meeting: its link, passcode and saved chat go with it. */
export function DeleteMeetingDialog({
  meeting,
  onClose,
  onDeleted,
}: {
  meeting: Meeting;
  onClose(): void;
  onDeleted(): void;
}) {
  const { api } = useSignedInSession();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function remove() {
    setPending(true);
    setError(null);
    try {
      await api.deleteMeeting(meeting.id);
      onDeleted();
    } catch (caught) {
      setError(
        describeError(caught, {
          CONFLICT: 'This meeting is in progress. It can be deleted once everyone has left.',
          MEETING_NOT_FOUND: 'This meeting was already deleted.',
        }),
      );
      setPending(false);
    }
  }

  const upcoming = meeting.endedAt === null;
  return (
    <Dialog title="Delete meeting?" onClose={onClose}>
      <p>
        Delete “{meeting.title}”?{' '}
        {upcoming
          ? 'Its link and meeting ID stop working, and its chat is deleted.'
          : 'Its saved chat is deleted too.'}{' '}
        This can’t be undone.
      </p>
      <ErrorAlert message={error} />
      <div className="row">
        <button type="button" className="button danger" disabled={pending} onClick={remove}>
          {pending ? 'Deleting…' : 'Delete'}
        </button>
        <button type="button" className="button secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
