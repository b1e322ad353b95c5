import { type ReactNode, useState } from 'react';
import { useNow } from '../../app/use-now.ts';
import { Avatar } from '../../components/Avatar.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import {
  HangUpIcon,
  MicIcon,
  MicOffIcon,
  ScreenShareIcon,
  SettingsIcon,
  VideoCallIcon,
  VideoOffIcon,
} from '../../components/icons.tsx';
import { qualityWords } from '../meetings/room/meeting-words.ts';
import { CallDevices } from './CallDevices.tsx';
import { describeCallError } from './call-errors.ts';
import { gridColumns } from './call-grid.ts';
import type { CallParty } from './call-party.ts';
import { callStatusText, endedText } from './call-words.ts';
import type { CallsApi, CallView } from './calls-api.ts';
import { MediaVideo } from './MediaVideo.tsx';
import { PeerTile } from './PeerTile.tsx';
import { useCallAction } from './use-calls.ts';
import { useNarrowScreen } from './use-narrow-screen.ts';
import { WaitingCall } from './WaitingCall.tsx';

/** The call in progress: the others' video (a grid in groups), my preview, the timer and controls. */
export function InCallScreen({ calls, view, party }: { calls: CallsApi; view: CallView; party: CallParty }) {
  const now = useNow(1_000).getTime();
  const narrow = useNarrowScreen();
  const { error, run } = useCallAction(describeCallError);
  const [deviceError, setDeviceError] = useState<string | null>(null);
  const [speakerId, setSpeakerId] = useState('');
  const [devicesOpen, setDevicesOpen] = useState(false);
  const ended = view.phase === 'ended';
  const video = view.cameraOn || view.screenOn || view.peers.some((peer) => peer.videoOn || peer.screenOn);
  const status = ended ? (endedText(view) ?? 'Call ended') : callStatusText(view, now);
  const direct = view.call.kind === 'direct';
  return (
    <div
      className={`call-screen call-active${video ? ' call-has-video' : ''}`}
      role="dialog"
      aria-label={`Call with ${party.name}`}
    >
      <header className="call-header">
        <h2 className="call-name">{party.name}</h2>
        <p className="call-status" role="timer" aria-live="off">
          {status}
        </p>
        {view.quality !== null && !ended && (
          <span
            className={`call-quality call-quality-${view.quality}`}
            role="img"
            aria-label={qualityWords(view.quality)}
            title={qualityWords(view.quality)}
          >
            <span />
            <span />
            <span />
          </span>
        )}
      </header>

      {view.peers.length === 0 || (!video && direct) ? (
        <div className="call-voice">
          <Avatar name={party.name} url={party.avatarUrl} size="large" alt="" />
          {view.peers.map((peer) => (
            <MediaVideo
              key={peer.userId}
              stream={peer.stream}
              speakerId={speakerId}
              label={`${peer.displayName}’s audio`}
              hidden
            />
          ))}
          {view.peers
            .filter((peer) => !peer.audioOn && !ended)
            .map((peer) => (
              <p key={peer.userId} className="call-peer-muted">
                <MicOffIcon /> {peer.displayName} is muted
              </p>
            ))}
        </div>
      ) : (
        <ul
          className="call-grid"
          aria-label="People in the call"
          style={{ gridTemplateColumns: `repeat(${gridColumns(view.peers.length, narrow)}, minmax(0, 1fr))` }}
        >
          {view.peers.map((peer) => (
            <li key={peer.userId}>
              <PeerTile peer={peer} avatarUrl={direct ? party.avatarUrl : null} speakerId={speakerId} />
            </li>
          ))}
        </ul>
      )}

      {(view.cameraOn || view.screenOn) && (
        <div className="call-self">
          <MediaVideo stream={view.localStream} local label="Your video" />
        </div>
      )}

      {view.videoRequest === 'incoming' && (
        <section className="call-prompt" role="alertdialog" aria-label="Switch to video?">
          <p>{party.name} wants to switch to a video call.</p>
          <button
            type="button"
            className="button secondary small"
            onClick={() => run(() => calls.answerVideoRequest(false))}
          >
            Decline
          </button>
          <button
            type="button"
            className="button primary small"
            onClick={() => run(() => calls.answerVideoRequest(true))}
          >
            Accept
          </button>
        </section>
      )}
      {calls.waiting !== null && !ended && <WaitingCall calls={calls} call={calls.waiting} />}
      {view.videoRequest === 'outgoing' && (
        <p className="call-prompt" role="status">
          Asking {party.name} to switch to video…
        </p>
      )}

      <div className="call-errors">
        <ErrorAlert message={error ?? deviceError ?? view.error} />
      </div>

      {devicesOpen && !ended && (
        <CallDevices
          calls={calls}
          view={view}
          speakerId={speakerId}
          onSpeaker={setSpeakerId}
          onError={setDeviceError}
        />
      )}

      <section className="call-controls" aria-label="Call controls">
        <Control
          label={view.micOn ? 'Mute' : 'Unmute'}
          off={!view.micOn}
          disabled={ended}
          onClick={() => run(() => calls.setMic(!view.micOn))}
        >
          {view.micOn ? <MicIcon /> : <MicOffIcon />}
        </Control>
        {video || view.call.media === 'video' ? (
          <Control
            label={view.cameraOn ? 'Turn camera off' : 'Turn camera on'}
            off={!view.cameraOn}
            disabled={ended}
            onClick={() => run(() => calls.setCamera(!view.cameraOn))}
          >
            {view.cameraOn ? <VideoCallIcon /> : <VideoOffIcon />}
          </Control>
        ) : (
          <Control
            label="Switch to video"
            disabled={ended || view.videoRequest !== 'none' || view.phase !== 'connected'}
            onClick={() => run(() => calls.requestVideo())}
          >
            <VideoCallIcon />
          </Control>
        )}
        <Control
          label={view.screenOn ? 'Stop sharing' : 'Share screen'}
          pressed={view.screenOn}
          disabled={ended || view.phase === 'outgoing'}
          onClick={() => run(() => calls.shareScreen(!view.screenOn))}
        >
          <ScreenShareIcon />
        </Control>
        <button
          type="button"
          className="call-control"
          aria-expanded={devicesOpen}
          aria-label="Devices"
          title="Devices"
          disabled={ended}
          onClick={() => setDevicesOpen((open) => !open)}
        >
          <SettingsIcon />
        </button>
        <Control label="End call" danger disabled={ended} onClick={() => run(() => calls.hangUp())}>
          <HangUpIcon />
        </Control>
      </section>
    </div>
  );
}

interface ControlProps {
  label: string;
  onClick(): void;
  children: ReactNode;
  /** The device is off: shown crossed on a light button. */
  off?: boolean;
  pressed?: boolean;
  danger?: boolean;
  disabled?: boolean;
}

function Control({
  label,
  onClick,
  children,
  off = false,
  pressed,
  danger = false,
  disabled = false,
}: ControlProps) {
  const classes = ['call-control', off && 'call-control-off', danger && 'call-control-end']
    .filter(Boolean)
    .join(' ');
  return (
    <button
      type="button"
      className={classes}
      aria-label={label}
      title={label}
      aria-pressed={pressed}
      disabled={disabled}
      onClick={onClick}
    >
      {children}
    </button>
  );
}
