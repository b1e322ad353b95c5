import type { RoomState } from '@parley/protocol';
import { useState } from 'react';
import { Dialog } from '../../../components/Dialog.tsx';
import { formatMeetingCode } from '../meeting-format.ts';

/** The meeting's title, id and invitation link, to pass on to someone who wants to join. */
export function MeetingInfoDialog({ room, onClose }: { room: RoomState; onClose(): void }) {
  const [copied, setCopied] = useState<'idle' | 'link' | 'id' | 'failed'>('idle');
  const copy = (text: string, what: 'link' | 'id') => {
    // No clipboard on insecure origins: the promise chain turns that into a failure too.
    Promise.resolve()
      .then(() => navigator.clipboard.writeText(text))
      .then(
        () => setCopied(what),
        () => setCopied('failed'),
      );
  };
  return (
    <Dialog title="Meeting info" onClose={onClose}>
      <dl className="meeting-info">
        <dt>Title</dt>
        <dd>{room.title}</dd>
        <dt>Meeting ID</dt>
        <dd className="nowrap">{formatMeetingCode(room.code)}</dd>
        <dt>Invitation link</dt>
        <dd className="meeting-info-link">{room.joinUrl}</dd>
        <dt>Entry</dt>
        <dd>{room.locked ? 'Locked: nobody new can join' : 'Open'}</dd>
      </dl>
      <div className="dialog-actions">
        <p role="status" className="muted small">
          {copied === 'link'
            ? 'Link copied'
            : copied === 'id'
              ? 'Meeting ID copied'
              : copied === 'failed'
                ? 'Could not copy. Select the text instead.'
                : ''}
        </p>
        <button type="button" className="button secondary" onClick={() => copy(room.code, 'id')}>
          Copy meeting ID
        </button>
        <button type="button" className="button" onClick={() => copy(room.joinUrl, 'link')}>
          Copy link
        </button>
      </div>
    </Dialog>
  );
}
