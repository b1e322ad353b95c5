import type { MeetingRoom } from '@parley/client';
import { type BreakoutPerson, type BreakoutRoom, type BreakoutState, breakoutLimits } from '@parley/protocol';
import { type ReactNode, useId, useState } from 'react';
import { useNow } from '../../../app/use-now.ts';
import { Form } from '../../../components/Form.tsx';
import { TextField } from '../../../components/TextField.tsx';
import { BreakoutSetupDialog } from './BreakoutSetupDialog.tsx';
import { breakoutBanner, currentBreakoutRoom, helpWords } from './breakout-banner.ts';
import { groupBreakoutPeople, whereWords } from './breakout-people.ts';
import type { RunCommand } from './ParticipantsPanel.tsx';
import './BreakoutRooms.css';

interface BreakoutPanelProps {
  room: MeetingRoom;
  state: BreakoutState | null;
  /** My participant id. */
  me: string;
  /** People who are not hosts, for the suggested number of rooms. */
  participants: number;
  /** Runs a command; failures and the `done` words become toasts. */
  run: RunCommand;
}

/** The hosts' breakout rooms: set them up, put people in them, open, visit, message and close them. */
export function BreakoutPanel({ room, state, me, participants, run }: BreakoutPanelProps) {
  const [settingUp, setSettingUp] = useState(false);
  const now = useNow(1_000).getTime();
  const breakouts = room.breakouts;
  const setup = settingUp && (
    <BreakoutSetupDialog
      state={state}
      participants={participants}
      onConfigure={(configuration) => breakouts.configure(configuration)}
      onClose={() => setSettingUp(false)}
    />
  );

  if (state === null) {
    return (
      <div className="panel-body breakout-panel">
        <div className="breakout-intro">
          <p>Split the meeting into smaller rooms for a while. Everyone comes back when you close them.</p>
          <button type="button" className="button primary" data-autofocus onClick={() => setSettingUp(true)}>
            Create breakout rooms
          </button>
        </div>
        {setup}
      </div>
    );
  }

  const { status } = state;
  const open = status === 'open';
  const banner = breakoutBanner(state, true, now);
  const groups = groupBreakoutPeople(state);
  const myRoom = currentBreakoutRoom(state);
  const roomName = (roomId: string) => state.rooms.find((r) => r.id === roomId)?.name ?? 'a breakout room';
  return (
    <div className="panel-body breakout-panel">
      <section className="panel-section breakout-status" aria-label="Status">
        {status === 'configured' && (
          <>
            <p>
              {roomCount(state.rooms.length)} ready. {assignmentWords(state)}
            </p>
            <div className="breakout-actions">
              <button
                type="button"
                className="button primary small"
                data-autofocus
                onClick={() => run(() => breakouts.open())}
              >
                Open all rooms
              </button>
              <button type="button" className="button secondary small" onClick={() => setSettingUp(true)}>
                Set up again
              </button>
            </div>
          </>
        )}
        {status !== 'configured' && (
          <>
            <p>
              {status === 'open' ? `${roomCount(state.rooms.length)} open` : banner?.text}
              {open && banner?.timeLeft ? ` · ${banner.timeLeft}` : ''}
            </p>
            <div className="breakout-actions">
              {open && (
                <button
                  type="button"
                  className="button secondary small"
                  data-autofocus
                  onClick={() => run(() => breakouts.close())}
                >
                  Close all rooms
                </button>
              )}
              {myRoom !== null && (
                <button
                  type="button"
                  className="button secondary small"
                  onClick={() => run(() => breakouts.returnToMain())}
                >
                  Back to the main room
                </button>
              )}
            </div>
          </>
        )}
      </section>
      {state.help.length > 0 && (
        <section className="panel-section breakout-help" aria-label="Asking for help">
          <ul className="people">
            {state.help.map((request) => (
              <li key={request.participantId} className="person">
                <span className="person-text">{helpWords(request, state.rooms)}</span>
                <button
                  type="button"
                  className="button small primary"
                  aria-label={`Join ${roomName(request.roomId)} to help ${request.displayName}`}
                  onClick={() => run(() => breakouts.join(request.roomId))}
                >
                  Join room
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {status !== 'configured' && <BroadcastForm room={room} run={run} />}
      {groups.rooms.map(({ room: breakoutRoom, people }) => (
        <RoomSection
          key={breakoutRoom.id}
          room={breakoutRoom}
          open={open}
          here={myRoom?.id === breakoutRoom.id}
          onJoin={() => run(() => breakouts.join(breakoutRoom.id))}
          onLeave={() => run(() => breakouts.returnToMain())}
          onRename={(name) => run(() => breakouts.rename(breakoutRoom.id, name))}
        >
          {people.map((entry) => (
            <PersonRow
              key={entry.person.participantId}
              person={entry.person}
              where={status === 'configured' ? null : whereWords(entry)}
              rooms={state.rooms}
              me={me}
              onAssign={(roomId) => run(() => breakouts.assign(entry.person.participantId, roomId))}
            />
          ))}
        </RoomSection>
      ))}
      <section className="panel-section" aria-label="Not in a room">
        <div className="panel-section-header">
          <h3>Not in a room ({groups.unassigned.length})</h3>
        </div>
        <ul className="people">
          {groups.unassigned.map((person) => (
            <PersonRow
              key={person.participantId}
              person={person}
              where={null}
              rooms={state.rooms}
              me={me}
              onAssign={(roomId) => run(() => breakouts.assign(person.participantId, roomId))}
            />
          ))}
        </ul>
      </section>
      {setup}
    </div>
  );
}

function roomCount(count: number): string {
  return count === 1 ? '1 breakout room' : `${count} breakout rooms`;
}

function assignmentWords(state: BreakoutState): string {
  switch (state.assignment) {
    case 'auto':
      return 'People were split evenly; move anyone below.';
    case 'manual':
      return 'Choose a room for each person below.';
    case 'choose':
      return 'Participants choose their room once the rooms open.';
  }
}

interface RoomSectionProps {
  room: BreakoutRoom;
  open: boolean;
  /** I am in this room. */
  here: boolean;
  onJoin(): void;
  onLeave(): void;
  onRename(name: string): void;
  children: ReactNode;
}

function RoomSection({ room, open, here, onJoin, onLeave, onRename, children }: RoomSectionProps) {
  const headingId = useId();
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <section className="panel-section breakout-room" aria-labelledby={headingId}>
      <div className="panel-section-header">
        <h3 id={headingId}>{room.name}</h3>
        {open && <span className="muted small breakout-count">{room.count} in the room</span>}
        <div className="breakout-actions">
          <button
            type="button"
            className="button small secondary"
            aria-label={`Rename ${room.name}`}
            onClick={() => setDraft(room.name)}
          >
            Rename
          </button>
          {here ? (
            <button
              type="button"
              className="button small secondary"
              aria-label={`Leave ${room.name}`}
              onClick={onLeave}
            >
              Leave
            </button>
          ) : (
            open && (
              <button
                type="button"
                className="button small primary"
                aria-label={`Join ${room.name}`}
                onClick={onJoin}
              >
                Join
              </button>
            )
          )}
        </div>
      </div>
      {draft !== null && (
        <div className="breakout-rename">
          <Form
            onSubmit={() => {
              const name = draft.trim();
              if (name !== '' && name !== room.name) onRename(name);
              setDraft(null);
            }}
          >
            <TextField
              label={`New name for ${room.name}`}
              value={draft}
              onChange={setDraft}
              maxLength={breakoutLimits.roomNameMax}
              autoFocus
              onKeyDown={(event) => {
                if (event.key !== 'Escape') return;
                event.preventDefault();
                setDraft(null);
              }}
            />
            <div className="breakout-actions">
              <button type="submit" className="button small primary">
                Save
              </button>
              <button type="button" className="button small secondary" onClick={() => setDraft(null)}>
                Cancel
              </button>
            </div>
          </Form>
        </div>
      )}
      <ul className="people">{children}</ul>
    </section>
  );
}

interface PersonRowProps {
  person: BreakoutPerson;
  /** "In the room" while the rooms are open. */
  where: string | null;
  rooms: readonly BreakoutRoom[];
  me: string;
  onAssign(roomId: string | null): void;
}

function PersonRow({ person, where, rooms, me, onAssign }: PersonRowProps) {
  const isMe = person.participantId === me;
  const value = person.assignedRoomId ?? person.roomId ?? '';
  return (
    <li className="person">
      <span className="person-text">
        <span className="person-name">
          {person.displayName}
          {isMe && ' (you)'}
        </span>
        {where !== null && <span className="muted small">{where}</span>}
      </span>
      {!isMe && (
        <select
          className="breakout-select"
          aria-label={`Room for ${person.displayName}`}
          value={value}
          onChange={(event) => onAssign(event.currentTarget.value === '' ? null : event.currentTarget.value)}
        >
          <option value="">No room</option>
          {rooms.map((room) => (
            <option key={room.id} value={room.id}>
              {room.name}
            </option>
          ))}
        </select>
      )}
    </li>
  );
}

function BroadcastForm({ room, run }: { room: MeetingRoom; run: RunCommand }) {
  const [text, setText] = useState('');
  return (
    <section className="panel-section breakout-broadcast" aria-label="Message to all rooms">
      <Form
        onSubmit={() => {
          const message = text.trim();
          if (message === '') return;
          run(async () => {
            await room.breakouts.broadcast(message);
            setText('');
          }, 'Message sent to all rooms');
        }}
      >
        <TextField
          label="Message to all rooms"
          value={text}
          onChange={setText}
          maxLength={breakoutLimits.broadcastTextMax}
          autoComplete="off"
        />
        <button type="submit" className="button small primary" disabled={text.trim() === ''}>
          Send to all rooms
        </button>
      </Form>
    </section>
  );
}
