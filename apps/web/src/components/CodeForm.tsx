import { ErrorAlert } from './ErrorAlert.tsx';
import { Form, SubmitButton } from './Form.tsx';
import { StatusMessage } from './StatusMessage.tsx';
import { TextField } from './TextField.tsx';
import { useFocusOnMount } from './use-focus-on-mount.ts';

interface CodeFormProps {
  /** The number the code went to, as the server normalized it. */
  phone: string;
  code: string;
  onCodeChange(code: string): void;
  onSubmit(): void;
  verifying: boolean;
  /** Seconds until another code may be requested; 0 enables "Resend code". */
  resendInSeconds: number;
  onResend(): void;
  resending: boolean;
  onChangeNumber(): void;
  error: string | null;
  notice: string | null;
}

/** Sign-in step 2: the 6-digit code from the SMS. */
export function CodeForm(props: CodeFormProps) {
  const codeRef = useFocusOnMount<HTMLInputElement>();
  return (
    <Form onSubmit={props.onSubmit}>
      <h1>Verify your number</h1>
      <p className="muted">
        Enter the 6-digit code we sent by SMS to <strong className="nowrap">{props.phone}</strong>.{' '}
        <button type="button" className="link-button inline" onClick={props.onChangeNumber}>
          Change number
        </button>
      </p>
      <StatusMessage message={props.notice} />
      <TextField
        ref={codeRef}
        label="6-digit code"
        className="code-input"
        value={props.code}
        onChange={(value) => props.onCodeChange(value.replace(/\D/g, '').slice(0, 6))}
        autoComplete="one-time-code"
        inputMode="numeric"
        maxLength={6}
        required
      />
      <ErrorAlert message={props.error} />
      <SubmitButton pending={props.verifying} pendingLabel="Verifying…">
        Verify
      </SubmitButton>
      <button
        type="button"
        className="button secondary"
        onClick={props.onResend}
        disabled={props.resending || props.resendInSeconds > 0}
      >
        {props.resending
          ? 'Sending…'
          : props.resendInSeconds > 0
            ? `Resend code in ${formatCountdown(props.resendInSeconds)}`
            : 'Resend code'}
      </button>
    </Form>
  );
}

function formatCountdown(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
