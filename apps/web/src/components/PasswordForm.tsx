import { ErrorAlert } from './ErrorAlert.tsx';
import { Form, SubmitButton } from './Form.tsx';
import { StatusMessage } from './StatusMessage.tsx';
import { TextField } from './TextField.tsx';

interface PasswordFormProps {
  /** Whether the account already has a password, which must then be confirmed to change it. */
  hasPassword: boolean;
  currentPassword: string;
  onCurrentPasswordChange(value: string): void;
  newPassword: string;
  onNewPasswordChange(value: string): void;
  minLength: number;
  maxLength: number;
  onSubmit(): void;
  pending: boolean;
  error: string | null;
  notice: string | null;
}

/** Sets a first password or changes the current one. */
export function PasswordForm(props: PasswordFormProps) {
  return (
    <Form onSubmit={props.onSubmit}>
      <p className="muted">
        {props.hasPassword
          ? 'Change the password you use to sign in without an SMS code.'
          : 'Set a password to sign in without waiting for an SMS code.'}
      </p>
      {props.hasPassword && (
        <TextField
          label="Current password"
          type="password"
          autoComplete="current-password"
          maxLength={props.maxLength}
          required
          value={props.currentPassword}
          onChange={props.onCurrentPasswordChange}
        />
      )}
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${props.minLength} characters.`}
        minLength={props.minLength}
        maxLength={props.maxLength}
        required
        value={props.newPassword}
        onChange={props.onNewPasswordChange}
      />
      <ErrorAlert message={props.error} />
      <div className="row">
        <SubmitButton pending={props.pending} pendingLabel="Saving…">
          {props.hasPassword ? 'Change password' : 'Set password'}
        </SubmitButton>
        <StatusMessage message={props.notice} />
      </div>
    </Form>
  );
}
