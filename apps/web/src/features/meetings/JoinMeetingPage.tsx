import { type FinalStatus, isApiError, isFinal, MeetingRoom, meetingGuestKey } from '@parley/client';
import { type MeetingPreview, meetingCodeSchema } from '@parley/protocol';
import { useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { describeError } from '../../app/error-messages.ts';
import { useSession } from '../../app/session-context.ts';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { AuthLayout } from '../../components/AuthLayout.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { StatusToast } from '../../components/StatusToast.tsx';
import { useToast } from '../../components/use-toast.ts';
import { OtherWays, OutOfMeeting, PasscodeStep } from './JoinSteps.tsx';
import { MeetingSession } from './MeetingSession.tsx';
import {
  type JoinChoices,
  readGuestName,
  readTicket,
  writeGuestName,
  writeTicket,
} from './meeting-storage.ts';
import { mayStartAudio, noiseSuppressor } from './noise-suppressor.ts';
import { type JoinRequest, PreJoinScreen } from './PreJoinScreen.tsx';

/** What "Join with an ID" hands over in the history entry: the passcode already checked. */
export interface JoinPageState {
  passcode?: string;
}

type Credentials = { token: string } | { code: string; passcode?: string };

/** A join from the pre-join screen, or a rejoin (no preview tracks then). */
type JoinAttempt = Omit<JoinRequest, 'takeStream'> & { takeStream?: JoinRequest['takeStream'] };

type Phase =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string; canUsePasscode: boolean }
  | { kind: 'passcode'; error: string | null }
  | { kind: 'ready'; preview: MeetingPreview }
  | { kind: 'in-meeting'; room: MeetingRoom; participantToken: string }
  | { kind: 'out'; status: FinalStatus | null };

/** `/j/:code?t=<token>`: one page instance per link, so following another link starts afresh. */
export function JoinMeetingRoute() {
  const { code = '' } = useParams();
  const [params] = useSearchParams();
  const token = params.get('t');
  return <JoinMeetingPage key={`${code}?${token ?? ''}`} rawCode={code} token={token} />;
}

/**
 * A meeting link or ID, from the preview to the meeting and out again: asks for the passcode when
 * the link has no token, shows the pre-join screen, joins, and comes back as the same participant
 * after a reload (the tab keeps its participant token).
 */
