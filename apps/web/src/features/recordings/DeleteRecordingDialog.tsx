import type { Recording } from '@parley/protocol';
import { useSignedInSession } from '../../app/session-context.ts';
import { ConfirmDeleteDialog } from '../../components/ConfirmDeleteDialog.tsx';

/** Asks before deleting a recording: its video, recorded parts and transcript go with it. */
export function DeleteRecordingDialog({
  recording,
  onClose,
  onDeleted,
}: {
  recording: Recording;
  onClose(): void;
  onDeleted(): void;
}) {
  const { api } = useSignedInSession();
  return (
    <ConfirmDeleteDialog
      title="Delete recording?"
      remove={() => api.deleteRecording(recording.id)}
      errors={{
        RECORDING_STATE: 'This recording is still running. Stop it in the meeting first.',
        RECORDING_NOT_FOUND: 'This recording was already deleted.',
      }}
      onClose={onClose}
      onDeleted={onDeleted}
    >
      Delete the recording of “{recording.title}”? Its video and chat transcript are deleted for everyone it
      is shared with. This can’t be undone.
    </ConfirmDeleteDialog>
  );
}
