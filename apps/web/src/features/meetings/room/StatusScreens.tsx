import type { FinalStatus, MeetingStatus } from '@parley/client';
import { useFocusOnMount } from '../../../components/use-focus-on-mount.ts';
import { finalWords, reconnectWords } from './meeting-words.ts';

/** Joining: the first connection is being made (or made again before I got in). */
export function ConnectingScreen({
  reconnecting,
  onLeave,
}: {
  reconnecting: Extract<MeetingStatus, { status: 'reconnecting' }> | null;
  onLeave(): void;
}) {
  return (
    <div className="meeting-screen">
      <span className="meeting-spinner" aria-hidden="true" />
      <h1 role="status">{reconnecting ? reconnectWords(reconnecting) : 'Joining the meeting…'}</h1>
      <button type="button" className="button secondary" onClick={onLeave}>
        Leave
      </button>
    </div>
  );
}

/** In the waiting room until a host admits (or denies) me. */
export function WaitingScreen({ title, onLeave }: { title: string; onLeave(): void }) {
  return (
    <div className="meeting-screen">
      <span className="meeting-spinner" aria-hidden="true" />
      <h1 role="status">Waiting for the host to let you in</h1>
      <p className="meeting-screen-title">{title}</p>
      <p className="muted">You will join as soon as the host admits you. Keep this page open.</p>
      <button type="button" className="button secondary" onClick={onLeave}>
        Leave
      </button>
    </div>
  );
}

/** After the meeting, for whatever reason it ended for me; Close goes back. */
export function FinalScreen({
  status,
  endedByMe,
  onClose,
}: {
  status: FinalStatus;
  endedByMe: boolean;
  onClose(): void;
}) {
  const words = finalWords(status, endedByMe);
  const close = useFocusOnMount<HTMLButtonElement>();
  return (
    <div className="meeting-screen">
      <h1>{words.title}</h1>
      {words.detail !== null && <p className="muted">{words.detail}</p>}
      <button ref={close} type="button" className="button primary" onClick={onClose}>
        Close
      </button>
    </div>
  );
}