function JoinMeetingPage({ rawCode, token }: { rawCode: string; token: string | null }) {
  const { api, state } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const toast = useToast();
  const parsed = meetingCodeSchema.safeParse(rawCode);
  const code = parsed.success ? parsed.data : null;
  const [credentials, setCredentials] = useState<Credentials>(() =>
    token !== null
      ? { token }
      : { code: code ?? '', passcode: (location.state as JoinPageState | null)?.passcode || undefined },
  );
  const [phase, setPhase] = useState<Phase>(() =>
    code === null
      ? {
          kind: 'failed',
          message: 'This isn’t a meeting link. Check that you copied all of it.',
          canUsePasscode: false,
        }
      : { kind: 'loading' },
  );
  const [preview, setPreview] = useState<MeetingPreview | null>(null);
  const [joining, setJoining] = useState(false);
  const [joinError, setJoinError] = useState<string | null>(null);
  const last = useRef<{ displayName: string | null; choices: JoinChoices } | null>(null);

  const me = state.status === 'signed-in' ? state.me : null;
  // A member still choosing their display name joins under a typed one, like a guest.
  const memberName = me?.displayName ?? null;

  useDocumentTitle(
    phase.kind === 'out'
      ? 'You left the meeting'
      : preview !== null
        ? preview.title
        : phase.kind === 'passcode'
          ? 'Meeting passcode'
          : 'Join a meeting',
  );

  function enter(participantToken: string, choices: JoinChoices, stream?: MediaStream, suppress?: boolean) {
    if (code === null) return;
    const room = new MeetingRoom({ participantToken, noiseSuppressor });
    writeTicket(code, { participantToken, choices });
    room
      .join({
        audio: choices.audio,
        video: choices.video,
        devices: { audioInputId: choices.audioInputId, videoInputId: choices.videoInputId },
        localStream: stream,
        noiseSuppression: suppress,
      })
      .catch((error: unknown) => console.error(error));
    setPhase({ kind: 'in-meeting', room, participantToken });
  }

  // A reload while in the meeting: back in at once, as the same participant.
  const resumed = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, on arrival (the page is keyed by its link)
  useEffect(() => {
    if (resumed.current || code === null) return;
    resumed.current = true;
    const ticket = readTicket(code);
    if (ticket === null) return;
    last.current = { displayName: null, choices: ticket.choices };
    enter(ticket.participantToken, ticket.choices, undefined, mayStartAudio() ? undefined : false);
  }, []);

  useEffect(() => {
    if (phase.kind !== 'loading' || code === null || readTicket(code) !== null) return;
    let cancelled = false;
    api.previewMeeting(credentials).then(
      (found) => {
        if (cancelled) return;
        setPreview(found);
        setPhase({ kind: 'ready', preview: found });
      },
      (caught: unknown) => {
        if (cancelled) return;
        if ('code' in credentials && isApiError(caught, 'WRONG_PASSCODE')) {
          setPhase({ kind: 'passcode', error: credentials.passcode ? describeError(caught) : null });
        } else {
          setPhase({
            kind: 'failed',
            message: describeError(caught, {
              MEETING_NOT_FOUND:
                'There is no meeting with this ID. Check the link, or ask the host for a new one.',
            }),
            canUsePasscode: 'token' in credentials && isApiError(caught, 'INVALID_JOIN_TOKEN'),
          });
        }
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, phase.kind, credentials, code]);

  async function join(request: JoinAttempt) {
    setJoining(true);
    setJoinError(null);
    try {
      const ticket = await api.joinMeeting({
        ...credentials,
        displayName: request.displayName ?? undefined,
        guestKey: guestKey(),
      });
      if (request.displayName !== null) writeGuestName(request.displayName);
      last.current = { displayName: request.displayName, choices: request.choices };
      setPreview(ticket.meeting);
      enter(ticket.participantToken, request.choices, request.takeStream?.());
    } catch (caught) {
      setJoinError(describeError(caught));
    } finally {
      setJoining(false);
    }
  }

  function exit(room: MeetingRoom) {
    const { status } = room.getSnapshot();
    if (me !== null) navigate('/meetings');
    else setPhase({ kind: 'out', status: isFinal(status) ? status : null });
  }

  switch (phase.kind) {
    case 'loading':
      return (
        <main className="full-screen">
          <p role="status" className="muted">
            Opening the meeting…
          </p>
        </main>
      );
    case 'failed':
      return (
        <AuthLayout>
          <div className="stack">
            <h1>Can’t open this meeting</h1>
            <ErrorAlert message={phase.message} />
            {phase.canUsePasscode && code !== null && (
              <button
                type="button"
                className="button primary"
                onClick={() => {
                  setCredentials({ code });
                  setPhase({ kind: 'loading' });
                }}
              >
                Enter the passcode instead
              </button>
            )}
            <OtherWays signedIn={me !== null} />
          </div>
        </AuthLayout>
      );
    case 'passcode':
      return (
        <PasscodeStep
          code={code ?? ''}
          error={phase.error}
          onSubmit={(passcode) => {
            setCredentials({ code: code ?? '', passcode });
            setPhase({ kind: 'loading' });
          }}
        />
      );
    case 'ready':
      if (phase.preview.state === 'ended') {
        return (
          <AuthLayout>
            <div className="stack">
              <h1>{phase.preview.title}</h1>
              <p>
                This meeting has ended. Ask {phase.preview.hostName} for a new link if you need to meet again.
              </p>
              <OtherWays signedIn={me !== null} />
            </div>
          </AuthLayout>
        );
      }
      return (
        <>
          <PreJoinScreen
            preview={phase.preview}
            signedIn={me !== null}
            memberName={memberName}
            initialGuestName={readGuestName()}
            inviteLink={
              token === null ? null : `${window.location.origin}${location.pathname}${location.search}`
            }
            joining={joining}
            error={joinError}
            onJoin={join}
            onCopyLink={(link) =>
              navigator.clipboard.writeText(link).then(
                () => toast.show('Link copied'),
                () => toast.show('Couldn’t copy. Select the link and copy it yourself.'),
              )
            }
          />
          <StatusToast message={toast.message} />
        </>
      );
    case 'in-meeting':
      return (
        <MeetingSession
          room={phase.room}
          participantToken={phase.participantToken}
          code={code ?? ''}
          onExit={() => exit(phase.room)}
        />
      );
    case 'out':
      return (
        <OutOfMeeting
          status={phase.status}
          title={preview?.title ?? null}
          rejoining={joining}
          error={joinError}
          onRejoin={() => {
            const again = last.current;
            if (again === null) return setPhase({ kind: 'loading' });
            void join({
              displayName: again.displayName ?? (memberName === null ? readGuestName() || null : null),
              choices: again.choices,
            });
          }}
        />
      );
  }
}

/** The browser's guest key; without storage, joining works as a new guest each time. */
function guestKey(): string | undefined {
  try {
    return meetingGuestKey();
  } catch {
    return undefined;
  }
}
