import { Avatar } from '../../components/Avatar.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { HangUpIcon, PhoneIcon, VideoCallIcon } from '../../components/icons.tsx';
import { useFocusOnMount } from '../../components/use-focus-on-mount.ts';
import { describeCallError } from './call-errors.ts';
import type { CallParty } from './call-party.ts';
import { incomingCallText } from './call-words.ts';
import type { CallsApi, CallView } from './calls-api.ts';
import { useCallAction } from './use-calls.ts';

/** Someone is calling: who, what kind of call, and the answers. */
export function IncomingCallScreen({
  calls,
  view,
  party,
}: {
  calls: CallsApi;
  view: CallView;
  party: CallParty;
}) {
  const { error, run } = useCallAction(describeCallError);
  const video = view.call.media === 'video';
  const focus = useFocusOnMount<HTMLButtonElement>();
  return (
    <div
      className="call-screen call-incoming"
      role="alertdialog"
      aria-modal="true"
      aria-label={`Incoming call from ${party.name}`}
    >
      <div className="call-incoming-who">
        <Avatar name={party.name} url={party.avatarUrl} size="large" alt="" />
        <h2 className="call-name">{party.name}</h2>
        <p className="call-status">{incomingCallText(view.call)}</p>
      </div>
      <ErrorAlert message={error ?? view.error} />
      <div className="call-answers">
        <button type="button" className="call-round call-decline" onClick={() => run(() => calls.decline())}>
          <HangUpIcon />
          <span>Decline</span>
        </button>
        <button
          type="button"
          className="call-round call-accept"
          ref={video ? undefined : focus}
          onClick={() => run(() => calls.accept({ video: false }))}
        >
          <PhoneIcon />
          <span>{video ? 'Accept (audio only)' : 'Accept'}</span>
        </button>
        {video && (
          <button
            type="button"
            className="call-round call-accept"
            ref={focus}
            onClick={() => run(() => calls.accept({ video: true }))}
          >
            <VideoCallIcon />
            <span>Accept with video</span>
          </button>
        )}
      </div>
    </div>
  );
}
