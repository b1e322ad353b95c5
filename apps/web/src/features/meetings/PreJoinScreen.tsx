import { type MeetingPreview, meetingLimits } from '@parley/protocol';
import { useEffect, useId, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useNow } from '../../app/use-now.ts';
import { CheckboxField } from '../../components/CheckboxField.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Form, SubmitButton } from '../../components/Form.tsx';
import { LogoMark } from '../../components/icons.tsx';
import { SelectField, type SelectOption } from '../../components/SelectField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { describeMediaError } from './media-errors.ts';
import { formatMeetingCode, formatMeetingTime } from './meeting-format.ts';
import { type JoinChoices, readDevicePreferences, writeDevicePreferences } from './meeting-storage.ts';
import { canChooseAudioOutput, readAudioOutput, saveAudioOutput } from './room/audio-output.ts';
import { RecordingIndicator } from './room/RecordingIndicator.tsx';
import { playTestSound } from './test-sound.ts';
import { useMediaDevices } from './use-media-devices.ts';
import { useMediaPreview } from './use-media-preview.ts';
import { useMicLevel } from './use-mic-level.ts';
import './PreJoinScreen.css';

export interface JoinRequest {
  /** The name a guest typed; null for a signed-in member (the server uses their profile). */
  displayName: string | null;
  choices: JoinChoices;
  /** The preview's open tracks, for MeetingRoom.join({ localStream }); call it once the ticket is in. */
  takeStream(): MediaStream | undefined;
}

interface PreJoinScreenProps {
  preview: MeetingPreview;
  signedIn: boolean;
  /** The signed-in person's name; null for a guest, or a new account without one yet: they type one. */
  memberName: string | null;
  initialGuestName: string;
  /** The link with its token, when this page was opened with one: the host can pass it on from here. */
  inviteLink: string | null;
  joining: boolean;
  error: string | null;
  onJoin(request: JoinRequest): void;
  onCopyLink(link: string): void;
}

/**
 * Before joining: the meeting's title and host, the camera preview and a microphone level meter,
 * device choices, the name a guest joins under, and whether to join muted or with the camera off.
 */
