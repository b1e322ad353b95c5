import { meetingCodeSchema, meetingLimits } from '@parley/protocol';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { describeError } from '../../app/error-messages.ts';
import { useSession } from '../../app/session-context.ts';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { AuthLayout } from '../../components/AuthLayout.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Form, SubmitButton } from '../../components/Form.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useFocusOnMount } from '../../components/use-focus-on-mount.ts';
import type { JoinPageState } from './JoinMeetingPage.tsx';

/** "Join with an ID": the meeting ID and passcode as the host read them out, checked before the pre-join screen. */
export function JoinByIdPage() {
  useDocumentTitle('Join a meeting');
  const { api, state } = useSession();
  const navigate = useNavigate();
  const codeField = useFocusOnMount<HTMLInputElement>();
  const [code, setCode] = useState('');
  const [passcode, setPasscode] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function proceed() {
    const parsed = meetingCodeSchema.safeParse(code);
    if (!parsed.success) {
      setError('A meeting ID has 10 or 11 digits. Check the number the host gave you.');
      codeField.current?.focus();
      return;
    }
    const typed = passcode.trim();
    setPending(true);
    setError(null);
    try {
      await api.previewMeeting({ code: parsed.data, passcode: typed === '' ? undefined : typed });
      navigate(`/j/${parsed.data}`, { state: { passcode: typed } satisfies JoinPageState });
    } catch (caught) {
      setError(
        describeError(caught, {
          WRONG_PASSCODE:
            typed === ''
              ? 'This meeting needs a passcode. Ask the host for it.'
              : 'That passcode is wrong. Check it with the host.',
        }),
      );
      setPending(false);
    }
  }

  return (
    <AuthLayout>
      <div className="stack">
        <h1>Join a meeting</h1>
        <p className="muted">Enter the meeting ID and passcode from your invitation.</p>
        <Form onSubmit={proceed}>
          <TextField
            ref={codeField}
            label="Meeting ID"
            value={code}
            onChange={setCode}
            inputMode="numeric"
            autoComplete="off"
            placeholder="123 456 7890"
            maxLength={16}
            required
          />
          <TextField
            label="Passcode"
            value={passcode}
            onChange={setPasscode}
            autoComplete="off"
            spellCheck={false}
            maxLength={meetingLimits.passcodeMax}
            hint="Leave it empty if the meeting has none."
          />
          <ErrorAlert message={error} />
          <SubmitButton pending={pending} pendingLabel="Checking…">
            Continue
          </SubmitButton>
        </Form>
        {state.status === 'signed-in' && (
          <Link to="/meetings" className="link-button">
            Back to Meetings
          </Link>
        )}
      </div>
    </AuthLayout>
  );
}
