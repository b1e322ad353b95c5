import type { Meeting } from '@parley/protocol';
import { useSignedInSession } from '../../app/session-context.ts';
import { ConfirmDeleteDialog } from '../../components/ConfirmDeleteDialog.tsx';

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
  const upcoming = meeting.endedAt === null;
  return (
    <ConfirmDeleteDialog
      title="Delete meeting?"
      remove={() => api.deleteMeeting(meeting.id)}
      errors={{
        CONFLICT: 'This meeting is in progress. It can be deleted once everyone has left.',
        MEETING_NOT_FOUND: 'This meeting was already deleted.',
      }}
      onClose={onClose}
      onDeleted={onDeleted}
    >
      Delete “{meeting.title}”?{' '}
      {upcoming
        ? 'Its link and meeting ID stop working, and its chat is deleted.'
        : 'Its saved chat is deleted too.'}{' '}
      This can’t be undone.
    </ConfirmDeleteDialog>
  );
}