export function PreJoinScreen({
  preview,
  signedIn,
  memberName,
  initialGuestName,
  inviteLink,
  joining,
  error,
  onJoin,
  onCopyLink,
}: PreJoinScreenProps) {
  const location = useLocation();
  const now = useNow();
  const asksName = memberName === null;
  const [name, setName] = useState(initialGuestName);
  const [nameError, setNameError] = useState<string | null>(null);
  const [micOff, setMicOff] = useState(false);
  const [cameraOff, setCameraOff] = useState(false);
  const [devices, setDevicePreferences] = useState(readDevicePreferences);
  const [speaker, setSpeaker] = useState(readAudioOutput);
  const [speakerError, setSpeakerError] = useState<string | null>(null);
  const media = useMediaPreview({
    audioInputId: devices.audioInputId ?? null,
    videoInputId: devices.videoInputId ?? null,
    camera: !cameraOff,
  });
  const available = useMediaDevices(`${media.mic?.id}:${media.camera?.id}:${media.asking}`);
  const video = useRef<HTMLVideoElement>(null);
  const meter = useRef<HTMLMeterElement>(null);
  const nameField = useRef<HTMLInputElement>(null);
  const linkId = useId();
  useMicLevel(media.mic, meter);

  useEffect(() => {
    const element = video.current;
    if (!element) return;
    element.srcObject = media.camera ? new MediaStream([media.camera]) : null;
  }, [media.camera]);

  // A guest types their name first; a remembered name only needs the Join button.
  useEffect(() => {
    if (asksName && initialGuestName === '') nameField.current?.focus();
  }, [asksName, initialGuestName]);

  function choose(change: Partial<typeof devices>) {
    const next = { ...devices, ...change };
    setDevicePreferences(next);
    writeDevicePreferences(next);
  }

  function join() {
    const displayName = name.trim();
    if (asksName && displayName === '') {
      setNameError('Enter your name, so the others know who joined.');
      nameField.current?.focus();
      return;
    }
    setNameError(null);
    onJoin({
      displayName: asksName ? displayName : null,
      choices: {
        audio: !micOff,
        video: !cameraOff && media.cameraError === null,
        audioInputId: media.mic?.getSettings().deviceId ?? devices.audioInputId,
        videoInputId: media.camera?.getSettings().deviceId ?? devices.videoInputId,
      },
      takeStream: media.take,
    });
  }

  const cameras = deviceOptions(available, 'videoinput', 'Camera');
  const microphones = deviceOptions(available, 'audioinput', 'Microphone');
  const speakers = deviceOptions(available, 'audiooutput', 'Speaker');
  const cameraNote = cameraOff
    ? 'Your camera is off.'
    : media.cameraError !== null
      ? describeMediaError('camera', media.cameraError)
      : media.camera === null
        ? 'Starting your camera…'
        : null;
  const closedToGuests = !signedIn && !preview.allowGuests;

  return (
    <main className="prejoin">
      <div className="prejoin-brand">
        <LogoMark />
        <span>Parley</span>
      </div>
      <header className="prejoin-header">
        <h1>{preview.title}</h1>
        <p className="muted">
          Hosted by {preview.hostName} ·{' '}
          <span className="nowrap">Meeting ID {formatMeetingCode(preview.code)}</span>
        </p>
        <p className="prejoin-state">{stateWords(preview, now)}</p>
        {preview.recording !== 'off' && (
          <p className="prejoin-recording">
            <RecordingIndicator state={preview.recording} />
            This meeting is being recorded
          </p>
        )}
      </header>

      <div className="prejoin-layout">
        <div className="prejoin-media">
          <div className="prejoin-video">
            <video
              ref={video}
              autoPlay
              muted
              playsInline
              aria-label="Self view"
              hidden={media.camera === null}
            />
            {cameraNote !== null && <p className="prejoin-video-note">{cameraNote}</p>}
          </div>
          <div className="prejoin-meter">
            <span aria-hidden="true">Mic</span>
            <meter
              ref={meter}
              min={0}
              max={1}
              low={0.25}
              high={0.85}
              optimum={0.5}
              aria-label="Microphone level"
            />
          </div>
          {media.micError !== null && (
            <p className="status info">{describeMediaError('microphone', media.micError)}</p>
          )}
        </div>

        <section className="card prejoin-card" aria-label="Join">
          {closedToGuests ? (
            <div className="stack">
              <p>This meeting is for people with a Parley account. Sign in to join it.</p>
              <Link
                className="button primary"
                to="/sign-in"
                state={{ from: location.pathname + location.search }}
              >
                Sign in
              </Link>
            </div>
          ) : (
            <Form onSubmit={join}>
              {asksName ? (
                <TextField
                  ref={nameField}
                  label="Your name"
                  value={name}
                  onChange={setName}
                  maxLength={meetingLimits.displayNameMax}
                  autoComplete="name"
                  hint="Shown to everyone in the meeting."
                />
              ) : (
                <p>
                  Joining as <strong>{memberName}</strong>
                </p>
              )}
              <ErrorAlert message={nameError} />
              <div>
                <CheckboxField label="Join with microphone off" checked={micOff} onChange={setMicOff} />
                <CheckboxField label="Join with camera off" checked={cameraOff} onChange={setCameraOff} />
              </div>
              <ErrorAlert message={error} />
              <SubmitButton pending={joining} pendingLabel="Joining…">
                Join meeting
              </SubmitButton>
              {!signedIn && (
                <p className="muted small">
                  Have a Parley account?{' '}
                  <Link to="/sign-in" state={{ from: location.pathname + location.search }}>
                    Sign in
                  </Link>{' '}
                  to join under your own name.
                </p>
              )}
            </Form>
          )}
          {inviteLink !== null && (
            <div className="prejoin-invite">
              <label htmlFor={linkId} className="small">
                Meeting link
              </label>
              <div className="prejoin-invite-row">
                <input id={linkId} readOnly value={inviteLink} onFocus={(e) => e.currentTarget.select()} />
                <button type="button" className="button secondary" onClick={() => onCopyLink(inviteLink)}>
                  Copy link
                </button>
              </div>
            </div>
          )}
        </section>

        <section className="prejoin-devices" aria-label="Devices">
          <SelectField
            label="Camera"
            value={selected(cameras, media.camera?.getSettings().deviceId ?? devices.videoInputId)}
            options={cameras}
            onChange={(id) => choose({ videoInputId: id })}
            disabled={cameraOff}
          />
          <SelectField
            label="Microphone"
            value={selected(microphones, media.mic?.getSettings().deviceId ?? devices.audioInputId)}
            options={microphones}
            onChange={(id) => choose({ audioInputId: id })}
          />
          {canChooseAudioOutput() && (
            <div className="prejoin-speaker">
              <SelectField
                label="Speaker"
                value={selected(speakers, speaker ?? undefined)}
                options={speakers}
                onChange={(id) => {
                  setSpeaker(id);
                  saveAudioOutput(id);
                }}
              />
              <button
                type="button"
                className="button secondary"
                onClick={() => {
                  setSpeakerError(null);
                  playTestSound(selected(speakers, speaker ?? undefined)).catch(() =>
                    setSpeakerError('The test sound couldn’t play on that speaker. Try another one.'),
                  );
                }}
              >
                Test speaker
              </button>
            </div>
          )}
          <ErrorAlert message={speakerError} />
        </section>
      </div>
    </main>
  );
}

function stateWords(preview: MeetingPreview, now: Date): string {
  if (preview.state === 'live') return 'The meeting is in progress.';
  const when =
    preview.scheduledFor === null ? '' : ` It’s planned for ${formatMeetingTime(preview.scheduledFor, now)}.`;
  return `The meeting hasn’t started yet.${when}`;
}

/** The devices of one kind; before permission (no ids yet) only the browser's default. */
function deviceOptions(
  devices: readonly MediaDeviceInfo[],
  kind: MediaDeviceKind,
  noun: string,
): SelectOption[] {
  const options = devices
    .filter((device) => device.kind === kind)
    .map((device, index) => ({ value: device.deviceId, label: device.label || `${noun} ${index + 1}` }));
  return options.length > 0 ? options : [{ value: '', label: `Default ${noun.toLowerCase()}` }];
}

/** The option to show as chosen: the device in use or preferred, else the first (the browser's default). */
function selected(options: readonly SelectOption[], wanted: string | undefined): string {
  return options.find((option) => option.value === wanted)?.value ?? options[0]?.value ?? '';
}
