import type { LocalMediaState, MeetingRoom } from '@parley/client';
import type { NetworkQuality, Participant, RoomState, WaitingPerson } from '@parley/protocol';
import { useId, useState } from 'react';
import { Avatar } from '../../../components/Avatar.tsx';
import { MicIcon, MoreIcon } from '../../../components/icons.tsx';
import { Menu } from '../../../components/Menu.tsx';
import { MicOffIcon, VideoIcon, VideoOffIcon } from './meeting-icons.tsx';
import { RemoveDialog, RenameDialog } from './ParticipantDialogs.tsx';
import {
  canHost,
  type ParticipantAction,
  panelOrder,
  participantActionLabels,
  participantActions,
  roleLabel,
} from './participant-list.ts';
import { QualityIndicator } from './QualityIndicator.tsx';

export type RunCommand = (command: () => Promise<void>, done?: string) => void;

interface ParticipantsPanelProps {
  room: MeetingRoom;
  me: Participant;
  participants: readonly Participant[];
  waiting: readonly WaitingPerson[];
  roomState: RoomState | null;
  local: LocalMediaState;
  quality: Readonly<Record<string, NetworkQuality>>;
  /** Runs a host command; failures and the `done` words become toasts. */
  run: RunCommand;
}

/** Who is here (and waiting), with the host's controls. */
export function ParticipantsPanel(props: ParticipantsPanelProps) {
  const { room, me, waiting, roomState, run } = props;
  const [dialog, setDialog] = useState<{ kind: 'rename' | 'remove'; participant: Participant } | null>(null);
  const host = canHost(me.role);
  const waitingId = useId();
  const listId = useId();

  const act = (action: ParticipantAction, target: Participant) => {
    const name = target.displayName;
    switch (action) {
      case 'mute':
        return run(() => room.mute(target.id));
      case 'ask-unmute':
        return run(() => room.askToUnmute(target.id), `Asked ${name} to unmute`);
      case 'stop-video':
        return run(() => room.stopVideo(target.id));
      case 'lower-hand':
        return run(() => room.lowerHand(target.id));
      case 'make-cohost':
        return run(() => room.setRole(target.id, 'cohost'), `${name} is now a co-host`);
      case 'remove-cohost':
        return run(() => room.setRole(target.id, 'participant'), `${name} is no longer a co-host`);
      case 'make-host':
        return run(() => room.makeHost(target.id), `${name} is now the host`);
      case 'rename':
      case 'remove':
        return setDialog({ kind: action, participant: target });
    }
  };

  return (
    <div className="panel-body participants-panel">
      {host && waiting.length > 0 && (
        <section className="panel-section waiting-room" aria-labelledby={waitingId}>
          <div className="panel-section-header">
            <h3 id={waitingId}>Waiting room ({waiting.length})</h3>
            <button type="button" className="button small primary" onClick={() => run(() => room.admit())}>
              Admit all
            </button>
          </div>
          <ul className="people">
            {waiting.map((person) => (
              <li key={person.participantId} className="person">
                <Avatar name={person.displayName} url={null} size="small" alt="" />
                <span className="person-text">
                  <span className="person-name">{person.displayName}</span>
                  {person.guest && <span className="muted small">Guest</span>}
                </span>
                <button
                  type="button"
                  className="button small primary"
                  aria-label={`Admit ${person.displayName}`}
                  onClick={() => run(() => room.admit(person.participantId))}
                >
                  Admit
                </button>
                <button
                  type="button"
                  className="button small secondary"
                  aria-label={`Deny ${person.displayName}`}
                  onClick={() => run(() => room.deny(person.participantId))}
                >
                  Deny
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="panel-section" aria-labelledby={listId}>
        <h3 id={listId} className="visually-hidden">
          In the meeting
        </h3>
        <ul className="people">
          {panelOrder(props.participants, me.id).map((participant) => (
            <ParticipantRow
              key={participant.id}
              participant={participant}
              isMe={participant.id === me.id}
              local={props.local}
              quality={props.quality[participant.id] ?? null}
              actions={participantActions(me, participant)}
              onAction={(action) => act(action, participant)}
            />
          ))}
        </ul>
      </section>
      {host && (
        <section className="panel-section host-tools" aria-label="Host controls">
          <div className="host-buttons">
            <button
              type="button"
              className="button small secondary"
              onClick={() => run(() => room.mute(), 'Everyone else is muted')}
            >
              Mute all
            </button>
            <button
              type="button"
              className="button small secondary"
              onClick={() => run(() => room.lock(!roomState?.locked))}
            >
              {roomState?.locked ? 'Unlock meeting' : 'Lock meeting'}
            </button>
          </div>
          <label className="host-toggle">
            <input
              type="checkbox"
              checked={roomState?.multiShare ?? false}
              onChange={(event) => {
                const allowed = event.currentTarget.checked;
                run(() => room.allowMultiShare(allowed));
              }}
            />
            Allow multiple screen shares
          </label>
        </section>
      )}
      {dialog?.kind === 'rename' && (
        <RenameDialog
          participant={dialog.participant}
          isMe={dialog.participant.id === me.id}
          onRename={(name) => room.rename(dialog.participant.id, name)}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'remove' && (
        <RemoveDialog
          participant={dialog.participant}
          onRemove={() => run(() => room.remove(dialog.participant.id))}
          onClose={() => setDialog(null)}
        />
      )}
    </div>
  );
}

interface ParticipantRowProps {
  participant: Participant;
  isMe: boolean;
  local: LocalMediaState;
  quality: NetworkQuality | null;
  actions: ParticipantAction[][];
  onAction(action: ParticipantAction): void;
}

function ParticipantRow({ participant, isMe, local, quality, actions, onAction }: ParticipantRowProps) {
  const name = participant.displayName;
  const role = roleLabel(participant.role);
  // My own state is the browser's, which changes before the server confirms it.
  const micOn = isMe ? local.micOn : participant.audioOn;
  const videoOn = isMe ? local.cameraOn : participant.videoOn;
  return (
    <li className="person">
      <Avatar name={name} url={null} size="small" alt="" />
      <span className="person-text">
        <span className="person-name">
          {name}
          {isMe && ' (you)'}
        </span>
        {(role !== null || participant.connection === 'reconnecting') && (
          <span className="person-meta">
            {role !== null && <span className="role-badge">{role}</span>}
            {participant.connection === 'reconnecting' && <span className="muted small">Reconnecting…</span>}
          </span>
        )}
      </span>
      <span className="person-icons">
        {participant.handRaisedAt !== null && (
          <span className="person-hand" role="img" aria-label="Hand raised">
            ✋
          </span>
        )}
        {quality !== null && <QualityIndicator quality={quality} compact />}
        {videoOn ? <VideoIcon label="Video on" /> : <VideoOffIcon label="Video off" />}
        {micOn ? (
          <span role="img" aria-label="Microphone on" className="person-mic">
            <MicIcon />
          </span>
        ) : (
          <span className="person-muted">
            <MicOffIcon label="Muted" />
          </span>
        )}
      </span>
      {actions.length > 0 && (
        <Menu
          label={`More actions for ${name}`}
          icon={<MoreIcon />}
          groups={actions.map((group) =>
            group.map((action) => ({
              label: participantActionLabels[action],
              onSelect: () => onAction(action),
              danger: action === 'remove',
            })),
          )}
        />
      )}
    </li>
  );
}
