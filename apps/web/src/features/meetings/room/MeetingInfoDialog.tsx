import type { RoomState } from '@parley/protocol';
import { useState } from 'react';
import { Dialog } from '../../../components/Dialog.tsx';
import { formatMeetingCode } from '../meeting-format.ts';

/** The meeting's title and id, to pass on to someone who wants to join. */
export function MeetingInfoDialog({ room, onClose }: { room: RoomState; onClose(): void }) {
  const [copied, setCopied] = useState<'idle' | 'done' | 'failed'>('idle');
  return (
    <Dialog title="Meeting info" onClose={onClose}>
      <dl className="meeting-info">
        <dt>Title</dt>
        <dd>{room.title}</dd>
        <dt>Meeting ID</dt>
        <dd className="nowrap">{formatMeetingCode(room.code)}</dd>
        <dt>Entry</dt>
        <dd>{room.locked ? 'Locked: nobody new can join' : 'Open'}</dd>
      </dl>
      <div className="dialog-actions">
        <p role="status" className="muted small">
          {copied === 'done' ? 'Copied' : copied === 'failed' ? 'Could not copy. Select the ID instead.' : ''}
        </p>
        <button
          type="button"
          className="button secondary"
          onClick={() => {
            // No clipboard on insecure origins: the promise chain turns that into a failure too.
            Promise.resolve()
              .then(() => navigator.clipboard.writeText(room.code))
              .then(
                () => setCopied('done'),
                () => setCopied('failed'),
              );
          }}
        >
          Copy meeting ID
        </button>
      </div>
    </Dialog>
  );
}
