import type { WaitingPerson } from '@parley/protocol';

interface WaitingRoomNoticeProps {
  waiting: readonly WaitingPerson[];
  onAdmit(participantId: string): void;
  onOpen(): void;
}

/**
 * For hosts while the participants panel is closed: who is waiting to get in. It stays until
 * they are let in or turned away, since a missed toast would leave someone waiting.
 */
export function WaitingRoomNotice({ waiting, onAdmit, onOpen }: WaitingRoomNoticeProps) {
  const [first] = waiting;
  if (!first) return null;
  const one = waiting.length === 1;
  return (
    <section className="waiting-notice" aria-label="Waiting room">
      <p>
        {one ? `${first.displayName} is waiting to join` : `${waiting.length} people are waiting to join`}
      </p>
      <div className="waiting-notice-actions">
        {one && (
          <button
            type="button"
            className="button small primary"
            aria-label={`Admit ${first.displayName}`}
            onClick={() => onAdmit(first.participantId)}
          >
            Admit
          </button>
        )}
        <button type="button" className="button small secondary" onClick={onOpen}>
          See waiting room
        </button>
      </div>
    </section>
  );
}
