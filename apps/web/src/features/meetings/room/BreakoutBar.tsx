import type { MeetingRoom } from '@parley/client';
import type { BreakoutState } from '@parley/protocol';
import { useState } from 'react';
import { useNow } from '../../../app/use-now.ts';
import { breakoutBanner } from './breakout-banner.ts';
import type { RunCommand } from './ParticipantsPanel.tsx';
import './BreakoutRooms.css';

interface BreakoutBarProps {
  room: MeetingRoom;
  state: BreakoutState | null;
  /** Hosts and co-hosts manage the rooms from their panel; they are not invited. */
  host: boolean;
  run: RunCommand;
}

/**
 * The breakout rooms under the meeting header while they are open: the invitation to my room (or
 * the rooms to choose from), where I am with Leave room and Ask for help, the time left, and the
 * countdown before everyone returns.
 */
export function BreakoutBar({ room, state, host, run }: BreakoutBarProps) {
  const now = useNow(1_000).getTime();
  const banner = breakoutBanner(state, host, now);
  const [chosen, setChosen] = useState('');
  if (banner === null) return null;
  const breakouts = room.breakouts;
  const { invite } = banner;
  const choice = banner.choices?.find((r) => r.id === chosen) ?? banner.choices?.[0] ?? null;
  return (
    <section className="meeting-banner info breakout-bar" aria-label="Breakout rooms">
      <span className="breakout-bar-text">{banner.text}</span>
      {banner.timeLeft !== null && <span className="breakout-time">{banner.timeLeft}</span>}
      {invite !== null && (
        <button
          type="button"
          className="button small primary"
          aria-label={`Join ${invite.name}`}
          onClick={() => run(() => breakouts.join(invite.id))}
        >
          Join
        </button>
      )}
      {banner.choices !== null && choice !== null && (
        <span className="breakout-pick">
          <select
            className="breakout-select"
            aria-label="Breakout room"
            value={choice.id}
            onChange={(event) => setChosen(event.currentTarget.value)}
          >
            {banner.choices.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name} ({r.count === 1 ? '1 person' : `${r.count} people`})
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button small primary"
            onClick={() => run(() => breakouts.join(choice.id))}
          >
            Join
          </button>
        </span>
      )}
      {banner.canAskForHelp && (
        <button
          type="button"
          className="button small secondary"
          onClick={() => run(() => breakouts.askForHelp(), 'The host has been asked to come to your room')}
        >
          Ask for help
        </button>
      )}
      {banner.canLeave && (
        <button
          type="button"
          className="button small secondary"
          onClick={() => run(() => breakouts.returnToMain())}
        >
          Leave room
        </button>
      )}
    </section>
  );
}
