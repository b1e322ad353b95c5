import { meetingLimits, type Participant } from '@parley/protocol';
import { useState } from 'react';
import { Dialog } from '../../../components/Dialog.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { TextField } from '../../../components/TextField.tsx';
import { useFocusOnMount } from '../../../components/use-focus-on-mount.ts';
import { failureWords } from './meeting-words.ts';

interface RenameDialogProps {
  participant: Participant;
  isMe: boolean;
  onRename(name: string): Promise<void>;
  onClose(): void;
}

/** A new display name for someone in the meeting (hosts), or for myself. */
export function RenameDialog({ participant, isMe, onRename, onClose }: RenameDialogProps) {
  const [name, setName] = useState(participant.displayName);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const input = useFocusOnMount<HTMLInputElement>();
  const trimmed = name.trim();
  return (
    <Dialog title={isMe ? 'Rename yourself' : `Rename ${participant.displayName}`} onClose={onClose}>
      <form
        className="stack"
        onSubmit={async (event) => {
          event.preventDefault();
          if (trimmed === '' || saving) return;
          setSaving(true);
          setError(null);
          try {
            await onRename(trimmed);
            onClose();
          } catch (failure) {
            setError(failureWords('server', failure));
            setSaving(false);
          }
        }}
      >
        <TextField
          ref={input}
          label="Name"
          value={name}
          onChange={setName}
          maxLength={meetingLimits.displayNameMax}
          autoComplete="off"
        />
        <ErrorAlert message={error} />
        <div className="dialog-actions">
          <button type="button" className="button secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={trimmed === '' || saving}>
            Rename
          </button>
        </div>
      </form>
    </Dialog>
  );
}

interface RemoveDialogProps {
  participant: Participant;
  onRemove(): void;
  onClose(): void;
}

/** Removing someone is final for this meeting: ask first. */
export function RemoveDialog({ participant, onRemove, onClose }: RemoveDialogProps) {
  const name = participant.displayName;
  return (
    <Dialog title={`Remove ${name}?`} onClose={onClose}>
      <p>{name} will leave the meeting and cannot join it again.</p>
      <div className="dialog-actions">
        <button type="button" className="button secondary" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="button danger"
          onClick={() => {
            onClose();
            onRemove();
          }}
        >
          Remove
        </button>
      </div>
    </Dialog>
  );
}
