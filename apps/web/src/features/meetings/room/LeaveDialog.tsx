import { useState } from 'react';
import { Dialog } from '../../../components/Dialog.tsx';

interface LeaveDialogProps {
  /** Hosts may end the meeting for everyone. */
  isHost: boolean;
  onLeave(): Promise<void>;
  onEnd(): Promise<void>;
  onClose(): void;
}

/** Leave (the meeting goes on; a host passes the role on) or, for the host, end it for all. */
export function LeaveDialog({ isHost, onLeave, onEnd, onClose }: LeaveDialogProps) {
  const [busy, setBusy] = useState(false);
  const act = (action: () => Promise<void>) => async () => {
    setBusy(true);
    try {
      await action();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title="Leave the meeting?" onClose={onClose}>
      <p className="muted">
        {isHost
          ? 'End the meeting for everyone, or leave and let it go on: someone else becomes the host.'
          : 'The meeting goes on without you. You can join again with the same link.'}
      </p>
      <div className="leave-actions">
        {isHost && (
          <button type="button" className="button leave-end" disabled={busy} onClick={act(onEnd)}>
            End meeting for all
          </button>
        )}
        <button type="button" className="button primary" disabled={busy} onClick={act(onLeave)}>
          Leave meeting
        </button>
        <button type="button" className="button secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
