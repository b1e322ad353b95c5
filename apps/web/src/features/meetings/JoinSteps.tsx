import type { FinalStatus } from '@parley/client';
import { meetingLimits } from '@parley/protocol';
import { useState } from 'react';
import { Link } from 'react-router';
import { AuthLayout } from '../../components/AuthLayout.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Form, SubmitButton } from '../../components/Form.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useFocusOnMount } from '../../components/use-focus-on-mount.ts';
import { formatMeetingCode } from './meeting-format.ts';

/** Asks for the passcode a link without its token (or a bare meeting ID) needs. */
export function PasscodeStep({
  code,
  error,
  onSubmit,
}: {
  code: string;
  error: string | null;
  onSubmit(passcode: string): void;
}) {
  const field = useFocusOnMount<HTMLInputElement>();
  const [passcode, setPasscode] = useState('');
  const [missing, setMissing] = useState(false);
  return (
    <AuthLayout>
      <div className="stack">
        <h1>Enter the meeting passcode</h1>
        <p className="muted">
          Meeting ID {formatMeetingCode(code)} needs a passcode. The host can tell you what it is.
        </p>
        <Form
          onSubmit={() => {
            const typed = passcode.trim();
            setMissing(typed === '');
            if (typed === '') field.current?.focus();
            else onSubmit(typed);
          }}
        >
          <TextField
            ref={field}
            label="Passcode"
            value={passcode}
            onChange={setPasscode}
            autoComplete="off"
            spellCheck={false}
            maxLength={meetingLimits.passcodeMax}
          />
          <ErrorAlert message={missing ? 'Enter the passcode.' : error} />
          <SubmitButton pending={false} pendingLabel="">
            Continue
          </SubmitButton>
        </Form>
      </div>
    </AuthLayout>
  );
}

/** A guest after the meeting: why they are out, and Rejoin when they may. */
export function OutOfMeeting({
  status,
  title,
  rejoining,
  error,
  onRejoin,
}: {
  status: FinalStatus | null;
  title: string | null;
  rejoining: boolean;
  error: string | null;
  onRejoin(): void;
}) {
  const over = status?.status === 'ended' || status?.status === 'removed';
  return (
    <AuthLayout>
      <div className="stack">
        <h1>
          {status?.status === 'ended'
            ? 'The meeting has ended'
            : status?.status === 'removed'
              ? 'You were removed from the meeting'
              : 'You left the meeting'}
        </h1>
        {title !== null && <p className="muted">{title}</p>}
        <ErrorAlert message={error} />
        {!over && (
          <button type="button" className="button primary" disabled={rejoining} onClick={onRejoin}>
            {rejoining ? 'Rejoining…' : 'Rejoin'}
          </button>
        )}
        <p className="muted small">
          Have a Parley account? <Link to="/sign-in">Sign in</Link> to schedule your own meetings.
        </p>
      </div>
    </AuthLayout>
  );
}

/** Where to go from a link that does not open a meeting. */
export function OtherWays({ signedIn }: { signedIn: boolean }) {
  return (
    <div className="row">
      <Link to="/join" className="button secondary">
        Join with an ID
      </Link>
      {signedIn && (
        <Link to="/meetings" className="button secondary">
          Back to Meetings
        </Link>
      )}
    </div>
  );
}
